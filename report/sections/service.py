"""The IRO service: IROs and FTE in post, caseloads per FTE, continuity of IRO (DOMAIN 7, 11).

Local extracts: local/iro_staff.csv (IRO_ID, FTE, START, END, AGENCY) and
local/iro_allocations.csv (CHILD, IRO_ID, START, END). END dates are the last day covered
(inclusive); a blank END means still in post or still allocated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from report.dates import Period, add_working_days
from report.declare import FigureDef
from report.i18n import N_
from report.load.cells import in_error
from report.load.keys import CHILD_KEY
from report.model import ChartSpec, Figure, SectionResult, Tie, num
from report.rules.cohorts import looked_after_on, open_on, overlapping, within
from report.sections import BuildInput, SectionInput, service_team
from report.sections.common import left_out
from report.sections.service_team import (
    agency_share,
    caseloads_by_iro,
    range_figures,
    vacancy_figures,
)
from report.terms import nation_terms

MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
ALLOCATION_WORKING_DAYS = 5
STAFF = "local/iro_staff.csv"
ALLOCATIONS = "local/iro_allocations.csv"

# Definitions are for the reader (plain words); METHOD_* keep the files and columns behind
# them, published in figures.json and the README.
IN_POST = N_("Agency IROs are included.")
METHOD_IN_POST = (
    "An IRO is in post on a date when a row of local/iro_staff.csv covers it (START on "
    "or before the date; END on or after it, or blank). Agency IROs are included."
)
METHOD_ALLOCATED = (
    "A child is allocated to an IRO on a date when a row of local/iro_allocations.csv "
    "covers it (START on or before the date; END on or after it, or blank)."
)
CLA = N_("children looked after (not counting children who only have short breaks)")
METHOD_CLA = "Children looked after exclude short-break episodes (legal status V3/V4)."

# the figures
HEADCOUNT = FigureDef(
    "iro.headcount_at_period_end",
    N_("IROs in post at 31 March"),
    "people",
    N_(
        "Independent Reviewing Officers (IROs) working for the council on 31 March, "
        "each counted once whatever their hours. {in_post}",
        in_post=IN_POST,
    ),
    METHOD_IN_POST,
)
AGENCY = FigureDef(
    "iro.agency_at_period_end",
    N_("Agency IROs in post at 31 March"),
    "people",
    N_(
        "IROs working for the council on 31 March through an agency, rather than "
        "employed by the council."
    ),
    "AGENCY = Y in local/iro_staff.csv, in post on 31 March. " + METHOD_IN_POST,
)
FTE = FigureDef(
    "iro.fte_at_period_end",
    N_("IRO full-time equivalent (FTE) in post at 31 March"),
    "fte",
    N_(
        "The IROs working on 31 March counted in full-time posts: a full-time IRO "
        "counts as 1, one working three days a week as 0.6. {in_post}",
        in_post=IN_POST,
    ),
    "Sum of FTE in local/iro_staff.csv over the IROs in post on 31 March. " + METHOD_IN_POST,
)
CASELOAD = FigureDef(
    "iro.caseload_per_fte",
    N_("Children per full-time IRO at 31 March"),
    "caseload",
    N_(
        "The number of {cla} on 31 March who had an IRO that day, divided by the "
        "number of full-time IRO posts filled that day (part-time IROs counted as "
        "part of a post). {guidance}"
    ),
    f"Children allocated on 31 March / FTE in post on 31 March. {METHOD_CLA} "
    f"{METHOD_ALLOCATED} {METHOD_IN_POST}",
)
CASELOAD_MONTHLY_MEAN = FigureDef(
    "iro.caseload_per_fte_monthly_mean",
    N_("Children per full-time IRO, average of the 12 month ends"),
    "caseload",
    N_(
        "The average of the number of children per full-time IRO on the last day of "
        "each month of the year (30 April to 31 March): at each month end, the {cla} "
        "who had an IRO, divided by the number of full-time IRO posts filled. "
        "{guidance}"
    ),
    "Mean over the 12 month ends of (children allocated / FTE in post); a "
    f"month end with no FTE in post is left out. {METHOD_CLA} {METHOD_ALLOCATED}",
)
UNALLOCATED = FigureDef(
    "iro.children_unallocated_at_period_end",
    N_("Children looked after at 31 March without an IRO"),
    "children",
    N_("The number of {cla} on 31 March who had no IRO that day.", cla=CLA),
    f"{METHOD_CLA} {METHOD_ALLOCATED} An allocation to an IRO_ID not in "
    "local/iro_staff.csv counts as no IRO.",
)
CONTINUITY = FigureDef(
    "iro.continuity_same_iro",
    N_("Children looked after all year who kept one IRO"),
    "percent",
    N_(
        "Of the {cla} on every day of the year (1 April to 31 March; a child who "
        "became looked after on 1 April counts), the percentage who had exactly one "
        "IRO allocated during the year. A child with no IRO allocated in the year did "
        "not keep one IRO.",
        cla=CLA,
    ),
    f"Distinct IRO_ID in local/iro_allocations.csv over the year = 1. {METHOD_CLA}",
    base_unit="children",
)
ALLOCATED_ON_TIME = FigureDef(
    "iro.allocated_within_5wd",
    N_("Children new to care with an IRO allocated within 5 working days"),
    "percent",
    N_(
        "Of the children who started to be looked after in the year (counted once, on "
        "their first period of care starting in the year), the percentage who had an IRO "
        "allocated by the 5th working day after they became looked after. The day they "
        "became looked after is day 0; working days exclude weekends and bank holidays. "
        "An allocation that ended before they became looked after (from an earlier time "
        "in care) does not count."
    ),
    "Allocation START (local/iro_allocations.csv) no later than 5 working days after "
    "the period of care started, and END blank or not before that start. " + METHOD_CLA,
    base_unit="children",
)
# the headline cards, in order: those the year has
HEADLINE = (
    HEADCOUNT,
    AGENCY,
    FTE,
    CASELOAD,
    CASELOAD_MONTHLY_MEAN,
    UNALLOCATED,
    CONTINUITY,
    ALLOCATED_ON_TIME,
)
FIGURES = (*HEADLINE, *service_team.FIGURES)


@dataclass(frozen=True)
class MonthEnd:
    """One month-end snapshot: children looked after with an IRO, without one, FTE in post."""

    day: date
    children: int
    unallocated: int
    fte: float

    @property
    def short(self) -> str:
        return MONTHS[self.day.month - 1]

    @property
    def month(self) -> str:
        return f"{self.short} {self.day.year}"

    @property
    def caseload(self) -> float | None:
        return self.children / self.fte if self.fte > 0 else None

    def as_row(self) -> dict[str, object]:
        return {
            "month": self.month,
            "date": self.day.isoformat(),
            "children": self.children,
            "unallocated": self.unallocated,
            "fte": self.fte,
            "caseload": self.caseload,
        }


@dataclass(frozen=True)
class Extracts:
    """What does not depend on the year in the IRO extracts, worked out once per build.
    Read only: the years share it."""

    known: pd.DataFrame  # allocations whose IRO_ID is not in error
    wrong_iro: pd.Series  # per allocation row: its IRO_ID is in error
    notes: tuple[str, ...]  # what the reader should know about the extracts


def prepare(inp: BuildInput) -> Extracts | None:
    """None without both extracts (compute says so)."""
    staff = inp.data.local.get("iro_staff")
    alloc = inp.data.local.get("iro_allocations")
    if staff is None or alloc is None:
        return None
    wrong = in_error(alloc, "IRO_ID")
    return Extracts(alloc.loc[~wrong], wrong, tuple(_data_notes(staff, alloc)))


def compute(inp: SectionInput) -> SectionResult:
    staff = inp.data.local.get("iro_staff")
    alloc = inp.data.local.get("iro_allocations")
    if staff is None or alloc is None:
        missing = [name for name, frame in ((STAFF, staff), (ALLOCATIONS, alloc)) if frame is None]
        return SectionResult(
            notes=[
                N_(
                    "The IRO service figures need {files}, which the data folder does not have.",
                    files=" and ".join(missing),
                )
            ]
        )
    prepared = inp.given(Extracts)
    period = inp.period
    low, high = inp.config.rules.caseload_guidance_low, inp.config.rules.caseload_guidance_high
    notes = list(prepared.notes)
    has_staff = bool(overlapping(staff, period, "START", "END").any())
    has_alloc = bool(overlapping(alloc, period, "START", "END").any())
    if not has_staff:
        notes.append(
            N_(
                "{file} has no IRO in post at any time in {year}, so the figures on IROs "
                "in post and caseloads are not shown for that year.",
                file=STAFF,
                year=period.label,
            )
        )
    if not has_alloc:
        notes.append(
            N_(
                "{file} has no allocation covering any day of {year}, so the figures on "
                "caseloads, allocation and continuity are not shown for that year.",
                file=ALLOCATIONS,
                year=period.label,
            )
        )

    figures: list[Figure] = []
    charts: list[ChartSpec] = []
    context: dict[str, object] = {}
    if has_staff:
        figures += _staff_figures(staff, period.end)
        figures += _team_figures(inp, staff, notes)
    known, wrong_iro = prepared.known, prepared.wrong_iro
    if has_staff and has_alloc:
        at_end = looked_after_on(inp.history.care, period.end)
        figures += range_figures(caseloads_by_iro(staff, known, at_end, period.end))
        months = _month_ends(inp, staff, known)
        context["caseload_by_month"] = [m.as_row() for m in months]
        figures += _caseload_figures(months, low, high, notes, inp.config.council.nation)
        charts.append(
            ChartSpec(
                "iro-caseload-months",
                N_("Children per full-time IRO at each month end, {year}", year=period.label),
                "line",
                y_label=N_("Children per full-time IRO"),
                band=(low, high),
                band_label=nation_terms(inp.config.council.nation)["caseload_band"],
                categories=tuple(m.short for m in months),  # the title gives the year
                series=((N_("Children per full-time IRO"), tuple(m.caseload for m in months)),),
                unit="caseload",
                same_as=((months[-1].short, CASELOAD.id),),
            )
        )
    if has_alloc:
        figures += _allocation_figures(inp, alloc)
    charts += [
        ChartSpec(
            "iro-caseload-trend",
            N_("Children per full-time IRO, by year"),
            "trend",
            figures=(CASELOAD.id, CASELOAD_MONTHLY_MEAN.id),
            y_label=N_("Children per full-time IRO"),
            band=(low, high),
            band_label=nation_terms(inp.config.council.nation)["caseload_band"],
        ),
        ChartSpec(
            "iro-continuity-trend",
            N_("Continuity of IRO, by year (%)"),
            "trend",
            figures=(CONTINUITY.id, ALLOCATED_ON_TIME.id),
            y_label=N_("Per cent"),
        ),
    ]
    present = {f.id for f in figures}
    end_alloc = alloc.loc[wrong_iro & _covers(alloc, period.end)]
    return SectionResult(
        figures=figures,
        charts=charts,
        notes=notes,
        context=context,
        excluded=left_out(CASELOAD.id, "IRO_ID", "children", end_alloc),
        ties=[
            Tie.sum(
                "cla.at_period_end",
                num(CASELOAD.id),
                UNALLOCATED.id,
            )
        ],
        headline=[d.id for d in HEADLINE if d.id in present],
    )


def _covers(frame: pd.DataFrame, day: date) -> pd.Series:
    """Rows of a local extract covering `day` (END inclusive; blank END = still open)."""
    ts = pd.Timestamp(day)
    return (frame["START"] <= ts) & (frame["END"].isna() | (frame["END"] >= ts))


def _in_post(staff: pd.DataFrame, day: date) -> tuple[int, int, float]:
    """(IROs in post, agency IROs in post, FTE in post) on `day`."""
    rows = staff.loc[_covers(staff, day)]
    agency = rows.loc[rows["AGENCY"].fillna(False).astype(bool), "IRO_ID"]
    return int(rows["IRO_ID"].nunique()), int(agency.nunique()), float(rows["FTE"].sum())


def _allocated_cla(care: pd.DataFrame, alloc: pd.DataFrame, day: date) -> tuple[int, int]:
    """(children looked after on `day` with an IRO allocated that day, those without), from
    the care episodes `care` (all of them, or at least every one open on `day`)."""
    key = CHILD_KEY
    cla = pd.Series(care.loc[open_on(care, day), key].unique())  # each child once
    allocated = cla.isin(alloc.loc[_covers(alloc, day), key].unique())
    return int(allocated.sum()), int((~allocated).sum())


def _month_ends(inp: SectionInput, staff: pd.DataFrame, known: pd.DataFrame) -> list[MonthEnd]:
    """One snapshot per month end of the year (twelve vectorised passes, not per child).

    `known` holds the allocations whose IRO_ID is not in error: an allocation to an IRO who
    is not in iro_staff (iro-not-in-staff) has no FTE to divide by, so it is left out of the
    caseloads (the child counts as not allocated)."""
    care = inp.history.care
    care = care.loc[overlapping(care, inp.period)]  # each month end searches only the year's
    months = []
    for day in inp.period.month_ends():
        children, unallocated = _allocated_cla(care, known, day)
        months.append(MonthEnd(day, children, unallocated, _in_post(staff, day)[2]))
    return months


def _team_figures(inp: SectionInput, staff: pd.DataFrame, notes: list[str]) -> list[Figure]:
    """Agency share of FTE, and vacancies when config.yaml gives the establishment."""
    period = inp.period
    figures = [f for f in (agency_share(staff, period.end),) if f is not None]
    establishment = inp.config.council.iro_establishment_fte.get(period.label)
    if establishment is None:
        notes.append(
            N_(
                "Vacancies are not shown for {year}: config.yaml gives no IRO establishment "
                "for that year (council.iro_establishment_fte).",
                year=period.label,
            )
        )
        return figures
    fte = float(staff.loc[_covers(staff, period.end), "FTE"].sum())
    return figures + vacancy_figures(establishment, fte)


def _staff_figures(staff: pd.DataFrame, end: date) -> list[Figure]:
    headcount, agency, fte = _in_post(staff, end)
    return [HEADCOUNT.count(headcount), AGENCY.count(agency), FTE.value(fte)]


def _caseload_figures(
    months: list[MonthEnd], low: int, high: int, notes: list[str], nation: str
) -> list[Figure]:
    end = months[-1]
    values = [m.caseload for m in months if m.caseload is not None]
    without = [m.month for m in months if m.caseload is None]
    if without:
        notes.append(
            N_(
                "No IRO was in post at the month end(s) {months}; the average caseload is "
                "over the other month ends.",
                months=", ".join(without),
            )
        )
    source = nation_terms(nation)["caseload_source"]
    guidance = N_(
        "{source} {low} to {high} children per full-time IRO.", source=source, low=low, high=high
    )
    return [
        CASELOAD.value(end.caseload, float(end.children), end.fte, cla=CLA, guidance=guidance),
        CASELOAD_MONTHLY_MEAN.value(
            sum(values) / len(values) if values else None, cla=CLA, guidance=guidance
        ),
    ]


def _allocation_figures(inp: SectionInput, alloc: pd.DataFrame) -> list[Figure]:
    h, period = inp.history, inp.period
    _, unallocated = _allocated_cla(inp.history.care, alloc, period.end)
    # Looked after on every day of the year: looked after on 31 March in a period of care that
    # started on or before 1 April (a period has no gaps, so it covers every day between).
    at_end = looked_after_on(h.care, period.end)
    period_start = at_end["PERIOD_ID"].map(h.periods.set_index("PERIOD_ID")["START"])
    key = CHILD_KEY
    whole_year = at_end.loc[period_start <= pd.Timestamp(period.start), key]
    in_year = alloc.loc[
        overlapping(alloc, period, "START", "END") & alloc[key].isin(whole_year), [key, "IRO_ID"]
    ]
    distinct = in_year.groupby(key)["IRO_ID"].nunique()
    kept = int((distinct == 1).sum())
    on_time, starters = _allocated_on_time(h.periods, alloc, period)
    return [
        UNALLOCATED.count(unallocated),
        CONTINUITY.percent(kept, len(whole_year)),
        ALLOCATED_ON_TIME.percent(on_time, starters),
    ]


def _allocated_on_time(
    periods: pd.DataFrame, alloc: pd.DataFrame, period: Period
) -> tuple[int, int]:
    """(starters allocated an IRO within 5 working days, starters)."""
    key = CHILD_KEY
    started = periods.loc[within(periods["START"], period), [key, "START"]]
    started = started.sort_values([key, "START"]).drop_duplicates(key)
    started["DUE"] = add_working_days(started["START"], ALLOCATION_WORKING_DAYS)
    pairs = started.merge(
        alloc[[key, "START", "END"]].rename(columns={"START": "A_START", "END": "A_END"}),
        on=key,
        how="inner",
    )
    ok = (pairs["A_START"] <= pairs["DUE"]) & (
        pairs["A_END"].isna() | (pairs["A_END"] >= pairs["START"])
    )
    return int(pairs.loc[ok, key].nunique()), len(started)


def _data_notes(staff: pd.DataFrame, alloc: pd.DataFrame) -> list[str]:
    """What the reader should know about the extracts (the loader lists the rows)."""
    notes: list[str] = []
    unknown = ~alloc["IRO_ID"].isin(staff["IRO_ID"].unique())
    if unknown.any():
        notes.append(
            N_(
                "{count} row(s) of {file} name an IRO_ID that is not in {staff}; those "
                "children count as allocated, but the IRO adds no FTE.",
                count=int(unknown.sum()),
                file=ALLOCATIONS,
                staff=STAFF,
            )
        )
    return notes
