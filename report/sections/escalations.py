"""Dispute resolution and IRO challenge: concerns raised by IROs (IRO Handbook ch. 6; DOMAIN 8).

Concerns (KIND CONCERN) and good-practice alerts (KIND GOOD_PRACTICE) come from
local/escalations.csv. Alerts are counted only in escalations.good_practice. A concern is
"resolved" when it has a RESOLVED date, whatever its OUTCOME (resolved, partly, unresolved,
withdrawn). Timescales cover concerns resolved in the year (DOMAIN 11).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from report.dates import Period, working_days_between
from report.declare import FigureDef, ids
from report.i18n import N_
from report.load.cells import in_error
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    Excluded,
    Figure,
    SectionResult,
    Tie,
    cell_ref,
    den,
    num,
)
from report.rules.cohorts import looked_after_during, within
from report.sections import BuildInput, SectionInput, children, escalation_detail
from report.sections.common import NOT_RECORDED, how_many, left_out, listed, ranked_categories
from report.terms import nation_terms

HANDBOOK_WORKING_DAYS = 20
STAGE_LABELS: dict[str, str] = {
    "INFORMAL": N_("Informal"),
    "STAGE1": N_("Stage 1"),
    "STAGE2": N_("Stage 2"),
    "STAGE3": N_("Stage 3"),
    "STAGE4": N_("Stage 4"),
}
# Stages a concern has been through when this is the highest it reached: informal counts as
# one stage, formal stage n as n + 1 (the informal stage and n formal stages).
STAGES_GONE_THROUGH: dict[str, int] = {
    "INFORMAL": 1,
    "STAGE1": 2,
    "STAGE2": 3,
    "STAGE3": 4,
    "STAGE4": 5,
}
OUTCOME_LABELS: dict[str, str] = {
    "RESOLVED": N_("Resolved"),
    "PARTIAL": N_("Partly resolved"),
    "UNRESOLVED": N_("Unresolved"),
    "WITHDRAWN": N_("Withdrawn"),
}
STILL_OPEN = N_("Still open")
OUTCOME_NOT_RECORDED = N_("Outcome not recorded")
BEFORE_DATA = N_(
    "local/escalations.csv has no records this early: the year is left out of the trends "
    "rather than shown as none."
)
RESOLVED_MEANS = N_(
    "A concern counts as resolved on the date it was closed, whatever the outcome (resolved, "
    "partly resolved, unresolved or withdrawn)."
)
METHOD_RESOLVED = (
    "Resolved on RESOLVED (local/escalations.csv), whatever the OUTCOME; a concern with an "
    "OUTCOME but no RESOLVED date counts as closed but has no duration."
)

RAISED = FigureDef(
    "escalations.raised",
    N_("Concerns raised by IROs"),
    "escalations",
    N_(
        "Concerns (escalations) raised by IROs in the year under the dispute "
        "resolution process, when an IRO challenges the council about a child's "
        "{care_plan}. Good-practice alerts are not included."
    ),
    "Rows of local/escalations.csv with KIND CONCERN and RAISED in the year.",
)
RESOLVED_ON_TIME = FigureDef(
    "escalations.resolved_within_20wd",
    N_("Concerns resolved within {days} working days", days=HANDBOOK_WORKING_DAYS),
    "percent",
    N_(
        "Of the concerns resolved in the year, the percentage resolved no more than "
        "{days} working days after they were raised ({timescale}). Working days leave "
        "out weekends and bank holidays; the day raised is day 0. {resolved_means} "
        "Concerns raised in an earlier year are included when resolved in this one."
    ),
    f"RESOLVED in the year; working days RAISED to RESOLVED <= "
    f"{HANDBOOK_WORKING_DAYS} (England and Wales bank holidays). {METHOD_RESOLVED} "
    "Concerns with RESOLVED before RAISED are left out.",
    base_unit="escalations",
)
RESOLVED_LOCAL = FigureDef(
    "escalations.resolved_within_local_target",
    N_("Concerns resolved within the local timescale"),
    "percent",
    N_(
        "Of the concerns resolved in the year whose highest stage was recorded, the "
        "percentage resolved within the council's own timescale: {d1} working days "
        "for each stage the concern went through, counting the informal stage as one "
        "(informal {d1}, stage 1 {d2}, stage 2 {d3}, stage 3 {d4}, stage 4 {d5} "
        "working days from the date raised). {resolved_means}"
    ),
    "STAGE_REACHED: the informal stage counts as one stage and formal stage n as "
    "n + 1; target = stages * {per_stage} working days "
    f"(rules.escalation_stage_target_working_days). {METHOD_RESOLVED}",
    base_unit="escalations",
)
MEDIAN_DAYS = FigureDef(
    "escalations.median_working_days",
    N_("Median working days from raising a concern to its resolution"),
    "working_days",
    N_(
        "The median number of working days from the date a concern was raised to the "
        "date it was resolved, for concerns resolved in the year (half took longer, "
        "half less). {resolved_means} Not shown when few concerns were resolved.",
        resolved_means=RESOLVED_MEANS,
    ),
    f"Median of working days RAISED to RESOLVED over concerns resolved in the "
    f"year. {METHOD_RESOLVED}",
    base_unit="escalations",
)
OPEN_AT_PERIOD_END = FigureDef(
    "escalations.open_at_period_end",
    N_("Concerns still open at 31 March"),
    "escalations",
    N_(
        "Concerns raised on or before 31 March (in this or an earlier year) that had not "
        "been resolved by 31 March."
    ),
    f"KIND CONCERN, RAISED on or before 31 March, not closed by then. {METHOD_RESOLVED}",
)
CAFCASS = FigureDef(
    "escalations.cafcass_referrals",
    N_("Concerns referred to {cafcass}"),
    "escalations",
    N_("Concerns raised in the year that the IRO referred to {cafcass}."),
    "CAFCASS = Y in local/escalations.csv.",
)
GOOD_PRACTICE = FigureDef(
    "escalations.good_practice",
    N_("Good-practice alerts"),
    "escalations",
    N_(
        "Good-practice alerts raised by IROs in the year to recognise good work for a "
        "child. They are counted only here, not as concerns."
    ),
    "Rows of local/escalations.csv with KIND GOOD_PRACTICE and RAISED in the year.",
)
RATE_PER_100_CLA = FigureDef(
    "escalations.rate_per_100_cla",
    N_("Concerns raised per 100 children looked after"),
    "rate_per_100",
    N_(
        "Concerns raised in the year for every 100 children looked after "
        "at any time in the year. No national figure is published to compare with, so "
        "a rate allows comparison between years."
    ),
    "escalations.raised * 100 / cla.during_year.",
    base_unit="escalations",
)
HEADLINE = (
    RAISED,
    RATE_PER_100_CLA,
    RESOLVED_ON_TIME,
    MEDIAN_DAYS,
    OPEN_AT_PERIOD_END,
    CAFCASS,
    GOOD_PRACTICE,
)
FIGURES = (*HEADLINE, RESOLVED_LOCAL, *escalation_detail.FIGURES)


@dataclass(frozen=True)
class Escalations:
    """local/escalations.csv with what does not depend on the year, worked out once per
    build. Read only: the years share it."""

    concerns: pd.DataFrame  # KIND CONCERN
    alerts: pd.DataFrame  # KIND GOOD_PRACTICE
    # per concern: a RESOLVED date in error (not a date, or before RAISED): whether the
    # concern was open on a 31 March is not known, so it is left out of that count
    unknown_end: pd.Series
    days: pd.Series  # per concern: working days RAISED to RESOLVED (NA without both)


def prepare(inp: BuildInput) -> Escalations:
    esc = inp.data.local["escalations"]
    concerns = esc.loc[esc["KIND"] == "CONCERN"]
    return Escalations(
        concerns=concerns,
        alerts=esc.loc[esc["KIND"] == "GOOD_PRACTICE"],
        unknown_end=in_error(concerns, "RESOLVED") | (concerns["RESOLVED"] < concerns["RAISED"]),
        days=working_days_between(concerns["RAISED"], concerns["RESOLVED"]),
    )


def compute(inp: SectionInput) -> SectionResult:
    period = inp.period
    end = pd.Timestamp(period.end)
    terms = nation_terms(inp.config.council.nation)
    cafcass = terms["cafcass"]
    per_stage = inp.config.rules.escalation_stage_target_working_days
    threshold = inp.config.publishing.suppression_threshold
    prepared = inp.given(Escalations)
    concerns, alerts = prepared.concerns, prepared.alerts
    raised = concerns.loc[within(concerns["RAISED"], period)]
    closed = _closed_by(concerns, end)
    unknown_end = prepared.unknown_end
    open_at_end = int(((concerns["RAISED"] <= end) & ~closed & ~unknown_end).sum())
    left = left_out(
        OPEN_AT_PERIOD_END.id,
        "RESOLVED",
        "escalations",
        concerns.loc[unknown_end & (concerns["RAISED"] <= end)],
    )
    n_raised = len(raised)
    care = inp.history.care
    during = len(looked_after_during(care, period))
    notes: list[str] = []

    times = _timescales(concerns, prepared.days, period, per_stage, threshold, notes)
    left += times.left
    _closed_without_date(concerns, end, threshold, notes)

    figures: list[Figure] = [
        RAISED.count(n_raised, care_plan=terms["care_plan"]),
        RESOLVED_ON_TIME.percent(
            times.within_20,
            len(times.timed),
            days=HANDBOOK_WORKING_DAYS,
            timescale=terms["dispute_timescale"],
            resolved_means=RESOLVED_MEANS,
        ),
        RESOLVED_LOCAL.percent(
            times.within_local,
            times.staged,
            d1=per_stage,
            d2=2 * per_stage,
            d3=3 * per_stage,
            d4=4 * per_stage,
            d5=5 * per_stage,
            resolved_means=RESOLVED_MEANS,
            per_stage=per_stage,
        ),
        MEDIAN_DAYS.value(
            float(times.days.median()) if len(times.days) else None, None, float(len(times.days))
        ),
        OPEN_AT_PERIOD_END.count(open_at_end),
        CAFCASS.count(int(raised["CAFCASS"].fillna(False).astype(bool).sum()), cafcass=cafcass),
        GOOD_PRACTICE.count(int(within(alerts["RAISED"], period).sum())),
        RATE_PER_100_CLA.value(
            100.0 * n_raised / during if during else None, float(n_raised), float(during)
        ),
    ]
    breakdowns = [_by_stage(raised), _by_outcome(raised, closed.loc[raised.index])]
    if n_raised:
        breakdowns.insert(1, _by_theme(raised, inp.config.publishing.escalation_themes))
        services = inp.config.publishing.escalation_services
        by_service = escalation_detail.by_service(raised, services, notes)
        breakdowns += [by_service] if by_service else []
        legal = escalation_detail.legal_advice(raised, notes)
        figures += [legal] if legal else []
    figures += escalation_detail.stage_figures(times.timed, notes, threshold)
    charts = [
        ChartSpec(
            "escalations-trend",
            N_("Concerns raised and good-practice alerts, by year"),
            "trend",
            figures=(RAISED.id, GOOD_PRACTICE.id),
            y_label=N_("Number"),
        ),
    ]
    ties = [Tie.same(RAISED.id, cell_ref(b, TOTAL)) for b in breakdowns]
    ties += [
        Tie.same(RAISED.id, num(RATE_PER_100_CLA.id)),
        Tie.same(children.DURING_YEAR.id, den(RATE_PER_100_CLA.id)),
    ]
    return SectionResult(
        excluded=left,
        figures=figures,
        breakdowns=breakdowns,
        ties=ties,
        charts=charts,
        notes=notes,
        headline=ids(HEADLINE),
    )


@dataclass(frozen=True)
class Timescales:
    """The concerns resolved in the year that can be timed, and how many met each timescale."""

    timed: pd.DataFrame  # resolved in the year, RESOLVED not before RAISED
    days: pd.Series  # their working days from raised to resolved
    within_20: int  # resolved within the IRO Handbook's 20 working days
    within_local: int  # resolved within the local target for the stages they went through
    staged: int  # of `timed`, those with a STAGE_REACHED (the local target's denominator)
    left: list[Excluded]  # resolved before raised: left out of the timescales


def _timescales(
    concerns: pd.DataFrame,
    all_days: pd.Series,
    period: Period,
    per_stage: int,
    threshold: int,
    notes: list[str],
) -> Timescales:
    resolved_in_year = within(concerns["RESOLVED"], period)
    resolved = concerns.loc[resolved_in_year]
    backwards = resolved["RESOLVED"] < resolved["RAISED"]
    if backwards.any():
        notes.append(
            N_(
                "{count} concerns resolved in the year have a RESOLVED date before the date "
                "they were RAISED (local/escalations.csv). This is a data error: they are "
                "counted as raised and by outcome, but left out of the timescales.",
                count=how_many(int(backwards.sum()), threshold),
            )
        )
    left = left_out(RESOLVED_ON_TIME.id, "RESOLVED", "escalations", resolved.loc[backwards])
    timed = resolved.loc[~backwards]
    days = all_days.loc[resolved_in_year].loc[~backwards]
    stages = timed["STAGE_REACHED"].map(STAGES_GONE_THROUGH)
    staged = stages.notna()
    if (~staged).any():
        notes.append(
            N_(
                "{count} concerns resolved in the year have no STAGE_REACHED, so the local "
                "timescale cannot be applied to them; they are left out of that percentage "
                "only.",
                count=how_many(int((~staged).sum()), threshold),
            )
        )
    local_target = stages.loc[staged].astype("int64") * per_stage
    return Timescales(
        timed=timed,
        days=days,
        within_20=int((days <= HANDBOOK_WORKING_DAYS).sum()),
        within_local=int((days.loc[staged] <= local_target).sum()),
        staged=int(staged.sum()),
        left=left,
    )


def _closed_without_date(
    concerns: pd.DataFrame, end: pd.Timestamp, threshold: int, notes: list[str]
) -> None:
    no_date = concerns["RESOLVED"].isna() & concerns["OUTCOME"].notna()
    no_date &= concerns["RAISED"] <= end
    if no_date.any():
        notes.append(
            N_(
                "{count} concerns have an OUTCOME but no RESOLVED date: they are treated as "
                "closed, and left out of the timescales.",
                count=how_many(int(no_date.sum()), threshold),
            )
        )


def _closed_by(concerns: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Concerns resolved on or before `day`; an OUTCOME without a RESOLVED date counts as closed."""
    dated = concerns["RESOLVED"].notna() & (concerns["RESOLVED"] <= day)
    undated = concerns["RESOLVED"].isna() & concerns["OUTCOME"].notna()
    return dated | undated


