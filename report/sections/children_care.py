"""Children's care so far: time in the current period of care, legal status on entry and
placement stability (DfE stability measures), from the 903 episodes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from report.dates import Period, add_months_to, ages_on
from report.declare import FigureDef
from report.i18n import N_
from report.load import codes
from report.load.cells import in_error, map_distinct
from report.load.keys import CHILD_KEY
from report.model import Breakdown, Figure
from report.rules.cohorts import overlapping, started_in

NOT_KNOWN_START = N_("Not known (care began before the data)")
# (label, months of care at least): the bands of time in the current period of care.
CARE_BANDS: tuple[tuple[str, int], ...] = (
    (N_("5 years or more"), 60),
    (N_("2 years to under 5 years"), 24),
    (N_("1 year to under 2 years"), 12),
    (N_("6 months to under 1 year"), 6),
    (N_("Under 6 months"), 0),
)
STABILITY_MONTHS, STABILITY_PLACEMENT_MONTHS = 30, 24
# A new episode whose reason (RNE) is L changes the legal status only: the placement goes on.
SAME_PLACEMENT = "L"


def since(day: date, months: int) -> pd.Timestamp:
    """`months` calendar months before `day` (clamped to month end), to compare with dates."""
    return pd.Timestamp(add_months_to(day, -months))


@dataclass(frozen=True)
class Chains:
    """The care episodes chained once per build (they do not depend on the year): the first
    episode of each period of care, the episodes with their placement, when each placement
    began and the period it belongs to, and each child's date of birth. Read only."""

    first_episodes: pd.DataFrame  # indexed by PERIOD_ID
    placements: pd.DataFrame  # care episodes with PLACEMENT_ID
    placement_start: pd.Series  # by PLACEMENT_ID
    period_of: pd.Series  # the PERIOD_ID of each PLACEMENT_ID
    dob: pd.Series  # DOB by CHILD (the header's first row of each child)


def chains(care: pd.DataFrame, header: pd.DataFrame) -> Chains:
    eps = _placements(care)
    return Chains(
        first_episodes=_first_episodes(care),
        placements=eps,
        placement_start=eps.groupby("PLACEMENT_ID")["DECOM"].min(),
        period_of=eps.drop_duplicates("PLACEMENT_ID").set_index("PLACEMENT_ID")["PERIOD_ID"],
        dob=header.drop_duplicates(CHILD_KEY).set_index(CHILD_KEY)["DOB"],
    )


def _first_episodes(care: pd.DataFrame) -> pd.DataFrame:
    """The first episode of each period of care, indexed by PERIOD_ID."""
    ordered = care.sort_values(["PERIOD_ID", "DECOM"], kind="stable")
    return ordered.drop_duplicates("PERIOD_ID").set_index("PERIOD_ID")


def time_in_care(at_end: pd.DataFrame, chained: Chains, day: date) -> Breakdown:
    """Children looked after on `day` by how long their current period of care has lasted.

    A period whose first episode in the data is not a start (RNE S) began before the data:
    it is at least as long as it looks, so it is placed only in the open top band when it
    already reaches it, and is otherwise "not known"."""
    band = pd.Series(None, index=at_end.index, dtype=object)
    top, top_months = CARE_BANDS[0]
    if len(at_end):
        first = chained.first_episodes
        start = at_end["PERIOD_ID"].map(first["DECOM"])
        known = at_end["PERIOD_ID"].map(first["RNE"]).eq("S")
        for label, months in reversed(CARE_BANDS):  # shortest first; longer bands overwrite
            band[start <= since(day, months)] = label
        band[~known & (start > since(day, top_months))] = NOT_KNOWN_START
    categories = [label for label, _ in CARE_BANDS]
    if band.eq(NOT_KNOWN_START).any():
        categories.append(NOT_KNOWN_START)
    counts = band.value_counts()
    return Breakdown(
        id="cla.by_time_in_care",
        label=N_("Children looked after at 31 March by time in their current period of care"),
        definition=N_(
            "Children looked after at 31 March (excluding short breaks) by how long they had "
            "been looked after without a break: from the start of their current period of care "
            "to 31 March, in calendar months (6 months or more means since 30 September or "
            "earlier). Where that period began before the 903 data given, it is counted in "
            "'{top}' only when the data already show 5 years, else as not known.",
            top=top,
        ),
        category_label=N_("Time in care"),
        categories=categories,
        series={N_("Children"): [int(counts.get(c, 0)) for c in categories]},
        unit="children",
        method="Children open at 31 March (episodes not ending before it, short breaks "
        "V1/V3/V4 left out); the start of the current period is the DECOM of the first "
        "episode of the chain joined by REC X1; whole calendar months from it to 31 March; "
        "a chain starting in the first 903 year given is 'not known' unless it already "
        "reaches the top band.",
    )


