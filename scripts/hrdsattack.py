"""HRDsAttack news articles as a development set, scored with the paper's article-level metrics.

HRDsAttack (Ran, Lu, Tetreault, Cahill and Jaimes, "A New Task and Dataset on Detecting Attacks
on Human Rights Defenders", Findings of ACL 2023; github.com/dataminr-ai/HRDsAttack, MIT licence)
is 500 news articles, each labelled with ONE attack: its victims' names, violation types,
country, year, month and day. The texts are third-party news: they are rebuilt from a fetched
copy of that repository into a git-ignored folder and never committed here.

Only the train and dev splits are ever read. The test split is the project's external exam:
every entry point refuses it (`check_split`), and the git path of the test file is never built.

Commands:
    python scripts/hrdsattack.py rebuild --repo DIR --split dev [--out corpus/external/hrdsattack/dev]
    python scripts/hrdsattack.py score --pred EVENTS.jsonl --gold corpus/external/hrdsattack/dev
    python scripts/hrdsattack.py run --repo DIR --split dev [--json m.json]

`--repo` is a clone of the dataset repository, bare or not (the files are read with `git show`,
so no work tree is needed); the environment variable HRDSATTACK_REPO can give it instead.

The rebuilt folder holds `reports/<article id>.txt` (front matter + plain text, one paragraph a
block), `labels.jsonl` (one line per article: the paper's labels, normalised as its code does)
and `manifest.json` (dataset commit and split). `run` writes the pipeline's events under
`pred/` in the same folder.

The metrics mirror `evaluate_all` in the dataset's `src/models/utils.py` (called by
`src/models/evaluate.py`); each function below names the lines it follows. Two things the
paper's code does that a reader should know:
- A field whose gold is missing (no year, month, day or country annotated) can never be scored
  correct: the paper's T5 model always emits a string ("None" when it has no answer) and the
  gold is Python None. That is mirrored (`paper` rows); `lenient` rows also count an article
  where gold and prediction are both missing, which the paper's code does not.
- Country is compared as an exact string ("China" is not "People's Republic of China"); the
  `country (ISO code)` row compares the two as ISO 3166 codes instead (not a paper metric).
`scripts/hrdsattack_crosscheck.py` runs the paper's own code on our answers and checks that
every figure here is the same.

Two article-level readings go beyond the events' own fields, and each is counted in the table
so that the events-only figure can be told apart: an article whose events carry no country
takes the one its text names most (`mentioned_countries`, "articles placed by the countries
they name"), and a victim named by one word takes the full name the article first gives
(`full_name`, "victim names completed").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import typer
import yaml
from pydantic import BaseModel, ConfigDict
from spacy.lang.en.stop_words import STOP_WORDS

from hrevents.geo.gazetteer import fold, gazetteer
from hrevents.geo.phrases import country_mentions, place_mentions
from hrevents.rules.schema import load_lexicon
from hrevents_models.vocabulary import check_action

SPLITS = ("train", "dev")
FORBIDDEN_SPLIT = "test"
DEFAULT_OUT = Path("corpus/external/hrdsattack")
LABELS_FILE = "labels.jsonl"
MANIFEST_FILE = "manifest.json"
REPORTS_DIR = "reports"
PRED_DIR = "pred"

# The paper's violation-type labels (`violation_all_list` in utils.generate_features_t5).
VIOLATION_TYPES = (
    "arbitrary detention",
    "enforced disappearance",
    "kidnapping",
    "killing",
    "unknown",
    "other",
    "torture",
)
# Our actions (SPEC section 2) to those labels, as issue 15 fixes them. None: no violation.
# An action of the vocabulary that is not listed here maps to OTHER_VIOLATION.
ACTION_VIOLATIONS: dict[str, str | None] = {
    "arrest": "arbitrary detention",
    "detention": "arbitrary detention",
    "sentence": "arbitrary detention",
    "disappearance": "enforced disappearance",
    "abduction": "kidnapping",
    "killing": "killing",
    "ill_treatment": "torture",
    "release": None,
    "acquittal": None,
}
OTHER_VIOLATION = "other"
# ISO 3166 gives some territories codes of their own; the dataset's country is the sovereign
# state the annotators name ("China" for an arrest in Hong Kong), so an event's territory code
# is read as its state's before the article's country is chosen.
SOVEREIGN_STATES = {"HK": "CN", "MO": "CN", "PR": "US", "GU": "US", "VI": "US", "AS": "US", "MP": "US"}
NO_VIOLATION = "unknown"

# utils.load_examples: `month_map`, month numbers written as the names the gold uses.
PUBLISHED_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
MONTHS = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}

LICENCE_NOTE = (
    "Third-party news text, redistributed in the HRDsAttack dataset (whose MIT licence covers the "
    "dataset, not the articles' copyright); for local evaluation only, never commit it"
)

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="HRDsAttack news as a dev set, scored with the paper's metrics."
)


# --- the split and the repository -------------------------------------------------------


def check_split(split: str) -> str:
    """The only gate to the dataset's files: train and dev pass, test is refused by name."""
    if split.strip().lower() == FORBIDDEN_SPLIT:
        raise ValueError(
            "the HRDsAttack test split is the project's external exam: it is never rebuilt, read or scored here"
        )
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of: {', '.join(SPLITS)}")
    return split


