"""The review page in a real headless Chromium (Debian's), driven by Playwright.

Needs /usr/bin/chromium and the `playwright` Python package; scripts/install-browser.sh
installs both (Playwright's own browser download is never used). Screenshots are saved
under outputs/test-artifacts/.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrevents.cli import app
from hrevents.gold_import import import_reviewed
from hrevents.reader import read_report
from hrevents.review import collapse, find_passage, read_reviewed
from hrevents.writers import FORMULA_START, write_events
from hrevents_models import Event, load_gold

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "corpus" / "reports"
GOLD = REPO / "corpus" / "gold.jsonl"
ARTIFACTS = REPO / "outputs" / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(
        sync_playwright is None, reason="the playwright package is not installed (run scripts/install-browser.sh)"
    ),
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not at /usr/bin/chromium (run scripts/install-browser.sh)"
    ),
]


# ---------------------------------------------------------------- fixtures


def build_page(events_csv: Path, out: Path, reports: Path | None = REPORTS) -> Path:
    args = ["review", str(events_csv), "--out", str(out)] + (["--reports", str(reports)] if reports else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def corpus_events(extractor, tmp_path_factory) -> tuple[Path, list[Event]]:
    """Events extracted from the shipped corpus, as an events CSV."""
    reports = [read_report(path) for path in sorted(REPORTS.glob("*.txt"))]
    # Named events only: reviewing feeds the named gold; group events (SPEC 7) are not imported from it.
    events = [event for _, found in extractor.pipe(reports) for event in found if event.victim]
    assert len(events) > 20, "the extractor found almost nothing in the corpus"
    path = tmp_path_factory.mktemp("corpus") / "events.csv"
    write_events(events, path)
    return path, events


@pytest.fixture(scope="session")
def corpus_page(corpus_events, tmp_path_factory) -> Path:
    return build_page(corpus_events[0], tmp_path_factory.mktemp("page") / "review.html")


class Console:
    def __init__(self) -> None:
        self.errors: list[str] = []


@pytest.fixture
def open_page(browser: Browser) -> Iterator:
    contexts = []
    consoles = []

    def opener(path: Path) -> tuple[Page, Console]:
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(8000)
        contexts.append(context)
        page = context.new_page()
        console = Console()
        consoles.append(console)
        page.on("console", lambda message: message.type in ("error", "warning") and console.errors.append(message.text))
        page.on("pageerror", lambda error: console.errors.append(str(error)))
        page.on("requestfailed", lambda request: console.errors.append(f"request failed: {request.url}"))
        page.goto(path.resolve().as_uri())
        wait_until(page, "!!(window.hreventsReview && window.hreventsReview.ready)", timeout=20)
        return page, console

    yield opener
    for context in contexts:
        context.close()


def wait_until(page: Page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JS expression from Python (the page's CSP forbids the eval that wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


def visible_rows(page: Page) -> list[dict]:
    return page.eval_on_selector_all(
        "#rows tr[data-i]",
        """trs => trs.map(tr => {
            const e = window.hreventsReview.events[+tr.dataset.i];
            return {i: e.i, event_id: e.event_id, action: e.action, report_id: e.report_id, victim: e.victim,
                    date: e.date, confidence: e.confidence, status: e.status};
        })""",
    )


def shown_total(page: Page) -> int:
    return page.evaluate("window.hreventsReview.view().length")


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path


def export_csv(page: Page, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click("#export")
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(str(path))
    return path


def hand_events(count: int) -> list[Event]:
    """Events made from the corpus gold (no model needed), repeated to `count` with varied fields."""
    events = []
    base = []
    for report in load_gold(GOLD).reports:
        text = read_report(REPO / "corpus" / report.text_file, report_id=report.report_id).text
        for gold_event in report.events:
            span = find_passage(text, gold_event.evidence)
            assert span is not None
            base.append((report.report_id, gold_event, span))
    for n in range(count):
        report_id, gold_event, (start, end) = base[n % len(base)]
        copy = n // len(base)
        victim = gold_event.victim if copy == 0 else f"{gold_event.victim} {copy}"
        dates = gold_event.dates()
        events.append(
            Event(
                event_id=hashlib.sha1(f"{report_id}|{n}".encode()).hexdigest()[:16],
                report_id=report_id,
                action=gold_event.action,
                trigger="",
                victim=victim,
                perpetrator=gold_event.perpetrator or "",
                place=gold_event.place or "",
                date=dates[0] if dates else "",
                evidence=collapse(gold_event.evidence),
                start_char=start,
                end_char=end,
                confidence=round((n * 37 % 100) / 100, 2),
                rule="hand",
            )
        )
    return events


# ---------------------------------------------------------------- the shipped corpus


@pytest.mark.model
def test_page_loads_corpus_events_without_console_errors(corpus_page: Path, corpus_events, open_page) -> None:
    _, events = corpus_events
    page, console = open_page(corpus_page)
    rows = visible_rows(page)
    assert len(rows) == min(50, len(events))
    assert shown_total(page) == len(events)
    assert f"of {len(events)}" in page.text_content("#count")
    assert page.locator("#svg-actions g[data-action]").count() == len({e.action for e in events})
    assert page.locator("#svg-months rect.bar").count() == len({e.date[:7] for e in events if len(e.date) >= 7})
    assert page.locator("#rows mark.ent").count() > 0  # evidence is highlighted in the table
    screenshot(page, "review-page.png")
    assert console.errors == []


@pytest.mark.model
def test_filtering_changes_the_rows_shown(corpus_page: Path, corpus_events, open_page) -> None:
    _, events = corpus_events
    page, console = open_page(corpus_page)
    counts = Counter(e.action for e in events)
    action = sorted(counts, key=lambda a: (counts[a], a))[len(counts) // 2]
    assert counts[action] < len(events)
    page.select_option("#f-action", action)
    rows = visible_rows(page)
    assert rows and {r["action"] for r in rows} == {action}
    assert shown_total(page) == counts[action]
    assert page.locator("#svg-actions rect.bar.active").count() == 1

    page.click("#f-reset")
    assert shown_total(page) == len(events)
    report = events[0].report_id
    page.fill("#f-report", report)  # a searchable box (1,280 reports make a drop-down unusable)
    wait_until(page, f"window.hreventsReview.view().length === {sum(e.report_id == report for e in events)}")

    page.click("#f-reset")
    victim = events[0].victim.split()[-1]
    page.fill("#f-person", victim.lower())
    wait_until(
        page, f"window.hreventsReview.view().length === {sum(victim.lower() in e.victim.lower() for e in events)}"
    )

    page.click("#f-reset")
    page.fill("#f-cmin", "0.8")
    wait_until(page, f"window.hreventsReview.view().length === {sum(e.confidence >= 0.8 for e in events)}")

    page.click("#f-reset")
    dated = sorted({e.date[:4] for e in events if e.date})
    year = dated[0]
    page.fill("#f-from", year)
    page.fill("#f-to", year)
    expected = sum(e.date[:4] == year for e in events)
    wait_until(page, f"window.hreventsReview.view().length === {expected}")
    assert all(r["date"].startswith(year) for r in visible_rows(page))
    assert console.errors == []


@pytest.mark.model
def test_sorting_by_column(corpus_page: Path, open_page) -> None:
    page, console = open_page(corpus_page)
    page.click("th[data-key=confidence]")
    ascending = [r["confidence"] for r in visible_rows(page)]
    assert ascending == sorted(ascending)
    page.click("th[data-key=confidence]")
    descending = [r["confidence"] for r in visible_rows(page)]
    assert descending == sorted(descending, reverse=True)
    page.click("th[data-key=victim]")
    victims = [r["victim"].lower() for r in visible_rows(page)]
    assert victims == sorted(victims, key=str.lower) or len(victims) < 2 or victims[0] <= victims[-1]
    assert console.errors == []


@pytest.mark.model
def test_mark_wrong_correct_and_corrected_then_export_and_import(
    corpus_page: Path, corpus_events, open_page, tmp_path: Path
) -> None:
    _, events = corpus_events
    page, console = open_page(corpus_page)
    rows = visible_rows(page)
    wrong, right, fixed = rows[0], rows[1], rows[2]

    page.click(f'#rows tr[data-i="{wrong["i"]}"] button[data-act=wrong]')
    page.click(f'#rows tr[data-i="{right["i"]}"] td.victim')
    page.click('#detail button[data-verdict="correct"]')
    page.click(f'#rows tr[data-i="{fixed["i"]}"] td.victim')
    page.fill("#d-place", "Somewhere Else")
    page.fill("#d-note", "place was wrong")
    assert page.text_content("#detail-status") == "corrected"
    assert page.text_content("#reviewed-count") == "3"
    screenshot(page, "review-detail.png")

    exported = export_csv(page, tmp_path)
    reviewed = {row.fields["event_id"]: row for row in read_reviewed(exported)}
    assert len(reviewed) == len(events)
    assert reviewed[wrong["event_id"]].status == "wrong"
    assert reviewed[right["event_id"]].status == "correct"
    assert reviewed[fixed["event_id"]].status == "corrected"
    assert reviewed[fixed["event_id"]].fields["place"] == "Somewhere Else"
    assert reviewed[fixed["event_id"]].note == "place was wrong"
    assert sum(1 for row in reviewed.values() if row.status) == 3
    assert exported.read_text("utf-8").splitlines()[0].endswith("review_status,review_note,reviewer,reviewed_at")

    gold = tmp_path / "gold.jsonl"  # a fresh gold beside nothing: report texts come from --reports
    result = import_reviewed(exported, gold, [REPORTS])
    assert result.refused == []
    assert len(result.added) == 2 and len(result.rejected) == 1 and result.unreviewed == len(events) - 3
    loaded = load_gold(gold)
    assert all(report.complete is False for report in loaded.reports)
    added = {(e.action, e.victim) for report in loaded.reports for e in report.events}
    assert (fixed["action"], fixed["victim"]) in added and (right["action"], right["victim"]) in added
    places = [e.place for report in loaded.reports for e in report.events if e.victim == fixed["victim"]]
    assert "Somewhere Else" in places
    assert [(r.action, r.victim) for report in loaded.reports for r in report.rejected] == [
        (wrong["action"], wrong["victim"])
    ]
    assert console.errors == []


@pytest.mark.model
def test_evidence_highlights_and_report_panel(corpus_page: Path, corpus_events, open_page) -> None:
    _, events = corpus_events
    page, console = open_page(corpus_page)
    index = next(i for i, e in enumerate(events) if e.victim.split()[-1].lower() in e.evidence.lower())
    event = events[index]
    page.fill("#f-report", event.report_id)
    wait_until(page, f"window.hreventsReview.view().every(e => e.report_id === {json.dumps(event.report_id)})")
    page.click(f'#rows tr[data-i="{index}"] td.victim')
    victim_mark = page.text_content("#detail-evidence mark.ent-victim")
    assert victim_mark and event.victim.split()[-1].lower() in victim_mark.lower()
    if event.trigger and event.trigger.lower() in event.evidence.lower():
        assert page.locator("#detail-evidence mark.ent-trigger").count() == 1

    page.click("#open-report")
    assert page.is_visible("#report-panel")
    without_labels = (
        "el => { const c = el.cloneNode(true); c.querySelectorAll('.lbl').forEach(l => l.remove()); "
        "return c.textContent; }"
    )
    text = read_report(REPORTS / f"{event.report_id}.txt").text
    assert page.eval_on_selector("#report-text", without_labels) == text  # the whole report, as read from disk
    assert collapse(page.eval_on_selector("#passage", without_labels)) == collapse(event.evidence)
    assert page.locator("#passage mark.ent-victim").count() == 1
    assert page.evaluate("document.querySelector('#passage').getBoundingClientRect().top") < 1000  # scrolled to
    screenshot(page, "review-report.png")
    page.keyboard.press("Escape")
    assert not page.is_visible("#report-panel")
    assert console.errors == []


# ---------------------------------------------------------------- hand-made events (no model)


def test_thousands_of_events_render_a_page_at_a_time(open_page, tmp_path: Path) -> None:
    events = hand_events(5000)
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    page, console = open_page(build_page(events_csv, tmp_path / "review.html"))
    assert page.locator("#rows tr").count() == 50
    assert shown_total(page) == 5000
    page.select_option("#page-size", "250")
    assert page.locator("#rows tr").count() == 250
    page.click("#pager button[data-page=last]")
    assert page.locator("#rows tr").count() == 5000 - 250 * 19
    needle = events[2].victim.split()[-1].lower()
    page.fill("#f-person", needle)
    expected = sum(needle in e.victim.lower() for e in events)
    wait_until(page, f"window.hreventsReview.view().length === {expected}")
    assert all(needle in r["victim"].lower() for r in visible_rows(page))
    page.click("#rows tr:first-child td.victim")
    page.keyboard.press("w")  # keyboard review: wrong, then on to the next event
    assert page.evaluate("window.hreventsReview.events.filter(e => e.status === 'wrong').length") == 1
    screenshot(page, "review-5000.png")
    assert console.errors == []


def test_decisions_survive_a_reload_and_load_from_csv(open_page, tmp_path: Path) -> None:
    events = hand_events(30)
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    path = build_page(events_csv, tmp_path / "review.html", reports=None)
    page, console = open_page(path)
    assert page.is_disabled("#open-report") if page.locator("#open-report").count() else True
    page.click('#rows tr[data-i="4"] button[data-act=wrong]')
    page.wait_for_timeout(400)  # the save is debounced
    page.reload()
    wait_until(page, "!!(window.hreventsReview && window.hreventsReview.ready)")
    assert page.evaluate("window.hreventsReview.events[4].status") == "wrong"
    assert "Restored 1 decision" in page.text_content("#notice")

    decisions = tmp_path / "decisions.csv"
    rows = [{**e.row(), "review_status": "", "review_note": ""} for e in events]
    rows[7].update(review_status="corrected", place="=Elsewhere", review_note="moved")
    with decisions.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: ("'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v) for k, v in row.items()}
            )
    page.set_input_files("#import-file", str(decisions))
    wait_until(page, "window.hreventsReview.events[7].status === 'corrected'")
    assert page.evaluate("window.hreventsReview.events[7].place") == "=Elsewhere"
    assert page.evaluate("window.hreventsReview.events[4].status") == ""  # the file said: no decision
    assert console.errors == []


def test_export_neutralises_formulas(open_page, tmp_path: Path) -> None:
    text = (REPORTS / "amnesty-belarus-2020-09.txt").read_text("utf-8")
    evidence = "was arrested in May"
    start = text.index(evidence)
    hostile = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1+1", "-2+3", "\tindent", "\r\nreturn"]
    events = [
        Event(
            event_id=f"e{n}",
            report_id="amnesty-belarus-2020-09",
            action="arrest",
            trigger="arrested",
            victim=f"Person {n}",
            perpetrator=value,
            detail=value,
            evidence=evidence,
            start_char=start,
            end_char=start + len(evidence),
            confidence=0.5,
            rule="hand",
        )
        for n, value in enumerate(hostile)
    ]
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    page, console = open_page(build_page(events_csv, tmp_path / "review.html"))
    page.fill("#f-text", "")
    page.click('#rows tr[data-i="0"] td.victim')
    page.fill("#d-note", "=cmd|' /C calc'!A0")
    page.check("#bom")
    exported = export_csv(page, tmp_path)
    raw = exported.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    cells = [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    back = read_reviewed(exported, require_status=False)
    assert [row.fields["perpetrator"] for row in back] == hostile
    assert back[0].note == "=cmd|' /C calc'!A0"
    assert console.errors == []


# ---------------------------------------------------------------- missed events, reviewers, filtered export, map

BELARUS = "amnesty-belarus-2020-09"
MINSK = {"country": "BY", "geo_name": "Minsk", "geonames_id": "625144", "latitude": "53.9", "longitude": "27.56667"}
HRODNA = {"country": "BY", "geo_name": "Hrodna", "geonames_id": "627904", "latitude": "53.6884", "longitude": "23.8258"}


def belarus_events() -> list[Event]:
    """The gold events of the Belarus report as if extracted, the first one left out (the "missed" one)."""
    return [e for e in hand_events(60) if e.report_id == BELARUS and not e.victim[-1].isdigit()][1:]


def select_in_report(page: Page, needle: str) -> None:
    """Select `needle` in the report panel's text as a reviewer would with the mouse."""
    page.evaluate(
        """needle => {
            const pre = document.querySelector('#report-text');
            const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(needle);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + needle.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
            throw new Error('not in the report text: ' + needle);
        }""",
        needle,
    )


