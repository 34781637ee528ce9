"""The figure registry: every figure of the design is declared, once, and papers use them."""

from __future__ import annotations

import ast
from pathlib import Path

from report.declare import FigureDef
from report.sections import registry_figures
from tests.design_contract import DESIGN_FIGURES

ROOT = Path(__file__).resolve().parents[2]

# Sections whose modules do not declare their figures yet (issue 15): their ids are still
# typed where the figures are made. Remove a prefix when its module is converted.
NOT_YET_DECLARED: tuple[str, ...] = ()


# Labels and definitions not marked for translation (English in Welsh reports too): none; a
# new one fails the test below.
NOT_MARKED: set[tuple[str, str]] = {
    ("feedback.positive/{code}", "label"),  # the question's wording from config.yaml
}


def _declared() -> dict[str, FigureDef]:
    return {d.id: d for d in registry_figures()}


def test_every_declared_id_is_unique() -> None:
    ids = [d.id for d in registry_figures()]
    assert ids, "no section declares its figures"
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_figure_of_the_design_is_declared() -> None:
    declared = _declared()
    missing = [
        fid
        for fid in DESIGN_FIGURES
        if fid not in declared and not fid.startswith(NOT_YET_DECLARED)
    ]
    assert missing == []


def test_the_not_yet_declared_list_is_true() -> None:
    # a converted section must come off the list, so the test above checks its ids
    declared = _declared()
    stale = [p for p in NOT_YET_DECLARED if any(fid.startswith(p) for fid in declared)]
    assert stale == []


def test_a_family_fills_its_id_label_and_definition() -> None:
    from report.sections import voice

    made = voice.POSITIVE_ANSWERS.percent(
        2, 8, code="Q1", question="Do you feel listened to?", positive='"Yes"'
    )
    # 2 of 8 answers positive: 100 * 2 / 8 = 25
    assert (made.id, made.label, made.value, made.base_unit) == (
        "feedback.positive/Q1",
        "Do you feel listened to?",
        25.0,
        "responses",
    )
    assert voice.POSITIVE_ANSWERS.family and not voice.RESPONDENTS.family
    assert voice.POSITIVE_ANSWERS.id_for(code="Q2") == "feedback.positive/Q2"
    assert "QUESTION Q1 in" in made.method


def test_declarations_are_whole() -> None:
    for d in registry_figures():
        assert d.label and d.definition, d.id
        assert "." in d.id and d.id == d.id.strip(), d.id
        for name in ("label", "definition"):
            marked = bool(getattr(getattr(d, name), "msgid", None))
            assert marked != ((d.id, name) in NOT_MARKED), f"{d.id}: {name} not marked with N_()"


def test_a_definition_gets_its_settings() -> None:
    from report.sections import reviews

    made = reviews.ON_TIME.percent(3, 4, first_interval="20 working days")
    # 3 of 4 reviews on time: 100 * 3 / 4 = 75
    assert (made.id, made.value, made.numerator, made.denominator) == (
        "reviews.on_time",
        75.0,
        3.0,
        4.0,
    )
    assert "within 20 working days of the child" in made.definition
    assert "{first_interval}" in reviews.ON_TIME.definition


def _papers_figure_ids() -> list[str]:
    """The ids papers.py reads with `figures.get(...)`: literal strings, or
    `<section>.<DECLARATION>.id` resolved through the section modules."""
    import importlib

    tree = ast.parse((ROOT / "report" / "publish" / "papers.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "figures"
        ):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append(arg.value)
        else:
            assert isinstance(arg, ast.Attribute) and arg.attr == "id", ast.dump(arg)
            ref = arg.value
            assert isinstance(ref, ast.Attribute) and isinstance(ref.value, ast.Name)
            module = importlib.import_module(f"report.sections.{ref.value.id}")
            found.append(getattr(module, ref.attr).id)
    return found


def test_papers_read_only_declared_figures() -> None:
    used = _papers_figure_ids()
    assert len(used) >= 6  # the cover's headline facts
    declared = _declared()
    unknown = [fid for fid in used if fid not in declared and not fid.startswith(NOT_YET_DECLARED)]
    assert unknown == []
