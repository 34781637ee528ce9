"""Committee papers: a cover report in the council committee shape, the annual report as Appendix A.

The cover is its own small HTML document (templates/papers.html); the pipeline lays it out and
the annual report separately and joins their pages into one tagged PDF, so each keeps its own
"Page X of Y" numbering. Figures on the cover are the published (suppressed, formatted) strings
the report itself shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from markupsafe import Markup

from report import i18n
from report.dates import WEEKMASK, bank_holidays
from report.errors import EXIT_USAGE, ReportError
from report.i18n import N_, _, long_date
from report.model import ReportInput
from report.publish.disclosure import decide
from report.publish.formatting import NOT_AVAILABLE
from report.publish.glance import glance
from report.publish.html import LANG, report_title
from report.publish.narrative import NarrativeFigure, render_narrative, split_parts
from report.publish.templates import environment
from report.sections import children, escalations, participation, reviews, service
from report.terms import nation_terms

APPENDIX_LABEL = N_("Appendix A")
NARRATIVE_FILE = "narrative/papers.md"

# Committee papers must be published a number of clear days before the meeting (Local
# Government Act 1972 s100B(3): five in England; three in Wales, as amended by the Local
# Government and Elections (Wales) Act 2021).
CLEAR_DAYS = {"england": 5, "wales": 3}
CLEAR_DAYS_RULE = (
    "Clear days do not count the day the papers are published, the day of the meeting, "
    "weekends or England and Wales bank holidays."
)

# Headings a narrative/papers.md may use; each replaces (or for the summary, adds to) the
# cover report's default text.
NARRATIVE_PARTS = {
    "summary": N_("Summary"),
    "financial": N_("Financial implications"),
    "legal": N_("Legal implications"),
    "equalities": N_("Equalities implications"),
    "risk": N_("Risk implications"),
    "welsh_language": N_("Welsh language implications"),
}
IMPLICATIONS = ("financial", "legal", "equalities", "risk")
# A Welsh council's committee reports say how the decision affects the Welsh language (the
# Welsh Language Standards): the council's own words, so there is no default text.
IMPLICATIONS_BY_NATION = {
    "england": IMPLICATIONS,
    "wales": ("financial", "legal", "equalities", "welsh_language", "risk"),
}
REQUIRED = {"england": (), "wales": ("welsh_language",)}

DEFAULT_TEXT: dict[str, dict[str, str]] = {
    "england": {
        "financial": N_(
            "There are no financial implications arising directly from this report. "
            "The IRO service is provided within the existing Children's Services budget."
        ),
        "legal": N_(
            "The council must appoint an Independent Reviewing Officer for every child it "
            "looks after (Children Act 1989, sections 25A and 25B). The IRO Handbook (2010), "
            "statutory guidance, requires the manager of the IRO service to produce an annual "
            "report for scrutiny by the Corporate Parenting Panel. This report meets that "
            "requirement."
        ),
    },
    "wales": {
        "financial": N_(
            "There are no financial implications arising directly from this report. "
            "The IRO service is provided within the existing Social Services budget."
        ),
        "legal": N_(
            "The council must appoint an independent reviewing officer for every child it "
            "looks after (Social Services and Well-being (Wales) Act 2014, sections 99 and 100). "
            "The Part 6 Code of Practice (Looked After and Accommodated Children) sets out the "
            "IRO's functions. This report gives members an account of how the service carried "
            "them out during the year."
        ),
    },
}
EQUALITIES_TEXT = N_(
    "The IRO service reviews the care of every child the council looks after, whatever their "
    "background. The annual report describes the children looked after by age, sex and "
    "ethnicity so that members can consider whether any group is less well served. Noting "
    "the report has no equality impact in itself, so no equality impact assessment is needed."
)
RISK_TEXT = N_(
    "The report is for noting and creates no new risk. Scrutiny of the IRO service helps "
    "members, as corporate parents, to be assured that children's {care_plans} are reviewed "
    "on time and that children's voices are heard; the report identifies areas for "
    "improvement and the service's priorities for next year."
)
BACKGROUND_PAPERS = {
    "england": [
        N_(
            "IRO Handbook: statutory guidance for independent reviewing officers and local "
            "authorities on their functions in relation to case management and review for "
            "looked after children (Department for Children, Schools and Families, 2010)."
        ),
        N_("The Care Planning, Placement and Case Review (England) Regulations 2010."),
    ],
    "wales": [
        N_(
            "Social Services and Well-being (Wales) Act 2014: Part 6 Code of Practice (Looked "
            "After and Accommodated Children) (Welsh Government)."
        ),
        N_("The Care Planning, Placement and Case Review (Wales) Regulations 2015."),
    ],
}


# ---------------------------------------------------------------- publication deadline


def publish_by(meeting: date, nation: str) -> date:
    """The last day the papers can be published and still leave the required clear days.

    Clear days do not count the day of publication, the day of the meeting, weekends or
    England and Wales bank holidays: England 5, Wales 3. The answer is the working day before
    the earliest of those clear days (a meeting on a non-working day counts back from it too).
    """
    clear = CLEAR_DAYS[nation]
    day = np.busday_offset(
        np.datetime64(meeting, "D"),
        -(clear + 1),
        roll="forward",
        weekmask=WEEKMASK,
        holidays=bank_holidays(),
    )
    return date.fromisoformat(str(day))


def clear_days_between(published: date, meeting: date) -> int:
    """Working days strictly after `published` and strictly before `meeting`."""
    count = np.busday_count(
        np.datetime64(published, "D") + np.timedelta64(1, "D"),
        np.datetime64(meeting, "D"),
        weekmask=WEEKMASK,
        holidays=bank_holidays(),
    )
    return max(int(count), 0)


# ---------------------------------------------------------------- inputs and view models


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CoverInput:
    """The meeting and the people, from config (the pipeline fills it in)."""

    committee: str
    meeting_date: date
    report_of: str
    author: Contact
    agenda_item: str = ""
    implications: Mapping[str, str] = field(default_factory=dict)  # config text by part
    narrative: str | None = None  # narrative/papers.md, unrendered


@dataclass(frozen=True)
class Paragraph:
    number: int
    html: Markup
    heading: str = ""  # a sub-heading shown above the paragraph (Financial, Legal, ...)


@dataclass(frozen=True)
class CoverSection:
    heading: str
    anchor: str
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str


@dataclass(frozen=True)
class CoverView:
    council: str
    committee: str
    meeting_date: str
    title: str
    pdf_title: str
    lang: str
    draft: bool
    details: list[DetailRow]
    recommendations: list[str]
    sections: list[CoverSection]


@dataclass(frozen=True)
class PublishedPapers:
    cover_html: str
    title: str
    publish_by: date
    lang: str = LANG


# ---------------------------------------------------------------- entry point


def render_cover(
    report: ReportInput, figures: Mapping[str, NarrativeFigure], cover: CoverInput
) -> PublishedPapers:
    """The cover report as one HTML document, ready to print before the annual report."""
    title = report_title(report)
    nation = report.nation if report.nation in CLEAR_DAYS else "england"
    deadline = publish_by(cover.meeting_date, nation)
    parts = narrative_parts(cover.narrative, figures)
    implications = IMPLICATIONS_BY_NATION[nation]
    texts = {
        key: parts.get(key) or _config_text(cover.implications.get(key), figures, key)
        for key in implications
    }
    missing = [key for key in REQUIRED[nation] if texts.get(key) is None]
    if missing:
        raise ReportError(
            "The committee papers of a council in Wales need a Welsh language implications "
            "paragraph: set meeting.implications.welsh_language in config.yaml, or write it "
            f"in {NARRATIVE_FILE} under '## {NARRATIVE_PARTS['welsh_language']}'.",
            EXIT_USAGE,
        )
    numbers = _Counter()
    sections = [
        CoverSection(
            _("Purpose of the report"),
            "purpose",
            [numbers.next(_text(_purpose(report, cover.committee)))],
        ),
        CoverSection(_("Summary"), "summary", _summary(report, figures, parts, numbers)),
        CoverSection(
            _("Implications"),
            "implications",
            [
                numbers.next(texts[key] or _text(_default(nation, key)), _(NARRATIVE_PARTS[key]))
                for key in implications
            ],
        ),
        CoverSection(
            _("Background papers"),
            "background",
            [
                numbers.next(
                    _text(_("The following papers were relied on in writing this report:"))
                    + _list([_(paper) for paper in BACKGROUND_PAPERS[nation]])
                )
            ],
        ),
        CoverSection(
            _("Appendices"),
            "appendices",
            [numbers.next(_text(f"{_(APPENDIX_LABEL)}: {title}."))],
        ),
    ]
    meeting = long_date(cover.meeting_date, weekday=True)
    view = CoverView(
        council=report.council,
        committee=cover.committee,
        meeting_date=meeting,
        title=title,
        pdf_title=f"{cover.committee}, {long_date(cover.meeting_date)}: {title}",
        lang=i18n.HTML_LANG[i18n.current()],
        draft=report.draft,
        details=_details(cover, meeting, deadline, nation),
        recommendations=[
            _(
                N_(
                    "That the {committee} notes the IRO annual report {year} ({appendix}).",
                    committee=cover.committee,
                    year=report.year,
                    appendix=APPENDIX_LABEL,
                )
            )
        ],
        sections=sections,
    )
    html = environment().get_template("papers.html").render(cover=view)
    return PublishedPapers(
        cover_html=html, title=view.pdf_title, publish_by=deadline, lang=view.lang
    )


class _Counter:
    """Paragraph numbers, 1, 2, 3, ... through the whole cover report."""

    def __init__(self) -> None:
        self.number = 0

    def next(self, html: Markup, heading: str = "") -> Paragraph:
        self.number += 1
        return Paragraph(self.number, html, heading)


# ---------------------------------------------------------------- the parts of the cover


def _details(cover: CoverInput, meeting: str, deadline: date, nation: str) -> list[DetailRow]:
    author = ", ".join(part for part in (cover.author.name, cover.author.role) if part)
    contact = ", ".join(part for part in (cover.author.email, cover.author.phone) if part)
    rows = [
        DetailRow(_("Meeting"), cover.committee),
        DetailRow(_("Date of meeting"), meeting),
    ]
    if cover.agenda_item:
        rows.append(DetailRow(_("Agenda item"), cover.agenda_item))
    rows += [
        DetailRow(_("Report of"), cover.report_of),
        DetailRow(_("Report author"), author),
    ]
    if contact:
        rows.append(DetailRow(_("Contact"), contact))
    rows += [
        DetailRow(_("Purpose"), _("For noting")),
        DetailRow(
            _("Publish by"),
            _(
                N_(
                    "{date} ({days} clear working days before the meeting)",
                    date=long_date(deadline, weekday=True),
                    days=CLEAR_DAYS[nation],
                )
            ),
        ),
    ]
    return rows


def _purpose(report: ReportInput, committee: str) -> str:
    return _(
        N_(
            "This report presents the annual report of {council}'s {service} for {year} "
            "({start} to {end}) to the {committee} for noting. The annual report is attached "
            "as {appendix}.",
            council=report.council,
            service=report.service_name,
            year=report.year,
            start=long_date(report.period.start),
            end=long_date(report.period.end),
            committee=committee,
            appendix=APPENDIX_LABEL,
        )
    )


def _summary(
    report: ReportInput,
    figures: Mapping[str, NarrativeFigure],
    parts: Mapping[str, Markup],
    numbers: _Counter,
) -> list[Paragraph]:
    facts = headline_facts(report, figures)
    if facts:
        intro = _text(_(N_("The annual report shows that in {year}:", year=report.year)))
        intro += _list(facts)
    else:
        intro = _text(_("The annual report sets out the work of the IRO service during the year."))
    paragraphs = [numbers.next(intro)]
    moved = glance(report, decide(report), figures)
    if moved.rows:
        previous_year = moved.previous_year
        paragraphs.append(
            numbers.next(
                _text(
                    i18n._(
                        "The figures that changed most since {year}, against their own "
                        "history (the report's 'At a glance' page, which says how they are "
                        "picked):"
                    ).format(year=previous_year)
                )
                + _list([row.sentence(report.year, previous_year) for row in moved.rows])
            )
        )
    if "summary" in parts:
        paragraphs.append(numbers.next(parts["summary"]))
    priorities = next((s for s in report.sections if s.key == "priorities"), None)
    if priorities is not None and not priorities.off_reason:
        paragraphs.append(
            numbers.next(
                _text(
                    _(
                        N_(
                            "Progress on last year's priorities and the service's priorities "
                            "for the coming year are in section {number} of the annual report.",
                            number=priorities.number,
                        )
                    )
                )
            )
        )
    return paragraphs


def headline_facts(report: ReportInput, figures: Mapping[str, NarrativeFigure]) -> list[str]:
    """The cover's headline figures as sentences, from the report's published strings.

    A figure the report does not have (its section is off) is left out, never shown as 0.
    """
    previous_year = report.period.previous.label
    end = report.period.end.year
    facts = []
    if cla := figures.get(children.AT_PERIOD_END.id):
        if cla.previous != NOT_AVAILABLE:
            text = N_(
                "{value} children were looked after at 31 March {end}, compared with "
                "{previous} at 31 March {before}.",
                value=cla.value,
                end=end,
                previous=cla.previous,
                before=end - 1,
            )
        else:
            text = N_(
                "{value} children were looked after at 31 March {end}.", value=cla.value, end=end
            )
        facts.append(_(text))
    if on_time := figures.get(reviews.ON_TIME.id):
        facts.append(
            _(
                N_(
                    "{pct} of reviews were held on time ({numerator} of {denominator} "
                    "reviews){since}.",
                    pct=on_time.pct,
                    numerator=on_time.numerator,
                    denominator=on_time.denominator,
                    since=_since(on_time, previous_year),
                )
            )
        )
    if all_on_time := figures.get(reviews.CHILDREN_ALL_ON_TIME.id):
        facts.append(
            _(
                N_(
                    "{pct} of children had all their reviews on time{since}.",
                    pct=all_on_time.pct,
                    since=_since(all_on_time, previous_year),
                )
            )
        )
    if took_part := figures.get(participation.PARTICIPATED_PCT.id):
        facts.append(
            _(
                N_(
                    "Children aged 4 and over participated in {pct} of their reviews{since}.",
                    pct=took_part.pct,
                    since=_since(took_part, previous_year),
                )
            )
        )
    if caseload := figures.get(service.CASELOAD.id):
        facts.append(
            _(
                N_(
                    "Each full-time IRO had on average {value} children at 31 March {end}{since}.",
                    value=caseload.value,
                    end=end,
                    since=_since(caseload, previous_year),
                )
            )
        )
    if raised := figures.get(escalations.RAISED.id):
        facts.append(
            _(
                N_(
                    "IROs raised {value} concerns about children's plans through the dispute "
                    "resolution process{since}.",
                    value=raised.value,
                    since=_since(raised, previous_year),
                )
            )
        )
    return facts


def _since(figure: NarrativeFigure, previous_year: str) -> str:
    """ ", up from 85% in 2023-24" or "" when last year's value is not shown."""
    if figure.change:
        return _(N_(", {change} in {year}", change=figure.change, year=previous_year))
    if figure.previous != NOT_AVAILABLE:
        return f" ({previous_year}: {figure.previous})"
    return ""


