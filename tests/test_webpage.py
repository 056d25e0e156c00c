"""Web pages: main text by trafilatura, dates from JSON-LD / meta / htmldate, covered year from the heading.

Every page here is invented; the State Department one copies only the shape of a state.gov
country report (JSON-LD, heading, table-of-contents anchors, run-in headings).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hrevents.reader import report_from_bytes
from hrevents.webpage import covers_from_headings, covers_rules, published_date

pytest.importorskip("trafilatura", reason="trafilatura extracts the main text of web pages")

NEWS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reporter detained in Lakeside | The Daily Invented</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Reporter detained in Lakeside", "datePublished": "2024-03-15T09:30:00Z",
 "dateModified": "2024-06-01T10:00:00Z"}</script>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing
you agree to our cookie policy.</p><a href="/cookies">Accept all cookies</a></div>
<div class="site-header"><div class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/opinion">Opinion</a></li></ul></div></div>
<div class="page-wrapper">
 <div class="story-column">
  <h1 class="story-title">Reporter detained in Lakeside</h1>
  <div class="share-bar"><a href="/share/fb">Share on Facebook</a> <a href="/share/x">Share on X</a>
   <a href="/share/mail">Email this story</a></div>
  <div class="story-body">
   <p>On 14 March, officers of the Lakeside police detained the reporter Mirela Vostrova outside the
   regional court, where she had been covering the trial of two environmental campaigners.</p>
   <p>Her lawyer said that she was taken to the central police station and questioned for six hours
   about her sources before she was released without charge late in the evening.</p>
   <p>Press freedom groups called the detention an attempt to intimidate the few independent
   journalists still working in the region.</p>
  </div>
 </div>
 <div class="sidebar related-stories">
  <h3>Related stories</h3>
  <ul>
   <li><a href="/2024/02/police-arrest-kerrigan">Police arrest activist Tomas Kerrigan in Lakeside</a></li>
   <li><a href="/2024/01/blogger-arrested">Blogger Anika Strand arrested at the border</a></li>
  </ul>
 </div>
</div>
<div class="site-footer"><p>© 2024 The Daily Invented. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> <a href="/terms">Terms of use</a> <a href="/contact">Contact us</a></p></div>
</body></html>
"""

NEWS_BODY = (
    "On 14 March, officers of the Lakeside police detained the reporter Mirela Vostrova outside the regional "
    "court, where she had been covering the trial of two environmental campaigners.\n\n"
    "Her lawyer said that she was taken to the central police station and questioned for six hours about her "
    "sources before she was released without charge late in the evening.\n\n"
    "Press freedom groups called the detention an attempt to intimidate the few independent journalists still "
    "working in the region.\n"
)

STATE_PAGE = """<!doctype html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>Lakeland - United States Department of State</title>
<meta property="article:modified_time" content="2025-01-03T10:00:00+00:00">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","name":"Lakeland","datePublished":"2020-03-11T14:49:18+00:00",
  "dateModified":"2025-01-03T10:00:00+00:00"}]}</script>
</head><body>
<div id="page" class="site"><div id="content" class="site-content js-backtotop"><main>
<article class="state_report type-state_report hentry">
<h1 class="featured-content__headline report-header__headline">
  2019 Country Reports on Human Rights Practices: Lakeland
</h1>
<div class="report__toc"><ul>
 <li><a href="#report-toc__exec-summary">EXECUTIVE SUMMARY</a></li>
 <li><a href="#report-toc__section-1">Section 1. Respect for the Integrity of the Person</a></li>
 <li><a href="#report-toc__section-6">Section 6. Discrimination, Societal Abuses, and Trafficking in Persons</a></li>
</ul></div>
<div class="report__content" id="report_content">
<section class="report__content__inner entry-content">
 <h2 id="report-toc__exec-summary" class="report__section-title">EXECUTIVE SUMMARY</h2>
 <p>Lakeland is a parliamentary republic. Elections in October were generally free and fair.</p>
</section>
<section class="report__content__inner entry-content">
 <h3 id="report-toc__section-1" class="report__section-title">Section 1. Respect for the Integrity of the Person</h3>
 <p><u></u>Violence and Harassment: On April 18, the freelance reporter Dara Quillon was shot and killed by an
 unknown assailant in Port Vell while she was covering a police operation.</p>
 <p>In August police arrested the blogger Teodor Malen at his home in Port Vell after he criticised the
 governor.</p>
</section>
<section class="report__content__inner entry-content">
 <h3 id="report-toc__section-6" class="report__section-title">Section 6. Discrimination, Societal Abuses</h3>
 <h3 class="report__section-subtitle">Sexual Exploitation</h3>
 <p>The penalties for the commercial sexual exploitation of children range up to life imprisonment.
 Authorities generally enforced the law.</p>
</section>
</div></article></main></div></div></body></html>
"""


