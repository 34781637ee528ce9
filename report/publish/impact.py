"""The "Impact of IRO challenge" block of the disputes section: anonymised examples the
manager writes in narrative/escalations.md under "## Impact of IRO challenge", one per "###"
heading. Narrative only: nothing here is taken from data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from report import i18n
from report.errors import ReportError
from report.i18n import N_, _
from report.publish.narrative import render_narrative

SECTION = "escalations"
HEADING = "Impact of IRO challenge"  # the narrative's heading, in English in either language
TITLE = N_("Impact of IRO challenge")
PART = re.compile(r"^##\s+(.+?)\s*#*\s*$")
EXAMPLE = re.compile(r"^###\s+(.+?)\s*#*\s*$")
INTRO = N_(
    "Examples of the difference IRO challenge made for children, written by the IRO service "
    "manager. Details are changed or left out so that no child can be identified."
)
PLACEHOLDER = N_(
    '[Author: add short anonymised examples of the impact of IRO challenge under "## {heading}" '
    'in {source}, each example under its own "### " heading with a short title]',
)


@dataclass(frozen=True)
class ImpactView:
    """What the template shows: the block's title, intro, examples or the placeholder."""

    title: str
    intro: str
    lead: Markup | None  # text under the heading before the first example
    examples: list[tuple[str, Markup]]  # (title, rendered text)
    placeholder: str
    lang: str  # lang="..." when the narrative is not in the page's language


def _headings() -> set[str]:
    """The heading in English and in the page's language (a Welsh narrative may use either)."""
    return {HEADING.casefold(), _(TITLE).casefold()}


def split(text: str | None) -> tuple[str | None, str | None, int]:
    """(the narrative without the impact part, the part's text, the line its heading is on).
    The part runs from its "##" heading to the next "##" heading or the end."""
    if text is None:
        return None, None, 0
    lines = text.splitlines()
    wanted = _headings()
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if (m := PART.match(line)) and m[1].casefold() in wanted
        ),
        None,
    )
    if start is None:
        return text, None, 0
    end = next((i for i in range(start + 1, len(lines)) if PART.match(lines[i])), len(lines))
    rest = lines[:start] + [""] * (end - start) + lines[end:]  # keeps later line numbers
    return "\n".join(rest), "\n".join(lines[start + 1 : end]), start + 1


def view(
    text: str | None, figures: Mapping[str, object], source: str, lang: str
) -> tuple[str | None, ImpactView]:
    """The section's narrative without the impact part, and the impact block."""
    narrative, part, line = split(text)
    lead: Markup | None = None
    examples: list[tuple[str, Markup]] = []
    if part is not None:
        chunks: list[tuple[str | None, int, list[str]]] = [(None, line, [])]
        for number, row in enumerate(part.splitlines(), start=line + 1):
            match = EXAMPLE.match(row)
            if match:
                chunks.append((match[1], number, []))
            else:
                chunks[-1][2].append(row)
        for title, at, body in chunks:
            words = "\n".join(body)
            if title is None:
                if words.strip():
                    lead = Markup(render_narrative("\n" * at + words, figures, source))
                continue
            if not words.strip():
                raise ReportError(
                    f"{source} line {at}: the example '{title}' under '## {HEADING}' has no "
                    "text; write it below its heading or remove the heading"
                )
            examples.append((title, Markup(render_narrative("\n" * at + words, figures, source))))
    return narrative, ImpactView(
        title=_(TITLE),
        intro=_(INTRO),
        lead=lead,
        examples=examples,
        placeholder=_(N_(PLACEHOLDER, heading=HEADING, source=source)),
        lang=i18n.HTML_LANG.get(lang, "") if lang and lang != i18n.current() else "",
    )
