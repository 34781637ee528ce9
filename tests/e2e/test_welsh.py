"""A Welsh council's build: the English outputs plus report.cy.html/.pdf and papers.cy.pdf, in
Welsh (lang cy), with none of the catalogue's English fixed text left in them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pikepdf
import pytest

from report import i18n

# Words the same in both languages, or names: not evidence of untranslated text.
SAME = re.compile(r"^[\W\d_]*$")


def _visible_text(page: str) -> str:
    """The page's words, without styles and without what is marked as English (lang="en-GB":
    the manager's narrative where no Welsh one was given)."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    while True:
        # innermost elements marked English, removed until none is left
        stripped = re.sub(
            r'<(\w+)[^>]*\blang="en-GB"[^>]*>(?:(?!<\1[\s>]).)*?</\1>', " ", page, flags=re.S
        )
        if stripped == page:
            break
        page = stripped
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def english_fragments() -> list[tuple[str, str]]:
    """(msgid, a fragment of its English text) for every catalogue entry whose Welsh differs:
    the text between placeholders, where it is long enough (five words or more) to be telling
    (shorter ones, "at 31 March", also occur in the section texts not yet in the catalogue)."""
    found = []
    for message in i18n.read_catalogue("cy"):
        if not message.id or message.string == message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        for piece in re.split(r"\{[^}]*\}|%\([^)]*\)s", msgid.replace("%%", "%")):
            piece = piece.strip(" .,:;()[]")
            if len(piece.split()) >= 5 and not SAME.match(piece):
                found.append((msgid, piece))
    return found


@pytest.fixture(scope="module")
def welsh_page(wales_build: Path) -> str:
    return (wales_build / "report.cy.html").read_text(encoding="utf-8")


def test_a_welsh_council_gets_both_languages(wales_build: Path) -> None:
    names = {p.name for p in wales_build.iterdir()}
    assert {"report.html", "report.pdf", "report.cy.html", "report.cy.pdf"} <= names
    assert {"papers.pdf", "papers.cy.pdf"} <= names
    english = (wales_build / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB"' in english


def test_the_welsh_report_is_marked_welsh(welsh_page: str, wales_build: Path) -> None:
    assert '<html lang="cy"' in welsh_page
    assert "Cynnwys" in welsh_page and "Ffigurau allweddol" in welsh_page
    assert "31 Mawrth 2025" in welsh_page  # Welsh month names from Babel
    for name in ("report.cy.pdf", "papers.cy.pdf"):
        with pikepdf.open(wales_build / name) as pdf:
            assert str(pdf.Root.Lang) == "cy", name
    with pikepdf.open(wales_build / "report.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en-GB"


def test_no_english_fixed_text_in_the_welsh_report(welsh_page: str) -> None:
    text = _visible_text(welsh_page)
    leaks = sorted({msgid for msgid, piece in english_fragments() if piece in text})
    assert leaks == []


def test_the_leak_check_can_fail(wales_build: Path) -> None:
    """The English report is full of the catalogue's English: the check above would see it."""
    # the whole English page is lang="en-GB": read it as if it were not
    page = (wales_build / "report.html").read_text(encoding="utf-8")
    text = _visible_text(page.replace('<html lang="en-GB"', "<html", 1))
    assert len({msgid for msgid, piece in english_fragments() if piece in text}) > 10


def test_an_english_narrative_is_marked_english_inside_the_welsh_report(
    welsh_page: str,
) -> None:
    """The sample has no narrative/cy/: each section's English narrative is shown, marked."""
    assert '<div class="narrative" lang="en-GB">' in welsh_page
