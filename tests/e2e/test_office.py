"""report.docx, papers.docx and tables.xlsx of the sample: the same headings, tables and cells as
report.html, read back with python-docx and openpyxl."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

Table = tuple[str, list[list[str]]]  # caption, rows of cell texts


def _text(element: Any) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _html(path: Path) -> Any:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def _html_tables(page: Any) -> list[Table]:
    """Every table of the page: caption and cells on the grid (a spanned cell repeated)."""
    found = []
    for table in page.iter("table"):
        caption = table.find("caption")
        grid: dict[tuple[int, int], str] = {}
        for r, row in enumerate(table.iter("tr")):
            c = 0
            for cell in row:
                if cell.tag not in ("th", "td"):
                    continue
                while (r, c) in grid:
                    c += 1
                spans = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                # a value and its detail (spans) are on two lines in Word
                text = " ".join(" ".join(t.strip() for t in cell.itertext()).split())
                for rr in range(r, r + spans[0]):
                    for cc in range(c, c + spans[1]):
                        grid[(rr, cc)] = text
                c += spans[1]
        rows = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        cells = [[grid.get((r, c), "") for c in range(width)] for r in range(rows)]
        found.append((_text(caption) if caption is not None else "", cells))
    return found


def _docx_tables(path: Path) -> list[Table]:
    found = []
    for table in Document(str(path)).tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        cells = [[" ".join(c.text.split()) for c in row.cells] for row in table.rows]
        found.append(("" if caption is None else caption.get(qn("w:val")), cells))
    return found


def test_report_docx_has_the_pages_headings_as_word_headings(sample_build: Path) -> None:
    page = _html(sample_build / "report.html")
    document = Document(str(sample_build / "report.docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    word = [(s, t) for s, t in headings if s.startswith(("Title", "Heading"))]
    levels = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
    html = [
        (levels[h.tag], _text(h))
        for h in page.iter("h1", "h2", "h3", "h4")
        if h.get("id") != "contents-heading"
    ]
    assert word == html
    assert len([s for s, _ in word if s == "Heading 1"]) >= 14  # sections and appendices


def test_report_docx_has_every_table_of_the_page_cell_for_cell(sample_build: Path) -> None:
    html = _html_tables(_html(sample_build / "report.html"))
    word = _docx_tables(sample_build / "report.docx")
    assert len(word) == len(html) > 30
    for (caption, cells), (word_caption, word_cells) in zip(html, word, strict=True):
        assert word_caption == caption[:250]
        assert word_cells == cells, caption


def test_report_docx_charts_are_pictures_with_the_pages_alt_text(sample_build: Path) -> None:
    page = _html(sample_build / "report.html")
    alts = [img.get("alt") for img in page.iter("img")]
    document = Document(str(sample_build / "report.docx"))
    pictures = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert pictures == alts and len(alts) > 10


def _shown(cell: Any) -> str:
    """A workbook cell as the report prints it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = cell.number_format
    if fmt.endswith("%"):
        places = len(fmt.partition(".")[2]) - 1 if "." in fmt else 0
        return f"{value * 100:,.{places}f}%"
    places = len(fmt.partition(".")[2]) if "." in fmt else 0
    return f"{value:,.{places}f}"


def test_tables_xlsx_has_every_breakdown_and_chart_table_as_published(sample_build: Path) -> None:
    book = load_workbook(sample_build / "tables.xlsx")
    html = {
        caption: cells
        for caption, cells in _html_tables(_html(sample_build / "report.html"))
        if caption
    }
    found = 0
    for sheet in book.worksheets:
        rows = [[_shown(c) for c in row] for row in sheet.iter_rows()]
        for i, row in enumerate(rows):
            if not row or row[0] not in html:
                continue
            cells = html[row[0]]
            width = len(cells[0])
            block = [r[:width] + [""] * (width - len(r[:width])) for r in rows[i + 1 :]]
            body = block[: len(cells)]
            if cells[0][0] == "Measure":  # key figures: the detail is its own column there
                continue
            # header rows spanning columns are written once, in their first column
            head = len([r for r in cells if r[0] == cells[0][0]])
            assert body[head:] == cells[head:], row[0]
            found += 1
    assert found > 20
    symbols = [row[0].value for row in book["Key"].iter_rows(min_row=2)]
    assert symbols == ["c", "k", "x", "z"]


def test_papers_docx_is_the_cover_then_the_report(sample_papers: Path) -> None:
    document = Document(str(sample_papers.parent / "papers.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Recommendation"
    assert "Financial implications" in headings
    appendix = next(h for h in headings if h.startswith("Appendix A: "))
    assert "Annual Report" in appendix
    assert headings.index(appendix) > headings.index("Background papers")
    assert document.core_properties.title.startswith("Corporate Parenting Panel")
    marker = (sample_papers.parent / ".iro-report-output").read_text(encoding="utf-8")
    assert "papers.docx" in marker and "papers.pdf" in marker