def test_news_page_keeps_only_the_story() -> None:
    report = report_from_bytes(NEWS_PAGE.encode(), "news.html", "news")
    assert report.text == NEWS_BODY
    for furniture in ("cookie", "Home", "Share", "Related", "Kerrigan", "Anika", "rights reserved", "Privacy"):
        assert furniture not in report.text
    assert report.meta.title == "Reporter detained in Lakeside | The Daily Invented"
    assert report.meta.published == dt.date(2024, 3, 15)  # datePublished, not dateModified
    assert report.meta.extra["published_from"] == "JSON-LD datePublished"


@pytest.mark.model
def test_news_page_teasers_are_no_events(extractor) -> None:
    events = extractor.extract(report_from_bytes(NEWS_PAGE.encode(), "news.html", "news"))
    assert {event.victim for event in events if event.victim} == {"Mirela Vostrova"}
    assert all("Kerrigan" not in event.evidence and "Strand" not in event.evidence for event in events)


def test_state_department_page_dates_and_sections() -> None:
    report = report_from_bytes(STATE_PAGE.encode(), "lakeland.html", "lakeland")
    assert report.meta.published == dt.date(2020, 3, 11)
    assert report.meta.covers == "2019"
    assert report.meta.extra == {
        "published_from": "JSON-LD datePublished",
        "covers_from": "heading '2019 Country Reports on Human Rights Practices: Lakeland'"
        " (state_department_country_reports)",
    }
    paragraphs = report.text.rstrip("\n").split("\n\n")
    # Every section heading is a paragraph of its own (sentences never run across it), and the
    # report's sections survive their table-of-contents anchors.
    for heading in ("EXECUTIVE SUMMARY", "Section 1. Respect for the Integrity of the Person", "Sexual Exploitation"):
        assert heading in paragraphs
    assert paragraphs.count("EXECUTIVE SUMMARY") == 1  # the table of contents itself is dropped
    assert any(p.startswith("Violence and Harassment: On April 18") for p in paragraphs)


@pytest.mark.model
def test_state_department_page_dates_take_the_covered_year(extractor) -> None:
    events = extractor.extract(report_from_bytes(STATE_PAGE.encode(), "lakeland.html", "lakeland"))
    found = {(event.action, event.victim, event.date) for event in events}
    assert ("killing", "Dara Quillon", "2019-04-18") in found
    assert ("arrest", "Teodor Malen", "2019-08") in found
    assert all("Exploitation" not in (event.victim or "") for event in events)
    assert {event.action for event in events}.isdisjoint({"sentence"})  # a law's penalty is no sentence


def test_published_date_falls_back_to_meta_then_htmldate() -> None:
    body = "<p>" + "Text " * 20 + "</p>"
    page = f'<html><head><meta name="dcterms.date" content="2021-05-02"></head><body>{body}</body></html>'
    meta = report_from_bytes(page.encode(), "a.html", "a").meta
    assert (meta.published, meta.extra["published_from"]) == (dt.date(2021, 5, 2), "meta name=dcterms.date")
    page = f'<html><body><p>Posted <time datetime="2022-07-09">9 July 2022</time></p>{body}</body></html>'
    meta = report_from_bytes(page.encode(), "b.html", "b").meta
    assert (meta.published, meta.extra["published_from"]) == (dt.date(2022, 7, 9), "htmldate (original date)")


def test_markup_is_serialised_only_when_htmldate_needs_it() -> None:
    from bs4 import BeautifulSoup

    page = '<html><head><meta name="dcterms.date" content="2021-05-02"></head><body><p>Text</p></body></html>'
    soup = BeautifulSoup(page, "html.parser")
    asked: list[str] = []

    def markup() -> str:
        asked.append("markup")
        return str(soup)

    assert published_date(soup, markup) is not None and asked == []


@pytest.mark.parametrize("rule", covers_rules(), ids=lambda rule: rule.id)
def test_covers_rule_examples(rule) -> None:
    for example in rule.examples:
        assert rule.covers(example.heading) == example.covers


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        (["Lakeland 2019"], None),
        (["Menu", "2020 Country Reports on Human Rights Practices: Lakeland"], "2020"),
        (["World Report 2021: Lakeland"], "2020"),
    ],
)
def test_covers_from_headings(headings: list[str], expected: str | None) -> None:
    found = covers_from_headings(headings)
    assert (found[0] if found else None) == expected
