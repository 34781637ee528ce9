"""How children took part in their reviews: the 903 PN codes (DOMAIN 5)."""

from __future__ import annotations

import pandas as pd

from report.declare import FigureDef, ids
from report.i18n import N_
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    SectionResult,
    Tie,
    cell_ref,
    den,
    num,
)
from report.rules.cohorts import within
from report.sections import SectionInput
from report.sections.common import left_out

PN_MEANING = {
    "PN1": N_("Attended and spoke for themself"),
    "PN2": N_("Attended; an advocate spoke for them"),
    "PN3": N_("Attended and conveyed views non-verbally"),
    "PN4": N_("Attended but did not contribute"),
    "PN5": N_("Did not attend; briefed an advocate"),
    "PN6": N_("Did not attend; views conveyed another way"),
    "PN7": N_("Did not attend; views not conveyed"),
}
ATTENDED = ("PN1", "PN2", "PN3", "PN4")
PARTICIPATED = N_("Participated")
AGE_BANDS = ((N_("4 to 9"), 4, 9), (N_("10 to 15"), 10, 15), (N_("16 and over"), 16, 200))


PARTICIPATED_PCT = FigureDef(
    "participation.participated",
    N_("Reviews in which the child participated"),
    "percent",
    N_(
        "Of the reviews held in the year of children aged 4 or over, the percentage in "
        "which the child took part: by attending, or by sharing their views another "
        "way (through an advocate, or in writing, a recording or an app). Only a child "
        "who neither attended nor had their views shared did not take part.{silent}"
    ),
    "Reviews coded {basis} / reviews coded PN1-PN7 (REVIEW_CODE in the 903 reviews "
    "file). PN0 (under 4) is excluded.",
    base_unit="reviews",
)
ATTENDED_PCT = FigureDef(
    "participation.attended",
    N_("Reviews the child attended"),
    "percent",
    N_(
        "Of the reviews held in the year of children aged 4 or over, the percentage the "
        "child attended, whether or not they spoke."
    ),
    "Reviews coded PN1-PN4 / reviews coded PN1-PN7 (REVIEW_CODE).",
    base_unit="reviews",
)
UNDER_4 = FigureDef(
    "participation.under_4",
    N_("Reviews of children under 4"),
    "reviews",
    N_(
        "Reviews held in the year of children under 4 on the day of the review. They "
        "are not part of the participation figures."
    ),
    "Reviews coded PN0 (REVIEW_CODE).",
)
# participation by age band (AGE_BANDS, keyed by the band's lowest age)
BY_AGE = {
    low: FigureDef(
        f"participation.participated_age_{low}",
        N_("Participation, children aged {ages}"),
        "percent",
        N_(
            "Of the reviews of children aged {ages} on the day of the review, the "
            "percentage in which the child took part (as for all children aged 4 or "
            "over)."
        ),
        "Reviews coded {basis} / reviews coded PN1-PN7, by age at the review.",
        base_unit="reviews",
    )
    for _, low, _ in AGE_BANDS
}
HEADLINE = (PARTICIPATED_PCT, ATTENDED_PCT, UNDER_4)
FIGURES = (*HEADLINE, *BY_AGE.values())


