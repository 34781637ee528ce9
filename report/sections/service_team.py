"""The IRO team at 31 March: caseload range across IROs, agency share of FTE, vacancies."""

from __future__ import annotations

from datetime import date
from statistics import median

import pandas as pd

from report.declare import FigureDef
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import Figure

RANGE = N_(
    "Each IRO in post on 31 March (agency IROs included; an IRO with no children "
    "allocated counts, with 0) has a caseload per full-time equivalent: the children "
    "looked after (excluding short breaks) allocated to them on 31 March, divided by their "
    "FTE (an IRO working 0.5 FTE with 30 children has 60 per full-time IRO). "
)

SOURCE = "council.iro_establishment_fte in config.yaml"
CASELOAD_LOWEST = FigureDef(
    "iro.caseload_lowest",
    N_("Lowest caseload of an IRO at 31 March (children per full-time IRO)"),
    "caseload",
    N_("{range}This is the lowest of those caseloads.", range=RANGE),
)
CASELOAD_MEDIAN = FigureDef(
    "iro.caseload_median",
    N_("Median caseload of an IRO at 31 March (children per full-time IRO)"),
    "caseload",
    N_(
        "{range}This is the middle one when they are put in order (the average "
        "of the two middle ones when the number of IROs is even).",
        range=RANGE,
    ),
)
CASELOAD_HIGHEST = FigureDef(
    "iro.caseload_highest",
    N_("Highest caseload of an IRO at 31 March (children per full-time IRO)"),
    "caseload",
    N_("{range}This is the highest of those caseloads.", range=RANGE),
)
AGENCY_FTE_SHARE = FigureDef(
    "iro.agency_fte_share",
    N_("Share of IRO FTE that is agency at 31 March"),
    "percent",
    N_(
        "The full-time equivalent (FTE) of the IROs working through an agency on "
        "31 March as a percentage of the FTE of all IROs working that day."
    ),
    "Sum of FTE with AGENCY = Y / sum of FTE, over the rows of local/iro_staff.csv "
    "in post on 31 March.",
    conditional="only when some FTE is in post on 31 March",
)
ESTABLISHMENT_FTE = FigureDef(
    "iro.establishment_fte",
    N_("IRO posts funded (establishment FTE)"),
    "fte",
    N_(
        "The full-time equivalent of the IRO posts the council funds for the "
        "year (its establishment)."
    ),
    f"From {SOURCE}.",
    conditional="only when config.yaml gives council.iro_establishment_fte for the year",
)
VACANT_FTE = FigureDef(
    "iro.vacant_fte",
    N_("Vacant IRO FTE at 31 March"),
    "fte",
    N_(
        "The full-time equivalent of funded IRO posts minus the IROs working "
        "on 31 March counted in full-time posts (agency IROs count as working, so a post "
        "filled by an agency IRO is not vacant); 0 when more are working than funded."
    ),
    f"Establishment ({SOURCE}) minus FTE in post on 31 March (local/iro_staff.csv), floored at 0.",
    conditional="only when config.yaml gives council.iro_establishment_fte for the year",
)
VACANCY_RATE = FigureDef(
    "iro.vacancy_rate",
    N_("IRO vacancy rate at 31 March"),
    "percent",
    N_("The vacant full-time equivalent at 31 March as a percentage of the establishment."),
    conditional="only when config.yaml gives council.iro_establishment_fte for the year",
)
FIGURES = (
    CASELOAD_LOWEST,
    CASELOAD_MEDIAN,
    CASELOAD_HIGHEST,
    AGENCY_FTE_SHARE,
    ESTABLISHMENT_FTE,
    VACANT_FTE,
    VACANCY_RATE,
)


def caseloads_by_iro(
    staff: pd.DataFrame, alloc: pd.DataFrame, looked_after: pd.DataFrame, day: date
) -> list[float]:
    """Children per FTE of each IRO in post on `day`, lowest first.

    `alloc` holds allocations whose IRO_ID is known (not in error); `looked_after` the
    children looked after on `day` (one row each)."""
    ts = pd.Timestamp(day)
    posts = staff.loc[(staff["START"] <= ts) & (staff["END"].isna() | (staff["END"] >= ts))]
    fte = posts.groupby("IRO_ID")["FTE"].sum()
    on_day = alloc.loc[(alloc["START"] <= ts) & (alloc["END"].isna() | (alloc["END"] >= ts))]
    key = CHILD_KEY
    on_day = on_day.loc[on_day[key].isin(looked_after[key].unique())]
    children = on_day.drop_duplicates([key, "IRO_ID"]).groupby("IRO_ID")[key].count()
    loads = [float(children.get(iro, 0)) / float(f) for iro, f in fte.items() if f > 0]
    return sorted(loads)


def range_figures(loads: list[float]) -> list[Figure]:
    """Lowest, median and highest caseload per FTE across the IROs in post."""
    if not loads:
        return []
    return [
        CASELOAD_LOWEST.value(loads[0]),
        CASELOAD_MEDIAN.value(float(median(loads))),
        CASELOAD_HIGHEST.value(loads[-1]),
    ]


def agency_share(staff: pd.DataFrame, day: date) -> Figure | None:
    """The percentage of the FTE in post on `day` that is agency; None when none is in post."""
    ts = pd.Timestamp(day)
    posts = staff.loc[(staff["START"] <= ts) & (staff["END"].isna() | (staff["END"] >= ts))]
    total = float(posts["FTE"].sum())
    if total <= 0:
        return None
    agency = float(posts.loc[posts["AGENCY"].fillna(False).astype(bool), "FTE"].sum())
    return AGENCY_FTE_SHARE.value(100.0 * agency / total)


def vacancy_figures(establishment: float, fte_in_post: float) -> list[Figure]:
    """Vacant FTE against the funded establishment (config.yaml), and as a percentage."""
    vacant = max(establishment - fte_in_post, 0.0)
    return [
        ESTABLISHMENT_FTE.value(establishment),
        VACANT_FTE.value(vacant),
        VACANCY_RATE.value(100.0 * vacant / establishment),
    ]
