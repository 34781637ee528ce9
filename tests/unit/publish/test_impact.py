"""The "Impact of IRO challenge" block: the manager's examples from narrative/escalations.md
(narrative only), split from the rest of the section's narrative; a placeholder without it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from report import i18n
from report.errors import ReportError
from report.model import ReportInput, SectionOutput, SectionResult
from report.publish import impact
from report.publish.html import render_report

SOURCE = "narrative/escalations.md"
TEXT = """\
IROs raised concerns about drift.

## Impact of IRO challenge

Two examples this year.

### Brothers kept together
A sibling assessment was completed and the brothers now live together.

### A plan for permanence
The IRO challenged delay; a special guardianship order was made.

## Next steps

We will report themes every quarter.
"""


def test_the_part_is_taken_out_of_the_narrative_keeping_line_numbers() -> None:
    rest, part, line = impact.split(TEXT)
    assert line == 3  # the heading is on line 3
    assert rest is not None and part is not None
    assert "Brothers" not in rest and "IROs raised concerns" in rest
    assert "We will report themes" in rest  # the next "##" part stays in the narrative
    # the later part keeps its line: 15 lines in the file, "## Next steps" is line 13
    assert rest.splitlines()[12] == "## Next steps"
    assert part.splitlines()[0] == ""


def test_each_example_under_its_own_heading() -> None:
    with i18n.language(i18n.ENGLISH):
        rest, view = impact.view(TEXT, {}, SOURCE, "")
    assert [title for title, _ in view.examples] == [
        "Brothers kept together",
        "A plan for permanence",
    ]
    assert "special guardianship" in view.examples[1][1]
    assert view.lead is not None and "Two examples" in view.lead
    assert view.title == "Impact of IRO challenge"
    assert rest is not None and "Brothers" not in rest


def test_without_the_heading_a_placeholder_names_the_file() -> None:
    with i18n.language(i18n.ENGLISH):
        rest, view = impact.view("Just text.\n", {}, SOURCE, "")
    assert rest == "Just text.\n"
    assert view.examples == [] and view.lead is None
    assert "## Impact of IRO challenge" in view.placeholder and SOURCE in view.placeholder
    with i18n.language(i18n.ENGLISH):
        _, none = impact.view(None, {}, SOURCE, "")
    assert none.examples == [] and none.placeholder


def test_the_welsh_heading_is_accepted_in_a_welsh_report() -> None:
    with i18n.language(i18n.WELSH):
        title = i18n._(impact.TITLE)
        _, view = impact.view(f"## {title}\n\n### Enghraifft\nTestun.\n", {}, SOURCE, "cy")
    assert title != "Impact of IRO challenge"
    assert [t for t, _ in view.examples] == ["Enghraifft"]
    assert view.lang == ""  # written in the page's language


def test_an_example_without_text_is_an_error_naming_the_line() -> None:
    with pytest.raises(ReportError, match="line 3: the example 'Empty'"), i18n.language("en"):
        impact.view("## Impact of IRO challenge\n\n### Empty\n\n## Other\n", {}, SOURCE, "")


def test_english_examples_in_a_welsh_report_are_marked_english() -> None:
    # narrative/cy/escalations.md missing: the English narrative (lang "en") is shown
    with i18n.language(i18n.WELSH):
        _, view = impact.view(TEXT, {}, SOURCE, i18n.ENGLISH)
    assert view.lang == "en-GB" and len(view.examples) == 2


def _with_disputes(report: ReportInput, narrative: str | None, lang: str = "") -> ReportInput:
    section = SectionOutput(
        "escalations",
        9,
        "Dispute resolution and IRO challenge",
        SectionResult(),
        narrative,
        narrative_file="narrative/escalations.md",
        narrative_lang=lang,
    )
    return replace(report, sections=[*report.sections, section])


def test_the_page_shows_the_examples_after_the_section(report: ReportInput) -> None:
    html = render_report(_with_disputes(report, TEXT), for_pdf=False).html
    block = html[html.index('<div class="impact">') :]
    assert "<h3" in block and "Impact of IRO challenge</h3>" in block
    assert "<h4>Brothers kept together</h4>" in block and "<h4>A plan for permanence</h4>" in block
    # the examples are not repeated in the narrative above the figures
    assert html.count("special guardianship") == 1
    assert "We will report themes every quarter." in html


def test_the_page_shows_a_placeholder_without_examples(report: ReportInput) -> None:
    html = render_report(_with_disputes(report, "Concerns were raised.\n"), for_pdf=False).html
    block = html[html.index('<div class="impact">') :]
    assert 'class="placeholder"' in block and "narrative/escalations.md" in block


def test_the_welsh_page_translates_the_block_and_marks_english_examples(
    report: ReportInput,
) -> None:
    with i18n.language(i18n.WELSH):
        html = render_report(_with_disputes(report, TEXT, i18n.ENGLISH), for_pdf=False).html
    block = html[html.index('<div class="impact">') :]
    assert "Effaith herio gan IROs</h3>" in block
    assert '<div class="impact-example" lang="en-GB">' in block