def _by_stage(raised: pd.DataFrame) -> Breakdown:
    labels = raised["STAGE_REACHED"].map(STAGE_LABELS).fillna(NOT_RECORDED)
    categories = list(STAGE_LABELS.values())
    if (labels == NOT_RECORDED).any():
        categories.append(NOT_RECORDED)
    return Breakdown(
        id="escalations.by_stage",
        label=N_("Concerns raised by the highest stage reached"),
        definition=N_(
            "Concerns raised in the year by the highest stage of the dispute resolution "
            "process they reached: informal resolution, then formal stages 1 to 4 up "
            "the management line (an IRO may skip stages)."
        ),
        method="STAGE_REACHED in local/escalations.csv (INFORMAL, STAGE1-STAGE4).",
        category_label=N_("Highest stage reached"),
        categories=categories,
        series={N_("Concerns"): [int((labels == c).sum()) for c in categories]},
        unit="escalations",
    )


def _by_theme(raised: pd.DataFrame, themes: list[str]) -> Breakdown:
    categories, counts = ranked_categories(listed(raised["THEME"], themes))
    return Breakdown(
        id="escalations.by_theme",
        label=N_("Concerns raised by theme"),
        definition=N_(
            "Concerns raised in the year by their main theme as recorded by the IRO, "
            "most frequent first; a theme outside the council's list is counted as Other."
        ),
        method="THEME in local/escalations.csv; a theme not listed in config.yaml "
        "(publishing.escalation_themes) is counted as Other.",
        category_label=N_("Theme"),
        categories=categories,
        series={N_("Concerns"): [int(counts[c]) for c in categories]},
        unit="escalations",
    )


def _by_outcome(raised: pd.DataFrame, closed: pd.Series) -> Breakdown:
    status = raised["OUTCOME"].map(OUTCOME_LABELS).fillna(OUTCOME_NOT_RECORDED)
    status = status.where(closed, STILL_OPEN)
    categories = [*OUTCOME_LABELS.values(), STILL_OPEN]
    if (status == OUTCOME_NOT_RECORDED).any():
        categories.append(OUTCOME_NOT_RECORDED)
    return Breakdown(
        id="escalations.by_outcome",
        label=N_("Concerns raised by outcome at 31 March"),
        definition=N_(
            "Concerns raised in the year by their outcome as at 31 March: resolved, "
            "partly resolved, unresolved or withdrawn (closed by 31 March), or still "
            "open (not resolved by 31 March)."
        ),
        method=f"OUTCOME in local/escalations.csv; still open when not closed by 31 March. "
        f"{METHOD_RESOLVED}",
        category_label=N_("Outcome"),
        categories=categories,
        series={N_("Concerns"): [int((status == c).sum()) for c in categories]},
        unit="escalations",
    )
