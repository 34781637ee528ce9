"""The council's own words in Welsh (config.yaml welsh_text, *_cy names) and how `_()` uses them."""

from __future__ import annotations

from pathlib import Path

from report import i18n, own_words
from report.config import Config, load_config
from report.i18n import N_, _
from report.terms import glossary_rows
from tests.builders import write_config

WELSH = """\
welsh_text:
  Care planning drift: Llithriant cynllunio gofal
  IRO Service Manager: Rheolwr Gwasanaeth IRO
publishing:
  escalation_themes: [Care planning drift, Health assessments]
  escalation_services: {LEGAL: Legal services}
meeting:
  committee: Corporate Parenting Board
  author: {name: Alex Example, role: IRO Service Manager}
"""


def _config(tmp_path: Path, extra: str = WELSH) -> Config:
    path = write_config(tmp_path / "config.yaml", tmp_path, nation="wales", extra=extra)
    text = path.read_text(encoding="utf-8").replace(
        "  nation: wales\n", "  nation: wales\n  panel_name_cy: Panel Rhianta Corfforaethol\n"
    )
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_own_words_translate_where_the_catalogue_cannot() -> None:
    own = {"Care planning drift": "Llithriant cynllunio gofal"}
    with i18n.language("cy", own=own):
        assert _("Care planning drift") == "Llithriant cynllunio gofal"
        assert _("care  planning DRIFT") == "Llithriant cynllunio gofal"  # case, spacing
        assert _("Health assessments") == "Health assessments"  # not given: as it is
        assert _("Total") == "Cyfanswm"  # the catalogue first
        # a plain-text parameter of a message is the council's text too
        label = N_("Concerns referred to {cafcass}", cafcass="Care planning drift")
        assert _(label) == "Pryderon a gyfeiriwyd at Llithriant cynllunio gofal"
    with i18n.language("en", own=own):  # English ignores them
        assert _("Care planning drift") == "Care planning drift"
    assert _("Care planning drift") == "Care planning drift"  # and outside any block


def test_welsh_words_hold_the_welsh_names_and_list_what_is_missing(tmp_path: Path) -> None:
    config = _config(tmp_path)
    words = own_words.welsh_words(config)
    assert words["Care planning drift"] == "Llithriant cynllunio gofal"
    # the panel's Welsh name (council.panel_name_cy)
    assert words["Corporate Parenting Panel"] == "Panel Rhianta Corfforaethol"
    missing = own_words.untranslated(config)
    assert "Health assessments" in missing and "Care planning drift" not in missing
    assert "IRO Service Manager" not in missing
    assert "Legal services" in missing  # publishing.escalation_services wording
    assert "Director of Children's Services" in missing  # meeting.report_of, default
    with i18n.language("cy", own=words):
        assert own_words.shown_author("x", config) == "Alex Example, Rheolwr Gwasanaeth IRO"


def test_output_names_by_language() -> None:
    assert i18n.with_suffix("report.docx", "en") == "report.docx"
    assert i18n.with_suffix("report.docx", "cy") == "report.cy.docx"
    assert i18n.with_suffix("tables.xlsx", "cy") == "tables.cy.xlsx"


def test_the_welsh_glossary_is_in_welsh_and_finds_welsh_words() -> None:
    with i18n.language("cy"):
        rows = glossary_rows("wales", used_in="Plant a gafodd seibiannau byr yn ystod y flwyddyn")
    assert [r["abbreviation"] for r in rows] == ["Seibiannau byr"]
    assert rows[0]["expansion"] == "Arosiadau oddi cartref wedi’u cynllunio"
    with i18n.language("cy"):
        rows = glossary_rows("wales", used_in="Mae gan bob IRO ...")
    iro = next(r for r in rows if r["abbreviation"] == "IRO")
    # the nation's term inside the explanation is translated too
    assert iro["explanation"].endswith("drwy’r cynllun gofal a chymorth.")
    english = glossary_rows("wales", used_in="Every IRO ...")
    assert next(r for r in english if r["abbreviation"] == "IRO")["explanation"].endswith(
        "through the care and support plan."
    )
