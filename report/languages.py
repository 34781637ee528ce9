"""The languages a council publishes in, and the report as published in each."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from report import i18n, own_words
from report.config import Config
from report.load.narrative import GLANCE, read_narrative
from report.model import ReportInput

if TYPE_CHECKING:
    pass


def languages(config: Config) -> tuple[str, ...]:
    """The languages the outputs are published in: English, and Welsh too for a council in
    Wales (the Welsh Language Standards)."""
    if config.council.nation == "wales":
        return (i18n.ENGLISH, i18n.WELSH)
    return (i18n.ENGLISH,)


def in_language(report: ReportInput, config: Config, lang: str, warnings: list[str]) -> ReportInput:
    """The report as published in `lang`: the council's names in that language, and each
    section's narrative from narrative/<lang>/<section>.md; where there is none, the English
    narrative, marked as English (lang="en-GB") inside the page, and a warning."""
    if lang == i18n.ENGLISH:
        return report
    council = config.council
    sections = []
    for section in own_words.priorities_marked(report.sections, lang, warnings):
        text = read_narrative(config.data_dir, f"{lang}/{section.key}")
        if text is not None:
            sections.append(
                replace(
                    section,
                    narrative=text,
                    narrative_file=f"narrative/{lang}/{section.key}.md",
                    narrative_lang=lang,
                )
            )
            continue
        if section.narrative is not None:
            warnings.append(
                f"narrative/{lang}/{section.key}.md not found: the {i18n.NAMES[lang]} report "
                f"shows the English narrative/{section.key}.md there, marked as English"
            )
        sections.append(
            replace(
                section,
                narrative_file=f"narrative/{lang}/{section.key}.md",
                narrative_lang=i18n.ENGLISH,
            )
        )
    missing = own_words.untranslated(config)
    if missing:
        warnings.append(
            f"config.yaml welsh_text gives no {i18n.NAMES[lang]} for {', '.join(missing)}: "
            f"the {i18n.NAMES[lang]} outputs show them in English"
        )
    glance = read_narrative(config.data_dir, f"{lang}/{GLANCE}")
    if glance is None and report.glance_narrative is not None:
        warnings.append(
            f"narrative/{lang}/{GLANCE}.md not found: the {i18n.NAMES[lang]} report shows the "
            f"English narrative/{GLANCE}.md in At a glance, marked as English"
        )
    return replace(
        report,
        sections=sections,
        glance_narrative=report.glance_narrative if glance is None else glance,
        glance_narrative_lang=i18n.ENGLISH if glance is None else lang,
        council=council.name_cy or report.council,
        service_name=council.service_name_cy or report.service_name,
        author=own_words.shown_author(report.author, config),
    )


# Settings that change no computed figure: reworded, they reuse the cached figures.
WORDING = {
    "report": {"data", "output", "author", "date"},
    "meeting": True,
    "publishing": {"word_template"},
    "council": {"name_cy", "service_name_cy", "panel_name_cy"},  # Welsh outputs only
    "welsh_text": True,
}
