"""Doccano and INCEpTION round trips, through the Label Studio tasks of `hrevents.annotation`.

Every format draws an event the same way (an action span, argument spans joined to it by
relations, per-span values: see `hrevents.annotation`), so each one is converted to and
from one neutral form, `AnnotatedText`, and the Label Studio task is the only thing the
gold import reads. A label drawn in Doccano or INCEpTION therefore means exactly what it
means in Label Studio, and all three round trips are checked by the same import.

- **Doccano** (sequence labelling with relations): one JSON line per task, `text`,
  `entities` (`id`, `label`, `start_offset`, `end_offset`, in code points as Python counts
  them) and `relations` (`from_id`, `to_id`, `type`); the task's data (`report_id`,
  `text_file` …) are extra keys, which Doccano keeps as metadata and exports again, and the
  values that are not spans (ISO date, normalised name, aliases, optional) are under the
  `hrevents` key.
- **INCEpTION** (UIMA CAS XMI, written and read with dkpro-cassis): custom layers
  `webanno.custom.HreventsSpan` (features `label`, `value`, `dateIso`, `aliases`, `extra`,
  `optional`) and the relation layer `webanno.custom.HreventsRelation` (`Governor`,
  `Dependent`, `label`), plus a `webanno.custom.HreventsReport` annotation over the whole text
  holding the task's data as JSON and `complete`. cassis converts offsets to the UTF-16
  units Java counts. Export: a folder or a .zip of `<report_id>.xmi` files with
  `TypeSystem.xml`; import takes such a folder or zip (INCEpTION's own exports included:
  every .xmi inside, with the TypeSystem.xml next to it), or one .xmi file.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from hrevents.annotation import FROM_NAME, TO_NAME, AnnotationError
from hrevents.review import code_point_offsets, keep_mode, utf16_offsets
from hrevents.writers import atomic_path

SPAN_TYPE = "webanno.custom.HreventsSpan"
RELATION_TYPE = "webanno.custom.HreventsRelation"
REPORT_TYPE = "webanno.custom.HreventsReport"
METADATA_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
#: Per-span text boxes of the labelling config, and their INCEpTION feature names.
EXTRAS = {"date_iso": "dateIso", "value": "value", "aliases": "aliases", "extra": "extra"}
SAFE_NAME = re.compile(r"[^\w.-]+")


@dataclass
class Span:
    id: str
    start: int  # code points
    end: int
    label: str
    extras: dict[str, list[str]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


@dataclass
class AnnotatedText:
    """One task in no tool's shape: text, data, spans (code points), relations, completeness."""

    data: dict
    spans: list[Span] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (from id, to id, label)
    complete: bool = True

    @property
    def text(self) -> str:
        return str(self.data.get("text") or "")


# ---------------------------------------------------------------- Label Studio tasks <-> neutral form


def from_task(task: dict) -> AnnotatedText:
    """A Label Studio task's gold annotation (else its predictions) in the neutral form."""
    data = dict(task.get("data") or {})
    results = (task.get("annotations") or [{}])[0].get("result") if task.get("annotations") else None
    if results is None:
        results = (task.get("predictions") or [{}])[0].get("result") or []
    doc = AnnotatedText(data=data)
    text = doc.text
    spans: dict[str, Span] = {}
    for item in results:
        if item.get("type") == "labels" and item.get("value", {}).get("labels"):
            value = item["value"]
            start, end = code_point_offsets(text, (int(value["start"]), int(value["end"])))
            spans[str(item["id"])] = Span(str(item["id"]), start, end, value["labels"][0])
    for item in results:
        kind, span = item.get("type"), spans.get(str(item.get("id")))
        if kind == "textarea" and span is not None:
            span.extras.setdefault(item.get("from_name", ""), []).extend(item.get("value", {}).get("text", []))
        elif kind == "choices" and span is not None:
            span.flags.extend(item.get("value", {}).get("choices", []))
        elif kind == "choices" and item.get("from_name") == "report":
            doc.complete = "incomplete" not in item.get("value", {}).get("choices", [])
        elif kind == "relation":
            label = (item.get("labels") or [""])[0]
            doc.relations.append((str(item.get("from_id")), str(item.get("to_id")), label))
    doc.spans = list(spans.values())
    return doc


