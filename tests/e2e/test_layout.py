"""The printed layout: no page under a third full but a section's last, key figures and the
symbol key once, body text of at least 10.5 pt in lines under 80 characters."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

DPI = 24  # enough to see where the ink ends; small and quick
TOP_MM, BOTTOM_MM, PAGE_MM = 22, 20, 297  # report.css @page margins (running header, footer)
INK = 245  # grey level below which a pixel is text or graphic (tile backgrounds included)


def fill_of(image: Image.Image) -> float:
    """How far down the page's body area the lowest ink lies: 0 empty, 1 full."""
    grey = image.convert("L")
    width, height = grey.size
    top, bottom = (round(mm / PAGE_MM * height) for mm in (TOP_MM, PAGE_MM - BOTTOM_MM))
    pixels = grey.load()
    assert pixels is not None
    for row in range(bottom - 1, top - 1, -1):
        if any(pixels[x, row] < INK for x in range(width)):  # type: ignore[operator]
            return (row + 1 - top) / (bottom - top)
    return 0.0


def page_fills(pdf: Path, folder: Path) -> list[float]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: sudo apt-get install poppler-utils")
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(folder / "page")], check=True
    )
    return [fill_of(Image.open(p)) for p in sorted(folder.glob("page-*.pgm"))]


def section_starts(pdf: Path) -> set[int]:
    """0-based pages on which a section or appendix starts (the PDF's top-level bookmarks)."""
    reader = PdfReader(pdf)
    tops = [b for b in reader.outline if not isinstance(b, list)]
    return {reader.get_destination_page_number(b) for b in tops}


def sparse_pages(fills: list[float], starts: set[int]) -> list[tuple[int, float]]:
    """(page number, fill) of pages under a third full that are not a section's last page
    (nor a page before the first section: the title page and contents)."""
    first = min(starts)
    last_pages = {p - 1 for p in starts} | {len(fills) - 1} | set(range(first))
    return [(i + 1, round(f, 2)) for i, f in enumerate(fills) if f < 1 / 3 and i not in last_pages]


def test_fill_measures_the_lowest_ink() -> None:
    page = Image.new("L", (200, 297), 255)
    assert fill_of(page) == 0.0
    page.paste(0, (10, 22, 50, 30))  # a line of text at the top of the body
    assert fill_of(page) == pytest.approx(8 / 255)
    page.paste(235, (10, 150, 190, 160))  # a light tile background counts as content
    assert fill_of(page) == pytest.approx(138 / 255)
    page.paste(0, (90, 285, 110, 290))  # the footer (page number) does not
    assert fill_of(page) == pytest.approx(138 / 255)


def test_sparse_pages_spares_the_last_page_of_a_section() -> None:
    fills = [0.3, 0.2, 0.9, 0.1, 0.5, 0.2, 0.1]
    # Sections start on pages 3 and 6 (0-based 2 and 5), so their last pages are 5 and 7 (the
    # document's last); pages 1-2 come before the first section. Page 4 (0.1) and page 6
    # (0.2, a first page with more to follow) are sparse.
    assert sparse_pages(fills, {2, 5}) == [(4, 0.1), (6, 0.2)]


def test_no_page_under_a_third_full_but_a_sections_last(sample_build: Path, tmp_path: Path) -> None:
    pdf = sample_build / "report.pdf"
    fills = page_fills(pdf, tmp_path)
    starts = section_starts(pdf)
    assert len(fills) == len(PdfReader(pdf).pages) and len(starts) >= 10
    assert sparse_pages(fills, starts) == []


class _Sections(HTMLParser):
    """Per <section>: its headline card labels, key-figure row labels and symbol keys."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict[str, list[str]]] = []
        self.open: str | None = None  # the kind of text being read
        self.buffer: list[str] = []
        self.in_key_figures = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "section" and (dict(attrs).get("id") or "").startswith(("section-", "appendix-")):
            self.sections.append({"id": [dict(attrs)["id"] or ""], "cards": [], "rows": []})
            self.sections[-1]["keys"] = []
        elif tag == "table":
            self.in_key_figures = "key-figures" in cls.split()
        elif tag == "span" and "card-label" in cls.split():
            self.open = "cards"
        elif tag == "th" and self.in_key_figures and ("scope", "row") in attrs:
            self.open = "rows"
        elif tag == "p" and "symbol-key" in cls.split():
            self.open = "keys"
        if self.open:
            self.buffer = []

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag in ("span", "th", "p") and self.sections:
            self.sections[-1][self.open].append(" ".join("".join(self.buffer).split()))
            self.open = None
        if tag == "table":
            self.in_key_figures = False

    def handle_data(self, data: str) -> None:
        if self.open:
            self.buffer.append(data)


def test_key_figures_once_and_the_symbol_key_once_per_section(sample_build: Path) -> None:
    parsed = _Sections()
    parsed.feed((sample_build / "report.html").read_text(encoding="utf-8"))
    sections = [s for s in parsed.sections if s["id"][0].startswith("section-")]
    assert len(sections) >= 9
    for s in sections:
        assert set(s["cards"]).isdisjoint(s["rows"]), s["id"]  # a figure is a tile or a row
        assert len(s["keys"]) <= 1, s["id"]
    assert sum(len(s["keys"]) for s in sections) >= 8  # the sections with tables or charts
    key_appendix = [s for s in parsed.sections if s["id"][0] == "appendix-suppression"]
    assert key_appendix  # the full key and rules, once, in its appendix


def _body_lines(reader: PdfReader, page: int) -> list[tuple[float, str]]:
    """(font size in points, text) of each line of running text on a page."""
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append((round(size * tm[3] * cm[3], 1), text))

    reader.pages[page].extract_text(visitor_text=visit)
    return sizes


def test_body_text_at_least_10_5_pt_and_lines_under_80_characters(sample_build: Path) -> None:
    pdf = sample_build / "report.pdf"
    reader = PdfReader(pdf)
    reader_outline = [b for b in reader.outline if not isinstance(b, list)]
    intro = next(  # the introduction: running text only
        reader.get_destination_page_number(b) for b in reader_outline if b.title.startswith("1. ")
    )
    html = (sample_build / "report.html").read_text(encoding="utf-8")
    start = html.index('id="section-introduction"')
    words = " ".join(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)]).split())
    lines = _body_lines(reader, intro)
    body = [(size, text) for size, text in lines if len(text) > 40 and text.strip() in words]
    assert len(body) > 10
    assert min(size for size, _ in body) >= 10.5
    # Every line of running text (body size) on every page is under 80 characters.
    running = [
        text.strip()
        for page in range(len(reader.pages))
        for size, text in _body_lines(reader, page)
        if 10.4 <= size <= 10.6
    ]
    assert len(running) > 300 and max(len(line) for line in running) > 60  # lines were read
    assert [line for line in running if len(line) >= 80] == []