def test_add_a_missed_event_and_gold_import_takes_it(open_page, tmp_path: Path) -> None:
    events = belarus_events()
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    page, console = open_page(build_page(events_csv, tmp_path / "review.html"))
    page.fill("#reviewer", "Ana Reviewer")
    page.fill("#f-report", "belarus")  # part of the id is enough to search
    wait_until(page, f"window.hreventsReview.view().length === {len(events)}")
    page.fill("#f-report", BELARUS)
    page.click("#open-filtered-report")
    assert page.is_visible("#report-panel")
    assert page.locator("#report-text mark.known").count() > 10  # what the table already has is marked
    text = read_report(REPORTS / f"{BELARUS}.txt").text
    missed = "Tsikhanousky, was arrested in May"
    select_in_report(page, missed)
    screenshot(page, "review-add-selection.png")
    page.click("#add-from-selection")
    assert not page.is_visible("#report-panel")
    assert page.text_content("#added-count") == "1"
    page.select_option("#d-action", "arrest")
    page.fill("#d-victim", "Syarhei Tsikhanousky")
    page.fill("#d-date", "2020-05")
    page.fill("#d-trigger", "was arrested")
    assert page.locator("#rows tr.st-added").count() == 1
    screenshot(page, "review-added-event.png")

    exported = export_csv(page, tmp_path)
    rows = read_reviewed(exported)
    added = [row for row in rows if row.status == "added"]
    assert len(added) == 1 and len(rows) == len(events) + 1
    row = added[0]
    start = text.index(missed)
    assert (row.fields["evidence"], int(row.fields["start_char"]), int(row.fields["end_char"])) == (
        missed,
        start,
        start + len(missed),
    )
    assert (row.fields["victim"], row.fields["action"]) == ("Syarhei Tsikhanousky", "arrest")
    assert row.fields["date"] == "2020-05"
    assert row.reviewer == "Ana Reviewer" and row.reviewed_at.endswith("Z")

    gold = tmp_path / "gold.jsonl"
    result = import_reviewed(exported, gold, [REPORTS])
    assert result.refused == [] and result.added == [f"{BELARUS}: arrest of Syarhei Tsikhanousky"]
    (gold_event,) = load_gold(gold).reports[0].events
    assert (gold_event.action, gold_event.victim, gold_event.date, gold_event.evidence) == (
        "arrest",
        "Syarhei Tsikhanousky",
        "2020-05",
        missed,
    )

    page.reload()  # the added event is kept in the browser like any decision
    wait_until(page, "!!(window.hreventsReview && window.hreventsReview.ready)")
    assert page.evaluate("window.hreventsReview.events.filter(e => e.added && !e.deleted).length") == 1
    assert page.input_value("#reviewer") == "Ana Reviewer"
    assert console.errors == []


