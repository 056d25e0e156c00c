"""Build `hrevents/review_assets/world.json`, the country outlines of the review page's map.

Input: `countries-110m.json` of the npm package world-atlas 2.0.2 (TopoJSON of Natural Earth's
1:110m Admin 0 countries; Natural Earth is public domain, world-atlas is ISC-licensed, © Mike
Bostock). Get it with `npm pack world-atlas@2.0.2` and unpack the tarball. The output holds one
SVG path per country in an equirectangular projection (x = longitude + 180, y = 90 − latitude,
one decimal: about 10 km, finer than the 1:110m data), so the page draws it without a
projection library and without fetching anything.

    python scripts/make_world_outline.py package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

#: world-atlas' ISC notice, which asks to be kept with copies; the Natural Earth data itself is public domain.
LICENCE = (
    "Natural Earth data: public domain (naturalearthdata.com). world-atlas: Copyright 2013-2019 Michael Bostock. "
    "Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is "
    "hereby granted, provided that the above copyright notice and this permission notice appear in all copies. "
    'THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE '
    "INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR "
    "ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, "
    "DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN "
    "CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE."
)
OUT = Path(__file__).resolve().parents[1] / "pipeline" / "hrevents" / "review_assets" / "world.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantised, delta-encoded TopoJSON arcs to absolute longitude/latitude."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data; a ring that jumps across the antimeridian (Russia, Fiji) is broken there
    into open pieces, which would otherwise draw a line across the whole map."""
    parts = []
    for points in rings:
        pieces: list[list[str]] = [[]]
        last_xy, last_lon = None, None
        for lon, lat in points:
            if last_lon is not None and abs(lon - last_lon) > 180:
                pieces.append([])
            xy = f"{lon + 180:.1f} {90 - lat:.1f}"
            if xy != last_xy:
                pieces[-1].append(xy)
            last_xy, last_lon = xy, lon
        closed = len(pieces) == 1
        for coords in pieces:
            if len(coords) >= 3:
                parts.append("M" + "L".join(coords) + ("Z" if closed else ""))
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text("utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["properties"]["name"] == "Antarctica":
            continue  # no events there; the map's world view stops at 60° S
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        found = pycountry.countries.get(numeric=str(geometry.get("id", ""))) if geometry.get("id") else None
        countries.append(
            {"id": found.alpha_2 if found else "", "name": geometry["properties"]["name"], "d": path(rings)}
        )
    countries.sort(key=lambda c: c["name"])
    data = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC, © Mike Bostock)",
        "licence": LICENCE,
        "projection": "equirectangular: x = longitude + 180, y = 90 - latitude",
        "countries": countries,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(countries)} countries, {OUT.stat().st_size:,} bytes -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
