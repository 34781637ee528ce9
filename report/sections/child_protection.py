"""Child protection conferences chaired by IROs: timeliness and plans (DOMAIN 9).

Local extract local/cp_conferences.csv: one row per child per conference (CHILD, TYPE ICPC or
RCPC, DATE, ANCHOR_DATE, CATEGORY N/P/E/S/M, PLAN Y/N). ANCHOR_DATE is the date an initial
conference is measured from: the strategy discussion or the start of the section 47 enquiry,
as the council chose (setting rules.icpc_timeliness_from).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from report.dates import add_months, add_working_days
from report.declare import FigureDef, ids
from report.i18n import N_
from report.load.cells import in_error
from report.load.keys import CHILD_KEY
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    Excluded,
    Figure,
    SectionResult,
    Tie,
    cell_ref,
)
from report.rules.cohorts import within
from report.sections import BuildInput, SectionInput
from report.sections import child_protection_plans as cp_plans
from report.sections.common import how_many, left_out
from report.terms import nation_terms

FILE = "local/cp_conferences.csv"
ICPC_WORKING_DAYS = 15
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
CATEGORIES: dict[str, str] = {
    "N": N_("Neglect"),
    "P": N_("Physical abuse"),
    "E": N_("Emotional abuse"),
    "S": N_("Sexual abuse"),
    "M": N_("Multiple"),
}
NOT_RECORDED = N_("Not recorded")
ANCHORS = {
    "strategy_discussion": N_("strategy discussion that started the section 47 enquiry"),
    "s47_start": N_("start of the section 47 enquiry (the basis DfE statistics use)"),
}
ANCHOR_SHORT = {
    "strategy_discussion": N_("strategy discussion"),
    "s47_start": N_("section 47 start"),
}
PER_CHILD = N_(
    "Each child discussed counts once: a conference about three brothers and sisters "
    "counts as three."
)
ICPC_HELD = FigureDef(
    "cp.icpc_held",
    N_("Initial child protection conferences held"),
    "conferences",
    N_(
        "Initial child protection conferences (ICPCs) held in the year. {per_child}",
        per_child=PER_CHILD,
    ),
)
ICPC_ON_TIME = FigureDef(
    "cp.icpc_on_time",
    N_("Initial conferences held within 15 working days of the {short}"),
    "percent",
    N_(
        "Of the initial conferences held in the year with the date of the {short} "
        "recorded, the percentage held within 15 working days of the {anchor}. The "
        "day of the {short} is day 0; working days leave out weekends and bank "
        "holidays. Conferences without that date, or with it after the conference, "
        "cannot be assessed and are left out. {per_child}"
    ),
    f"TYPE ICPC in {FILE}; ANCHOR_DATE (rules.icpc_timeliness_from) to DATE within "
    "15 working days; ANCHOR_DATE blank or after DATE is not assessable.",
    base_unit="conferences",
)
RCPC_HELD = FigureDef(
    "cp.rcpc_held",
    N_("Review child protection conferences held"),
    "conferences",
    N_(
        "Review child protection conferences (RCPCs) held in the year. {per_child}",
        per_child=PER_CHILD,
    ),
)
RCPC_ON_TIME = FigureDef(
    "cp.rcpc_on_time",
    N_("Review conferences held on time"),
    "percent",
    N_(
        "Of the review conferences held in the year that can be assessed, the "
        "percentage held on time: the first review conference within 3 months of the "
        "initial conference, later ones within 6 months of the previous conference "
        "(30 November + 3 months = 28 February). A new initial conference starts the "
        "timetable again. A review conference whose previous conference came before "
        "the records this report uses cannot be assessed and is left out. "
        "{per_child}",
        per_child=PER_CHILD,
    ),
    f"TYPE RCPC in {FILE}; calendar months from the previous conference's DATE, "
    "clamped to month end.",
    base_unit="conferences",
)
CHILDREN_ON_TIME = FigureDef(
    "cp.children_on_time",
    N_("Children whose conferences were all on time"),
    "percent",
    N_(
        "Of the children with at least one conference (initial or review) held in the "
        "year that can be assessed, the percentage whose every such conference was on "
        "time. Conferences that cannot be assessed are left out."
    ),
    f"Distinct CHILD in {FILE} over assessable conferences (ICPC and RCPC) in the year.",
    base_unit="children",
)
PLANS_AT_PERIOD_END = FigureDef(
    "cp.plans_at_period_end",
    N_("Children {status} at 31 March"),
    "children",
    N_(
        "Children whose latest conference on or before 31 March decided they should be "
        "(or remain) {status}."
    ),
    f"Latest row per CHILD in {FILE} with DATE on or before 31 March has PLAN = Y.",
)
HEADLINE = (ICPC_HELD, ICPC_ON_TIME, RCPC_HELD, RCPC_ON_TIME, CHILDREN_ON_TIME, PLANS_AT_PERIOD_END)
FIGURES = (*HEADLINE, *cp_plans.FIGURES)
ORDER = tuple(d.id for d in HEADLINE)


@dataclass(frozen=True)
class Conferences:
    """What does not depend on the year in the conference extracts, worked out once per
    build: every conference with its due date and timeliness, the notes that found, and
    local/cp_plans.csv prepared (None without it). Read only: the years share them."""

    conf: pd.DataFrame
    notes: tuple[str, ...]
    plans: cp_plans.Plans | None


def prepare(inp: BuildInput) -> Conferences | None:
    """None without local/cp_conferences.csv (compute says so)."""
    cp = inp.data.local.get("cp_conferences")
    if cp is None:
        return None
    found: list[str] = []
    conf = _assessed(cp, found)
    plans = inp.data.local.get("cp_plans")
    return Conferences(conf, tuple(found), None if plans is None else cp_plans.prepared(plans))


def compute(inp: SectionInput) -> SectionResult:
    cp = inp.data.local.get("cp_conferences")
    if cp is None:
        return SectionResult(
            notes=[
                N_(
                    "The data folder has no {file}, so child protection conferences are not shown.",
                    file=FILE,
                )
            ]
        )
    prepared = inp.given(Conferences)
    conf = prepared.conf
    period = inp.period
    notes: list[str] = list(prepared.notes)
    held = conf.loc[within(conf["DATE"], period)]
    if held.empty:
        notes.append(
            N_(
                "{file} has no conference dated in {year}, so child protection conferences "
                "are not shown for that year.",
                file=FILE,
                year=period.label,
            )
        )
        return SectionResult(notes=notes)
    terms = nation_terms(inp.config.council.nation)
    status, status_short = terms["cp_status"], terms["cp_status_short"]
    anchor = ANCHORS[inp.config.rules.icpc_timeliness_from]
    short = ANCHOR_SHORT[inp.config.rules.icpc_timeliness_from]
    icpc = held.loc[held["TYPE"] == "ICPC"]
    rcpc = held.loc[held["TYPE"] == "RCPC"]
    threshold = inp.config.publishing.suppression_threshold
    _not_assessable_notes(icpc, rcpc, short, notes, threshold)
    assessable = held.loc[held["ASSESSABLE"]]
    per_child = assessable.groupby(CHILD_KEY)["ON_TIME"].all()
    plans = _plans_at(conf, pd.Timestamp(period.end), notes, threshold)
    breakdown, left = _by_category(plans, status, status_short)
    figures: list[Figure] = [
        ICPC_HELD.count(len(icpc)),
        ICPC_ON_TIME.percent(
            int(icpc["ON_TIME"].sum()),
            int(icpc["ASSESSABLE"].sum()),
            short=short,
            anchor=anchor,
            per_child=PER_CHILD,
        ),
        RCPC_HELD.count(len(rcpc)),
        RCPC_ON_TIME.percent(int(rcpc["ON_TIME"].sum()), int(rcpc["ASSESSABLE"].sum())),
        CHILDREN_ON_TIME.percent(int(per_child.sum()), len(per_child)),
        PLANS_AT_PERIOD_END.count(len(plans), status=status),
    ]
    charts = _charts(status, status_short)
    figures += cp_plans.attendance(held, notes, threshold, period.label)
    breakdowns, ties = [breakdown], [Tie.same(PLANS_AT_PERIOD_END.id, cell_ref(breakdown, TOTAL))]
    if prepared.plans is None:
        notes.append(
            N_(
                "The data folder has no {file}, so how long plans lasted and repeat plans are "
                "not shown.",
                file=cp_plans.PLANS,
            )
        )
    else:
        more, tables, plan_ties, plan_charts = cp_plans.plan_figures(
            prepared.plans, period, status, notes
        )
        figures += more
        breakdowns += tables
        ties += plan_ties
        charts += plan_charts
    return SectionResult(
        figures=figures,
        breakdowns=breakdowns,
        charts=charts,
        notes=notes,
        headline=ids(HEADLINE),
        excluded=left,
        ties=ties,
    )


def _by_category(
    plans: pd.DataFrame, status: str, status_short: str
) -> tuple[Breakdown, list[Excluded]]:
    """The children with a plan at 31 March by category; an unknown CATEGORY code is in
    error and left out of the table (a blank one is "not recorded")."""
    bad_category = in_error(plans, "CATEGORY")
    left = left_out("cp.plans_by_category", "CATEGORY", "children", plans.loc[bad_category])
    by_category = (
        plans.loc[~bad_category, "CATEGORY"].map(CATEGORIES).fillna(NOT_RECORDED).value_counts()
    )
    categories = list(CATEGORIES.values())
    if by_category.get(NOT_RECORDED, 0):
        categories.append(NOT_RECORDED)
    table = Breakdown(
        id="cp.plans_by_category",
        label=N_("Children {status} at 31 March by category", status=status_short),
        definition=N_(
            "Children {status} at 31 March by the category of abuse or neglect recorded at "
            "their latest conference (Multiple: more than one category).",
            status=status,
        ),
        method=f"CATEGORY (N, P, E, S, M) of the latest conference in {FILE}.",
        category_label=N_("Category of abuse"),
        categories=categories,
        series={N_("Children"): [int(by_category.get(c, 0)) for c in categories]},
        unit="children",
    )
    return table, left


def _charts(status: str, status_short: str) -> list[ChartSpec]:
    return [
        ChartSpec(
            "cp-timeliness-trend",
            N_("Child protection conferences on time, by year (%)"),
            "trend",
            figures=(ICPC_ON_TIME.id, RCPC_ON_TIME.id, CHILDREN_ON_TIME.id),
            y_label=N_("Per cent"),
        ),
        ChartSpec(
            "cp-plans-trend",
            N_("Children {status} at 31 March, by year", status=status),
            "trend",
            figures=(PLANS_AT_PERIOD_END.id,),
            y_label=N_("Children"),
        ),
        ChartSpec(
            "cp-plans-category",
            N_("Children {status} at 31 March by category", status=status_short),
            "hbar",
            source="cp.plans_by_category",
            y_label=N_("Children"),
        ),
    ]


def _assessed(cp: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Every conference with its due date, whether it can be assessed and whether on time.

    ICPC: due 15 working days after ANCHOR_DATE. RCPC: due 3 months after the child's previous
    conference when that was the ICPC, else 6 months after it. Each ICPC starts a new chain,
    so the previous conference of an RCPC is always in its own chain; the first conference of
    a child in the data that is an RCPC has no known previous one and cannot be assessed.
    """
    key = CHILD_KEY
    dupes = cp.duplicated([key, "TYPE", "DATE"], keep="last")
    if dupes.any():
        notes.append(
            N_(
                "{count} row(s) of {file} repeat a conference already given (same child, type "
                "and date); the last row is used.",
                count=int(dupes.sum()),
                file=FILE,
            )
        )
    conf = cp.loc[~dupes].sort_values([key, "DATE", "TYPE"], kind="stable")
    conf = conf.reset_index(drop=True)
    is_icpc = conf["TYPE"] == "ICPC"
    by_child = conf.groupby(key, sort=False)
    prev_date = by_child["DATE"].shift()
    prev_type = by_child["TYPE"].shift()
    icpc_due = add_working_days(conf["ANCHOR_DATE"], ICPC_WORKING_DAYS)
    first_due = add_months(prev_date, FIRST_REVIEW_MONTHS)
    later_due = add_months(prev_date, LATER_REVIEW_MONTHS)
    rcpc_due = first_due.where(prev_type == "ICPC", later_due)
    conf["DUE"] = icpc_due.where(is_icpc, rcpc_due)
    anchor_after = is_icpc & (conf["ANCHOR_DATE"] > conf["DATE"])
    conf["ANCHOR_AFTER"] = anchor_after.fillna(False).astype(bool)
    conf["ASSESSABLE"] = (conf["DUE"].notna() & ~conf["ANCHOR_AFTER"]).astype(bool)
    conf["ON_TIME"] = (conf["ASSESSABLE"] & (conf["DATE"] <= conf["DUE"])).astype(bool)
    conf["NEXT_DUE"] = add_months(conf["DATE"], FIRST_REVIEW_MONTHS).where(
        is_icpc, add_months(conf["DATE"], LATER_REVIEW_MONTHS)
    )
    return conf


