"""tables.xlsx: every table the report publishes, as published (suppressed), one sheet per section.

Made from the same table views as report.html (never recomputed): a published "1,019" is the
number 1019, "90%" is 0.9 shown as 90%, and the symbols (c, k, x, z) stay as they are. Sheets:
Contents, one per section with tables, the appendices' tables, Key (the symbols) and Notes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from report.i18n import _
from report.publish.stablezip import stable
from report.publish.viewmodels import (
    Appendix,
    FigureRow,
    HeadCell,
    ReportView,
    Row,
    SectionView,
    TableView,
)

NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
PERCENT = re.compile(r"^-?\d+(\.\d+)?%$")
BOLD = Font(bold=True)
CAPTION = Font(bold=True, size=12)
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class SheetTables:
    name: str  # at most 31 characters, unique
    title: str
    tables: list[TableView]


def tables_xlsx(view: ReportView, extra: dict[str, TableView], created: str, author: str) -> bytes:
    """The workbook's bytes: the same for the same report (fixed times and properties).

    `extra` holds every table published beside the report (tables/*.csv), including those
    too long to print; each is placed in its section's sheet."""
    book = Workbook()
    contents = book.active
    assert contents is not None
    contents.title = _("Contents")
    sheets = _sheets(view, extra)
    listed: list[tuple[str, str, str]] = []
    for sheet in sheets:
        worksheet = book.create_sheet(sheet.name)
        worksheet.append([sheet.title])
        worksheet["A1"].font = CAPTION
        row = 3
        for table in sheet.tables:
            listed.append((sheet.name, f"A{row}", table.caption))
            row = _write_table(worksheet, table, row) + 1
        _widths(worksheet)
    _contents(contents, view, listed)
    _key(book.create_sheet(_("Key")), view)
    _notes(book.create_sheet(_("Notes")), view)
    when = datetime.fromisoformat(created)
    book.properties.creator = author
    book.properties.lastModifiedBy = author
    book.properties.title = _("{title}: tables").format(title=view.title)
    book.properties.created = when
    book.properties.modified = when
    book.properties.language = view.lang
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not save_workbook: it stamps today as modified
    return stable(buffer.getvalue())


# ---------------------------------------------------------------- which tables, where


def _sheets(view: ReportView, extra: dict[str, TableView]) -> list[SheetTables]:
    used: set[str] = set()
    sheets = []
    for section in view.sections:
        tables = list(_section_tables(section, view, extra))
        if tables:
            sheets.append(SheetTables(_name(section.heading, used), section.heading, tables))
    for appendix in view.appendices:
        tables = list(_appendix_tables(appendix))
        if tables:
            heading = _("Appendix {letter}. {title}").format(
                letter=appendix.letter, title=appendix.title
            )
            sheets.append(SheetTables(_name(heading, used), heading, tables))
    return sheets


def _section_tables(
    section: SectionView, view: ReportView, extra: dict[str, TableView]
) -> Iterator[TableView]:
    if section.cards or section.figures:
        yield _key_figures(section, view)
    for block in section.blocks:
        for chart in block.charts:
            if chart.table is not None:
                yield chart.table
        if block.table is not None:
            yield block.table
        if block.csv_table is not None:
            yield extra.get(block.csv_table.id, block.csv_table)


def _appendix_tables(appendix: Appendix) -> Iterator[TableView]:
    yield from appendix.tables
    yield from appendix.reconciliation


def _key_figures(section: SectionView, view: ReportView) -> TableView:
    """The section's headline figures, then its key figures table, as the page shows them
    (value, its detail, compared with last year, comparators)."""
    head = [
        HeadCell(_("Measure"), numeric=False),
        HeadCell(view.year),
        HeadCell(_("Detail"), numeric=False),
        HeadCell(_("Compared with {year}").format(year=view.previous_year), numeric=False),
    ]
    comparators = any(row.comparators for row in [*section.cards, *section.figures])
    if comparators:
        head.append(HeadCell(_("Comparators"), numeric=False))
    rows = [_figure_row(row, comparators) for row in [*section.cards, *section.figures]]
    return TableView(
        f"{section.key}.figures",
        _("{section}: figures for {year} compared with {previous}").format(
            section=section.title, year=view.year, previous=view.previous_year
        ),
        [head],
        rows,
        text_columns=frozenset({1, 2, 3}),
    )


def _figure_row(row: FigureRow, comparators: bool) -> Row:
    cells = [row.value, row.detail, row.previous]
    if comparators:
        cells.append("; ".join(row.comparators))
    return Row(row.label, cells)


def _name(heading: str, used: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = SHEET_NAME.sub(" ", heading).strip()
    if len(base) > 31:  # cut at a word
        base = base[:31].rsplit(" ", 1)[0].rstrip(" ,.")
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name.lower())
    return name


# ---------------------------------------------------------------- writing


def _write_table(sheet: Worksheet, table: TableView, row: int) -> int:
    """Write the table from `row`: caption, header rows, body; return the next free row."""
    sheet.cell(row, 1, table.caption).font = BOLD
    row += 1
    for head_row in _flat_head(table.head):
        for col, text in enumerate(head_row, start=1):
            cell = sheet.cell(row, col, text)
            cell.font = BOLD
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    for body in table.rows:
        header = sheet.cell(row, 1, body.header)
        if body.total:
            header.font = BOLD
        for col, text in enumerate(body.cells, start=2):
            numeric = (col - 2) not in table.text_columns
            value, number_format = published_value(text) if numeric else (text, "@")
            cell = sheet.cell(row, col, value)
            cell.number_format = number_format
            if body.total:
                cell.font = BOLD
        row += 1
    if table.note:
        sheet.cell(row, 1, table.note)
        row += 1
    return row + 1


def _flat_head(head: list[list[HeadCell]]) -> list[list[str]]:
    """Header rows on the grid (a cell spanning columns is written in its first column)."""
    rows: list[list[str]] = [[] for _ in head]
    taken: set[tuple[int, int]] = set()
    for r, head_row in enumerate(head):
        col = 0
        for cell in head_row:
            while (r, col) in taken:
                col += 1
            for rr in range(r, r + cell.rowspan):
                for cc in range(col, col + cell.colspan):
                    taken.add((rr, cc))
            while len(rows[r]) <= col:
                rows[r].append("")
            rows[r][col] = cell.text
            col += cell.colspan
    return rows


def published_value(text: str) -> tuple[object, str]:
    """A published cell as Excel holds it: a number (with the format that shows it as
    published) or the text itself (symbols, words)."""
    if NUMBER.match(text):
        plain = text.replace(",", "")
        places = len(plain.partition(".")[2])
        number: float | int = float(plain) if places else int(plain)
        return number, "#,##0" + ("." + "0" * places if places else "")
    if PERCENT.match(text):
        plain = text.removesuffix("%")
        places = len(plain.partition(".")[2])
        return round(float(plain) / 100, places + 2), "0" + (
            "." + "0" * places if places else ""
        ) + "%"
    return text, "@"


def _widths(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKLMN":
        sheet.column_dimensions[letter].width = 16


def _contents(sheet: Worksheet, view: ReportView, listed: list[tuple[str, str, str]]) -> None:
    sheet.append([f"{view.title}: {view.council}"])
    sheet["A1"].font = CAPTION
    sheet.append(
        [
            _("Every table published in the report, as published ({period}).").format(
                period=view.period
            )
        ]
    )
    sheet.append([])
    sheet.append([_("Sheet"), _("Cell"), _("Table")])
    for cell in sheet[4]:
        cell.font = BOLD
    for name, where, caption in listed:
        sheet.append([name, where, caption])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 90


def _key(sheet: Worksheet, view: ReportView) -> None:
    sheet.append([_("Symbol"), _("Meaning")])
    for cell in sheet[1]:
        cell.font = BOLD
    for symbol, meaning in view.symbols:
        sheet.append([symbol, meaning])
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 100


def _notes(sheet: Worksheet, view: ReportView) -> None:
    lines = [
        _("{title}, {council}, {period}. Published {date}.").format(
            title=view.title, council=view.council, period=view.period, date=view.generated
        ),
        _(
            "Counts of 1 to {threshold} children (reviews, conferences, concerns, responses) "
            "are shown as c, and so is any figure from which one could be worked out; "
            "percentages are of unrounded counts, rounded once."
        ).format(threshold=view.threshold),
        _(
            "These are the tables exactly as the report publishes them: do not add back "
            "suppressed values."
        ),
        _("Each figure's definition is in the report's definitions appendix."),
    ]
    if view.draft:
        lines.insert(0, _("DRAFT: the data has errors; not for publication."))
    sheet.append([_("Notes")])
    sheet["A1"].font = CAPTION
    for line in lines:
        sheet.append([line])
    for section in view.sections:
        for note in section.notes:
            sheet.append([f"{section.heading}: {note}"])
    sheet.column_dimensions["A"].width = 120