def test_reviewer_name_and_a_timestamp_per_decision(open_page, tmp_path: Path) -> None:
    events = hand_events(12)
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    page, console = open_page(build_page(events_csv, tmp_path / "review.html"))
    page.click('#rows tr[data-i="0"] button[data-act=correct]')
    assert "Reviewer" in page.text_content("#notice")  # no name yet: the page asks once
    page.fill("#reviewer", "B. Second")
    assert not page.is_visible("#notice")
    before = time.strftime("%Y-%m-%dT%H:%M", time.gmtime())
    page.click('#rows tr[data-i="1"] button[data-act=wrong]')
    page.click('#rows tr[data-i="2"] td.victim')
    page.fill("#d-note", "unsure")
    exported = export_csv(page, tmp_path)
    rows = read_reviewed(exported)
    assert [(r.status, r.reviewer) for r in rows[:3]] == [("correct", ""), ("wrong", "B. Second"), ("", "B. Second")]
    assert all(r.reviewed_at >= before for r in rows[1:3]) and rows[3].reviewed_at == ""
    assert len({r.reviewed_at for r in rows[:3]}) >= 1 and all(len(r.reviewed_at) == 20 for r in rows[:3])
    page.click('#rows tr[data-i="1"] button[data-act=wrong]')  # undone: no decision, no one, no time
    rows = read_reviewed(export_csv(page, tmp_path))
    assert (rows[1].status, rows[1].reviewer, rows[1].reviewed_at) == ("", "", "")
    screenshot(page, "review-reviewer.png")
    assert console.errors == []


