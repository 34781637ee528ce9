"""Profile of children looked after: counts, flows and the cohort at 31 March (DOMAIN 3, 6)."""

from __future__ import annotations

from functools import partial

import pandas as pd

from report.dates import ages_on
from report.declare import FigureDef
from report.i18n import N_
from report.load import codes
from report.load.cells import in_error, map_distinct
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
    den,
    num,
)
from report.rules.cohorts import (
    ceased_in,
    looked_after_during,
    looked_after_on,
    open_on,
    overlapping,
    started_in,
    within,
)
from report.sections import BuildInput, SectionInput, children_care, children_distance
from report.sections.common import how_many, left_out

AT_END = N_("Children looked after at 31 March, not counting children who only have short breaks.")
METHOD_SHORT = "Short-break episodes (legal status V3/V4) are excluded."

AT_PERIOD_END = FigureDef(
    "cla.at_period_end",
    N_("Children looked after at 31 March"),
    "children",
    N_(
        "{at_end} A child is looked after on a date when their time in care covers it.",
        at_end=AT_END,
    ),
    "An episode of care open on 31 March (DECOM on or before it; DEC blank or after "
    "it). " + METHOD_SHORT,
)
STARTED = FigureDef(
    "cla.started",
    N_("Children who started to be looked after"),
    "children",
    N_(
        "Children who began a new time in care during the year (not short breaks), each "
        "child counted once: the count the Department for Education (DfE) uses."
    ),
    "Episodes with DECOM in the year and RNE S (started to be looked after), distinct "
    "CHILD. " + METHOD_SHORT,
)
CEASED = FigureDef(
    "cla.ceased",
    N_("Children who ceased to be looked after"),
    "children",
    N_(
        "Children whose time in care ended during the year (not short breaks), each "
        "child counted once: the count the Department for Education (DfE) uses. A "
        "change of placement or legal status while the child stays in care is not an end."
    ),
    "Episodes with DEC in the year and REC other than X1 (episode ceases, care "
    "continues), distinct CHILD. " + METHOD_SHORT,
)
DURING_YEAR = FigureDef(
    "cla.during_year",
    N_("Children looked after at any time in the year"),
    "children",
    N_(
        "Children who were looked after on at least one day from 1 April to 31 March, "
        "not counting children who only have short breaks."
    ),
    "Episodes overlapping 1 April to 31 March, distinct CHILD. " + METHOD_SHORT,
)
SHORT_BREAKS = FigureDef(
    "cla.short_breaks",
    N_("Children who had short breaks"),
    "children",
    N_(
        "Children who had planned short breaks (respite care away from home) in the "
        "year. They are not counted as looked after and their care is not reviewed in "
        "the same way."
    ),
    "Episodes with legal status V3 or V4 overlapping the year, distinct CHILD; they "
    "have no 903 reviews.",
)
UASC = FigureDef(
    "cla.uasc",
    N_("Unaccompanied asylum-seeking children at 31 March"),
    "children",
    N_(
        "Children looked after at 31 March who came to this country on their own to seek "
        "asylum and were still unaccompanied asylum-seeking children (UASC) on that date."
    ),
    "Children in the 903 uasc file whose DUC is blank or after 31 March.",
)
RATE_PER_10K = FigureDef(
    "cla.rate_per_10k",
    N_("Children looked after per 10,000 children"),
    "rate_per_10k",
    N_(
        "Children looked after at 31 March for every 10,000 children "
        "under 18 living in the council's area."
    ),
    "cla.at_period_end * 10,000 / council.under_18_population for the year (config.yaml).",
    base_unit="children",
    conditional="only when config.yaml gives council.under_18_population for the year",
)
# the headline cards, in order (the rate only when the population is given)
HEADLINE = (AT_PERIOD_END, STARTED, CEASED, DURING_YEAR, SHORT_BREAKS, UASC, RATE_PER_10K)
FIGURES = (*HEADLINE, *children_care.FIGURES, children_distance.OUT_OF_AREA)


def prepare(inp: BuildInput) -> children_care.Chains:
    """The episodes chained into periods and placements, once per build."""
    return children_care.chains(inp.history.care, inp.history.header)