def compute(inp: SectionInput) -> SectionResult:
    held = inp.history.reviews.loc[within(inp.history.reviews["DATE"], inp.period)]
    coded = held.loc[held["REVIEW_CODE"].isin(list(PN_MEANING))]
    excludes_pn4 = inp.config.rules.participation_excludes_pn4
    participated_codes = [c for c in PN_MEANING if c != "PN7" and not (excludes_pn4 and c == "PN4")]
    took_part = coded["REVIEW_CODE"].isin(participated_codes)
    basis = "PN1-PN6" if not excludes_pn4 else "PN1-PN3, PN5 and PN6 (PN4 excluded by setting)"
    silent = (
        N_(" A child who attended but did not contribute is not counted as taking part.")
        if excludes_pn4
        else ""
    )
    figures = [
        PARTICIPATED_PCT.percent(int(took_part.sum()), len(coded), silent=silent, basis=basis),
        ATTENDED_PCT.percent(int(coded["REVIEW_CODE"].isin(ATTENDED).sum()), len(coded)),
        UNDER_4.count(int((held["REVIEW_CODE"] == "PN0").sum())),
    ]
    counts = coded["REVIEW_CODE"].value_counts()
    by_code = Breakdown(
        id="participation.by_code",
        label=N_("How children took part in their reviews"),
        definition=N_(
            "Reviews held in the year of children aged 4 or over, by how the child "
            "took part, as the IRO recorded it."
        ),
        method="REVIEW_CODE PN1-PN7 in the 903 reviews file, one row per code in order.",
        category_label=N_("Participation"),
        categories=list(PN_MEANING.values()),  # in words: the codes stay in figures.json
        series={N_("Reviews"): [int(counts.get(c, 0)) for c in PN_MEANING]},
        unit="reviews",
    )
    figures_age, by_age = _by_age(coded, took_part, basis)
    charts = [
        ChartSpec(
            "participation-codes",
            N_("Reviews by participation code"),
            "hbar",
            source="participation.by_code",
            y_label=N_("Reviews"),
        ),
        ChartSpec(
            "participation-trend",
            N_("Participation in reviews, by year (%)"),
            "trend",
            figures=(PARTICIPATED_PCT.id, ATTENDED_PCT.id),
            y_label=N_("Per cent"),
        ),
    ]
    # A REVIEW_CODE in error (blank, unknown, or against the child's age: 903 rules 440/441)
    # is left out of every participation figure; the review still counts as held.
    unusable = held.loc[held["REVIEW_CODE"].isna()]
    left = [
        item
        for fid in (PARTICIPATED_PCT.id, ATTENDED_PCT.id, "participation.by_code")
        for item in left_out(fid, "REVIEW_CODE", "reviews", unusable)
    ]
    codes = {c: cell_ref(by_code, m) for c, m in PN_MEANING.items()}
    ties = [
        Tie.sum(num(PARTICIPATED_PCT.id), *(codes[c] for c in participated_codes)),
        Tie.sum(num(ATTENDED_PCT.id), *(codes[c] for c in ATTENDED)),
        Tie.same(den(PARTICIPATED_PCT.id), cell_ref(by_code, TOTAL)),
        Tie.same(den(ATTENDED_PCT.id), cell_ref(by_code, TOTAL)),
    ]
    for label, low, _ in AGE_BANDS:
        fid = BY_AGE[low].id
        ties.append(Tie.same(num(fid), cell_ref(by_age, label, PARTICIPATED)))
        ties.append(Tie.same(den(fid), cell_ref(by_age, label, TOTAL)))
    return SectionResult(
        figures=figures + figures_age,
        breakdowns=[by_code, by_age],
        ties=ties,
        charts=charts,
        excluded=left,
        headline=ids(HEADLINE),
    )


def _by_age(coded: pd.DataFrame, took_part: pd.Series, basis: str) -> tuple[list, Breakdown]:  # type: ignore[type-arg]
    yes, no, figures = [], [], []
    for label, low, high in AGE_BANDS:
        in_band = (coded["AGE"] >= low) & (coded["AGE"] <= high)
        n_yes = int((in_band & took_part).sum())
        n_all = int(in_band.sum())
        yes.append(n_yes)
        no.append(n_all - n_yes)
        figures.append(BY_AGE[low].percent(n_yes, n_all, ages=label, basis=basis))
    breakdown = Breakdown(
        id="participation.by_age_band",
        label=N_("Participation in reviews by age at the review"),
        definition=N_(
            "Reviews held in the year of children aged 4 or over by age at the review "
            "and whether the child participated."
        ),
        category_label=N_("Age at review"),
        categories=[b[0] for b in AGE_BANDS],
        series={PARTICIPATED: yes, N_("Did not participate"): no},
        unit="reviews",
        row_totals=True,
        show_pct=False,
    )
    return figures, breakdown
