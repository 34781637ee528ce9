"""Committee papers: the publication deadline in clear days, the cover report, the merged PDF."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays
import pytest
from pypdf import PdfReader

from report.config import load_config
from report.errors import EXIT_USAGE, ReportError
from report.model import ReportInput
from report.papers_build import build_papers
from report.publish import pdf
from report.publish.html import published_figures, render_report
from report.publish.papers import (
    APPENDIX_LABEL,
    Contact,
    CoverInput,
    clear_days_between,
    narrative_parts,
    publish_by,
    render_cover,
)

ROOT = Path(__file__).resolve().parents[3]


# ---------------------------------------------------------------- clear days, by hand


def test_england_five_clear_days_before_a_thursday_meeting() -> None:
    # Meeting Thursday 10 July 2025 (no bank holidays nearby). Counting back the clear
    # working days, leaving out the meeting day itself:
    #   Wed 9 July (1), Tue 8 (2), Mon 7 (3), [Sun 6, Sat 5 do not count], Fri 4 (4), Thu 3 (5).
    # The papers must be out the day before the fifth clear day: Wednesday 2 July 2025
    # (the publication day itself is not a clear day).
    assert publish_by(date(2025, 7, 10), "england") == date(2025, 7, 2)
    assert clear_days_between(date(2025, 7, 2), date(2025, 7, 10)) == 5
    assert clear_days_between(date(2025, 7, 3), date(2025, 7, 10)) == 4


def test_england_easter_bank_holidays_are_not_clear_days() -> None:
    # Meeting Wednesday 23 April 2025. Easter Monday 21 April and Good Friday 18 April are
    # England and Wales bank holidays:
    #   Tue 22 (1), [Mon 21 Easter Monday], [Sun 20, Sat 19], [Fri 18 Good Friday],
    #   Thu 17 (2), Wed 16 (3), Tue 15 (4), Mon 14 (5)
    # -> published by Friday 11 April 2025.
    assert publish_by(date(2025, 4, 23), "england") == date(2025, 4, 11)


def test_england_late_may_bank_holiday() -> None:
    # Meeting Thursday 29 May 2025; Monday 26 May is the spring bank holiday:
    #   Wed 28 (1), Tue 27 (2), [Mon 26], [Sun 25, Sat 24], Fri 23 (3), Thu 22 (4), Wed 21 (5)
    # -> published by Tuesday 20 May 2025.
    assert publish_by(date(2025, 5, 29), "england") == date(2025, 5, 20)


def test_wales_three_clear_days() -> None:
    # Meeting Thursday 10 July 2025 in Wales: Wed 9 (1), Tue 8 (2), Mon 7 (3)
    # -> published by Friday 4 July 2025.
    assert publish_by(date(2025, 7, 10), "wales") == date(2025, 7, 4)
    # Meeting Wednesday 27 August 2025; Monday 25 August is the summer bank holiday
    # (England and Wales): Tue 26 (1), [Mon 25], [Sun 24, Sat 23], Fri 22 (2), Thu 21 (3)
    # -> published by Wednesday 20 August 2025.
    assert publish_by(date(2025, 8, 27), "wales") == date(2025, 8, 20)


@pytest.mark.parametrize("nation, clear", [("england", 5), ("wales", 3)])
def test_publish_by_is_the_latest_day_that_leaves_enough_clear_days(
    nation: str, clear: int
) -> None:
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=[2024, 2025, 2026])

    def working(day: date) -> bool:
        return day.weekday() < 5 and day not in bank_holidays

    meeting = date(2024, 12, 1)
    while meeting < date(2026, 1, 31):  # every day, across Christmas, Easter and the rest
        deadline = publish_by(meeting, nation)
        assert working(deadline), meeting
        assert clear_days_between(deadline, meeting) == clear, meeting
        later = deadline + timedelta(days=1)
        while not working(later):
            later += timedelta(days=1)
        assert clear_days_between(later, meeting) < clear, meeting
        meeting += timedelta(days=1)


# ---------------------------------------------------------------- the cover report


def cover_input(**changes: Any) -> CoverInput:
    base = CoverInput(
        committee="Corporate Parenting Panel",
        meeting_date=date(2025, 7, 10),
        report_of="Director of Children's Services",
        author=Contact(
            "Alex Example", "IRO Service Manager", "iro@example.example", "01632 960123"
        ),
        agenda_item="7",
    )
    return dataclasses.replace(base, **changes)


def cover_html(report: ReportInput, **changes: Any) -> str:
    return render_cover(report, published_figures(report), cover_input(**changes)).cover_html


def test_cover_has_the_recommendation_and_the_report_figures(report: ReportInput) -> None:
    html = cover_html(report)
    assert "That the Corporate Parenting Panel notes the IRO annual report 2024-25" in html
    assert "For noting" in html and "Thursday 10 July 2025" in html
    assert "Wednesday 2 July 2025" in html  # publish by
    assert "Director of Children&#39;s Services" in html and "01632 960123" in html
    # The published strings of the report itself (tests/unit/publish/conftest.py).
    assert "402 children were looked after at 31 March 2025, compared with 391 at" in html
    assert "88% of reviews were held on time (880 of 1,000 reviews), up from 85% in 2023-24" in html
    assert "participated in 93% of their reviews" in html
    assert "59.1 children" in html
    # Figures the report does not have are left out, not shown as 0.
    assert "concerns" not in html and "all their reviews" not in html
    assert "Appendix A: Independent Reviewing Service Annual Report 2024-25" in html


def test_cover_figures_are_suppressed_like_the_report(make_report: Any) -> None:
    small = make_report(threshold=500)  # 402 children is now a small number
    html = cover_html(small)
    assert "c children were looked after" in html
    assert "402" not in html


def test_cover_paragraphs_are_numbered_through(report: ReportInput) -> None:
    html = cover_html(report)
    numbers = [int(n) for n in _para_numbers(html)]
    assert numbers[0] == 1  # the recommendation
    assert numbers[1:] == list(range(1, len(numbers)))


def _para_numbers(html: str) -> list[str]:
    return re.findall(r'<span class="para-number">(\d+)\.</span>', html)


def test_england_and_wales_legal_text_and_background_papers(report: ReportInput) -> None:
    england = cover_html(report)
    assert "Children Act 1989, sections 25A and 25B" in england
    assert "IRO Handbook" in england and "Part 6 Code of Practice" not in england
    wales = cover_html(dataclasses.replace(report, nation="wales"), implications=WELSH_LANGUAGE)
    assert "sections 99 and 100" in wales and "Part 6 Code of Practice" in wales
    assert "Children Act 1989" not in wales
    assert "Friday 4 July 2025 (3 clear working days" in wales


WELSH_LANGUAGE = {"welsh_language": "The report is published in Welsh and English."}


def test_a_welsh_council_needs_its_welsh_language_paragraph(report: ReportInput) -> None:
    wales = dataclasses.replace(report, nation="wales")
    with pytest.raises(ReportError, match="need a Welsh language implications paragraph"):
        cover_html(wales)
    html = cover_html(wales, implications=WELSH_LANGUAGE)
    headings = re.findall(r"<h3>([^<]+)</h3>", html)
    assert headings == [
        "Financial implications",
        "Legal implications",
        "Equalities implications",
        "Welsh language implications",
        "Risk implications",
    ]
    assert "The report is published in Welsh and English." in html
    # or from narrative/papers.md, under its own heading
    text = "## Welsh language implications\n\nBilingual, agreed with the Welsh Language Officer.\n"
    assert "agreed with the Welsh Language Officer" in cover_html(wales, narrative=text)
    # England's papers have no such paragraph and need none
    assert "Welsh language" not in cover_html(report)


def test_committee_name_and_agenda_item_come_from_the_input(report: ReportInput) -> None:
    html = cover_html(report, committee="Children & Young People Panel", agenda_item="")
    assert "That the Children &amp; Young People Panel notes" in html
    assert "Agenda item" not in html


def test_config_and_narrative_text_replace_the_defaults(report: ReportInput) -> None:
    narrative = (
        "## Legal implications\n\nOur solicitor has read this: "
        "{{ figures['cla.at_period_end'].value }} children.\n\n"
        "## Summary\n\nA good year.\n"
    )
    html = cover_html(
        report,
        narrative=narrative,
        implications={"legal": "Ignored: the narrative wins.", "risk": "Risk is *low*."},
    )
    assert "Our solicitor has read this: 402 children." in html
    assert "Ignored" not in html and "Children Act 1989, sections 25A" not in html
    assert "Risk is <em>low</em>." in html
    assert "A good year." in html
    assert "no financial implications arising directly" in html  # default kept


@pytest.mark.parametrize(
    "text, problem",
    [
        ("## Costs\n\nx\n", "line 1: unknown heading 'Costs'"),
        ("Hello\n## Summary\n", "line 1: text before the first heading"),
        ("## Summary\nx\n## summary\ny\n", "line 3: 'summary' appears twice"),
        ("## Summary\n\n{{ figures['nope'].value }}\n", "line 3: unknown figure 'nope'"),
    ],
)
def test_narrative_problems_name_the_file_and_line(text: str, problem: str) -> None:
    with pytest.raises(ReportError) as caught:
        narrative_parts(text, {})
    assert caught.value.message.startswith("narrative/papers.md ")
    assert problem in caught.value.message


def test_narrative_html_is_escaped(report: ReportInput) -> None:
    html = cover_html(report, narrative="## Risk implications\n\n<script>x</script>\n")
    assert "<script>" not in html and "&lt;script&gt;" in html


# ---------------------------------------------------------------- the merged PDF


def test_papers_pdf_is_the_cover_then_the_report_numbered_separately(
    report: ReportInput,
) -> None:
    cover = render_cover(report, published_figures(report), cover_input())
    appendix = render_report(report, for_pdf=False, appendix_label=APPENDIX_LABEL).html
    options = {"title": cover.title, "lang": "en-GB", "created": "2025-03-31"}
    cover_pages = len(_pages(pdf.render_bytes(cover.cover_html, **options)))
    report_pages = len(_pages(pdf.render_bytes(appendix, **options)))
    data = pdf.render_bytes([cover.cover_html, appendix], **options)
    assert data == pdf.render_bytes([cover.cover_html, appendix], **options)  # deterministic
    pages = _pages(data)
    assert len(pages) == cover_pages + report_pages
    texts = [p.extract_text() for p in pages]
    assert f"Page 1 of {cover_pages}" in texts[0]
    assert "Appendix A" in texts[cover_pages]  # the appendix's own title page
    assert f"Appendix A, page 2 of {report_pages}" in texts[cover_pages + 1]
    assert "Appendix A: Independent Reviewing Service Annual Report 2024-25" in texts[-1]
    reader = PdfReader(_file(data))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Corporate Parenting Panel, 10 July 2025: "
        "Independent Reviewing Service Annual Report 2024-25"
    )


def test_report_without_appendix_label_is_unchanged(report: ReportInput) -> None:
    plain = render_report(report, for_pdf=False).html
    assert "Appendix A:" not in plain and '@top-right {\n      content: "Appendix' not in plain


def _file(data: bytes) -> Any:
    return io.BytesIO(data)


def _pages(data: bytes) -> list[Any]:
    return list(PdfReader(_file(data)).pages)


# ---------------------------------------------------------------- config


def _config_file(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        "council:\n  name: Exampleshire County Council\n  slug: exampleshire\n"
        f"report:\n  year: 2024-25\n  data: {ROOT / 'data' / 'sample'}\n" + extra,
        encoding="utf-8",
    )
    return path


def test_papers_without_a_meeting_date_is_a_usage_error(tmp_path: Path) -> None:
    config = load_config(_config_file(tmp_path))
    assert config.council.panel_name == "Corporate Parenting Panel"
    with pytest.raises(ReportError) as caught:
        build_papers(config, out_dir=tmp_path / "out")
    assert caught.value.exit_code == EXIT_USAGE
    assert "'meeting.date'" in caught.value.message
    assert not (tmp_path / "out").exists()


def test_meeting_section_is_checked_by_key(tmp_path: Path) -> None:
    path = _config_file(tmp_path, "meeting:\n  date: 10/07/2025\n  venue: Town Hall\n")
    with pytest.raises(ReportError) as caught:
        load_config(path)
    assert "meeting.date" in caught.value.message
    assert "unknown key 'meeting.venue'" in caught.value.message
    good = _config_file(
        tmp_path, "meeting:\n  date: 2025-07-10\n  agenda_item: 7\n  author:\n    name: A B\n"
    )
    meeting = load_config(good).meeting
    assert meeting.date == date(2025, 7, 10) and meeting.agenda_item == 7
