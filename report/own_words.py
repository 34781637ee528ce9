"""The council's own words in Welsh: config.yaml `welsh_text` and the Welsh names (`*_cy`).

The catalogue translates our fixed text; the words a council types into config.yaml (its
escalation themes and the services concerns are raised with, feedback sources and questions,
late-review reasons, its committee's name, the author's role) are its own, so it gives their
Welsh: `welsh_text` maps each English text to its Welsh, and `council.name_cy`,
`service_name_cy`, `panel_name_cy` and `meeting.committee_cy` name the council, service and
committee. `i18n.language("cy", own=welsh_words(config))` uses them wherever that text is shown.
"""

from __future__ import annotations

from dataclasses import replace

from report import i18n
from report.config import Config
from report.model import SectionOutput


def welsh_words(config: Config) -> dict[str, str]:
    """English text -> Welsh, for the Welsh outputs: welsh_text and the Welsh names."""
    council, meeting = config.council, config.meeting
    words = dict(config.welsh_text)
    names = (
        (council.name, council.name_cy),
        (council.service_name, council.service_name_cy),
        (council.panel_name, council.panel_name_cy),
        (meeting.committee, meeting.committee_cy),
    )
    for english, welsh in names:
        if english and welsh:
            words[english] = welsh
    return words


def configured_words(config: Config) -> list[str]:
    """The council's own English words that the report can show, in config.yaml order."""
    publishing, feedback, meeting = config.publishing, config.feedback, config.meeting
    found = [*publishing.escalation_themes, *publishing.escalation_services.values()]
    found += publishing.feedback_sources
    found += list(publishing.late_review_reasons.values())
    for question in feedback.questions:
        found += [question.text, *question.positive]
    if meeting.author is not None and meeting.author.role:
        found.append(meeting.author.role)
    found.append(meeting.report_of)
    found += [v for v in meeting.implications.model_dump().values() if isinstance(v, str)]
    return list(dict.fromkeys(w for w in found if w))


def untranslated(config: Config) -> list[str]:
    """The council's own words with no Welsh in welsh_text: shown in English in Welsh outputs."""
    known = {_key(k) for k in welsh_words(config)}
    return [w for w in configured_words(config) if _key(w) not in known]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def shown_author(author: str, config: Config) -> str:
    """The title page's author ("name, role") with the role in the current language's words."""
    person = config.meeting.author
    if person is None or not person.role:
        return i18n.own_word(author)
    return ", ".join(part for part in (person.name, i18n.own_word(person.role)) if part)


def priorities_marked(
    sections: list[SectionOutput], lang: str, warnings: list[str]
) -> list[SectionOutput]:
    """The sections, with the priorities (priorities.yaml: the manager's own words, in
    English) marked as English for a page in another language (lang="en-GB"), and a warning."""
    marked = []
    for section in sections:
        context = section.result.context
        if section.key == "priorities" and context.get("has_file") and lang != i18n.ENGLISH:
            warnings.append(
                f"the {i18n.NAMES[lang]} report shows the priorities of priorities.yaml in "
                "English, marked as English"
            )
            result = replace(section.result, context={**context, "text_lang": "en-GB"})
            section = replace(section, result=result)
        marked.append(section)
    return marked