def to_task(doc: AnnotatedText) -> dict:
    """The neutral form as a Label Studio task with one annotation, for `import_task_list`."""
    text = doc.text
    results: list[dict] = []
    for span in doc.spans:
        start, end = utf16_offsets(text, (span.start, span.end))
        where = {"start": start, "end": end}
        results.append(
            {
                "id": span.id,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": {**where, "text": text[span.start : span.end], "labels": [span.label]},
            }
        )
        for name, values in span.extras.items():
            if values:
                results.append(
                    {
                        "id": span.id,
                        "from_name": name,
                        "to_name": TO_NAME,
                        "type": "textarea",
                        "value": {**where, "text": values},
                    }
                )
        if span.flags:
            results.append(
                {
                    "id": span.id,
                    "from_name": "flags",
                    "to_name": TO_NAME,
                    "type": "choices",
                    "value": {**where, "choices": span.flags},
                }
            )
    for source, target, label in doc.relations:
        results.append(
            {"from_id": source, "to_id": target, "type": "relation", "direction": "right", "labels": [label]}
        )
    if not doc.complete:
        results.append(
            {
                "id": "report-choice",
                "from_name": "report",
                "to_name": TO_NAME,
                "type": "choices",
                "value": {"choices": ["incomplete"]},
            }
        )
    return {"data": doc.data, "annotations": [{"result": results}]}


# ---------------------------------------------------------------- Doccano JSONL


