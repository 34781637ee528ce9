"""Quality assurance: midway reviews, IRO contact before reviews, parents' participation.

Optional local extracts: local/midway_reviews.csv (CHILD, DATE, IRO_ID) and
local/review_extras.csv (CHILD, REVIEW, IRO_ID, PARENT_PARTICIPATION, SEEN_BEFORE). The section
always shows; a figure whose extract is missing, or which has no data for the year, is left
out with a note saying so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from report.dates import add_months
from report.declare import FigureDef
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import ChartSpec, Figure, SectionResult
from report.rules.cohorts import looked_after_on, within
from report.sections import BuildInput, SectionInput, seen_before

MIDWAY = "local/midway_reviews.csv"
EXTRAS = "local/review_extras.csv"
METHOD_SIX_MONTHS = (
    "Looked after on 31 March (short breaks, legal status V3/V4, excluded) in a period of "
    "care that started on or before 30 September."
)
METHOD_HELD = (
    f"Reviews in the 903 reviews file held in the year, matched to {EXTRAS} by CHILD and "
    "REVIEW date (the last row of a repeated review is used)."
)
MIDWAY_REVIEWS = FigureDef(
    "quality.midway_reviews",
    N_("Children looked after for six months or more who had a midway review"),
    "percent",
    N_(
        "Of the children looked after at 31 March (not counting short breaks) who had "
        "been looked after without a break for at least six months (since 30 September "
        "or earlier), the percentage with at least one midway review (the IRO's check "
        "on progress between reviews) in the year."
    ),
    f"{METHOD_SIX_MONTHS} A midway review: a row of {MIDWAY} with DATE in the year.",
    base_unit="children",
    conditional=f"only with {MIDWAY}",
)
MIDWAY_HELD = FigureDef(
    "quality.midway_reviews_held",
    N_("Midway reviews held"),
    "reviews",
    N_(
        "Midway reviews (the IRO's check on progress between reviews) held in the "
        "year, for any child."
    ),
    f"Rows of {MIDWAY} with DATE in the year.",
    conditional=f"only with {MIDWAY}",
)
PARENT_PARTICIPATION = FigureDef(
    "quality.parent_participation",
    N_("Reviews in which parents participated"),
    "percent",
    N_(
        "Of the reviews of children looked after held in the year for which the "
        "service recorded this, the percentage in which a parent took part. "
        "Reviews where parents taking part did not apply, or was not recorded, are "
        "left out."
    ),
    f"{METHOD_HELD} PARENT_PARTICIPATION = Y / PARENT_PARTICIPATION Y or N (NA "
    "and blank left out).",
    base_unit="reviews",
    conditional=f"only with {EXTRAS} giving PARENT_PARTICIPATION",
)
# the headline cards, in order: those the year has
HEADLINE = (MIDWAY_REVIEWS, MIDWAY_HELD, seen_before.SEEN_BEFORE, PARENT_PARTICIPATION)
FIGURES = HEADLINE
ORDER = tuple(d.id for d in HEADLINE)


@dataclass(frozen=True)
class Records:
    """What does not depend on the year in the quality extracts, worked out once per build.
    Read only: the years share it."""

    extras: pd.DataFrame | None  # local/review_extras.csv, the last row of each review
    repeated: int  # rows of it that repeat a child and review date already given
    log: pd.MultiIndex | None  # the reviews a logged contact prepared for (seen_before)


def prepare(inp: BuildInput) -> Records:
    local = inp.data.local
    extras = local.get("review_extras")
    log = seen_before.contact_log(inp.history.reviews, local.get("iro_contacts"))
    if extras is None:
        return Records(None, 0, log)
    dupes = extras.duplicated([CHILD_KEY, "REVIEW"], keep="last")
    return Records(extras.loc[~dupes], int(dupes.sum()), log)


def compute(inp: SectionInput) -> SectionResult:
    local = inp.data.local
    midway, extras = local.get("midway_reviews"), local.get("review_extras")
    figures: list[Figure] = []
    notes: list[str] = []
    if midway is None and extras is None and "iro_contacts" not in local:
        notes.append(
            N_(
                "No quality assurance data was supplied. {midway} (one row per midway "
                "review) would show how many children had a midway review, and {extras} "
                "(one row per review) would show how many children their IRO saw before "
                "their review and how many parents took part.",
                midway=MIDWAY,
                extras=EXTRAS,
            )
        )
    elif midway is None:
        notes.append(
            N_("The data folder has no {file}, so midway reviews are not shown.", file=MIDWAY)
        )
    elif extras is None:
        notes.append(
            N_(
                "The data folder has no {file}, so IRO contact before reviews and parents' "
                "participation are not shown.",
                file=EXTRAS,
            )
        )
    if midway is not None:
        figures += _midway(inp, midway, notes)
    if extras is not None:
        figures += _extras(inp, notes)
    elif "iro_contacts" in local:  # contact before reviews from the contact log alone
        log = inp.given(Records).log
        seen = seen_before.figure(inp, None, local["iro_contacts"], log, notes)
        figures += [seen] if seen else []
    present = [fid for fid in ORDER if any(f.id == fid for f in figures)]
    charts = []
    trend = tuple(fid for fid in present if fid != MIDWAY_HELD.id)
    if trend:
        charts.append(
            ChartSpec(
                "quality-trend",
                N_("Quality assurance, by year (%)"),
                "trend",
                figures=trend,
                y_label=N_("Per cent"),
            )
        )
    return SectionResult(figures=figures, charts=charts, notes=notes, headline=present)


def _midway(inp: SectionInput, midway: pd.DataFrame, notes: list[str]) -> list[Figure]:
    period = inp.period
    dated = midway.loc[within(midway["DATE"], period)]
    if dated.empty:
        notes.append(
            N_(
                "{file} has no midway review dated in {year}, so midway reviews are not "
                "shown for that year.",
                file=MIDWAY,
                year=period.label,
            )
        )
        return []
    at_end = looked_after_on(inp.history.care, period.end)
    start = at_end["PERIOD_ID"].map(inp.history.periods.set_index("PERIOD_ID")["START"])
    cutoff = add_months(pd.Series([pd.Timestamp(period.end)]), -6).iloc[0]
    key = CHILD_KEY
    cohort = at_end.loc[start <= cutoff, key]
    had = int(cohort.isin(dated[key].unique()).sum())
    return [MIDWAY_REVIEWS.percent(had, len(cohort)), MIDWAY_HELD.count(len(dated))]


def _extras(inp: SectionInput, notes: list[str]) -> list[Figure]:
    period = inp.period
    key = CHILD_KEY
    prepared = inp.given(Records)
    if prepared.repeated:
        notes.append(
            N_(
                "{count} row(s) of {file} repeat a child and review date already given; the "
                "last row for each review is used.",
                count=prepared.repeated,
                file=EXTRAS,
            )
        )
    extras = prepared.extras
    if extras is None:  # not prepared without the extract (compute checks it first)
        return []
    held = inp.history.reviews.loc[within(inp.history.reviews["DATE"], period), [key, "DATE"]]
    in_year = extras.loc[within(extras["REVIEW"], period)]
    matched = held.merge(in_year, left_on=[key, "DATE"], right_on=[key, "REVIEW"], how="inner")
    unmatched = len(in_year) - len(matched)
    if unmatched:
        notes.append(
            N_(
                "{count} row(s) of {file} dated in {year} match no review of a child looked "
                "after in the 903 reviews file (child and review date) and are not used.",
                count=unmatched,
                file=EXTRAS,
                year=period.label,
            )
        )
    figures = []
    contacts = inp.data.local.get("iro_contacts")
    seen = seen_before.figure(inp, extras, contacts, prepared.log, notes)
    figures += [seen] if seen else []
    parent = matched["PARENT_PARTICIPATION"]
    answered = parent.loc[parent.isin(["Y", "N"])]
    if answered.empty:
        notes.append(
            N_(
                "{file} records parents' participation (PARENT_PARTICIPATION Y or N) for none "
                "of the reviews held in {year}, so that figure is not shown for that year.",
                file=EXTRAS,
                year=period.label,
            )
        )
    else:
        figures.append(PARENT_PARTICIPATION.percent(int((answered == "Y").sum()), len(answered)))
    return figures