def _default(nation: str, key: str) -> str:
    if key == "equalities":
        return _(EQUALITIES_TEXT)
    if key == "risk":
        return _(N_(RISK_TEXT, care_plans=nation_terms(nation)["care_plans"]))
    return _(DEFAULT_TEXT[nation][key])


def _text(text: str) -> Markup:
    return Markup("<p>{}</p>").format(text)


def _list(items: list[str]) -> Markup:
    return Markup("<ul>{}</ul>").format(
        Markup("").join(Markup("<li>{}</li>").format(i) for i in items)
    )


def _config_text(
    text: str | None, figures: Mapping[str, NarrativeFigure], key: str
) -> Markup | None:
    if not text or not text.strip():
        return None
    source = f"config.yaml meeting.implications.{key}"
    return Markup(render_narrative(text, figures, source))


# ---------------------------------------------------------------- narrative/papers.md


def narrative_parts(text: str | None, figures: Mapping[str, NarrativeFigure]) -> dict[str, Markup]:
    """narrative/papers.md split at its "## Heading" lines, each part rendered like a narrative
    (headings of NARRATIVE_PARTS; see narrative.split_parts)."""
    return {
        key: Markup(html)
        for key, html in split_parts(text, figures, NARRATIVE_PARTS, NARRATIVE_FILE).items()
    }
