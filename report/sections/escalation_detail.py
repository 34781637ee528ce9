"""Disputes in more detail: the service a concern was raised with, working days at each stage,
referrals for legal advice (optional columns of local/escalations.csv).

Without a column (or with it blank for every concern of the year) its figure is left out with
a note. Working days are as DOMAIN 2 defines them (weekends and England and Wales bank holidays
left out; the first day is day 0), counted with report.dates.working_days_between.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from report.dates import working_days_between
from report.declare import FigureDef
from report.i18n import N_, Message
from report.load.cells import in_error
from report.load.escalation_stages import STAGE_DATES, STAGE_NUMBER
from report.model import Breakdown, Figure
from report.sections.common import NOT_RECORDED, OTHER, listed

FILE = "local/escalations.csv"
# The stages in order, with the words used in the figure labels.
STAGE_NAMES: dict[str, Message] = {
    "INFORMAL": N_("the informal stage"),
    "STAGE1": N_("stage 1"),
    "STAGE2": N_("stage 2"),
    "STAGE3": N_("stage 3"),
    "STAGE4": N_("stage 4"),
}
STATS: dict[str, Message] = {
    "median": N_("Working days at {stage}: median"),
    "lowest": N_("Working days at {stage}: lowest"),
    "highest": N_("Working days at {stage}: highest"),
}
LEGAL_ADVICE = FigureDef(
    "escalations.legal_advice_referrals",
    N_("Concerns referred for legal advice"),
    "escalations",
    N_(
        "Concerns raised in the year for which the IRO sought independent legal advice "
        "(an IRO may do so at any stage of a dispute)."
    ),
    "LEGAL_ADVICE = Y in local/escalations.csv, concerns (KIND CONCERN) raised in the year.",
    conditional="only when some concern was raised and LEGAL_ADVICE is recorded",
)
# working days at each stage (code) by statistic (median, lowest, highest)
STAGE_DAYS: dict[tuple[str, str], FigureDef] = {
    (code, stat): FigureDef(
        f"escalations.stage_days_{code.lower()}_{stat}",
        label,
        "working_days",
        N_(
            "For concerns resolved in the year that went through {stage}, the "
            "{stat} number of working days they spent at it: from the day the "
            "stage began (the day the concern was raised, for the informal stage) "
            "to the day the next stage began or, at the last stage reached, the "
            "day the concern was resolved. Weekends and bank holidays are not "
            "working days. Not shown when few concerns went through the stage."
        ),
        f"RAISED, STAGE1_DATE-STAGE4_DATE, RESOLVED and STAGE_REACHED in "
        f"{FILE}; concerns resolved in the year with RESOLVED not before RAISED; "
        "a stage ends at the next dated stage up to STAGE_REACHED (stages may be "
        "skipped), the highest at RESOLVED; a stage left the same day is not "
        "counted; a concern with a stage date in error, or no date for the stage "
        "reached, is left out. Working days: report.dates.working_days_between.",
        base_unit="escalations",
        conditional="only for a stage some concern resolved in the year went through, with "
        "stage dates recorded; lowest and highest only above the suppression threshold",
    )
    for code in STAGE_NAMES
    for stat, label in STATS.items()
}
FIGURES = (LEGAL_ADVICE, *STAGE_DAYS.values())


def has_values(frame: pd.DataFrame, column: str) -> bool:
    """Whether any row gives the column a value (an absent column is all blank)."""
    return column in frame and bool(frame[column].notna().any())


def by_service(
    raised: pd.DataFrame, services: Mapping[str, str], notes: list[str]
) -> Breakdown | None:
    """Concerns raised in the year by the service they were raised with (RAISED_WITH, a code
    listed in config.yaml); None, with a note, when no concern of the year has one."""
    if not has_values(raised, "RAISED_WITH"):
        notes.append(
            N_(
                "{file} does not say which service each concern was raised with (the "
                "RAISED_WITH column), so concerns by service are not shown.",
                file=FILE,
            )
        )
        return None
    codes = listed(raised["RAISED_WITH"], list(services))
    labels = codes.map(lambda c: services.get(c, c) if isinstance(c, str) else NOT_RECORDED)
    counts = labels.value_counts()
    order = [*services.values(), OTHER, NOT_RECORDED]
    categories = [c for c in order if c in services.values() or counts.get(c, 0)]
    return Breakdown(
        id="escalations.by_service",
        label=N_("Concerns raised by the service they were raised with"),
        definition=N_(
            "Concerns raised in the year by the service the IRO raised them with (for "
            "example the social work team, fostering or legal services). A service outside "
            "the council's list is counted as Other."
        ),
        method="RAISED_WITH in local/escalations.csv; codes and wording from config.yaml "
        "(publishing.escalation_services); an unlisted code is Other, a blank Not recorded.",
        category_label=N_("Service"),
        categories=categories,
        series={N_("Concerns"): [int(counts.get(c, 0)) for c in categories]},
        unit="escalations",
    )


def legal_advice(raised: pd.DataFrame, notes: list[str]) -> Figure | None:
    """Concerns raised in the year that were referred for legal advice (LEGAL_ADVICE Y)."""
    if not (has_values(raised, "LEGAL_ADVICE") or in_error(raised, "LEGAL_ADVICE").any()):
        notes.append(
            N_(
                "{file} does not record referrals for legal advice (the LEGAL_ADVICE "
                "column), so they are not shown.",
                file=FILE,
            )
        )
        return None
    flag = raised["LEGAL_ADVICE"].where(~in_error(raised, "LEGAL_ADVICE"))
    return LEGAL_ADVICE.count(int(flag.fillna(False).astype(bool).sum()))


def stage_days(timed: pd.DataFrame) -> dict[str, pd.Series]:
    """Working days spent at each stage by the concerns in `timed` (resolved, RESOLVED not
    before RAISED), by stage code. A stage starts on its date (the informal stage on RAISED)
    and ends on the date of the next stage the concern went on to (stages may be skipped), or
    on RESOLVED for the highest stage it reached. A concern whose stage dates are in error, or
    that lacks the date of a formal stage it reached, is left out; a stage whose next stage
    began the same day (went straight on) is not counted as a stage gone through."""
    starts = {"INFORMAL": timed["RAISED"]}
    for code, column in zip(list(STAGE_NUMBER)[1:], STAGE_DATES, strict=True):
        starts[code] = timed[column] if column in timed else pd.Series(pd.NaT, index=timed.index)
    reached = timed["STAGE_REACHED"].map(STAGE_NUMBER)
    usable = reached.notna()
    for column in STAGE_DATES:
        usable &= ~in_error(timed, column)
    # every formal stage up to the one reached that has no date: the stage may have been
    # skipped, but the highest one reached must be dated
    for code, number in STAGE_NUMBER.items():
        if number:
            usable &= ~((reached == number) & starts[code].isna())
    out: dict[str, pd.Series] = {}
    codes = list(STAGE_NUMBER)
    for i, code in enumerate(codes):
        begin = starts[code]
        end = timed["RESOLVED"].where(reached == i)
        for later in reversed(codes[i + 1 :]):
            end = starts[later].where(starts[later].notna() & (reached >= codes.index(later)), end)
        gone = usable & begin.notna() & (reached >= i) & end.notna() & (end > begin)
        # a concern resolved on the day it was raised went through the informal stage in 0
        gone |= usable & (i == 0) & (reached == 0) & end.notna() & (end == begin)
        out[code] = working_days_between(begin.loc[gone], end.loc[gone]).astype("int64")
    return out


def stage_figures(resolved: pd.DataFrame, notes: list[str], threshold: int) -> list[Figure]:
    """Median, lowest and highest working days at each stage, for the stages some concern
    resolved in the year went through; a note when no stage dates are recorded. A stage that
    `threshold` concerns or fewer went through has its median only (published as c): its
    range would be c too, so it is not listed three times."""
    if not any(has_values(resolved, c) for c in STAGE_DATES):
        notes.append(
            N_(
                "{file} does not give the date each formal stage was reached (the "
                "STAGE1_DATE to STAGE4_DATE columns), so the working days spent at each "
                "stage are not shown.",
                file=FILE,
            )
        )
        return []
    figures: list[Figure] = []
    few = False
    for code, days in stage_days(resolved).items():
        if days.empty:
            continue
        stage = STAGE_NAMES[code]
        values = {
            "median": float(days.median()),
            "lowest": float(days.min()),
            "highest": float(days.max()),
        }
        if len(days) <= threshold:
            values = {"median": values["median"]}
            few = True
        for stat, value in values.items():
            figures.append(
                STAGE_DAYS[code, stat].value(
                    value, None, float(len(days)), stage=stage, stat=STAT_WORDS[stat]
                )
            )
    if few:
        notes.append(
            N_(
                "The lowest and highest working days at a stage are shown only when more "
                "than {threshold} concerns went through it.",
                threshold=threshold,
            )
        )
    return figures


STAT_WORDS: dict[str, Message] = {
    "median": N_("median (middle)"),
    "lowest": N_("lowest"),
    "highest": N_("highest"),
}
