"""Narrative Markdown: figure references in a sandbox, errors with file and line."""

from __future__ import annotations

import pytest

from report.errors import ReportError
from report.publish.narrative import NarrativeFigure, render_narrative

FIGURES = {
    "reviews.on_time": NarrativeFigure(
        "Reviews held on time", "88%", "88%", "880", "1,000", "85%", "up from 85%"
    ),
    "odd": NarrativeFigure("Odd", "<b>1</b>", "z", "x", "x", "x", ""),
}
SOURCE = "narrative/reviews.md"


def render(text: str) -> str:
    return render_narrative(text, FIGURES, SOURCE)


def test_figures_are_filled_in_and_markdown_rendered() -> None:
    html = render(
        "**{{ figures['reviews.on_time'].pct }}** on time, {{ figures['reviews.on_time'].change }}."
    )
    assert html == "<p><strong>88%</strong> on time, up from 85%.</p>\n"


def test_raw_html_is_escaped() -> None:
    html = render("Hello <script>alert(1)</script> {{ figures['odd'].value }}")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_headings_start_at_h3_without_skipping() -> None:
    html = render("## Placements\n\ntext\n\n#### Detail\n")
    assert "<h3>Placements</h3>" in html and "<h4>Detail</h4>" in html


def test_images_are_not_rendered() -> None:
    assert "<img" not in render("![a child](http://example.com/x.png)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "one\n\nthree {{ figures['reviews.ontime'].pct }}",
            "narrative/reviews.md line 3: unknown figure 'reviews.ontime'",
        ),
        ("one\n{{ figures['reviews.on_time'].vaue }}", "narrative/reviews.md line 2: no attribute"),
        ("one\ntwo\n{% if %}", "narrative/reviews.md line 3:"),
        ("{{ figures.__class__ }}", "narrative/reviews.md line 1: access to attribute"),
        ("a\n{{ nothing }}", "narrative/reviews.md line 2: 'nothing' is undefined"),
    ],
)
def test_errors_name_file_and_line(text: str, expected: str) -> None:
    with pytest.raises(ReportError) as caught:
        render(text)
    assert caught.value.message.startswith(expected)
