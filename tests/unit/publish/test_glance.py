"""The "At a glance" page as published: picks, suppression, the narrative's parts."""

from __future__ import annotations

import pytest

from report.errors import ReportError
from report.publish.disclosure import decide
from report.publish.glance import glance
from report.publish.html import render_report
from tests.unit.publish.conftest import build_report

GLANCE = "## What is working well\n\nReviews are on time.\n\n## What we will do next\n\nMore.\n"


def test_the_figures_that_moved_most_as_published() -> None:
    # conftest history, published values only:
    #   reviews.on_time 84.2% (800/950), 85.9% (850/990), [2022-23 is 3 of 4: suppressed,
    #     skipped], 85.0% (860/1012) -> 88.0% (880/1000). Usual change (1.65 + 0.88) / 2 =
    #     1.27; change +3.02: score 2.4 (higher is better: "Better").
    #   cla.at_period_end 371, 380, 386, 391 -> 402: usual (9 + 6 + 5) / 3 = 6.67; change +11:
    #     score 1.65 (neither better nor worse).
    report = build_report()
    view = glance(report, decide(report), {})
    rows = [(r.figure_id, r.previous, r.current, r.direction, r.reading) for r in view.rows]
    assert rows == [
        ("reviews.on_time", "85%", "88%", "Up", "Better"),
        ("cla.at_period_end", "391", "402", "Up", ""),
    ]
    assert view.rows[0].sentence("2024-25", "2023-24") == (
        "Reviews held on time rose from 85% in 2023-24 to 88% in 2024-25 (better)."
    )


def test_a_suppressed_figure_is_never_picked() -> None:
    # With a threshold of 500, 402 (and 391) children are suppressed; reviews on time (880 of
    # 1,000, 860 of 1,012) are not: only it is left.
    report = build_report(threshold=500)
    view = glance(report, decide(report), {})
    assert [r.figure_id for r in view.rows] == ["reviews.on_time"]
    # With 1,100 every count of the report year is hidden: nothing is picked, a note says why.
    report = build_report(threshold=1100)
    view = glance(report, decide(report), {})
    assert view.rows == []
    assert "three years" in view.note


def test_the_narrative_parts() -> None:
    from dataclasses import replace

    report = replace(build_report(), glance_narrative=GLANCE)
    parts = {key: html for key, _, html in glance(report, decide(report), {}).parts}
    assert parts["well"] is not None and "Reviews are on time." in parts["well"]
    assert parts["worried"] is None  # the page shows a placeholder for it
    assert parts["next"] is not None and "More." in parts["next"]
    bad = replace(report, glance_narrative="## What went well\n\nText.\n")
    with pytest.raises(ReportError, match=r"at_a_glance\.md line 1: unknown heading"):
        glance(bad, decide(bad), {})


def test_the_page_comes_first_after_the_contents() -> None:
    html = render_report(build_report(), for_pdf=False).html
    contents = html.index('id="contents-heading"')
    page = html.index('id="at-a-glance"')
    assert contents < page < html.index('id="section-children"')
    assert '<a href="#at-a-glance">At a glance</a>' in html
