"""The view models the templates, the Word file and the workbook are made from: plain strings."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from markupsafe import Markup

from report.publish.glance import GlanceView


@dataclass(frozen=True)
class HeadCell:
    text: str
    scope: str = "col"
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = True


@dataclass(frozen=True)
class Row:
    header: str
    cells: list[str]
    total: bool = False


@dataclass(frozen=True)
class TableView:
    id: str
    caption: str
    head: list[list[HeadCell]]
    rows: list[Row]
    note: str = ""
    text_columns: frozenset[int] = frozenset()  # body cells that are words, not numbers

    def csv(self) -> str:
        """The table as CSV: one header line, numbers without separators or % signs."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_flat_header(self.head))
        for row in self.rows:
            cells = [c if i in self.text_columns else _plain(c) for i, c in enumerate(row.cells)]
            writer.writerow([row.header, *cells])
        return out.getvalue()


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    src: str
    alt: str
    table: TableView | None = None  # its own data table (trend charts)
    narrow_src: str = ""  # drawn for phones: its text stays at least 12 CSS px
    narrow_media: str = ""


@dataclass(frozen=True)
class Block:
    """A breakdown table with the charts drawn from it, or a chart with its own table."""

    table: TableView | None
    charts: list[ChartView]
    csv_note: str = ""
    csv_table: TableView | None = None  # too long to print: published as CSV (and in tables.xlsx)


@dataclass(frozen=True)
class FigureRow:
    id: str
    label: str
    value: str
    detail: str
    previous: str
    change: str
    compared: str  # "up from 391 in 2023-24", "2023-24: c", or ""
    comparators: list[str]
    definition: str


@dataclass(frozen=True)
class SectionView:
    key: str
    number: int
    title: str
    heading: str
    anchor: str
    template: str
    narrative_html: Markup | None
    narrative_lang: str  # lang="..." of the narrative when it is not the page's language
    placeholder: str
    off_reason: str
    cards: list[FigureRow]
    figures: list[FigureRow]
    has_comparators: bool
    blocks: list[Block]
    notes: list[str]
    context: dict[str, object]
    # narrative parts the section's template shows in their own place (section_parts.py)
    parts: dict[str, Markup] = field(default_factory=dict)


@dataclass(frozen=True)
class Definition:
    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class DefinitionGroup:
    heading: str
    items: list[Definition]


@dataclass(frozen=True)
class Appendix:
    key: str
    letter: str
    title: str
    anchor: str
    definitions: list[DefinitionGroup] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)
    note: str = ""
    glossary: list[dict[str, str]] = field(default_factory=list)
    reconciliation: list[TableView] = field(default_factory=list)  # one per collection year


@dataclass(frozen=True)
class ReportView:
    council: str
    service_name: str
    title: str
    description: str
    year: str
    previous_year: str
    period: str
    author: str
    generated: str
    draft: bool
    watermark: str  # data: URI of the DRAFT page background ("" when not a draft)
    lang: str
    for_pdf: bool
    threshold: int
    symbols: tuple[tuple[str, str], ...]
    key_line: str
    key_appendix: Appendix
    sections: list[SectionView]
    appendices: list[Appendix]
    css: Markup
    appendix_label: str = ""  # "Appendix A" when printed as an appendix to committee papers
    glance: GlanceView | None = None  # the "At a glance" page, first after the contents


def _flat_header(head: list[list[HeadCell]]) -> list[str]:
    if len(head) == 1:
        return [cell.text for cell in head[0]]
    names: list[str] = []
    second = iter(head[1])
    for cell in head[0]:
        if cell.rowspan == 2:
            names.append(cell.text)
        else:
            names += [f"{cell.text}: {next(second).text}" for _ in range(cell.colspan)]
    return names


def _plain(text: str) -> str:
    """1,234 -> 1234 and 87% -> 87 for machine-readable CSV; symbols stay as they are."""
    return text.replace(",", "").removesuffix("%")