CHARTS = (
    ChartSpec(
        "cla-trend",
        N_("Children looked after at 31 March, by year"),
        "trend",
        figures=(AT_PERIOD_END.id, STARTED.id, CEASED.id),
        y_label=N_("Children"),
    ),
    ChartSpec(
        "cla-age",
        N_("Children looked after at 31 March by age"),
        "bar",
        source="cla.by_age_band",
        y_label=N_("Children"),
    ),
    ChartSpec(
        "cla-placement",
        N_("Children looked after at 31 March by placement"),
        "hbar",
        source="cla.by_placement",
        y_label=N_("Children"),
    ),
    ChartSpec(
        "cla-stability-trend",
        N_("Placement stability, by year (%)"),
        "trend",
        figures=(children_care.PLACEMENTS_3PLUS.id, children_care.LONG_TERM_STABILITY.id),
        y_label=N_("Per cent"),
    ),
)


def compute(inp: SectionInput) -> SectionResult:
    h, period = inp.history, inp.period
    at_end = looked_after_on(h.care, period.end)
    n_end = len(at_end)
    key = CHILD_KEY
    started = h.care.loc[started_in(h.care, period), key].nunique()
    ceased = h.care.loc[ceased_in(h.care, period), key].nunique()
    during = len(looked_after_during(h.care, period))
    short = h.short_breaks.loc[overlapping(h.short_breaks, period), key].nunique()
    uasc, uasc_bad = _uasc_at(at_end, h.uasc, period.end)

    figures = [
        AT_PERIOD_END.count(n_end),
        STARTED.count(started),
        CEASED.count(ceased),
        DURING_YEAR.count(during),
        SHORT_BREAKS.count(short),
        UASC.count(uasc),
    ]
    population = inp.config.council.under_18_population.get(period.label)
    if population:
        figures.append(
            RATE_PER_10K.value(10_000 * n_end / population, float(n_end), float(population))
        )
    legal = codes.legal_groups(inp.config.council.nation)
    profile = _with_profile(at_end, h.header, period.end, h.care, legal)
    # A period "ending" with REC X1 (the period continues) but no next episode: its end is in
    # error (x1-without-next); ceased_in does not count it, and the appendix says so.
    ending = h.periods.loc[within(h.periods["END"], period)]
    x1_end = ending["END_REC"].eq("X1")
    left = [
        *left_out(UASC.id, "DUC", "children", uasc_bad),
        *left_out(CEASED.id, "REC", "children", _last_episodes(h.care, ending.loc[x1_end])),
    ]
    for fid, column, source in PROFILE_SOURCES:
        out = profile.loc[profile[column].isna()]
        for col, rows in _blame(out, source):
            left += left_out(fid, col, "children", rows)
    breakdowns = _profile_tables(profile, legal)
    care_figures, care_tables, care_ties, notes, care_left = _care_so_far(inp, at_end, started)
    left += care_left
    figures += care_figures
    breakdowns += care_tables
    ties = [
        Tie.same(AT_PERIOD_END.id, cell_ref(b, TOTAL))
        for b in breakdowns
        if b.id not in CARE_TABLES
    ]
    ties.append(Tie.same(AT_PERIOD_END.id, num(RATE_PER_10K.id)))
    ties += care_ties
    return SectionResult(
        figures=figures,
        breakdowns=breakdowns,
        charts=list(CHARTS),
        notes=notes,
        excluded=left,
        ties=ties,
        headline=[d.id for d in HEADLINE if population or d is not RATE_PER_10K],
    )


def _profile_tables(profile: pd.DataFrame, legal: dict[str, tuple[str, ...]]) -> list[Breakdown]:
    """The children at 31 March by age, sex, ethnic group, legal status and placement."""
    return [
        _breakdown(
            "cla.by_age_band",
            N_("Age at 31 March"),
            N_("Children looked after at 31 March by age at 31 March"),
            profile["AGE_BAND"],
            [b[0] for b in codes.AGE_BANDS],
            N_("age in completed years at 31 March"),
            "DOB from the 903 header",
        ),
        _breakdown(
            "cla.by_sex",
            N_("Sex"),
            N_("Children looked after at 31 March by sex"),
            profile["SEX_LABEL"],
            list(codes.SEX_LABELS.values()),
            N_("sex as recorded"),
            "SEX from the 903 header (1/2 up to 2023-24 and M/F from 2024-25, read as one list)",
        ),
        _breakdown(
            "cla.by_ethnicity",
            N_("Ethnic group"),
            N_("Children looked after at 31 March by ethnic group"),
            profile["ETHNIC_GROUP"],
            list(codes.ETHNIC_GROUPS),
            N_("ethnic group, in the groups the Department for Education uses"),
            "ETHNIC from the 903 header, in DfE groups",
        ),
        _breakdown(
            "cla.by_legal_status",
            N_("Legal status"),
            N_("Children looked after at 31 March by legal status"),
            profile["LEGAL_GROUP"],
            list(legal),
            N_(
                "the legal basis of their care on 31 March (for example a care order or an "
                "agreement with their parents), in the groups the Department for Education uses"
            ),
            "LS of the episode open at 31 March, in DfE groups",
        ),
        _breakdown(
            "cla.by_placement",
            N_("Placement type"),
            N_("Children looked after at 31 March by placement type"),
            profile["PLACEMENT_GROUP"],
            list(codes.PLACEMENT_GROUPS),
            N_(
                "where they lived on 31 March (for example with foster carers or in a "
                "children's home), in the groups the Department for Education uses"
            ),
            "PLACE of the episode open at 31 March, in DfE groups",
        ),
    ]


