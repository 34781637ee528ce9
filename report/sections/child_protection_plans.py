"""Child protection plans (DfE Children in Need census definitions) from the optional
local/cp_plans.csv, and attendance at conferences from cp_conferences.csv's optional columns."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from report.dates import Period, add_months
from report.declare import FigureDef
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import TOTAL, Breakdown, ChartSpec, Figure, Tie, cell_ref, den, num
from report.rules.cohorts import within
from report.sections.common import how_many

PLANS = "local/cp_plans.csv"
CONFERENCES = "local/cp_conferences.csv"
CENSUS = "the Department for Education's Children in Need census definition"
# (label, months the plan lasted at least): how long plans that ended had lasted (DfE bands).
DURATIONS: tuple[tuple[str, int], ...] = (
    (N_("Under 3 months"), 0),
    (N_("3 months to under 6 months"), 3),
    (N_("6 months to under 1 year"), 6),
    (N_("1 year to under 2 years"), 12),
    (N_("2 years or more"), 24),
)
LONG = "cp.plans_ceased_2_years_plus"
REPEAT = "cp.second_or_subsequent_plan"
BY_DURATION = "cp.plans_ceased_by_duration"
PLANS_LONG = FigureDef(
    LONG,
    N_("Plans ending in the year that had lasted 2 years or more"),
    "percent",
    N_(
        "Of the plans for children {status} that ended during the year, the percentage "
        "that had lasted 2 years or more: the Department for Education's measure. A "
        "plan that lasts that long can mean help is not making enough difference."
    ),
    f"END in the year in {PLANS}; END on or after START + 24 calendar months; "
    f"{CENSUS} (DOMAIN.md is silent).",
    base_unit="children",
    conditional=f"only with {PLANS}",
)
PLANS_REPEAT = FigureDef(
    REPEAT,
    N_("Children who became subject to a plan for a second or later time"),
    "percent",
    N_(
        "Of the children who became {status} during the year, the percentage for whom "
        "it was the second or a later time, however long ago the earlier plan was: the "
        "Department for Education's measure. A child who started two plans in the year "
        "counts twice, the second time as a repeat."
    ),
    f"START in the year in {PLANS}; a repeat when the same CHILD has a plan with an "
    f"earlier START anywhere in the extract; {CENSUS} (DOMAIN.md is silent).",
    base_unit="children",
    conditional=f"only with {PLANS}",
)


def _attended(fid: str, column: str, label: str, who: str, why: str) -> FigureDef:
    return FigureDef(
        fid,
        label,
        "percent",
        N_(
            "Of the child protection conferences (initial and review) held in the year, "
            "the percentage where {who}. Conferences where it did not apply ({why}) or "
            "was not recorded are left out. Each child discussed counts once.",
            who=who,
            why=why,
        ),
        f"{column} Y / (Y or N) in {CONFERENCES}, DATE in the year; NA and blank left "
        "out. Neither DOMAIN.md nor the DfE defines it: the council's own recording.",
        base_unit="conferences",
        conditional=f"only when {CONFERENCES} records {column}",
    )


# attendance at conferences, by the column of the extract that records it
ATTENDED = {
    "CHILD_ATTENDED": _attended(
        "cp.child_attended",
        "CHILD_ATTENDED",
        N_("Conferences the child attended"),
        N_("the child or young person attended (in person or for part of it)"),
        N_("for example an unborn or very young child"),
    ),
    "PARENT_ATTENDED": _attended(
        "cp.parent_attended",
        "PARENT_ATTENDED",
        N_("Conferences a parent attended"),
        N_("at least one parent or carer with parental responsibility attended"),
        N_("for example where no parent could be invited"),
    ),
}
FIGURES = (*ATTENDED.values(), PLANS_LONG, PLANS_REPEAT)


@dataclass(frozen=True)
class Plans:
    """local/cp_plans.csv with what does not depend on the year, worked out once per build:
    how long each plan lasted (its DURATIONS band), each child's first plan start and the
    earliest start the extract gives."""

    frame: pd.DataFrame
    band: pd.Series  # index in DURATIONS, per row of frame
    first_start: pd.Series  # the earliest START of each child's plans, by CHILD
    first_known: pd.Timestamp | None  # the earliest START of any plan (None when none has one)


def prepared(plans: pd.DataFrame) -> Plans:
    first = plans["START"].min()
    return Plans(
        frame=plans,
        band=_band(plans),
        first_start=plans.groupby(CHILD_KEY)["START"].min(),
        first_known=None if pd.isna(first) else pd.Timestamp(first),
    )


def plan_figures(
    prepared_plans: Plans, period: Period, status: str, notes: list[str]
) -> tuple[list[Figure], list[Breakdown], list[Tie], list[ChartSpec]]:
    """Plans that ended in the year by how long they lasted (and the share lasting 2 years or
    more), and the share of plans started in the year that were a child's second or later."""
    plans = prepared_plans.frame
    ended_in_year = within(plans["END"], period)
    ended = plans.loc[ended_in_year]
    band = prepared_plans.band.loc[ended_in_year]
    counts = {label: int((band == i).sum()) for i, (label, _) in enumerate(DURATIONS)}
    long_label = DURATIONS[-1][0]
    table = Breakdown(
        id=BY_DURATION,
        label=N_("Plans that ended in the year by how long they had lasted"),
        definition=N_(
            "Plans for children {status} that ended during the year, by how long each had "
            "lasted from the day it began to the day it ended, in calendar months (2 years or "
            "more means it ended on or after the second anniversary of its start). A child "
            "whose plan ended twice in the year counts twice.",
            status=status,
        ),
        method=f"END in the year in {PLANS}; whole calendar months from START to END; "
        f"{CENSUS} (DOMAIN.md is silent).",
        category_label=N_("Length of the plan"),
        categories=[label for label, _ in DURATIONS],
        series={N_("Plans"): [counts[label] for label, _ in DURATIONS]},
        unit="children",
        show_pct=False,
    )
    started = plans.loc[within(plans["START"], period)]
    repeat = _earlier_plan(prepared_plans.first_start, started)
    first_known = prepared_plans.first_known
    if len(started) and first_known is not None:
        notes.append(
            N_(
                "{file} gives plans that began from {first} on: a child's plan before then "
                "is not known, so the percentage of second or later plans may be too low.",
                file=PLANS,
                first=str(first_known.year),  # the year only: no child's date
            )
        )
    figures = [
        PLANS_LONG.percent(counts[long_label], len(ended), status=status),
        PLANS_REPEAT.percent(int(repeat.sum()), len(started), status=status),
    ]
    ties = [
        Tie.same(num(LONG), cell_ref(table, long_label)),
        Tie.same(den(LONG), cell_ref(table, TOTAL)),
    ]
    chart = ChartSpec(
        "cp-plans-length-trend",
        N_("Long and repeat plans, by year (%)"),
        "trend",
        figures=(LONG, REPEAT),
        y_label="Per cent",
    )
    return figures, [table], ties, [chart]