def entry_legal_status(care: pd.DataFrame, period: Period, nation: str) -> tuple[Breakdown, int]:
    """Children who started to be looked after in the year by their legal status on entry
    (the first RNE S episode of each child in the year), and how many were left out
    because that legal status is in error."""
    key = CHILD_KEY
    starts = care.loc[started_in(care, period)].sort_values([key, "DECOM"], kind="stable")
    first = starts.drop_duplicates(key)
    bad = in_error(first, "LS") | first["LS"].isna()
    groups = codes.legal_groups(nation)
    group = map_distinct(
        first.loc[~bad, "LS"],
        lambda c: codes.group_of(c, groups) if isinstance(c, str) else None,
    )
    counts = group.value_counts()
    categories = list(groups)
    if counts.get(codes.NOT_KNOWN, 0):
        categories.append(codes.NOT_KNOWN)
    table = Breakdown(
        id="cla.started_by_legal_status",
        label=N_("Children who started to be looked after by legal status on entry"),
        definition=N_(
            "Children who started to be looked after in the year (each child counted "
            "once, on their first start in the year) by the legal basis of their care when they "
            "started, in the groups the Department for Education uses."
        ),
        method="Episodes with RNE S in the year; LS of the child's first such episode, in "
        "DfE groups.",
        category_label=N_("Legal status on entry"),
        categories=categories,
        series={N_("Children"): [int(counts.get(c, 0)) for c in categories]},
        unit="children",
    )
    return table, int(bad.sum())


def _placements(care: pd.DataFrame) -> pd.DataFrame:
    """Care episodes with PLACEMENT_ID: a placement is a run of episodes of one period of
    care in which every episode after the first changes the legal status only (RNE L)."""
    eps = care.sort_values(["PERIOD_ID", "DECOM"], kind="stable")
    new_period = eps["PERIOD_ID"].ne(eps["PERIOD_ID"].shift())
    new_placement = new_period | eps["RNE"].ne(SAME_PLACEMENT)
    return eps.assign(PLACEMENT_ID=new_placement.cumsum())


def three_or_more_placements(at_end: pd.DataFrame, chained: Chains, period: Period) -> Figure:
    """Children looked after at 31 March who had three or more placements in the year."""
    key = CHILD_KEY
    eps = chained.placements
    in_year = eps.loc[overlapping(eps, period) & eps[key].isin(at_end[key].unique())]
    placements = in_year.groupby(key)["PLACEMENT_ID"].nunique()
    many = int((placements >= 3).sum())
    return PLACEMENTS_3PLUS.percent(many, len(at_end))


def long_term_stability(at_end: pd.DataFrame, chained: Chains, day: date) -> tuple[Figure, int]:
    """The DfE long-term stability measure, and the children left out (no date of birth).

    Children under 16 at 31 March looked after continuously for at least 2.5 years: the
    percentage living in the same placement for at least 2 years, or placed for adoption
    (PLACE A3-A6) with that placement and the one before it lasting 2 years together."""
    key = CHILD_KEY
    if at_end.empty:
        return LONG_TERM_STABILITY.percent(0, 0), 0
    eps = chained.placements
    placement_start = chained.placement_start
    first_of = chained.period_of
    current = at_end[[key, "PERIOD_ID", "DECOM", "PLACE"]].merge(
        eps[[key, "DECOM", "PLACEMENT_ID"]], on=[key, "DECOM"], how="left"
    )
    current = current.drop_duplicates(key)
    dob = current[key].map(chained.dob)
    age = ages_on(dob.astype("datetime64[s]"), day)
    period_start = current["PERIOD_ID"].map(chained.first_episodes["DECOM"])
    cohort = current.loc[
        age.notna() & (age < 16) & (period_start <= since(day, STABILITY_MONTHS))
    ].copy()
    here_since = cohort["PLACEMENT_ID"].map(placement_start)
    before = cohort["PLACEMENT_ID"] - 1
    before_start = before.map(placement_start)
    same_period = before.map(first_of).eq(cohort["PERIOD_ID"])
    cutoff = since(day, STABILITY_PLACEMENT_MONTHS)
    adopted = cohort["PLACE"].isin(codes.ADOPTION_PLACEMENTS) & same_period
    stable = (here_since <= cutoff) | (adopted & (before_start <= cutoff))
    figure = LONG_TERM_STABILITY.percent(int(stable.sum()), len(cohort))
    return figure, int(age.isna().sum())


PLACEMENTS_3PLUS = FigureDef(
    "cla.placements_3plus",
    N_("Children looked after at 31 March with three or more placements in the year"),
    "percent",
    N_(
        "Of the children looked after at 31 March (excluding short breaks), the percentage "
        "who had three or more placements during the year (1 April to 31 March), counting "
        "the placement they were in on 1 April. A change of legal status alone is not a new "
        "placement: the Department for Education's short-term placement stability measure."
    ),
    "A new episode starts a new placement unless its RNE is L (change of legal status "
    "only); placements overlapping the year, distinct PLACEMENT_ID per CHILD.",
    base_unit="children",
)
LONG_TERM_STABILITY = FigureDef(
    "cla.long_term_stability",
    N_(
        "Children looked after for 2.5 years or more who had been in the same placement for 2 years"
    ),
    "percent",
    N_(
        "Of the children under 16 at 31 March who had been looked after continuously for at "
        "least 2.5 years (their current period of care began on or before 30 September two "
        "and a half years earlier), the percentage who had lived in the same placement for "
        "at least 2 years, or who were placed for adoption and whose adoptive placement and "
        "the placement before it together had lasted at least 2 years: the Department for "
        "Education's long-term placement stability measure. A change of legal status alone is "
        "not a new placement."
    ),
    "A new placement starts with each new episode whose RNE is not L; placed for adoption is "
    "PLACE A3-A6; age from DOB in the 903 header (children without one are left out).",
    base_unit="children",
)
FIGURES = (PLACEMENTS_3PLUS, LONG_TERM_STABILITY)