def _not_assessable_notes(
    icpc: pd.DataFrame, rcpc: pd.DataFrame, anchor: str, notes: list[str], threshold: int
) -> None:
    no_anchor = int(icpc["ANCHOR_DATE"].isna().sum())
    after = int(icpc["ANCHOR_AFTER"].sum())
    if no_anchor:
        notes.append(
            N_(
                "{count} initial conference(s) held in the year have no ANCHOR_DATE (the "
                "{anchor}) and cannot be assessed for timeliness.",
                count=how_many(no_anchor, threshold),
                anchor=anchor,
            )
        )
    if after:
        notes.append(
            N_(
                "{count} initial conference(s) held in the year have an ANCHOR_DATE after the "
                "conference date and cannot be assessed for timeliness: check them.",
                count=how_many(after, threshold),
            )
        )
    early = int((~rcpc["ASSESSABLE"]).sum())
    if early:
        notes.append(
            N_(
                "{count} review conference(s) held in the year are the child's first "
                "conference in {file} (the earlier one is before the data begin) and cannot "
                "be assessed for timeliness.",
                count=how_many(early, threshold),
                file=FILE,
            )
        )


def _plans_at(
    conf: pd.DataFrame, day: pd.Timestamp, notes: list[str], threshold: int
) -> pd.DataFrame:
    """Children whose latest conference on or before `day` had PLAN = Y, one row each."""
    latest = conf.loc[conf["DATE"] <= day].groupby(CHILD_KEY, sort=False).tail(1)
    unknown = int(latest["PLAN"].isna().sum())
    if unknown:
        notes.append(
            N_(
                "{count} child(ren)'s latest conference by 31 March has no PLAN (Y or N) "
                "recorded; they are not counted as subject to a plan.",
                count=how_many(unknown, threshold),
            )
        )
    plans = latest.loc[latest["PLAN"].fillna(False).astype(bool)]
    stale = int((plans["NEXT_DUE"] < day).sum())
    if stale:
        notes.append(
            N_(
                "{count} child(ren) counted as subject to a plan at 31 March had no "
                "conference by the date their next review conference was due. Their plan "
                "may have ended without a conference (for example they moved away or "
                "turned 18), or their review conference is overdue: check the extract.",
                count=how_many(stale, threshold),
            )
        )
    return plans
