"""Profile of children looked after: counts, flows and the cohort at 31 March (DOMAIN 3, 6)."""

from __future__ import annotations

from functools import partial

import pandas as pd

from report.dates import ages_on
from report.load import codes
from report.load.cells import map_distinct
from report.load.keys import child_key
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    Figure,
    SectionResult,
    Tie,
    cell_ref,
    count,
    num,
)
from report.rules.cohorts import ceased_in, looked_after_on, overlapping, started_in
from report.sections import SectionInput

AT_END = "Children looked after at 31 March, excluding children on short breaks (V3/V4)."


def compute(inp: SectionInput) -> SectionResult:
    h, period = inp.history, inp.period
    at_end = looked_after_on(h.care, period.end)
    n_end = len(at_end)
    key = child_key(h.care, h.short_breaks)
    started = h.care.loc[started_in(h.care, period), key].nunique()
    ceased = h.care.loc[ceased_in(h.care, period), key].nunique()
    during = h.care.loc[overlapping(h.care, period), key].nunique()
    short = h.short_breaks.loc[overlapping(h.short_breaks, period), key].nunique()
    uasc = _uasc_at(at_end, h.uasc, period.end)

    figures = [
        count(
            "cla.at_period_end",
            "Children looked after at 31 March",
            n_end,
            "children",
            AT_END + " A child is looked after on a date when an episode of care is open on "
            "it (DEC blank or after the date).",
        ),
        count(
            "cla.started",
            "Children who started to be looked after",
            started,
            "children",
            "Children with an episode of care (not a short break) that started in the year "
            "with reason for new episode S (started to be looked after), each child counted "
            "once: the DfE's count from the 903 return.",
        ),
        count(
            "cla.ceased",
            "Children who ceased to be looked after",
            ceased,
            "children",
            "Children with an episode of care (not a short break) that ended in the year with "
            "a reason other than X1 (episode ceases, care continues), each child counted "
            "once: the DfE's count from the 903 return.",
        ),
        count(
            "cla.during_year",
            "Children looked after at any time in the year",
            during,
            "children",
            "Children with an episode of care (not a short break) open on any "
            "day from 1 April to 31 March.",
        ),
        count(
            "cla.short_breaks",
            "Children who had short breaks",
            short,
            "children",
            "Children with a short-break episode (legal status V3 or V4) in the year. They "
            "are not counted as looked after and have no 903 reviews.",
        ),
        count(
            "cla.uasc",
            "Unaccompanied asylum-seeking children at 31 March",
            uasc,
            "children",
            "Children looked after at 31 March recorded in the 903 UASC file "
            "who had not ceased to be UASC by that date.",
        ),
    ]
    population = inp.config.council.under_18_population.get(period.label)
    if population:
        figures.append(
            Figure(
                id="cla.rate_per_10k",
                label="Children looked after per 10,000 children",
                value=10_000 * n_end / population,
                unit="rate_per_10k",
                numerator=float(n_end),
                denominator=float(population),
                base_unit="children",
                definition="Children looked after at 31 March per 10,000 children under 18 in the "
                "council's area (population from config.yaml).",
            )
        )
    profile = _with_profile(at_end, h.header, period.end)
    breakdowns = [
        _breakdown(
            "cla.by_age_band",
            "Age at 31 March",
            profile["AGE_BAND"],
            [b[0] for b in codes.AGE_BANDS],
            "age in completed years at 31 March",
        ),
        _breakdown(
            "cla.by_sex",
            "Sex",
            profile["SEX_LABEL"],
            list(codes.SEX_LABELS.values()),
            "sex as recorded in the 903 header "
            "(1/2 up to 2023-24 and M/F from 2024-25, read as one list)",
        ),
        _breakdown(
            "cla.by_ethnicity",
            "Ethnic group",
            profile["ETHNIC_GROUP"],
            list(codes.ETHNIC_GROUPS),
            "DfE ethnicity groups of the 903 ETHNIC code",
        ),
        _breakdown(
            "cla.by_legal_status",
            "Legal status",
            profile["LEGAL_GROUP"],
            list(codes.LEGAL_GROUPS),
            "legal status (LS) of the episode open at 31 March, in DfE groups",
        ),
        _breakdown(
            "cla.by_placement",
            "Placement type",
            profile["PLACEMENT_GROUP"],
            list(codes.PLACEMENT_GROUPS),
            "placement (PLACE) of the episode open at 31 March, in DfE groups",
        ),
    ]
    charts = [
        ChartSpec(
            "cla-trend",
            "Children looked after at 31 March, by year",
            "trend",
            figures=("cla.at_period_end", "cla.started", "cla.ceased"),
            y_label="Children",
        ),
        ChartSpec(
            "cla-age",
            "Children looked after at 31 March by age",
            "bar",
            source="cla.by_age_band",
            y_label="Children",
        ),
        ChartSpec(
            "cla-placement",
            "Children looked after at 31 March by placement",
            "hbar",
            source="cla.by_placement",
            y_label="Children",
        ),
    ]
    ties = [Tie.same("cla.at_period_end", cell_ref(b, TOTAL)) for b in breakdowns]
    ties.append(Tie.same("cla.at_period_end", num("cla.rate_per_10k")))
    return SectionResult(
        figures=figures,
        breakdowns=breakdowns,
        charts=charts,
        ties=ties,
        headline=[
            "cla.at_period_end",
            "cla.started",
            "cla.ceased",
            "cla.during_year",
            "cla.short_breaks",
            "cla.uasc",
        ]
        + (["cla.rate_per_10k"] if population else []),
    )