# not tied to the children at 31 March here: not of them, or tied where computed
CARE_TABLES = ("cla.started_by_legal_status", "cla.by_placement_distance")


def _care_so_far(
    inp: SectionInput, at_end: pd.DataFrame, started: int
) -> tuple[list[Figure], list[Breakdown], list[Tie], list[str], list[Excluded]]:
    """Time in care, legal status on entry, placement stability and placements out of area
    (issue 12)."""
    left: list[Excluded] = []
    h, period, threshold = inp.history, inp.period, inp.config.publishing.suppression_threshold
    notes: list[str] = []
    chained = inp.given(children_care.Chains)
    by_time = children_care.time_in_care(at_end, chained, period.end)
    entry, entry_bad = children_care.entry_legal_status(h.care, period, inp.config.council.nation)
    ties: list[Tie] = []  # the time-in-care table adds up to cla.at_period_end like the others
    if entry_bad:
        notes.append(
            N_(
                "{count} children who started to be looked after have a legal status in error "
                "on their first episode and are not in the table of legal status on entry.",
                count=how_many(entry_bad, threshold),
            )
        )
    else:
        ties.append(Tie.same(STARTED.id, cell_ref(entry, TOTAL)))
    figures = [children_care.three_or_more_placements(at_end, chained, period)]
    ties.append(Tie.same(AT_PERIOD_END.id, den(children_care.PLACEMENTS_3PLUS.id)))
    needed = children_care.since(period.end, children_care.STABILITY_MONTHS)
    if pd.Timestamp(h.horizon) <= needed:
        stability, no_dob = children_care.long_term_stability(at_end, chained, period.end)
        figures.append(stability)
        if no_dob:
            notes.append(
                N_(
                    "{count} children looked after at 31 March have no date of birth in the "
                    "903 header and are left out of the long-term placement stability measure.",
                    count=how_many(no_dob, threshold),
                )
            )
    else:
        notes.append(
            N_(
                "The long-term placement stability measure for {year} needs 903 data from 2.5 "
                "years before 31 March; the data given begin later.",
                year=period.label,
            )
        )
    tables = [by_time, entry]
    if children_distance.given(h.care, period):
        far, by_distance, far_ties, far_bad = children_distance.out_of_area(at_end)
        figures.append(far)
        tables.append(by_distance)
        ties += far_ties
        notes.append(children_distance.DERIVED)
        if far_bad:
            left += far_bad
            n_bad = sum(len(e.rows) for e in far_bad)
            notes.append(
                N_(
                    "{count} children looked after at 31 March have a distance from home or "
                    "placement area in error and are not in the table of where children were "
                    "placed.",
                    count=how_many(n_bad, threshold),
                )
            )
        else:
            ties.append(Tie.same(AT_PERIOD_END.id, cell_ref(by_distance, TOTAL)))
    else:
        notes.append(
            N_(
                "The 903 episodes for {year} do not carry the distance from home and whether "
                "each placement is in the council's area (PL_DISTANCE and PL_LOCATION, which "
                "the Department for Education derives from the postcodes), so children placed "
                "out of area or more than 20 miles from home are not shown for that year. The "
                "report never works them out from a postcode.",
                year=period.label,
            )
        )
    return figures, tables, ties, notes, left


def _uasc_at(at_end: pd.DataFrame, uasc: pd.DataFrame, day: object) -> tuple[int, pd.DataFrame]:
    """(children looked after on `day` who were UASC then, the uasc rows left out: a DUC in
    error means it is not known whether the child was still UASC)."""
    ts = pd.Timestamp(day)  # type: ignore[arg-type]
    key = CHILD_KEY
    bad = in_error(uasc, "DUC")
    current = uasc.loc[~bad & (uasc["DUC"].isna() | (uasc["DUC"] > ts)), key]
    looked_after = uasc[key].isin(at_end[key].unique())
    return int(at_end[key].isin(current.unique()).sum()), uasc.loc[bad & looked_after]


