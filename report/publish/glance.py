"""The "At a glance" page: the figures that moved most, as published, beside the manager's
"working well / worried about / next" from narrative/at_a_glance.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from report import i18n
from report.i18n import N_, _
from report.model import Figure, ReportInput
from report.publish.disclosure import Disclosure
from report.publish.formatting import figure_text
from report.publish.narrative import split_parts
from report.rules import movers

SOURCE = "narrative/at_a_glance.md"
PARTS = {  # the narrative's headings, in English whatever the report's language
    "well": "What is working well",
    "worried": "What we are worried about",
    "next": "What we will do next",
}
PART_TITLES = {
    "well": N_("What is working well"),
    "worried": N_("What we are worried about"),
    "next": N_("What we will do next"),
}
RULE = N_(
    "How these figures are picked: each figure with at least three years of data is scored "
    "by how far it moved since last year compared with its usual year-on-year change (the "
    "average of its earlier changes; at least 1 percentage point for a percentage). The "
    "highest scores are shown, always including at least one rise and one fall, and at "
    "least one figure that got worse whenever any did, so the page never shows only good "
    "news. Suppressed figures are never picked."
)
NO_FIGURES = N_(
    "No figure can be picked yet: the rule needs at least three years of data, and "
    "figures whose published value moved."
)


@dataclass(frozen=True)
class GlanceRow:
    figure_id: str
    label: str
    previous: str  # last year's published value
    current: str  # this year's
    direction: str  # "Up" or "Down"
    reading: str  # "Better", "Worse" or "" where neither direction is better
    section: str  # the section's heading, e.g. "4. Reviews and their timeliness"
    anchor: str

    rose: bool = True

    def sentence(self, year: str, previous_year: str) -> str:
        """The row as a sentence, for the committee papers' summary."""
        values = {
            "label": self.label,
            "previous": self.previous,
            "previous_year": previous_year,
            "current": self.current,
            "year": year,
        }
        if self.rose:
            text = _("{label} rose from {previous} in {previous_year} to {current} in {year}.")
        else:
            text = _("{label} fell from {previous} in {previous_year} to {current} in {year}.")
        said = text.format(**values)
        return f"{said[:-1]} ({self.reading.lower()})." if self.reading else said


@dataclass(frozen=True)
class GlanceView:
    rows: list[GlanceRow]
    parts: list[tuple[str, str, Markup | None]]  # (key, heading, rendered text or None)
    english_headings: dict[str, str]  # the narrative file's headings, for the placeholder
    parts_lang: str  # lang="..." of the manager's text when it is not the page's language
    rule: str
    source: str
    previous_year: str
    note: str  # why no figures are shown, or ""


def glance(
    report: ReportInput, disclosure: Disclosure, figures: Mapping[str, object]
) -> GlanceView:
    """The page's figures (rules/movers.py) as published, and the narrative's three parts."""
    previous_year = report.period.previous.label
    years = sorted({y for by_year in report.history.values() for y in by_year if y <= report.year})

    def shown(year: str, figure: Figure) -> bool:
        return not disclosure.figure(figure, year).value

    def text(figure: Figure, year: str) -> str:
        return figure_text(figure, disclosure.figure(figure, year)).value

    current = {f.id for s in report.sections for f in s.result.figures}
    history = {fid: by_year for fid, by_year in report.history.items() if fid in current}
    candidates = [
        m
        for m in movers.movers(history, years, shown)
        if text(m.figure, report.year) != text(m.previous, previous_year)
    ]
    where = {
        f.id: (f"{s.number}. {_(s.title)}", f"section-{s.key}", _(f.label))
        for s in report.sections
        for f in s.result.figures
    }
    rows = [
        GlanceRow(
            figure_id=m.figure.id,
            label=where[m.figure.id][2],  # as the section shows it
            previous=text(m.previous, previous_year),
            current=text(m.figure, report.year),
            direction=_("Up") if m.rose else _("Down"),
            reading=_("Better") if m.better else _("Worse") if m.worse else "",
            section=where[m.figure.id][0],
            anchor=where[m.figure.id][1],
            rose=m.rose,
        )
        for m in movers.pick(candidates, report.glance_count)
    ]
    note = (
        ""
        if rows
        else (
            "No figure can be picked yet: the rule needs at least three years of data, and "
            "figures whose published value moved."
        )
    )
    parts = split_parts(report.glance_narrative, figures, PARTS, SOURCE)
    return GlanceView(
        rows=rows,
        parts=[(key, _(PART_TITLES[key]), _markup(parts.get(key))) for key in PARTS],
        english_headings=dict(PARTS),
        parts_lang=i18n.HTML_LANG.get(report.glance_narrative_lang, "")
        if report.glance_narrative_lang != i18n.current()
        else "",
        rule=_(RULE),
        source=SOURCE,
        previous_year=previous_year,
        note=note,
    )


def _markup(html: str | None) -> Markup | None:
    return Markup(html) if html is not None else None
