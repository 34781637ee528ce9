"""The published page: structure, accessibility, suppression, tables and figures.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from report.errors import ReportError
from report.model import Breakdown, ChartSpec, ReportInput
from report.publish.figures_json import figures_json
from report.publish.html import render_report
from report.publish.templates import section_template


class Outline(HTMLParser):
    """Headings, images, header cells and landmarks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.images: list[dict[str, str | None]] = []
        self.th_scopes: list[str | None] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "html":
            self.lang = values.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(values)
        if tag == "th":
            self.th_scopes.append(values.get("scope"))


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_structure_is_accessible(report: ReportInput) -> None:
    page = outline(render_report(report, for_pdf=False).html)
    assert page.lang == "en-GB"
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    assert page.images and all(img.get("alt") for img in page.images)
    assert all(
        src.startswith("data:image/svg+xml;base64,")
        for src in (str(img["src"]) for img in page.images)
    )
    assert all(scope in ("col", "row", "colgroup") for scope in page.th_scopes)
    for landmark in ("header", "nav", "main"):
        assert landmark in page.tags
    assert len(page.ids) == len(set(page.ids))


def test_web_and_print_versions(report: ReportInput) -> None:
    web = render_report(report, for_pdf=False).html
    pdf = render_report(report, for_pdf=True).html
    assert 'class="skip-link" href="#main"' in web
    assert 'skip-link"' not in pdf
    assert 'href="#section-children"' in web and 'href="#section-children"' in pdf


def test_sections_numbered_with_narrative_placeholder_and_off_note(report: ReportInput) -> None:
    html = render_report(report, for_pdf=False).html
    assert ">3. Profile of children looked after</h2>" in html
    assert "402 children were looked after, up from 391 a year before." in html
    assert "[Author: add commentary for this section in narrative/reviews.md]" in html
    assert "This section is not included this year: IROs do not chair conferences here." in html
    assert "Appendix A. Definitions" in html and "Appendix C. Suppression key and rules" in html
    assert "DRAFT" not in html


def test_draft_is_marked(make_report: Callable[..., ReportInput]) -> None:
    html = render_report(make_report(draft=True), for_pdf=True).html
    assert "DRAFT</strong>" in html and "@page" in html


def test_key_figures_show_last_year_and_comparators(report: ReportInput) -> None:
    html = render_report(report, for_pdf=False).html
    assert "up from 391 in 2023-24" in html
    assert "England 2023-24: 70.0" in html
    assert "880 of 1,000 reviews" in html


def test_published_tables_are_suppressed(report: ReportInput) -> None:
    published = render_report(report, for_pdf=False)
    csv = published.tables["participation.by_code"]
    assert csv.splitlines()[0] == "Code,Number,Percentage"
    assert "PN2,c,c" in csv and "PN4,c,c" in csv  # 3 and its partner 31
    assert csv.splitlines()[-1] == "Total,861,100"
    two_way = published.tables["reviews.by_sequence"].splitlines()
    assert two_way[0] == (
        "Review,On time: Number,On time: Percentage,Late: Number,Late: Percentage,Total"
    )
    assert two_way[1] == "First,c,c,c,c,121"
    assert "cla.trend" in published.tables  # trend charts publish their data too
    assert published.tables["cla.trend"].splitlines()[1] == "2020-21,371"
    assert "2022-23,c" in published.tables["reviews.trend"]


def test_small_numbers_never_reach_the_page(make_report: Callable[..., ReportInput]) -> None:
    html = render_report(make_report(), for_pdf=False).html
    assert "Children on short breaks only" in html
    assert ">4<" not in html  # cla.short_breaks = 4 is shown as c
    # reviews.on_time 3 of 4 in 2022-23: the trend's alt text says a value is hidden
    assert "c marks a number suppressed to protect children" in html


def test_partial_choice() -> None:
    assert section_template("no-such-section") == "sections/_generic.html"


def test_figures_json_is_unsuppressed_sorted_and_serialisable(report: ReportInput) -> None:
    data = figures_json(report)
    assert data["not_for_publication"] is True
    ids = [f["id"] for f in data["figures"]]
    assert ids == sorted(ids)
    by_id = {f["id"]: f for f in data["figures"]}
    assert by_id["cla.short_breaks"]["value"] == 4
    assert by_id["reviews.on_time"]["previous"] == 100 * 860 / 1012
    assert by_id["reviews.on_time"]["history"]["2022-23"] == 75.0
    assert by_id["participation.by_code/PN2"]["value"] == 3
    assert by_id["participation.by_code/PN2"]["denominator"] == 861
    assert by_id["reviews.by_sequence/First/Late"]["series"] == "Late"
    assert by_id["cla.rate_per_10k"]["comparators"][0]["area"] == "England"
    assert json.dumps(data, sort_keys=True) == json.dumps(figures_json(report), sort_keys=True)


def test_rendering_is_deterministic(report: ReportInput) -> None:
    assert render_report(report, for_pdf=True).html == render_report(report, for_pdf=True).html


def test_long_and_empty_tables(make_report: Callable[..., ReportInput]) -> None:
    report = make_report()
    result = report.sections[0].result
    categories = [f"Group {i}" for i in range(40)]
    result.breakdowns.append(
        Breakdown(
            "long", "Long table", "d", "Group", categories, {"n": list(range(40))}, "children"
        )
    )
    result.breakdowns.append(Breakdown("empty", "Empty", "d", "Group", [], {"n": []}, "children"))
    result.charts.append(ChartSpec("empty.chart", "Empty", "bar", source="empty"))
    published = render_report(report, for_pdf=True)
    assert "Long table: this table has 40 rows" in published.html
    assert 'id="table-long"' not in published.html
    assert published.tables["long"].splitlines()[1] == "Group 0,0,0"
    assert published.tables["empty"] == "Group,Number,Percentage\nTotal,0,z\n"


def test_data_quality_is_capped(make_report: Callable[..., ReportInput]) -> None:
    report = make_report()
    report.data_quality = [
        {"file": "f.csv", "rule": f"rule {i}", "severity": "warning", "count": 1200 + i}
        for i in range(45)
    ]
    html = render_report(report, for_pdf=False).html
    assert "Showing 40 of 45 kinds of problem" in html
    assert ">1,200</td>" in html


def test_repeated_ids_are_refused(make_report: Callable[..., ReportInput]) -> None:
    report = make_report()
    report.sections[1].result.figures.append(report.sections[0].result.figures[0])
    with pytest.raises(ReportError, match=r"repeated: cla\.at_period_end"):
        render_report(report, for_pdf=False)


def test_line_charts_draw_their_own_values(make_report: Callable[..., ReportInput]) -> None:
    report = make_report()
    spec = ChartSpec(
        "caseload-months",
        "Children per full-time IRO at each month end",
        "line",
        band=(50, 70),
        categories=("Apr", "May", "Jun"),
        series=(("Children per FTE", (64.7, None, 66.1)),),
        unit="caseload",
    )
    report.sections[1].result.charts.append(spec)
    published = render_report(report, for_pdf=False)
    assert published.tables["caseload-months"] == (
        "Period,Children per FTE\nApr,64.7\nMay,x\nJun,66.1\n"
    )
    assert "Line chart of Children per full-time IRO at each month end, Apr to Jun: it rose" in (
        published.html
    )
