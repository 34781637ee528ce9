"""tables.xlsx from the hand-built report: every table as published, numbers as numbers, the
symbols kept, fixed bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from report.model import ReportInput
from report.publish.html import render_report
from report.publish.workbook import published_value, tables_xlsx


def _book(report: ReportInput) -> bytes:
    web = render_report(report, for_pdf=False)
    assert web.view is not None
    return tables_xlsx(web.view, web.table_views, report.generated, report.author)


def _rows(sheet: Any) -> list[tuple[object, ...]]:
    return [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]


def _table(sheet: Any, caption: str) -> list[tuple[object, ...]]:
    """The rows of the table under `caption`, up to the blank row after it."""
    rows = _rows(sheet)
    start = next(i for i, row in enumerate(rows) if row[0] == caption)
    blank = (i for i in range(start, len(rows)) if all(v is None for v in rows[i]))
    end = next(blank, len(rows))
    return [tuple(v for v in row if v is not None) for row in rows[start + 1 : end]]


@pytest.mark.parametrize(
    ("text", "value", "number_format"),
    [
        ("1,019", 1019, "#,##0"),
        ("7", 7, "#,##0"),
        ("64.7", 64.7, "#,##0.0"),
        ("90%", 0.9, "0%"),
        ("c", "c", "@"),
        ("k", "k", "@"),
        ("up from 87%", "up from 87%", "@"),
    ],
)
def test_a_published_cell_keeps_its_value_and_its_look(
    text: str, value: object, number_format: str
) -> None:
    assert published_value(text) == (value, number_format)


def test_every_section_table_is_in_its_sections_sheet(report: ReportInput) -> None:
    book = load_workbook(io.BytesIO(_book(report)))
    assert book.sheetnames[0] == "Contents" and book.sheetnames[-2:] == ["Key", "Notes"]
    sheet = book["3. Profile of children looked"]  # cut at a word to Excel's 31 characters
    # 402 children: 21 is 5.2% -> 5%, 60 is 14.9% -> 15%, 78 19.4% -> 19%, 148 36.8% -> 37%,
    # 95 23.6% -> 24%; the total's 100%
    assert _table(sheet, "Children looked after by age") == [
        ("Age band", "Number", "Percentage"),
        ("Under 1", 21, 0.05),
        ("1 to 4", 60, 0.15),
        ("5 to 9", 78, 0.19),
        ("10 to 15", 148, 0.37),
        ("16 and over", 95, 0.24),
        ("Total", 402, 1),
        ("Percentages are of the column total.",),
    ]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 0.37)
    assert cell.number_format == "0%"


def test_suppressed_cells_stay_suppressed(report: ReportInput) -> None:
    book = load_workbook(io.BytesIO(_book(report)))
    rows = _table(book["5. Participation"], "Reviews by participation code")
    by_code = {row[0]: row[1:] for row in rows}
    # PN2 is 3 reviews (1 to 5: c); the next smallest, PN4's 31, is hidden with it so the
    # total of 861 cannot give PN2 away; their percentages go too
    assert by_code["PN2"] == ("c", "c")
    assert by_code["PN4"] == ("c", "c")
    assert by_code["PN1"] == (410, 0.48)  # 410 of 861 is 47.6%
    assert by_code["Total"] == (861, 1)


def test_headline_and_key_figures_are_a_table(report: ReportInput) -> None:
    book = load_workbook(io.BytesIO(_book(report)))
    rows = _table(book["4. Reviews"], "Reviews: figures for 2024-25 compared with 2023-24")
    assert rows[0] == ("Measure", "2024-25", "Detail", "Compared with 2023-24")
    # 880 of 1,000 is 88%; last year 860 of 1,012 is 85.0%
    assert rows[1] == ("Reviews held on time", 0.88, "880 of 1,000 reviews", "up from 85%")
    assert rows[2][:2] == ("Children per full-time IRO", 59.1)


def test_key_sheet_explains_every_symbol(report: ReportInput) -> None:
    book = load_workbook(io.BytesIO(_book(report)))
    symbols = [row[0] for row in _rows(book["Key"])[1:]]
    assert symbols == ["c", "k", "x", "z"]
    notes = " ".join(str(row[0]) for row in _rows(book["Notes"]))
    assert "1 to 5" in notes and "Short breaks are not counted" in notes


def test_contents_lists_every_table_with_its_place(report: ReportInput) -> None:
    book = load_workbook(io.BytesIO(_book(report)))
    listed = _rows(book["Contents"])[4:]
    for sheet_name, where, caption in listed:
        assert book[sheet_name][where].value == caption
    captions = {row[2] for row in listed}
    assert {"Children looked after by age", "Reviews by participation code"} <= captions


def test_same_report_gives_the_same_bytes(report: ReportInput) -> None:
    first = _book(report)
    assert _book(report) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = load_workbook(io.BytesIO(first)).properties
    assert properties.created == properties.modified == datetime(2025, 3, 31)
    assert properties.creator == "IRO Service Manager"
