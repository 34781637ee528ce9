"""Each nation's legal words: no England-only term in a Welsh report or papers, and the reverse.

The sample is computed and laid out (HTML, no PDF) as an English and as a Welsh council,
without its narrative and priorities (the manager's own words are not ours to police).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from report import i18n
from report.assembly import assemble
from report.config import load_config
from report.papers_build import cover_input
from report.pipeline import check_data
from report.publish.html import published_figures, render_report
from report.publish.papers import render_cover

ROOT = Path(__file__).resolve().parents[2]

ENGLAND_ONLY = {
    "s20": r"\bs20\b",
    "section 20": r"\b[Ss]ection 20\b",
    "IRO Handbook": r"IRO Handbook",
    "Cafcass": r"\bCafcass\b",
    "sections 25A and 25B": r"\b25[AB]\b",
    "the English regulations": r"\(England\) Regulations",
    "DCSF": r"Department for Children, Schools and Families",
    "care plan": r"\bcare plans?\b",
    "child protection plan": r"\bchild protection plans?\b",
    "Working Together": r"Working Together",
    "Children's Services budget": r"Children's Services budget",
    "five clear days": r"\b5 clear working days\b",
}
WALES_ONLY = {
    "s76": r"\bs76\b",
    "section 76": r"\b[Ss]ection 76\b",
    "CAFCASS Cymru": r"CAFCASS Cymru",
    "the Welsh Act": r"Social Services and Well-being \(Wales\) Act",
    "the Welsh regulations": r"\(Wales\) Regulations",
    "care and support plan": r"care and support plans?",
    "Part 6 Code": r"Part 6 Code of Practice",
    "child protection register": r"child protection register",
    "Welsh language": r"Welsh [Ll]anguage",
    "three clear days": r"\b3 clear working days\b",
}


def text_of(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """nation -> the English-language text of its report and cover report."""
    folder = tmp_path_factory.mktemp("nations")
    data = folder / "data"
    shutil.copytree(
        ROOT / "data" / "sample", data, ignore=shutil.ignore_patterns("narrative", "priorities.*")
    )
    found = {}
    for nation in ("england", "wales"):
        settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
        settings["council"]["nation"] = nation
        if nation == "wales":  # required of a Welsh council's papers
            settings["meeting"]["implications"] = {"welsh_language": "Published in both."}
        settings["report"]["data"] = str(data)
        path = folder / f"{nation}.yaml"
        path.write_text(yaml.safe_dump(settings), encoding="utf-8")
        config = load_config(path)
        checked = check_data(config)
        report = assemble(config, checked, draft=False)
        with i18n.language("en"):
            page = render_report(report, for_pdf=False).html
            cover = render_cover(
                report, published_figures(report), cover_input(config, checked.data.root)
            )
        found[nation] = text_of(page) + "\n" + text_of(cover.cover_html)
    return found


def _hits(text: str, terms: dict[str, str]) -> dict[str, str]:
    hits = {}
    for name, pattern in terms.items():
        match = re.search(pattern, text)
        if match:
            hits[name] = text[max(0, match.start() - 80) : match.end() + 40]
    return hits


def test_no_england_only_term_reaches_a_welsh_report(published: dict[str, str]) -> None:
    assert _hits(published["wales"], ENGLAND_ONLY) == {}


def test_a_welsh_report_never_compares_with_england(published: dict[str, str]) -> None:
    assert "England 2023-24: 70.0" in published["england"]  # the sample's comparator
    assert "England 2023-24" not in published["wales"]


def test_no_wales_only_term_reaches_an_english_report(published: dict[str, str]) -> None:
    assert _hits(published["england"], WALES_ONLY) == {}


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_each_nation_uses_its_own_terms(published: dict[str, str], nation: str) -> None:
    """The lists above do match their own nation's report: the tests above can fail."""
    own = ENGLAND_ONLY if nation == "england" else WALES_ONLY
    expected = {"s20", "Cafcass", "care plan", "five clear days"} | (
        {"IRO Handbook"} if nation == "england" else set()
    )
    if nation == "wales":
        expected = {"s76", "CAFCASS Cymru", "care and support plan", "three clear days"}
    assert expected <= set(_hits(published[nation], own))