def to_doccano(doc: AnnotatedText) -> dict:
    ids = {span.id: number for number, span in enumerate(doc.spans, start=1)}
    extras = {
        str(ids[span.id]): {**span.extras, **({"flags": span.flags} if span.flags else {})}
        for span in doc.spans
        if span.extras or span.flags
    }
    line: dict[str, object] = {
        "text": doc.text,
        "entities": [
            {"id": ids[s.id], "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in doc.spans
        ],
        "relations": [
            {"id": number, "from_id": ids[a], "to_id": ids[b], "type": label}
            for number, (a, b, label) in enumerate(doc.relations, start=1)
            if a in ids and b in ids
        ],
    }
    line.update({key: value for key, value in doc.data.items() if key != "text"})
    line["hrevents"] = {"complete": doc.complete, "extras": extras}
    return line


def from_doccano(line: dict, number: int) -> AnnotatedText:
    if not isinstance(line.get("text"), str):
        raise AnnotationError(f"line {number}: no `text`: not a Doccano JSONL export")
    own = line.get("hrevents") or {}
    extras = own.get("extras") or {}
    data = {
        key: value
        for key, value in line.items()
        if key not in ("entities", "relations", "label", "hrevents", "id", "Comments", "comments")
    }
    doc = AnnotatedText(data=data, complete=bool(own.get("complete", True)))
    entities = line.get("entities")
    if entities is None:  # Doccano's relation-less format: [[start, end, label], ...]
        entities = [
            {"id": n, "start_offset": s, "end_offset": e, "label": lab}
            for n, (s, e, lab) in enumerate(line.get("label") or [], 1)
        ]
    for entity in entities:
        key = str(entity["id"])
        more = dict(extras.get(key) or {})
        flags = list(more.pop("flags", []))
        doc.spans.append(
            Span(key, int(entity["start_offset"]), int(entity["end_offset"]), str(entity["label"]), more, flags)
        )
    for relation in line.get("relations") or []:
        doc.relations.append((str(relation["from_id"]), str(relation["to_id"]), str(relation.get("type", ""))))
    return doc


def write_doccano(docs: Iterable[AnnotatedText], path: Path) -> int:
    lines = [json.dumps(to_doccano(doc), ensure_ascii=False) for doc in docs]
    with atomic_path(path) as temporary:
        temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        keep_mode(temporary, path)
    return len(lines)


def read_doccano(path: Path) -> list[AnnotatedText]:
    docs = []
    for number, raw in enumerate(path.read_text("utf-8-sig").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as error:
            raise AnnotationError(f"{path}: line {number} is not JSON: {error}") from error
        if not isinstance(line, dict):
            raise AnnotationError(f"{path}: line {number} is not a JSON object")
        docs.append(from_doccano(line, number))
    return docs


# ---------------------------------------------------------------- INCEpTION: UIMA CAS XMI


@lru_cache(maxsize=1)
def typesystem():  # -> cassis.TypeSystem (cassis is untyped)
    """The layers of an INCEpTION project for hrevents (DKPro Core types included).

    Built once per process (DKPro Core's 211 types take a while) and never changed after."""
    from cassis import load_dkpro_core_typesystem
    from cassis.typesystem import TYPE_NAME_BOOLEAN, TYPE_NAME_STRING

    system = load_dkpro_core_typesystem()
    # DKPro Core's document metadata, as INCEpTION writes it (not in cassis' bundled type system).
    metadata = system.create_type(METADATA_TYPE, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        system.create_feature(metadata, name, TYPE_NAME_STRING)
    system.create_feature(metadata, "isLastSegment", TYPE_NAME_BOOLEAN)
    span = system.create_type(SPAN_TYPE, description="hrevents: an action or an argument of an event")
    for name in ("label", *EXTRAS.values()):
        system.create_feature(span, name, TYPE_NAME_STRING)
    system.create_feature(span, "optional", TYPE_NAME_BOOLEAN)
    relation = system.create_type(RELATION_TYPE, description="hrevents: an argument joined to its action")
    system.create_feature(relation, "Governor", span)
    system.create_feature(relation, "Dependent", span)
    system.create_feature(relation, "label", TYPE_NAME_STRING)
    report = system.create_type(REPORT_TYPE, description="hrevents: the task's data (JSON) and completeness")
    system.create_feature(report, "data", TYPE_NAME_STRING)
    system.create_feature(report, "complete", TYPE_NAME_BOOLEAN)
    return system


def to_cas(doc: AnnotatedText, system):  # -> cassis.Cas
    from cassis import Cas

    cas = Cas(typesystem=system)
    cas.sofa_string = doc.text
    SpanType, RelationType = system.get_type(SPAN_TYPE), system.get_type(RELATION_TYPE)
    ReportType, Metadata = system.get_type(REPORT_TYPE), system.get_type(METADATA_TYPE)
    report_id = str(doc.data.get("report_id") or "")
    part = f"-{doc.data['paragraph']}" if "paragraph" in doc.data else ""
    cas.add(
        Metadata(
            begin=0,
            end=len(doc.text),
            documentId=report_id + part,
            documentTitle=str(doc.data.get("title") or report_id),
        )
    )
    data = {key: value for key, value in doc.data.items() if key != "text"}
    cas.add(ReportType(begin=0, end=len(doc.text), data=json.dumps(data, ensure_ascii=False), complete=doc.complete))
    made = {}
    for span in doc.spans:
        features = {feature: "\n".join(span.extras[name]) for name, feature in EXTRAS.items() if span.extras.get(name)}
        made[span.id] = SpanType(
            begin=span.start, end=span.end, label=span.label, optional="optional" in span.flags, **features
        )
        cas.add(made[span.id])
    for source, target, label in doc.relations:
        if source in made and target in made:
            dependent = made[target]
            cas.add(
                RelationType(
                    begin=dependent.begin, end=dependent.end, Governor=made[source], Dependent=dependent, label=label
                )
            )
    return cas


def from_cas(cas, name: str) -> AnnotatedText:
    reports = list(cas.select(REPORT_TYPE)) if _has_type(cas, REPORT_TYPE) else []
    if reports:
        data = json.loads(reports[0].get("data") or "{}")
        complete = reports[0].get("complete") is not False
    else:  # a document INCEpTION made itself: its name is the report id
        data, complete = {"report_id": Path(name).stem}, True
    data["text"] = cas.sofa_string
    doc = AnnotatedText(data=data, complete=complete)
    if not _has_type(cas, SPAN_TYPE):
        return doc
    ids: dict[int, str] = {}
    for number, annotation in enumerate(cas.select(SPAN_TYPE), start=1):
        ids[annotation.xmiID] = f"s{number}"
        extras = {key: [annotation.get(feature)] for key, feature in EXTRAS.items() if annotation.get(feature)}
        doc.spans.append(
            Span(
                f"s{number}",
                annotation.begin,
                annotation.end,
                str(annotation.get("label") or ""),
                extras,
                ["optional"] if annotation.get("optional") else [],
            )
        )
    if _has_type(cas, RELATION_TYPE):
        for relation in cas.select(RELATION_TYPE):
            governor, dependent = relation.get("Governor"), relation.get("Dependent")
            if governor is not None and dependent is not None and governor.xmiID in ids and dependent.xmiID in ids:
                doc.relations.append((ids[governor.xmiID], ids[dependent.xmiID], str(relation.get("label") or "")))
    return doc


def _has_type(cas, name: str) -> bool:
    return any(t.name == name for t in cas.typesystem.get_types())


def write_inception(docs: Iterable[AnnotatedText], path: Path) -> int:
    """`<report_id>.xmi` files and `TypeSystem.xml` into a folder, or into a zip when `path` ends in .zip."""
    system = typesystem()
    files: dict[str, bytes] = {"TypeSystem.xml": system.to_xml().encode("utf-8")}
    for doc in docs:
        stem = SAFE_NAME.sub("_", str(doc.data.get("report_id") or "report"))
        if "paragraph" in doc.data:
            stem += f"-p{int(doc.data['paragraph']):03d}"
        files[f"{stem}.xmi"] = to_cas(doc, system).to_xmi().encode("utf-8")
    if path.suffix.lower() == ".zip":
        with atomic_path(path) as temporary:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
            keep_mode(temporary, path)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (path / name).write_bytes(data)
    return len(files) - 1


def _xmi_files(path: Path) -> Iterator[tuple[str, bytes, bytes | None]]:
    """(name, xmi bytes, typesystem bytes) for every .xmi in a folder, a zip or one file."""
    if path.is_file() and path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            for name in sorted(n for n in names if n.lower().endswith(".xmi")):
                folder = name.rpartition("/")[0]
                system = next(
                    (
                        n
                        for n in names
                        if n.rpartition("/")[0] == folder and n.rpartition("/")[2].lower() == "typesystem.xml"
                    ),
                    None,
                )
                yield name, archive.read(name), archive.read(system) if system else None
        return
    files = [path] if path.is_file() else sorted(path.rglob("*.xmi"))
    for file in files:
        beside = next((p for p in file.parent.iterdir() if p.name.lower() == "typesystem.xml"), None)
        yield file.name, file.read_bytes(), beside.read_bytes() if beside else None


@lru_cache(maxsize=8)
def _typesystem_from(data: bytes):  # -> cassis.TypeSystem
    """A TypeSystem.xml, parsed once however many XMI files share it."""
    from cassis import load_typesystem

    return load_typesystem(io.BytesIO(data))


def read_inception(path: Path) -> list[AnnotatedText]:
    from cassis import load_cas_from_xmi

    docs = []
    try:
        found = list(_xmi_files(path))
    except zipfile.BadZipFile as error:
        raise AnnotationError(f"{path}: not a zip file: {error}") from error
    for name, xmi, system_bytes in found:
        system = _typesystem_from(system_bytes) if system_bytes else typesystem()
        try:
            cas = load_cas_from_xmi(io.BytesIO(xmi), typesystem=system)
        except Exception as error:  # lxml and cassis raise many kinds; name the file
            raise AnnotationError(f"{path}: {name} is not a UIMA CAS XMI file: {error}") from error
        docs.append(from_cas(cas, name))
    if not docs:
        raise AnnotationError(f"{path}: no .xmi file found")
    return docs


# ---------------------------------------------------------------- entry points

FORMATS = ("label-studio", "doccano", "inception")


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return "doccano"
    if suffix in (".zip", ".xmi") or path.is_dir():
        return "inception"
    return "label-studio"


def write_tasks(tasks: list[dict], path: Path, fmt: str) -> int:
    """Label Studio tasks written as `fmt`; returns the number of documents written."""
    docs = [from_task(task) for task in tasks]
    if fmt == "doccano":
        return write_doccano(docs, path)
    if fmt == "inception":
        return write_inception(docs, path)
    raise ValueError(f"unknown annotation format {fmt!r}; expected one of {', '.join(FORMATS)}")


def read_tasks(path: Path, fmt: str) -> list[dict]:
    """An annotation tool's export as Label Studio tasks, for `hrevents.annotation.import_task_list`."""
    if fmt == "doccano":
        return [to_task(doc) for doc in read_doccano(path)]
    if fmt == "inception":
        return [to_task(doc) for doc in read_inception(path)]
    raise ValueError(f"unknown annotation format {fmt!r}; expected one of {', '.join(FORMATS)}")