def _split_option(value: str) -> str:
    try:
        return check_split(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)
    except FileNotFoundError as error:
        raise RuntimeError("git is not installed; it is needed to read the dataset repository") from error
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"git {' '.join(args)} failed in {repo}: {message}") from error
    return done.stdout


def resolve_commit(repo: Path, commit: str = "HEAD") -> str:
    """The full hash of `commit`, recorded in the manifest so a rebuild is reproducible."""
    return _git(repo, "rev-parse", "--verify", f"{commit}^{{commit}}").decode().strip()


def read_split_bytes(repo: Path, split: str, commit: str = "HEAD") -> bytes:
    """The split's file (`data/<split>.json`) as stored at `commit`, read from the git objects."""
    return _git(repo, "show", f"{commit}:data/{check_split(split)}.json")


def read_split(repo: Path, split: str, commit: str = "HEAD") -> list[dict[str, Any]]:
    """The split's articles as the dataset stores them."""
    data = json.loads(read_split_bytes(repo, split, commit))
    if not isinstance(data, list):
        raise RuntimeError(f"data/{split}.json at {commit} is not a JSON list of articles")
    return data


# --- articles to reports ----------------------------------------------------------------

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def article_paragraphs(markup: str) -> list[str]:
    """`Input.article_interface` (text in `<p>` elements) as plain paragraphs.

    Only complete character references (`&amp;`, `&#8217;`) are decoded: the articles hold raw
    ampersands ("AT&T"), which `html.unescape` alone could misread ("&copy" without a `;`).
    Text outside any `<p>` is kept as one more paragraph rather than lost.
    """
    found = _PARAGRAPH.findall(markup)
    rest = _PARAGRAPH.sub(" ", markup)
    if _TAG.sub(" ", rest).strip():
        found.append(rest)
    paragraphs = []
    for piece in found:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), _TAG.sub(" ", piece))
        text = " ".join(text.split())
        if text:
            paragraphs.append(text)
    return paragraphs


def article_id(sample: dict[str, Any]) -> str:
    return str(sample["sample"]["Input.GLOBALEVENTID"]).strip()


