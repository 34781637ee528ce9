"""Voice of the child (issue 12 item 7): positive answers by who answered, approved quotes and
"You said, we did" from voice.yaml, the Children in Care Council part of the narrative.

The feedback is tests/unit/sections/test_voice.py's. Answers to declared questions in 2024-25,
by who answered (blank and undeclared answers left out):
  children   R1 Q1 Yes+, R1 Q2 No, R2 Q1 yes+, R2 Q2 Mostly+, R3 Q1 No, R4 Q1 Yes+  -> 4 of 6
  parents and carers  R5 Q1 Yes+, R5 Q2 Yes+, R6 Q1 No, R10 Q1 No              -> 2 of 4
  professionals       R8 Q2 Yes+                                                -> 1 of 1
Totals 7 positive of 11 = the table by question (Q1 4 of 7, Q2 3 of 4).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report import i18n
from report.assembly import assemble
from report.errors import ReportError
from report.languages import in_language
from report.publish.html import render_report
from report.sections.voice_words import SHARE, TABLE
from tests.builders import Built
from tests.unit.sections.test_voice import _built

VOICE = """\
quotes:
  - text: My IRO listens to me.
    text_cy: Mae fy SAA yn gwrando arna i.
    respondent: professional
    approved: yes
  - text: I chose who came to my review.
    respondent: child
    approved: yes
  - text: SECRET-UNAPPROVED words from a child.
    respondent: child
    approved: no
  - text: SECRET-NO-APPROVAL words, approval not given.
    respondent: carer
you_said_we_did:
  - said: Reviews are too long.
    said_cy: Mae adolygiadau'n rhy hir.
    did: We plan shorter reviews.
"""
NARRATIVE = """\
Our feedback this year.

## Children in Care Council

The council met monthly.

## Looking ahead

More feedback next year.
"""


def _with(tmp: Path, voice: str | None = VOICE, narrative: str = NARRATIVE, **kw: str) -> Built:
    data = tmp / "data"
    if voice is not None:
        (data).mkdir(parents=True, exist_ok=True)
        (data / "voice.yaml").write_text(voice, encoding="utf-8")
    (data / "narrative").mkdir(parents=True, exist_ok=True)
    (data / "narrative" / "voice.md").write_text(narrative, encoding="utf-8")
    return _built(tmp, **kw)


def test_positive_answers_by_who_answered_children_first(tmp_path: Path) -> None:
    result = _with(tmp_path).section("voice")
    table = next(b for b in result.breakdowns if b.id == TABLE)
    assert table.categories == ["Children and young people", "Parents and carers", "Professionals"]
    assert table.series == {"Positive": [4, 2, 1], "Other answers": [2, 2, 0]}
    children = result.figure(f"{SHARE}/children")
    assert (children.numerator, children.denominator) == (4, 6)
    assert result.figure(f"{SHARE}/parents_carers").value == 50.0
    refs = {term for tie in result.ties for term, _ in tie.terms}
    assert "feedback.positive_by_question/Total/Positive" in refs
    assert f"{TABLE}/Total/Total" in refs


def test_only_approved_quotes_children_first_with_the_kind_of_person(tmp_path: Path) -> None:
    result = _with(tmp_path).section("voice")
    quotes = result.context["quotes"]
    assert quotes == [
        {"kind": "A child or young person", "en": "I chose who came to my review.", "cy": ""},
        {
            "kind": "A professional",
            "en": "My IRO listens to me.",
            "cy": "Mae fy SAA yn gwrando arna i.",
        },
    ]
    assert "SECRET" not in repr(result)
    assert any("2 quotes in voice.yaml are not approved" in n for n in result.notes)
    assert result.context["said_did"] == [
        {
            "said": "Reviews are too long.",
            "did": "We plan shorter reviews.",
            "said_cy": "Mae adolygiadau'n rhy hir.",
            "did_cy": "",
        }
    ]


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_an_unapproved_quote_never_reaches_any_output(tmp_path: Path, nation: str) -> None:
    built = _with(tmp_path, nation=nation)
    report = assemble(built.config, built.checked, draft=False)
    langs = (i18n.ENGLISH, i18n.WELSH) if nation == "wales" else (i18n.ENGLISH,)
    for lang in langs:
        with i18n.language(lang):
            published = render_report(in_language(report, built.config, lang, []), for_pdf=True)
        everything = published.html + repr(published.tables) + repr(published.figures_json)
        assert "SECRET" not in everything
        assert "I chose who came to my review." in published.html
        assert "The council met monthly." in published.html
        if lang == i18n.WELSH:  # the Welsh text where given, else the English marked as such
            assert "Mae fy SAA yn gwrando arna i." in published.html
            assert '<th scope="row">Mae adolygiadau' in published.html
            assert '<td lang="en-GB">We plan shorter reviews.</td>' in published.html


def test_the_council_part_is_shown_in_its_place_and_not_twice(tmp_path: Path) -> None:
    built = _with(tmp_path)
    report = assemble(built.config, built.checked, draft=False)
    html = render_report(report, for_pdf=False).html
    assert html.count("The council met monthly.") == 1
    council = html.index("The council met monthly.")
    assert html.index("You said, we did") < council  # after the tables, in its own place
    assert html.index("Our feedback this year.") < council
    assert "More feedback next year." in html  # the narrative after the part stays


def test_without_the_council_part_or_voice_yaml_placeholders_are_shown(tmp_path: Path) -> None:
    built = _with(tmp_path, voice=None, narrative="Our feedback this year.\n")
    assert built.section("voice").context["has_voice_file"] is False
    html = render_report(assemble(built.config, built.checked, draft=False), for_pdf=False).html
    assert "add a paragraph on the Children in Care Council" in html
    assert "in voice.yaml]" in html


BAD = """\
quotes:
  - text: Fine words.
    respondent: child
    approved: yes
    name: Jo
  - text: More words.
    respondent: sister
    approved: maybe
  - respondent: child
    approved: yes
  - text: My postcode is XE1 2AB.
    respondent: child
    approved: yes
you_said_we_did:
  - said: Something.
"""


def test_bad_items_are_errors_naming_the_line_and_left_out(tmp_path: Path) -> None:
    built = _with(tmp_path, voice=BAD)
    found = built.issues
    found = found.loc[found["file"] == "voice.yaml"]
    columns = zip(found["row"], found["column"], found["rule"], strict=True)
    got = {(int(r), c, rule) for r, c, rule in columns}
    assert {
        (5, "name", "voice-key"),  # a quote never names anyone
        (7, "respondent", "voice-value"),
        (8, "approved", "voice-value"),
        (9, "text", "voice-key"),  # missing: the item's line
        (11, "text", "identifier-in-text"),  # looks like a postcode: never published
        (15, "did", "voice-key"),
    } <= got
    severities = dict(zip(found["rule"], found["severity"], strict=False))
    assert severities["identifier-in-text"] == "warning"
    result = built.section("voice")
    assert result.context["quotes"] == [] and result.context["said_did"] == []
    assert "XE1 2AB" not in repr(result)


def test_a_badly_shaped_file_stops_the_run_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"voice\.yaml line 1: unknown key 'quote'"):
        _with(tmp_path, voice="quote:\n  - text: x\n")
