"""The glossary and the words that differ between England and Wales."""

from __future__ import annotations

import pytest

from report.terms import TERMS, glossary, glossary_rows, nation_terms


def test_both_nations_have_the_same_keys() -> None:
    assert nation_terms("england").keys() == nation_terms("wales").keys()


def test_nation_variants() -> None:
    england, wales = nation_terms("england"), nation_terms("wales")
    assert (england["care_plan"], wales["care_plan"]) == ("care plan", "care and support plan")
    assert (england["cafcass"], wales["cafcass"]) == ("Cafcass", "CAFCASS Cymru")
    assert wales["cp_children"] == "children on the child protection register"
    assert england["cp_plan"] == "child protection plan"


def test_unknown_nation() -> None:
    with pytest.raises(ValueError, match="england or wales"):
        nation_terms("scotland")
    with pytest.raises(ValueError):
        glossary("scotland")


def test_every_explanation_formats_for_its_nations() -> None:
    for term in TERMS:
        for nation in term.nations:
            text = term.explained(nation)
            assert "{" not in text and text.endswith(".")


def test_one_entry_per_abbreviation_per_nation() -> None:
    for nation in ("england", "wales"):
        names = [t.abbreviation for t in glossary(nation)]
        assert len(names) == len(set(names))


def test_england_and_wales_variants() -> None:
    england = {t.abbreviation: t for t in glossary("england")}
    wales = {t.abbreviation: t for t in glossary("wales")}
    assert "Cafcass" in england and "CAFCASS Cymru" not in england
    assert "CAFCASS Cymru" in wales and "Cafcass" not in wales
    assert "s20" in england and "s76" in wales and "s20" not in wales
    assert "SSWBA" in wales and "SSWBA" not in england
    assert "(England) Regulations 2010" in england["CPPCR"].expansion
    assert "(Wales) Regulations 2015" in wales["CPPCR"].expansion
    assert "care and support plan" in wales["PEP"].explained("wales")
    assert "child protection register" in wales["ICPC"].explained("wales")


def test_only_terms_the_text_uses() -> None:
    text = (
        "Each IRO chaired reviews; 62% were coded PN1. The aqua team (not QA) met under section 20."
    )
    assert [t.abbreviation for t in glossary("england", used_in=text)] == [
        "IRO",
        "PN",
        "QA",
        "s20",
        "SSDA903",  # not in the text, but PN's explanation uses it
    ]
    # Whole words only: "aqua" is not QA, "IROs" is IRO, "CLAs" is not CLA.
    assert [t.abbreviation for t in glossary("england", used_in="aqua IROs CLAs")] == ["IRO"]


def test_terms_the_glossary_itself_uses() -> None:
    # ICPC's explanation uses s47; nothing else is added.
    assert [t.abbreviation for t in glossary("england", used_in="Two ICPCs were held.")] == [
        "ICPC",
        "s47",
    ]


def test_terms_that_are_phrases() -> None:
    text = "A Midway review, short breaks and the Mind of My Own app."
    names = [t.abbreviation for t in glossary("wales", used_in=text)]
    assert names == ["IRO", "Midway review", "Mind of My Own", "Short breaks"]  # IRO: their words


def test_glossary_rows_are_alphabetical_plain_rows() -> None:
    rows = glossary_rows("wales", used_in="CAFCASS Cymru and the DfE and the IRO")
    assert [r["abbreviation"] for r in rows] == ["CAFCASS Cymru", "DfE", "IRO"]
    assert rows[2]["explanation"].endswith("through the care and support plan.")
