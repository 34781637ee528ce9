"""Every abbreviation and listed term on the rendered page has a glossary entry (DOMAIN 1)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Terms a councillor may not know that are not abbreviations: each needs an entry when used.
PHRASES = ("midway review", "Mind of My Own", "Corporate Parenting Panel", "short break")
WORD = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?![\w-])")


class _Page(HTMLParser):
    """The page's visible text (chart text included) and its glossary's entries."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.skip = 0  # inside <script>/<style>
        self.in_glossary_dt = False
        self.entries: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style")
        self.in_glossary_dt = tag == "dt" and self.glossary
        if tag == "dl":
            self.glossary = ("class", "glossary") in attrs
        for name, value in attrs:
            if name in ("alt", "aria-label", "title") and value:
                self.text.append(value)  # read out by screen readers

    glossary = False

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style")
        if tag == "dt":
            self.in_glossary_dt = False

    def handle_data(self, data: str) -> None:
        if self.in_glossary_dt:
            self.entries.append(data.strip())
        if not self.skip:
            self.text.append(data)


def abbreviations(text: str) -> set[str]:
    """Tokens of two or more capitals (DfE, IRO, ICPCs: the plural s dropped) and s20-style
    section numbers."""
    found = set()
    for token in WORD.findall(text):
        if re.fullmatch(r"s\d+", token):
            found.add(token)
        elif sum(c.isupper() for c in token) >= 2 and not token.isdigit():
            stem = token[:-1] if token.endswith("s") and token[-2].isupper() else token
            found.add(stem)
    return found


def missing_entries(text: str, entries: list[str]) -> list[str]:
    """The abbreviations and listed terms in `text` that no glossary entry explains."""
    words = {w for e in entries for w in e.split()}  # "CAFCASS" of "CAFCASS Cymru"
    missing = sorted(a for a in abbreviations(text) if a not in words)
    known = {e.casefold() for e in entries}
    for phrase in PHRASES:
        used = re.search(rf"(?<![\w-]){re.escape(phrase)}", text, re.IGNORECASE)
        if used and not any(k.startswith(phrase.casefold()) for k in known):
            missing.append(phrase)
    return missing


def test_the_check_can_fail() -> None:
    text = "Two ICPCs, the DfE and s47; a midway review. IROs met the UK panel in 2024."
    assert missing_entries(text, ["IRO"]) == ["DfE", "ICPC", "UK", "s47", "midway review"]
    assert missing_entries(text, ["ICPC", "DfE", "s47", "IRO", "UK", "Midway review"]) == []


def page(out: Path) -> _Page:
    parsed = _Page()
    parsed.feed((out / "report.html").read_text(encoding="utf-8"))
    return parsed


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_every_abbreviation_on_the_page_is_in_the_glossary(
    nation: str, sample_build: Path, wales_build: Path
) -> None:
    parsed = page(sample_build if nation == "england" else wales_build)
    assert "IRO" in parsed.entries  # the glossary was found
    text = " ".join(parsed.text)
    assert missing_entries(text, parsed.entries) == []
    for term in ("ICPC", "Midway review", "Mind of My Own"):  # used by the sample
        assert term in parsed.entries
