"""The Welsh outputs of one Welsh council hold no English fixed text: every text node of
report.cy.html (its charts' SVG text too), of the Welsh cover report and of the Welsh tables'
headers and labels is compared with the English one, and any text of four words or more that
is the same in both is a leak, listed by the test.

Not leaks: text inside an element marked lang="en-GB" (the manager's English narrative or
priorities shown in the Welsh report), names (the council's names, Mind of My Own), contact
details and numbers. The sample's own words (themes, questions, reasons) are given in Welsh
in config.yaml welsh_text by the wales_build fixture (tests/e2e/conftest.py).
"""

from __future__ import annotations

import base64
import csv
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report import i18n, own_words
from report.assembly import assemble
from report.config import load_config
from report.languages import in_language
from report.papers_build import cover_input
from report.pipeline import check_data
from report.publish.html import published_figures
from report.publish.papers import render_cover

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SKIPPED = {"style", "script"}
# Proper names the Welsh text keeps as they are, and what is not words at all.
NAMES = {"Mind of My Own"}
CONTACT = re.compile(r"\S+@\S+|\b\d[\d ]{6,}\d\b")
MIN_WORDS = 4


class _Nodes(HTMLParser):
    """Text nodes in document order, each with whether it is inside lang="en-GB"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, marked English, skipped)
        self.nodes: list[tuple[str, bool]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        src = values.get("src") or ""
        if src.startswith("data:image/svg+xml;base64,"):
            self.images.append(base64.b64decode(src.split(",", 1)[1]).decode("utf-8"))
        if tag in VOID:
            return
        english, skipped = self.stack[-1][1:] if self.stack else (False, False)
        self.stack.append(
            (tag, english or values.get("lang") == "en-GB", skipped or tag in SKIPPED)
        )

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass  # an element left open (li, p) closes with its parent

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        english, skipped = self.stack[-1][1:] if self.stack else (False, False)
        if text and not skipped:
            self.nodes.append((text, english))


def text_nodes(page: str, *, whole_page_english: bool = False) -> list[tuple[str, bool]]:
    """(text, marked English) for every text node of the page and of its SVG charts.

    `whole_page_english` reads an English page as unmarked (its <html> is lang="en-GB")."""
    if whole_page_english:
        page = page.replace('<html lang="en-GB"', "<html", 1)
    parser = _Nodes()
    parser.feed(page)
    nodes = list(parser.nodes)
    for svg in parser.images:
        chart = _Nodes()
        chart.feed(svg)
        nodes += chart.nodes
    return nodes


def telling(text: str, names: set[str]) -> bool:
    """Text that would be English in the Welsh output: four words or more, not a name."""
    if text in names or CONTACT.search(text):
        return False
    return len(re.findall(r"[^\W\d_]+", text)) >= MIN_WORDS


def leaks(english: list[str], welsh: list[tuple[str, bool]], names: set[str]) -> list[str]:
    """The Welsh text nodes (outside English-marked elements) found unchanged in English."""
    seen = set(english)
    return sorted({t for t, marked in welsh if not marked and t in seen and telling(t, names)})


def council_names(config_path: Path) -> set[str]:
    config = load_config(config_path)
    names = {config.council.name, config.council.service_name, config.council.panel_name}
    return names | NAMES


@pytest.fixture(scope="module")
def names(wales_build: Path) -> set[str]:
    return council_names(wales_build.parent / "config.yaml")


def _page(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def test_no_english_text_node_in_the_welsh_report(wales_build: Path, names: set[str]) -> None:
    english = [t for t, _ in text_nodes(_page(wales_build, "report.html"), whole_page_english=True)]
    welsh = text_nodes(_page(wales_build, "report.cy.html"))
    assert leaks(english, welsh, names) == []


def test_the_check_sees_english_text(wales_build: Path, names: set[str]) -> None:
    """The comparison can fail: the English page read as Welsh leaks hundreds of nodes, and a
    single English caption put back into the Welsh page is found."""
    page = _page(wales_build, "report.html")
    english = [t for t, _ in text_nodes(page, whole_page_english=True)]
    assert len(leaks(english, text_nodes(page, whole_page_english=True), names)) > 100
    welsh_page = _page(wales_build, "report.cy.html")
    caption = "Children looked after at 31 March by legal status"
    with i18n.language("cy"):
        welsh = i18n._(caption)
    assert welsh != caption and welsh in welsh_page
    undone = welsh_page.replace(welsh, caption)
    assert caption in leaks(english, text_nodes(undone), names)
    # what is marked English (the manager's narrative) is not a leak
    assert any(marked for _, marked in text_nodes(welsh_page))


@pytest.fixture(scope="module")
def covers(wales_build: Path) -> dict[str, str]:
    """The cover report of the Welsh council's papers, in English and in Welsh, laid out as
    `iro-report papers` lays them out (the PDFs hold no language marks to read back)."""
    config = load_config(wales_build.parent / "config.yaml")
    checked = check_data(config)
    report = assemble(config, checked, draft=False)
    found = {}
    for lang in ("en", "cy"):
        with i18n.language(lang, own=own_words.welsh_words(config)):
            shown = in_language(report, config, lang, [])
            cover = render_cover(
                shown, published_figures(shown), cover_input(config, checked.data.root, lang)
            )
        found[lang] = cover.cover_html
    return found


def test_no_english_text_node_in_the_welsh_cover_report(
    covers: dict[str, str], names: set[str]
) -> None:
    english = [t for t, _ in text_nodes(covers["en"], whole_page_english=True)]
    assert len(leaks(english, text_nodes(covers["en"], whole_page_english=True), names)) > 10
    assert leaks(english, text_nodes(covers["cy"]), names) == []


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_welsh_tables_are_the_english_tables_in_welsh(
    wales_build: Path, names: set[str]
) -> None:
    """tables.cy/ holds every table of tables/, with the same cells (same figures, same
    suppression); only the words differ, and no heading or label is left in English."""
    english_dir, welsh_dir = wales_build / "tables", wales_build / "tables.cy"
    english_files = sorted(p.name for p in english_dir.glob("*.csv"))
    assert english_files and english_files == sorted(p.name for p in welsh_dir.glob("*.csv"))
    found = []
    for name in english_files:
        english, welsh = _csv(english_dir / name), _csv(welsh_dir / name)
        assert [len(r) for r in english] == [len(r) for r in welsh], name
        for e_row, w_row in zip(english, welsh, strict=True):
            for e_cell, w_cell in zip(e_row, w_row, strict=True):
                if re.fullmatch(r"[\d.,\s%]+|[ckxz]|", e_cell):  # a number or symbol
                    assert w_cell == e_cell, (name, e_cell, w_cell)
                elif e_cell == w_cell and telling(e_cell, names):
                    found.append(f"{name}: {e_cell}")
    assert found == []


def _sheet_strings(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as book:
        shared = (
            book.read("xl/sharedStrings.xml").decode("utf-8")
            if ("xl/sharedStrings.xml" in book.namelist())
            else ""
        )
        sheets = [book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/")]
    texts = re.findall(r"<t[^>]*>([^<]*)</t>", shared + "".join(sheets))
    return [" ".join(t.split()) for t in texts]


def test_no_english_heading_in_the_welsh_workbook(wales_build: Path, names: set[str]) -> None:
    english = _sheet_strings(wales_build / "tables.xlsx")
    welsh = _sheet_strings(wales_build / "tables.cy.xlsx")
    assert len(welsh) > 100
    same = sorted({t for t in welsh if t in set(english) and telling(t, names)})
    assert same == []


@pytest.mark.parametrize("name", ["report.cy.docx", "papers.cy.docx"])
def test_the_welsh_word_files_are_welsh(wales_build: Path, name: str) -> None:
    with zipfile.ZipFile(wales_build / name) as document:
        body = document.read("word/document.xml").decode("utf-8")
    assert "Cynnwys" in body or "Adroddiad" in body
    assert "Plant sy’n derbyn gofal ar 31 Mawrth yn ôl statws cyfreithiol" in body