def _uasc_at(at_end: pd.DataFrame, uasc: pd.DataFrame, day: object) -> int:
    ts = pd.Timestamp(day)  # type: ignore[arg-type]
    key = child_key(at_end, uasc)
    current = uasc.loc[uasc["DUC"].isna() | (uasc["DUC"] > ts), key]
    return int(at_end[key].isin(current.unique()).sum())


def _with_profile(at_end: pd.DataFrame, header: pd.DataFrame, day: object) -> pd.DataFrame:
    key = child_key(at_end, header)
    people = at_end[[key, "LS", "PLACE"]].merge(
        header[[key, "SEX", "DOB", "ETHNIC"]], on=key, how="left"
    )
    ages = ages_on(people["DOB"].astype("datetime64[s]"), day)  # type: ignore[arg-type]
    people["AGE_BAND"] = map_distinct(ages.astype(object), _age_band).fillna("Not known")
    people["SEX_LABEL"] = people["SEX"].map(codes.SEX_LABELS).fillna("Not known")
    for column, source, groups in (
        ("ETHNIC_GROUP", "ETHNIC", codes.ETHNIC_GROUPS),
        ("LEGAL_GROUP", "LS", codes.LEGAL_GROUPS),
        ("PLACEMENT_GROUP", "PLACE", codes.PLACEMENT_GROUPS),
    ):
        people[column] = map_distinct(people[source], partial(_group, groups=groups))
    return people


def _group(code: object, groups: dict[str, tuple[str, ...]]) -> str:
    return codes.group_of(code, groups) if isinstance(code, str) else "Not known"


def _age_band(age: object) -> str | None:
    if age is None or pd.isna(age):  # type: ignore[call-overload]
        return None
    for label, low, high in codes.AGE_BANDS:
        if low <= int(age) <= high:  # type: ignore[call-overload]
            return label
    return None


def _breakdown(fid: str, label: str, values: pd.Series, order: list[str], what: str) -> Breakdown:
    counts = values.value_counts()
    categories = list(order)
    if counts.get("Not known", 0) and "Not known" not in categories:
        categories.append("Not known")
    return Breakdown(
        id=fid,
        label=f"Children looked after at 31 March by {label.lower()}",
        definition=f"Children looked after at 31 March (excluding short breaks) by {what}.",
        category_label=label,
        categories=categories,
        series={"Children": [int(counts.get(c, 0)) for c in categories]},
        unit="children",
    )