def test_export_only_the_filtered_rows_with_charts_collapsed(browser: Browser, tmp_path: Path) -> None:
    events = hand_events(40)
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    path = build_page(events_csv, tmp_path / "review.html")
    context = browser.new_context(accept_downloads=True, viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        wait_until(page, "!!(window.hreventsReview && window.hreventsReview.ready)")
        table_top = page.evaluate("document.querySelector('#events').getBoundingClientRect().top")
        page.click("#charts-box > summary")
        assert not page.is_visible("#charts")
        collapsed_top = page.evaluate("document.querySelector('#events').getBoundingClientRect().top")
        assert collapsed_top < table_top - 150 and collapsed_top < 300  # the table gets the screen
        action = events[0].action
        page.select_option("#f-action", action)
        expected = [e.event_id for e in events if e.action == action]
        assert 0 < len(expected) < len(events)
        page.check("#export-filtered")
        assert page.text_content("#export-filtered-label") == f"only the {len(expected)} rows in view"
        rows = read_reviewed(export_csv(page, tmp_path), require_status=False)
        assert [row.fields["event_id"] for row in rows] == expected
        page.uncheck("#export-filtered")
        assert len(read_reviewed(export_csv(page, tmp_path), require_status=False)) == len(events)
        screenshot(page, "review-collapsed-1024.png")
        page.reload()  # collapsed stays collapsed
        wait_until(page, "!!(window.hreventsReview && window.hreventsReview.ready)")
        assert not page.is_visible("#charts")
    finally:
        context.close()


def test_map_draws_located_events_and_geo_follows_an_edited_place(open_page, tmp_path: Path) -> None:
    events = belarus_events()[:8]
    located = [e.model_copy(update={"place": "Minsk", **MINSK}) for e in events[:5]]
    located += [e.model_copy(update={"place": "Hrodna", **HRODNA}) for e in events[5:6]]
    events = located + events[6:]
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    page, console = open_page(build_page(events_csv, tmp_path / "review.html"))
    wait_until(page, "document.querySelectorAll('#svg-map circle.dot').length > 0")  # drawn just after ready
    assert page.locator("#svg-map path.land").count() > 150  # the country outlines shipped with the package
    assert page.locator("#svg-map circle.dot").count() == 2
    assert "6 events in view at 2 places" in page.text_content("#map-note")
    view_box = [float(v) for v in page.get_attribute("#svg-map", "viewBox").split()]
    assert view_box[2] < 60  # framed on Belarus, not the whole world
    screenshot(page, "review-map.png")
    page.click("#svg-map g[data-place=Hrodna]")
    wait_until(page, "window.hreventsReview.view().length === 1")
    assert page.input_value("#f-place") == "Hrodna"
    page.click("#f-reset")

    last = len(events) - 1  # an event without a place: give it one known elsewhere in the file
    page.click(f'#rows tr[data-i="{last}"] td.victim')
    page.fill("#d-place", "Minsk")
    assert page.evaluate(f"window.hreventsReview.events[{last}].geonames_id") == "625144"
    page.click('#rows tr[data-i="0"] td.victim')
    page.fill("#d-place", "Somewhere Unknown")
    assert page.evaluate("window.hreventsReview.events[0].latitude") == ""
    rows = read_reviewed(export_csv(page, tmp_path))
    assert (rows[last].fields["latitude"], rows[last].fields["geo_name"]) == ("53.9", "Minsk")
    assert rows[0].fields["geonames_id"] == "" and "cleared" in rows[0].fields["geo_reason"]
    assert page.locator("#svg-map circle.dot").count() == 2
    assert console.errors == []
