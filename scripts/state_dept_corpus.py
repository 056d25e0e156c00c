"""Rebuild whole State Department country reports, and HRDsAttack news articles, into an
ignored folder, for the speed benchmark and the HTML input path. Never committed.

    .venv/bin/python scripts/state_dept_corpus.py --year 2019 --count 25
    .venv/bin/python scripts/state_dept_corpus.py --year 2019             # the whole year
    .venv/bin/python scripts/state_dept_corpus.py --news                  # HRDsAttack dev split

Country reports come from a bare git mirror of `InsideClimateNews/2025-08-state-department-human-rights`
(the `fetch` tool brings it; it has no work tree, so each page is read with
`git show HEAD:html/<year>/<country>.html`) and are written as they are, HTML, to
`corpus/external/state-dept/<year>/<country>.html` (`hrevents extract` reads HTML). The
country-years kept for hidden measurement (Russia 2016, Iran 2020, Vietnam 2021, Cuba 2022)
are never written.

News: the articles of the HRDsAttack **dev** split (`dataminr-ai/HRDsAttack`, `data/dev.json`;
the test split is never read), each `sample["Input.article_interface"]` (HTML paragraphs, with
the title and publication date) as `corpus/external/hrdsattack-dev/<number>.html`. News texts
are third-party: the folder is git-ignored.
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpus" / "external"
STATE_DEPT = Path("/work/.mirror/InsideClimateNews+2025-08-state-department-human-rights/repo")
HRDSATTACK = Path("/work/.mirror/dataminr-ai+HRDsAttack/repo")
RESERVED = frozenset({("russia", 2016), ("iran", 2020), ("vietnam", 2021), ("cuba", 2022)})


def git_show(repo: Path, path: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git show HEAD:{path} in {repo} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def countries(repo: Path, year: int) -> list[str]:
    done = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", f"html/{year}/"],
        capture_output=True,
        text=True,
        check=True,
    )
    names = [Path(line).stem for line in done.stdout.split() if line.endswith(".html")]
    return sorted(name for name in names if (name, year) not in RESERVED)


def spread(items: list[str], count: int | None) -> list[str]:
    """`count` items spread evenly over the alphabetical list (all of them without a count)."""
    if count is None or count >= len(items):
        return items
    step = len(items) / count
    return [items[int(number * step)] for number in range(count)]


def state_dept(year: int, count: int | None, repo: Path = STATE_DEPT, out: Path = OUT) -> Path:
    folder = out / "state-dept" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    chosen = spread(countries(repo, year), count)
    for stale in folder.glob("*.html"):  # a smaller --count than last time must give fewer files
        if stale.stem not in chosen:
            stale.unlink()
    for name in chosen:
        target = folder / f"{name}.html"
        if not target.exists():
            target.write_bytes(git_show(repo, f"html/{year}/{name}.html"))
    return folder


def news(repo: Path = HRDSATTACK, out: Path = OUT, count: int | None = None) -> Path:
    folder = out / "hrdsattack-dev"
    folder.mkdir(parents=True, exist_ok=True)
    samples = json.loads(git_show(repo, "data/dev.json"))
    for number, item in enumerate(samples[:count] if count else samples):
        sample = item["sample"]
        title = html.escape(str(sample.get("Input.title") or ""))
        published = html.escape(str(sample.get("Input.publish_date") or "")[:10])
        page = (
            f'<html><head><title>{title}</title><meta name="date" content="{published}"></head>'
            f"<body>{sample['Input.article_interface']}</body></html>\n"
        )
        (folder / f"{number:04d}.html").write_text(page, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, help="year of the country reports (2016-2024)")
    parser.add_argument("--count", type=int, help="how many countries, spread over the alphabet (default: all)")
    parser.add_argument("--news", action="store_true", help="also write the HRDsAttack dev articles")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT}; keep it git-ignored)")
    args = parser.parse_args()
    if args.year is None and not args.news:
        parser.error("give --year, --news or both")
    if args.year is not None:
        folder = state_dept(args.year, args.count, out=args.out)
        print(f"{len(list(folder.glob('*.html')))} country reports of {args.year} in {folder}")
    if args.news:
        folder = news(out=args.out)
        print(f"{len(list(folder.glob('*.html')))} HRDsAttack dev articles in {folder}")


if __name__ == "__main__":
    main()