# Each profile breakdown, its column, and where a missing value comes from: the header
# (SEX, ETHNIC, DOB: a child not in any header is blamed on the episode's CHILD) or the
# episode open at 31 March (LS, PLACE; an overlapping episode makes them ambiguous).
PROFILE_SOURCES = (
    ("cla.by_age_band", "AGE_BAND", "DOB"),
    ("cla.by_sex", "SEX_LABEL", "SEX"),
    ("cla.by_ethnicity", "ETHNIC_GROUP", "ETHNIC"),
    ("cla.by_legal_status", "LEGAL_GROUP", "LS"),
    ("cla.by_placement", "PLACEMENT_GROUP", "PLACE"),
)


def _blame(out: pd.DataFrame, source: str) -> list[tuple[str, pd.DataFrame]]:
    """The rows (file, row, column in error) behind children left out of a breakdown."""
    if out.empty:
        return []
    episode = out[["_FILE", "_ROW"]]
    if source in ("LS", "PLACE"):
        overlap = out["_OVERLAP"]
        return [(source, episode.loc[~overlap]), ("DECOM", episode.loc[overlap])]
    no_header = out["_HFILE"].isna()
    header = out.loc[~no_header, ["_HFILE", "_HROW"]].set_axis(["_FILE", "_ROW"], axis=1)
    return [("CHILD", episode.loc[no_header]), (source, header)]


def _with_profile(
    at_end: pd.DataFrame,
    header: pd.DataFrame,
    day: object,
    care: pd.DataFrame,
    legal: dict[str, tuple[str, ...]],
) -> pd.DataFrame:
    """One row per child looked after on `day`, with the category of each breakdown; None
    where the value it needs is in error (blank, an unknown code, the child not in any
    header, or two episodes open that day), so the child is left out of that breakdown."""
    key = CHILD_KEY
    heads = header[[key, "SEX", "DOB", "ETHNIC", "_FILE", "_ROW"]].rename(
        columns={"_FILE": "_HFILE", "_ROW": "_HROW"}
    )
    people = at_end[[key, "LS", "PLACE", "_FILE", "_ROW"]].merge(heads, on=key, how="left")
    open_now = care.loc[open_on(care, day), key].value_counts()  # type: ignore[arg-type,index]
    people["_OVERLAP"] = people[key].map(open_now).fillna(0).to_numpy() > 1
    ages = ages_on(people["DOB"].astype("datetime64[s]"), day)  # type: ignore[arg-type]
    people["AGE_BAND"] = map_distinct(ages.astype(object), _age_band)
    people["SEX_LABEL"] = people["SEX"].map(codes.SEX_LABELS)
    for column, source, groups in (
        ("ETHNIC_GROUP", "ETHNIC", codes.ETHNIC_GROUPS),
        ("LEGAL_GROUP", "LS", legal),
        ("PLACEMENT_GROUP", "PLACE", codes.PLACEMENT_GROUPS),
    ):
        people[column] = map_distinct(people[source], partial(_group, groups=groups))
    for column in ("LEGAL_GROUP", "PLACEMENT_GROUP"):
        people.loc[people["_OVERLAP"], column] = None
    return people


def _last_episodes(care: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """The last episode of each of `periods` (the rows holding their end)."""
    eps = care.loc[care["PERIOD_ID"].isin(periods["PERIOD_ID"])]
    return eps.drop_duplicates("PERIOD_ID", keep="last")


def _group(code: object, groups: dict[str, tuple[str, ...]]) -> str | None:
    return codes.group_of(code, groups) if isinstance(code, str) else None


def _age_band(age: object) -> str | None:
    if age is None or pd.isna(age):  # type: ignore[call-overload]
        return None
    for label, low, high in codes.AGE_BANDS:
        if low <= int(age) <= high:  # type: ignore[call-overload]
            return label
    return None


def _breakdown(
    fid: str,
    label: str,
    title: str,
    values: pd.Series,
    order: list[str],
    what: str,
    source: str,
) -> Breakdown:
    counts = values.value_counts()
    categories = list(order)
    if counts.get(codes.NOT_KNOWN, 0) and codes.NOT_KNOWN not in categories:
        categories.append(codes.NOT_KNOWN)
    return Breakdown(
        id=fid,
        label=title,
        definition=N_(
            "Children looked after at 31 March (not counting short breaks) by {what}. A child "
            "whose record is wrong or missing here is left out of this table (see the "
            "data-quality appendix).",
            what=what,
        ),
        method=f"{source}. {METHOD_SHORT} A value in error leaves the child out.",
        category_label=label,
        categories=categories,
        series={N_("Children"): [int(counts.get(c, 0)) for c in categories]},
        unit="children",
    )
