"""Introduction, purpose and legal context: nation-specific default text (DOMAIN 1)."""

from __future__ import annotations

from pathlib import Path

from report.model import SectionResult
from report.sections import SectionInput, introduction
from tests.builders import CP_CONFERENCES, ESCALATIONS, build, child, episode, write_local

YEAR = ([child("C1", "01/01/2010", "M")], [episode("C1", "01/01/2023")], [])


def _result(tmp_path: Path, nation: str, local: tuple[str, ...] = ()) -> SectionResult:
    data = tmp_path / "data"
    if "escalations" in local:
        write_local(data, "escalations", ESCALATIONS, [])
    if "cp_conferences" in local:
        write_local(data, "cp_conferences", CP_CONFERENCES, [])
    built = build(tmp_path, {2025: YEAR}, nation=nation)
    config = built.config.model_copy(
        update={
            "council": built.config.council.model_copy(
                update={"service_name": "Conference and Review Service"}
            )
        }
    )
    return introduction.compute(
        SectionInput(built.history, built.checked.data, config.period, config)
    )


def _text(result: SectionResult) -> str:
    paragraphs = result.context["paragraphs"]
    assert isinstance(paragraphs, list)
    return "\n".join(paragraphs)


def test_england_legal_context(tmp_path: Path) -> None:
    result = _result(tmp_path, "england")
    text = _text(result)
    assert result.context["default_text"] is True
    assert text.startswith(
        "This is the annual report of Testshire Council's Conference and Review Service for "
        "2024-25, the year from 1 April 2024 to 31 March 2025."
    )
    for phrase in (
        "Sections 25A and 25B of the Children Act 1989",
        "Care Planning, Placement and Case Review (England) Regulations 2010",
        "within 20 working days",
        "IRO Handbook",
        "2010",
        "Corporate Parenting Panel",
        "refer the case to Cafcass",
        "care plan",
    ):
        assert phrase in text
    for welsh in ("Wales", "CAFCASS Cymru", "care and support plan"):
        assert welsh not in text


def test_wales_legal_context_and_terms(tmp_path: Path) -> None:
    result = _result(tmp_path, "wales", ("cp_conferences",))
    text = _text(result)
    for phrase in (
        "Sections 99 and 100 of the Social Services and Well-being (Wales) Act 2014",
        "Care Planning, Placement and Case Review (Wales) Regulations 2015",
        "care and support plan",
        "CAFCASS Cymru",
        "children on the child protection register",
        "within 28 days",
    ):  # rules.wales_first_review_days, the reviews rule too
        assert phrase in text
    for english in (
        "Children Act 1989",
        "(England)",
        "Cafcass.",
        "IRO Handbook",
        "child protection plan",
    ):
        assert english not in text


def test_paragraphs_are_plain_text(tmp_path: Path) -> None:
    text = _text(_result(tmp_path, "england"))
    assert "<" not in text and ">" not in text and "**" not in text


def test_covers_only_the_sections_whose_data_are_present(tmp_path: Path) -> None:
    # No local extracts: the service, voice, escalations and child protection sections are off.
    covers = _result(tmp_path, "england").context["covers"]
    assert isinstance(covers, list)
    text = " ".join(covers)
    assert "reviews held" in text and "priorities" in text
    assert "dispute resolution" not in text and "child protection" not in text
    assert "caseloads" not in text and "told us" not in text


def test_covers_escalations_and_conferences_when_present(tmp_path: Path) -> None:
    covers = _result(tmp_path, "england", ("escalations", "cp_conferences")).context["covers"]
    text = " ".join(covers)  # type: ignore[arg-type]
    assert "dispute resolution" in text
    assert "children subject to a child protection plan" in text


def test_suppression_threshold_is_stated(tmp_path: Path) -> None:
    assert "counts of 1 to 5 children" in _text(_result(tmp_path, "england"))