def published_date(value: str | None) -> dt.date | None:
    """`Input.publish_date` ("2021-03-08 23:00:34", with or without a UTC offset) as the local date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def report_text(sample: dict[str, Any], split: str, commit: str) -> str:
    """One article as a report file (SPEC section 3): front matter, then a paragraph per block."""
    inputs = sample["sample"]
    meta: dict[str, Any] = {
        "title": " ".join(str(inputs.get("Input.title") or "").split()),
        "published": published_date(inputs.get("Input.publish_date")),
        "source": (
            f"HRDsAttack dataset (Ran et al., Findings of ACL 2023), {split} split, "
            f"GDELT event {article_id(sample)}, github.com/dataminr-ai/HRDsAttack@{commit[:12]}"
        ),
        "licence": LICENCE_NOTE,
    }
    meta = {key: value for key, value in meta.items() if value not in (None, "")}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    body = "\n\n".join(article_paragraphs(str(inputs.get("Input.article_interface") or "")))
    return f"---\n{front}---\n{body}\n"


# --- the paper's labels -----------------------------------------------------------------


class ArticleLabels(BaseModel):
    """One article's gold, after `utils.load_examples` (lines 50-170 of the dataset's utils.py)."""

    model_config = ConfigDict(extra="forbid")

    report_id: str
    text_file: str
    article_id: str
    split: str
    published: str | None = None
    title: str = ""
    victims: list[str] = []
    violation_types: list[str] = []
    country: str | None = None
    region: str | None = None
    city: str | None = None
    year: str | None = None
    month: str | None = None
    day: str | None = None
    perpetrator_mention: bool | None = None
    perpetrator_type: str | None = None


def _missing(value: Any, words: Iterable[str]) -> bool:
    return isinstance(value, str) and value.lower() in words


def _whole_number(value: Any) -> str | None:
    """`str(int(float(x)))`, as load_examples writes years and days ("2021.0" -> "2021").

    The paper's code has no guard here and would stop on "unknown"; such a value is kept as
    written (the month's own try/except does the same), so it is never scored correct.
    """
    if value is None or value == "":
        return None
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


def normalise_labels(sample: dict[str, Any]) -> dict[str, Any]:
    """The article's labels as `utils.load_examples` reads them from `merged_sample`.

    `merged_sample` is the dataset's own aggregate of the annotators' labels (in train and dev
    every article has one annotation, identical to it); the paper's code reads only it. The same
    corrections are made: "n/a"/"none" place names to None, two misspelt months, month numbers
    to names, years and days through `str(int(float(x)))`, the three articles whose dates the
    code fixes by id, and "unknown" dropped from violation types that name another type.
    Victims are the annotated names, in order, with unnamed victims left out (`filter_name`).
    """
    merged = sample["merged_sample"]
    identifier = sample["sample"]["Input.GLOBALEVENTID"]
    full = "city" in merged  # "part" annotations have no places, dates or violation types
    labels: dict[str, Any] = {
        "perpetrator_mention": merged.get("perpetrator_mention"),
        "victims": [v["victim_name"] for v in merged.get("victims") or [] if v.get("victim_name")],
    }
    if not full:
        return labels
    city = merged.get("city")
    city = None if _missing(city, ("n/a", "none")) else city
    if city == "City":
        city = "Pune"
    region = merged.get("region")
    country = merged.get("country")
    day = merged.get("date")
    month = merged.get("month")
    if _missing(month, ("decenmber",)):
        month = "December"
    if _missing(month, ("ocober",)):
        month = "October"
    if _missing(month, ("n//a", "none")):
        month = None
    try:
        if month and 1 <= int(float(month.strip())) <= 12:
            month = MONTHS[int(float(month))]
    except ValueError:
        pass
    year = merged.get("year")
    if identifier == 1004122033:
        day, year, month = "09", "2021", "September"
    if identifier == 885531401:
        day, year = "13", "1839"
    if identifier == 876209412:
        month, year = "March", "2015"
    violations = list(merged.get("violation_types") or [])
    if len(violations) > 1 and NO_VIOLATION in violations:
        violations.remove(NO_VIOLATION)
    labels.update(
        city=city,
        region=None if _missing(region, ("n/a", "none")) else region,
        country=None if _missing(country, ("n/a", "none")) else country,
        day=_whole_number(day),
        month=month,
        year=_whole_number(year),
        perpetrator_type=merged.get("perpetrator_type"),
        violation_types=violations,
    )
    return labels


def rebuild_split(repo: Path, split: str, out: Path, commit: str = "HEAD") -> dict[str, Any]:
    """Write the split's reports, labels and manifest into `out`; returns the manifest."""
    check_split(split)
    full_commit = resolve_commit(repo, commit)
    samples = read_split(repo, split, full_commit)
    reports = out / REPORTS_DIR
    reports.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    lines = []
    for sample in samples:
        identifier = article_id(sample)
        if identifier in seen:
            raise RuntimeError(f"article {identifier} appears twice in the {split} split")
        seen.add(identifier)
        text_file = f"{REPORTS_DIR}/{identifier}.txt"
        (out / text_file).write_text(report_text(sample, split, full_commit), encoding="utf-8")
        published = published_date(sample["sample"].get("Input.publish_date"))
        record = ArticleLabels(
            report_id=identifier,
            text_file=text_file,
            article_id=identifier,
            split=split,
            published=published.isoformat() if published else None,
            title=" ".join(str(sample["sample"].get("Input.title") or "").split()),
            **normalise_labels(sample),
        )
        lines.append(record.model_dump_json())
    for stale in reports.glob("*.txt"):
        if stale.stem not in seen:
            stale.unlink()
    (out / LABELS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = {
        "dataset": "HRDsAttack (Ran et al., Findings of ACL 2023), github.com/dataminr-ai/HRDsAttack",
        "split": split,
        "commit": full_commit,
        "articles": len(lines),
        "labels_sha256": hashlib.sha256((out / LABELS_FILE).read_bytes()).hexdigest(),
        "note": LICENCE_NOTE,
    }
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def load_labels(folder: Path) -> list[ArticleLabels]:
    """A rebuilt folder's labels; refuses a folder whose manifest names the test split."""
    manifest = folder / MANIFEST_FILE
    if manifest.exists():
        check_split(str(json.loads(manifest.read_text("utf-8")).get("split", "")))
    path = folder / LABELS_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `rebuild` first")
    records = [ArticleLabels.model_validate_json(line) for line in path.read_text("utf-8").splitlines() if line]
    for record in records:
        check_split(record.split)
    return records


# --- our events as the paper's article-level answers ------------------------------------


@dataclass
class ArticleAnswer:
    """What the pipeline's events say about one article, in the paper's label space."""

    victims: list[str] = field(default_factory=list)
    violation_types: set[str] = field(default_factory=set)
    country_code: str | None = None
    country: str | None = None
    year: str | None = None
    month: str | None = None
    day: str | None = None
    events: int = 0
    dated_by_publication: bool = False
    country_from_mentions: bool = False
    names_completed: int = 0


def violation_type(action: str) -> str | None:
    """The paper's violation type of one of our actions (None: not a violation)."""
    check_action(action)
    return ACTION_VIOLATIONS.get(action, OTHER_VIOLATION)


def earliest_date(dates: Iterable[str]) -> tuple[int, ...] | None:
    """The earliest of ISO dates written at any precision ("2020", "2020-05", "2020-05-03").

    A coarse date sorts at the start of its period; where finer dates fall inside the chosen
    period ("2020" and "2020-05-03"), the earliest of the finest is taken, since it is the
    same time said more exactly.
    """
    parsed = [tuple(int(part) for part in value.split("-")) for value in dates if value]
    if not parsed:
        return None
    start = min(parsed, key=lambda p: p + (0,) * (3 - len(p)))
    inside = [p for p in parsed if p[: len(start)] == start]
    return min(inside, key=lambda p: (-len(p), p))


def sovereign_state(code: str) -> str:
    """The state a territory's ISO code belongs to ("HK" -> "CN"); other codes unchanged."""
    return SOVEREIGN_STATES.get(code, code)


def country_name(code: str) -> str:
    """The gazetteer's English short name of an ISO 3166 alpha-2 code ("CN" -> "China")."""
    place = gazetteer().countries.get(code)
    return place.name if place else code


def country_code(name: str | None) -> str | None:
    """A country name as written in the gold, as an ISO code where the gazetteer knows it."""
    if not name:
        return None
    places = gazetteer()
    key = fold(name)
    return places.country_names.get(key) or places.demonyms.get(key)


def mentioned_countries(text: str) -> Counter[str]:
    """How often each country is named in a text: its names and demonyms
    (`country_mentions`) and the places that tell their country (`place_mentions`:
    subdivisions only it has, its large cities); a territory counts as its state."""
    found = [*country_mentions(text), *place_mentions(text)]
    return Counter(sovereign_state(code) for _, code, _ in found)


_NAME_WORD = re.compile(r"[A-Z][\w'’\-]*(?:\.(?=\s))?(?:['’]s\b)?")
NAME_WORDS = (2, 4)


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """Words a capitalised run holds that are no part of a person's name: titles and callings
    ("Lawyer"), organisation words ("Watch", "State") and English function words ("The", "He",
    spaCy's stop-word list): the run is cut at them."""
    lex = load_lexicon()
    return frozenset({*lex.titles, *lex.person_nouns, *lex.organisation_words, *STOP_WORDS})


def _name_runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalised words on one line, each ending at a full stop that is not an
    initial's or at a possessive ("Ana Ruiz’s home" gives "Ana Ruiz"); words that are no part
    of a name split the run."""
    skip = _not_name_words()
    for line in text.splitlines():
        run: list[str] = []
        last = -1
        for match in _NAME_WORD.finditer(line):
            word = match.group(0)
            stem = re.sub(r"['’]s$", "", word).rstrip(".")
            initial = len(stem) <= 2 and word.endswith(".")
            gap = line[last : match.start()] if last >= 0 else " "
            if run and gap.strip():
                yield run
                run = []
            if stem.lower() in skip or (stem.isupper() and len(stem) > 2):
                if run:
                    yield run
                run = []
            else:
                run.append(word if initial else stem)
            last = match.end()
            if word != stem and not initial:
                if run:
                    yield run
                run = []
        if run:
            yield run


def full_name(name: str, text: str) -> str:
    """A victim named by one word ("Valov", "Ren") as the article first names that person in
    full: the first run of two to four name words that starts or ends with that word
    ("Aleksandr Valov", "Ren Quanniu"); otherwise the name as given. News names a person in
    full at the first mention, then by one name, and the paper's gold writes the full name."""
    if not name or " " in name.strip():
        return name
    for run in _name_runs(text):
        if NAME_WORDS[0] <= len(run) <= NAME_WORDS[1] and name in (run[0], run[-1]):
            return " ".join(run)
    return name


def answer(rows: Sequence[dict[str, Any]], published: str | None = None, text: str | None = None) -> ArticleAnswer:
    """One article's events (in file order) as the paper's answers.

    Victims: the named events' victims in order of their evidence in the text. Violation
    types: the set of the events' types (named and group events). Country: the commonest
    `country` code of the events (the geocoder's country of the event's place, else of the
    report; a territory counted as its state, `SOVEREIGN_STATES`), the first one on a tie.
    Where no event has a country (the geocoder found no place and the article never says which
    country it is about in the words it reads), the country the article's `text` names most
    (`mentioned_countries`: states, provinces, large cities), flagged `country_from_mentions`.
    Year, month, day: the earliest event date; where the article has events but none of them
    is dated (news tells recent acts without a date), the year and month of `published`, the
    article's publication date: the events' dates stay empty (the text does not give them),
    only the article-level answer takes the news's time.
    """
    result = ArticleAnswer(events=len(rows))
    ordered = sorted(rows, key=lambda r: int(r.get("start_char") or 0))
    result.victims = [str(r["victim"]).strip() for r in ordered if str(r.get("victim") or "").strip()]
    if text:
        completed = [full_name(name, text) for name in result.victims]
        result.names_completed = sum(a != b for a, b in zip(completed, result.victims, strict=True))
        result.victims = completed
    for row in ordered:
        kind = violation_type(str(row["action"]))
        if kind:
            result.violation_types.add(kind)
    codes = [sovereign_state(str(r.get("country") or "").strip()) for r in ordered]
    counts = Counter(code for code in codes if code)
    if counts:
        top = max(counts.values())
        result.country_code = next(code for code in codes if counts.get(code) == top)
        result.country = country_name(result.country_code)
    elif rows and text:
        named = mentioned_countries(text).most_common(1)
        if named:
            result.country_code = named[0][0]
            result.country = country_name(result.country_code)
            result.country_from_mentions = True
    date = earliest_date(str(r.get("date") or "").strip() for r in ordered)
    if date:
        result.year = str(date[0])
        result.month = MONTHS[date[1]] if len(date) > 1 else None
        result.day = str(date[2]) if len(date) > 2 else None
    elif rows and published and PUBLISHED_MONTH.fullmatch(published[:7]):
        result.year, result.month = published[:4], MONTHS[int(published[5:7])]
        result.dated_by_publication = True
    return result


def read_events(path: Path) -> list[dict[str, Any]]:
    """Events from `hrevents extract` output: .jsonl, .csv or .parquet, every cell as text."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    elif suffix == ".parquet":
        frame = pd.read_parquet(path).astype(str)
    else:
        raise ValueError(f"{path}: predictions must be .jsonl, .csv or .parquet")
    return frame.to_dict("records")


def answers(
    events: Iterable[dict[str, Any]],
    report_ids: Iterable[str],
    published: Mapping[str, str | None] | None = None,
    texts: Mapping[str, str] | None = None,
) -> dict[str, ArticleAnswer]:
    """Every labelled article's answer; an article without events gets the empty answer.
    `published`: each article's publication date, for articles whose events carry no date;
    `texts`: each article's text, for articles whose events carry no country."""
    wanted = list(report_ids)
    by_report: dict[str, list[dict[str, Any]]] = {report: [] for report in wanted}
    for row in events:
        report = str(row.get("report_id", ""))
        if report in by_report:
            by_report[report].append(row)
    dates = published or {}
    bodies = texts or {}
    return {report: answer(rows, dates.get(report), bodies.get(report)) for report, rows in by_report.items()}


# --- the paper's metrics ----------------------------------------------------------------


def predicted_victims(names: Sequence[str]) -> tuple[list[str], int]:
    """The paper's clean-up of predicted names; returns (names kept, names counted).

    utils.evaluate_all, task "victim": a name is added unless it is empty or a substring of a
    name already added (so repeats go). `sys_count` counts that list. Then, before matching,
    the list is walked from the end and a name that is a substring of a later kept name is
    dropped ("Ali", "Ali Musa" -> "Ali Musa"); `sys_count` is not lowered by that second pass.
    """
    added: list[str] = []
    for name in names:
        name = name.strip()
        if name and not any(name in kept for kept in added):
            added.append(name)
    counted = len(added)
    kept_reversed: list[str] = []
    for name in reversed(added):
        if not any(name in later for later in kept_reversed):
            kept_reversed.append(name)
    return list(reversed(kept_reversed)), counted


def _prf(overlap: float, system: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 as evaluate_all computes them (0 where a count is 0)."""
    p = overlap / system if system else 0.0
    r = overlap / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p and r else 0.0
    return p, r, f1


@dataclass
class PaperScores:
    """The figures of evaluate_all's `result` dict (as percentages), plus the counts behind them."""

    articles: int
    victim_exact: tuple[float, float, float]
    victim_fuzzy: tuple[float, float, float]
    violation_type: tuple[float, float, float]
    violation_type_exact_set: float
    country: float
    year: float
    month: float
    day: float
    lenient: dict[str, float]
    country_iso: float
    counts: dict[str, int]
    per_type: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def score_articles(gold: Sequence[ArticleLabels], predicted: dict[str, ArticleAnswer]) -> PaperScores:
    """The paper's article-level metrics (utils.evaluate_all, after its prediction loop).

    - Victim names, exact: a kept predicted name counts when it equals (case-sensitive) a gold
      name; P = matches / predicted names counted, R = matches / gold names, both micro over
      all articles. Fuzzy: a kept name counts when it contains, or is contained in, a gold name.
    - Violation types: the predicted set is {"unknown"} when empty; P = shared types / predicted
      types, R = shared / gold types, micro over articles. Exact-set accuracy: the two sets equal.
      Per type (not a paper figure): articles where the type is predicted and gold (TP), only
      predicted (FP), only gold (FN).
    - Country, year, month, day: the share of all articles where `gold == predicted`. The
      paper's model always answers a string, so a missing gold value is never matched: mirrored
      here by never scoring an article whose gold is None (`lenient` also counts both-missing).
    """
    c: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    per_type = {kind: [0, 0, 0] for kind in VIOLATION_TYPES}
    for labels in gold:
        mine = predicted.get(labels.report_id, ArticleAnswer())
        names, counted = predicted_victims(mine.victims)
        c["victims predicted"] += counted
        c["victims gold"] += len(labels.victims)
        for name in names:
            if name in labels.victims:
                c["victims exact"] += 1
            if any(g.strip() and (name in g or g in name) for g in labels.victims):
                c["victims fuzzy"] += 1
        gold_types = set(labels.violation_types)
        my_types = mine.violation_types or {NO_VIOLATION}
        c["types predicted"] += len(my_types)
        c["types gold"] += len(gold_types)
        c["types shared"] += len(my_types & gold_types)
        c["types exact set"] += my_types == gold_types
        for kind in my_types | gold_types:
            tally = per_type.setdefault(kind, [0, 0, 0])
            tally[0 if kind in my_types and kind in gold_types else 1 if kind in my_types else 2] += 1
        for name, value in (
            ("country", mine.country),
            ("year", mine.year),
            ("month", mine.month),
            ("day", mine.day),
        ):
            truth = getattr(labels, name)
            c[name] += truth is not None and truth == value
            lenient[name] += truth == value
        c["country iso"] += country_code(labels.country) is not None and country_code(labels.country) == (
            mine.country_code
        )
        c["articles without events"] += mine.events == 0
        c["articles dated by publication"] += mine.dated_by_publication
        c["articles placed by mentions"] += mine.country_from_mentions
        c["victim names completed"] += mine.names_completed
    n = len(gold)

    def pct(values: tuple[float, float, float]) -> tuple[float, float, float]:
        return (100 * values[0], 100 * values[1], 100 * values[2])

    def share(count: int) -> float:
        return 100 * count / n if n else 0.0

    return PaperScores(
        articles=n,
        victim_exact=pct(_prf(c["victims exact"], c["victims predicted"], c["victims gold"])),
        victim_fuzzy=pct(_prf(c["victims fuzzy"], c["victims predicted"], c["victims gold"])),
        violation_type=pct(_prf(c["types shared"], c["types predicted"], c["types gold"])),
        violation_type_exact_set=share(c["types exact set"]),
        country=share(c["country"]),
        year=share(c["year"]),
        month=share(c["month"]),
        day=share(c["day"]),
        lenient={name: share(lenient[name]) for name in ("country", "year", "month", "day")},
        country_iso=share(c["country iso"]),
        counts=dict(c),
        per_type={kind: (tp, fp, fn) for kind, (tp, fp, fn) in per_type.items()},
    )


def scores_table(scores: PaperScores) -> pd.DataFrame:
    """The paper's metrics as rows, with the counts behind each figure."""
    c = scores.counts
    rows = []
    for label, (p, r, f1), key in (
        ("victim name, exact match", scores.victim_exact, "victims exact"),
        ("victim name, fuzzy match", scores.victim_fuzzy, "victims fuzzy"),
        ("violation type", scores.violation_type, "types shared"),
    ):
        basis = "types" if key.startswith("types") else "victims"
        counts = f"{c.get(key, 0)} of {c.get(basis + ' predicted', 0)} predicted, {c.get(basis + ' gold', 0)} gold"
        rows.append({"metric": f"{label} P", "value": p, "counts": counts})
        rows.append({"metric": f"{label} R", "value": r, "counts": ""})
        rows.append({"metric": f"{label} F1", "value": f1, "counts": ""})
    for name in ("country", "year", "month", "day"):
        rows.append(
            {
                "metric": f"{name} accuracy",
                "value": getattr(scores, name),
                "counts": f"{c.get(name, 0)}/{scores.articles}",
            }
        )
    rows.append({"metric": "-- not the paper's metrics --", "value": float("nan"), "counts": ""})
    rows.append({"metric": "violation type exact-set accuracy", "value": scores.violation_type_exact_set, "counts": ""})
    for name, value in scores.lenient.items():
        rows.append({"metric": f"{name} accuracy, lenient (both missing = right)", "value": value, "counts": ""})
    for kind, (tp, fp, fn) in scores.per_type.items():
        rows.append(
            {
                "metric": f"violation type F1, {kind}",
                "value": 100 * _prf(tp, tp + fp, tp + fn)[2],
                "counts": f"{tp}/{fp}/{fn} TP/FP/FN",
            }
        )
    rows.append({"metric": "country accuracy, ISO code", "value": scores.country_iso, "counts": ""})
    rows.append(
        {
            "metric": "articles without any event",
            "value": float("nan"),
            "counts": f"{c.get('articles without events', 0)}/{scores.articles}",
        }
    )
    rows.append(
        {
            "metric": "articles dated by publication (no event dated)",
            "value": float("nan"),
            "counts": f"{c.get('articles dated by publication', 0)}/{scores.articles}",
        }
    )
    rows.append(
        {
            "metric": "articles placed by the countries they name (no event placed)",
            "value": float("nan"),
            "counts": f"{c.get('articles placed by mentions', 0)}/{scores.articles}",
        }
    )
    rows.append(
        {
            "metric": "victim names completed from the article (one word to a full name)",
            "value": float("nan"),
            "counts": str(c.get("victim names completed", 0)),
        }
    )
    frame = pd.DataFrame(rows).set_index("metric")
    frame["value"] = frame["value"].round(2)
    return frame


def details_table(gold: Sequence[ArticleLabels], predicted: dict[str, ArticleAnswer]) -> pd.DataFrame:
    """Per article, gold beside prediction, for error analysis (holds names from the news: keep local)."""
    rows = []
    for labels in gold:
        mine = predicted.get(labels.report_id, ArticleAnswer())
        rows.append(
            {
                "report_id": labels.report_id,
                "events": mine.events,
                "gold_victims": "; ".join(labels.victims),
                "pred_victims": "; ".join(predicted_victims(mine.victims)[0]),
                "gold_types": "; ".join(sorted(labels.violation_types)),
                "pred_types": "; ".join(sorted(mine.violation_types or {NO_VIOLATION})),
                "gold_country": labels.country,
                "pred_country": mine.country,
                "gold_date": "-".join(str(x) for x in (labels.year, labels.month, labels.day)),
                "pred_date": "-".join(str(x) for x in (mine.year, mine.month, mine.day)),
            }
        )
    return pd.DataFrame(rows)


def score_files(pred: Path, gold_folder: Path) -> tuple[PaperScores, pd.DataFrame]:
    gold = load_labels(gold_folder)
    files = {g.report_id: gold_folder / g.text_file for g in gold}
    texts = {report: path.read_text("utf-8") for report, path in files.items() if path.exists()}
    predicted = answers(read_events(pred), [g.report_id for g in gold], {g.report_id: g.published for g in gold}, texts)
    return score_articles(gold, predicted), details_table(gold, predicted)


def _report(scores: PaperScores, details: pd.DataFrame, json_out: Path | None, details_out: Path | None) -> None:
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        typer.echo(scores_table(scores).to_string(na_rep=""))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(asdict(scores), indent=2) + "\n", encoding="utf-8")
    if details_out:
        details_out.parent.mkdir(parents=True, exist_ok=True)
        details.to_csv(details_out, index=False)


# --- commands ----------------------------------------------------------------------------

REPO_HELP = "A clone of github.com/dataminr-ai/HRDsAttack (bare or not); read with `git show`."


def _fail(error: Exception) -> typer.Exit:
    """A refused split, a missing file or a git failure as one line and exit status 2, not a traceback."""
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(2)


@app.command()
def rebuild(
    repo: Path = typer.Option(..., "--repo", envvar="HRDSATTACK_REPO", help=REPO_HELP),
    split: str = typer.Option("dev", "--split", callback=_split_option, help="train or dev (test is refused)."),
    out: Path | None = typer.Option(
        None, "--out", help="Folder to write; default corpus/external/hrdsattack/<split> (git-ignored)."
    ),
    commit: str = typer.Option("HEAD", "--commit", help="Dataset commit to read the split from."),
) -> None:
    """Write a split's articles as reports and its labels as labels.jsonl."""
    folder = out or DEFAULT_OUT / split
    try:
        manifest = rebuild_split(repo, split, folder, commit)
    except (ValueError, RuntimeError) as error:
        raise _fail(error) from error
    typer.echo(f"{manifest['articles']} {split} articles from {manifest['commit'][:12]} written to {folder}")


@app.command()
def score(
    pred: Path = typer.Option(..., "--pred", exists=True, dir_okay=False, help="Events from `hrevents extract`."),
    gold: Path = typer.Option(..., "--gold", exists=True, file_okay=False, help="A folder written by `rebuild`."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the figures and counts as JSON."),
    details_out: Path | None = typer.Option(
        None, "--details", help="Write gold beside prediction per article (CSV; keep it out of git)."
    ),
) -> None:
    """Score events against a rebuilt split with the paper's article-level metrics."""
    try:
        scores, details = score_files(pred, gold)
    except (ValueError, FileNotFoundError) as error:
        raise _fail(error) from error
    _report(scores, details, json_out, details_out)


def _hrevents_command() -> list[str]:
    beside = Path(sys.executable).with_name("hrevents")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("hrevents")
    return [found] if found else [sys.executable, "-c", "from hrevents.cli import app; app()"]


@app.command()
def run(
    repo: Path = typer.Option(..., "--repo", envvar="HRDSATTACK_REPO", help=REPO_HELP),
    split: str = typer.Option("dev", "--split", callback=_split_option, help="train or dev (test is refused)."),
    out: Path | None = typer.Option(
        None, "--out", help="Rebuilt folder; default corpus/external/hrdsattack/<split> (git-ignored)."
    ),
    commit: str = typer.Option("HEAD", "--commit", help="Dataset commit to read the split from."),
    model: str | None = typer.Option(
        None, "--model", help="spaCy pipeline for `hrevents extract` (its default if unset)."
    ),
    force: bool = typer.Option(False, "--force", help="Re-extract every article, ignoring the ledger."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the figures and counts as JSON."),
) -> None:
    """Rebuild the split if needed, extract its events with `hrevents extract`, and score them."""
    folder = out or DEFAULT_OUT / split
    manifest_path = folder / MANIFEST_FILE
    current = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    try:
        wanted = resolve_commit(repo, commit)
        if current.get("commit") != wanted or current.get("split") != split or not (folder / LABELS_FILE).exists():
            rebuild_split(repo, split, folder, wanted)
    except (ValueError, RuntimeError) as error:
        raise _fail(error) from error
    events = folder / PRED_DIR / "events.jsonl"
    command = [*_hrevents_command(), "extract", str(folder / REPORTS_DIR), "--out", str(events), "--quiet"]
    if model:
        command += ["--model", model]
    if force:
        command.append("--force")
    status = subprocess.run(command).returncode
    if status not in (0, 1):
        raise typer.Exit(status)
    failed = folder / PRED_DIR / "errors.csv"
    if status == 1 and failed.exists():
        typer.echo(f"some articles failed extraction (scored as having no events): see {failed}", err=True)
    scores, details = score_files(events, folder)
    _report(scores, details, json_out, folder / PRED_DIR / "details.csv")


if __name__ == "__main__":
    app()
