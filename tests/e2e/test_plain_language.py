"""The definitions appendix reads in plain words: no file, column, code list or figure id."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report.load.layouts import LAYOUTS
from report.load.local import EXTRACTS
from report.terms import glossary

FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|xlsx|xml|yaml|yml|json|md)\b|\blocal/")
# A code from a 903 code list or an extract's values: PN0, V3, X1, A3, STAGE1, J1-J3 ...
CODE = re.compile(r"\b[A-Z]{1,5}\d{1,2}\b")
SETTING = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # a config key or column in snake case


class _Definitions(HTMLParser):
    """The text of each <dt>/<dd> of the definitions appendix, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # > 0 inside the appendix section
        self.current: list[str] | None = None
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag == "section"
            if tag in ("dt", "dd"):
                self.current = []
        elif tag == "section" and ("id", "appendix-definitions") in attrs:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag in ("dt", "dd") and self.current is not None:
            self.items.append(" ".join("".join(self.current).split()))
            self.current = None
        self.depth -= tag == "section"

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def shown_definitions(html: str) -> list[str]:
    parser = _Definitions()
    parser.feed(html)
    return parser.items


def column_names(nation: str) -> set[str]:
    """Every column name of the 903 layouts and the local extracts, less the words a reader
    meets as terms (FTE, CAFCASS in "CAFCASS Cymru"), which the glossary explains."""
    names = {name for layout in LAYOUTS for name in layout.all_columns}
    names |= {col.name for extract in EXTRACTS.values() for col in extract.columns}
    terms = {t.abbreviation.upper() for t in glossary(nation)} | {"CAFCASS"}
    return names - terms


def technical_words(text: str, columns: set[str], ids: set[str]) -> list[str]:
    found = FILE_NAME.findall(text) + CODE.findall(text) + SETTING.findall(text)
    found += [c for c in columns if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
    found += [i for i in ids if i in text]
    return found


def test_the_checks_catch_technical_words() -> None:
    """The test can fail: each kind of technical word is caught, plain words are not."""
    columns, ids = column_names("england"), {"reviews.on_time"}
    for text in (
        "Rows of local/iro_staff.csv",
        "coded PN1-PN7",
        "legal status V3/V4",
        "reason for new episode RNE S",
        "the DEC is blank",
        "see reviews.on_time",
        "from publishing.escalation_themes",
        "IRO_ID",
    ):
        assert technical_words(text, columns, ids), text
    plain = "Children looked after at 31 March by age, within 20 working days (FTE)."
    assert technical_words(plain, columns, ids) == []


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_definitions_in_plain_words(nation: str, sample_build: Path, wales_build: Path) -> None:
    out = sample_build if nation == "england" else wales_build
    html = (out / "report.html").read_text(encoding="utf-8")
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    ids = {f["id"] for f in figures["figures"]} | {f.get("table", "") for f in figures["figures"]}
    ids.discard("")
    items = shown_definitions(html)
    assert len(items) > 60  # the appendix was found and read
    columns = column_names(nation)
    bad = {text: technical_words(text, columns, ids) for text in items}
    assert {t: w for t, w in bad.items() if w} == {}
    # The technical detail is not lost: it is in figures.json, beside the definition.
    assert all(f.get("method") for f in figures["figures"] if f["id"].startswith("cla."))