def _band(plans: pd.DataFrame) -> pd.Series:
    """The index in DURATIONS of how long each plan lasted: how many of the thresholds (3, 6,
    12, 24 calendar months after START, clamped to month end) END reached."""
    band = pd.Series(0, index=plans.index, dtype="int64")
    for _label, months in DURATIONS[1:]:
        band += (plans["END"] >= add_months(plans["START"], months)).astype("int64")
    return band


def _earlier_plan(first: pd.Series, started: pd.DataFrame) -> pd.Series:
    """For each plan started, whether its child has a plan that began before it (`first`:
    each child's earliest plan START)."""
    return started[CHILD_KEY].map(first).lt(started["START"]).fillna(False).astype(bool)


def attendance(held: pd.DataFrame, notes: list[str], threshold: int, year: str) -> list[Figure]:
    """The share of conferences held in the year that the child attended, and that a parent
    attended, of those where it was recorded and applied (NA: not applicable)."""
    figures: list[Figure] = []
    for column, declared in ATTENDED.items():
        values = held[column] if column in held else pd.Series(None, index=held.index)
        recorded = values.isin(["Y", "N"])
        if not recorded.any():
            notes.append(
                N_(
                    "{file} records no {column} for the conferences held in {year}, so "
                    "that attendance is not shown.",
                    file=CONFERENCES,
                    column=column,
                    year=year,
                )
            )
            continue
        blank = int(values.isna().sum())
        if blank:
            notes.append(
                N_(
                    "{count} conferences held in the year have no {column} recorded and are "
                    "left out of that percentage.",
                    count=how_many(blank, threshold),
                    column=column,
                )
            )
        figures.append(declared.percent(int((values == "Y").sum()), int(recorded.sum())))
    return figures
