"""The contents page links to every section and appendix, in the PDF and in the HTML."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def _contents_links(reader: PdfReader, page: int) -> list[str]:
    """The named destinations the page's link annotations go to, in order, each once."""
    names: list[str] = []
    for ref in reader.pages[page].get("/Annots", []):
        annot = ref.get_object()
        assert isinstance(annot, DictionaryObject)
        if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
            name = str(annot["/Dest"])
            if name not in names:
                names.append(name)
    return names


def test_pdf_contents_links_go_to_each_section_and_its_printed_page(sample_build: Path) -> None:
    reader = PdfReader(sample_build / "report.pdf")
    bookmarks = {
        b.title: reader.get_destination_page_number(b)
        for b in reader.outline
        if not isinstance(b, list)
    }
    contents = next(i for i, p in enumerate(reader.pages) if "Contents" in p.extract_text())
    links = _contents_links(reader, contents)
    destinations = reader.named_destinations
    pages = [reader.get_destination_page_number(destinations[name]) for name in links]
    # One link per bookmarked section and appendix, in order, each landing on its first page.
    assert len(links) == len(bookmarks) >= 14
    assert pages == sorted(bookmarks.values())
    # The page numbers printed in the contents are the pages the links go to.
    text = reader.pages[contents].extract_text()
    printed = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", text, re.M)]  # after leaders
    assert printed == [p + 1 for p in pages]


def test_html_contents_links_are_anchors_to_the_sections(sample_build: Path) -> None:
    html = (sample_build / "report.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="contents"') : html.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', nav)
    sections = re.findall(r'<section id="([^"]+)"', html)
    assert len(targets) >= 14
    assert targets == sections  # every section and appendix, in order
