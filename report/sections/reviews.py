"""Reviews held and their timeliness, review level and child level (DOMAIN 4, 11)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from report.dates import add_months
from report.declare import FigureDef, ids
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    Figure,
    SectionResult,
    Tie,
    cell_ref,
    den,
    num,
)
from report.rules.cohorts import open_on, within
from report.rules.timeliness import SEQUENCE_LABELS
from report.sections import BuildInput, SectionInput, review_detail

LATE_BANDS = (
    (N_("1 to 7 days late"), 1, 7),
    (N_("8 to 28 days late"), 8, 28),
    (N_("More than 28 days late"), 29, 10**6),
)


HELD = FigureDef(
    "reviews.held",
    N_("Reviews held"),
    "reviews",
    N_(
        "Reviews of children looked after held in the year. Children who only have "
        "short breaks are not included."
    ),
    "Rows of the 903 reviews file with DATE in the year, de-duplicated on (CHILD, "
    "REVIEW) across collections; short-break children have none.",
)
ON_TIME = FigureDef(
    "reviews.on_time",
    N_("Reviews held on time"),
    "percent",
    N_(
        "Of the reviews held in the year whose due date can be worked out, the "
        "percentage held on or before their due date. The first review is due within "
        "{first_interval} of the child coming into care, the second within 3 months "
        "of the first, and later ones within 6 months of the previous one; after a "
        "child is placed for adoption, 4 weeks, 3 months, then 6 months. Each interval "
        "runs from the date the previous review was actually held."
    ),
    "Numerator: assessable reviews with DATE on or before the due date; "
    "denominator: assessable reviews with DATE in the year. The schedule restarts "
    "at each period of care and at placement for adoption (PLACE A3-A6).",
    base_unit="reviews",
)
NOT_ASSESSABLE = FigureDef(
    "reviews.not_assessable",
    N_("Reviews whose timeliness cannot be assessed"),
    "reviews",
    N_(
        "Reviews held in the year whose due date cannot be worked out because the "
        "previous review, or the start of the child's time in care, came before the "
        "records this report uses begin. They are left out of the on-time percentage, "
        "never guessed."
    ),
    "Reviews whose previous review or period start precedes the earliest collection year supplied.",
)
CHILDREN_ALL_ON_TIME = FigureDef(
    "reviews.children_all_on_time",
    N_("Children whose reviews were all on time"),
    "percent",
    N_(
        "Of the children who had at least one review due in the year, the percentage "
        "whose every review due in the year was held on time. A review counts as due "
        "only if the child was still looked after after its due date."
    ),
    "Due dates in the year of children still looked after after the due date; a "
    "child counts when every such due review was met.",
    base_unit="children",
)
OVERDUE_AT_PERIOD_END = FigureDef(
    "reviews.overdue_at_period_end",
    N_("Children with a review overdue at 31 March"),
    "children",
    N_(
        "Children looked after at 31 March whose next review was due before 31 March "
        "and had not been held by then. Where a child's care began before the records "
        "this report uses, a review is counted as overdue only when it was certainly "
        "due before 31 March."
    ),
    "Where the due date cannot be worked out, the latest possible due date is 6 "
    "months after the later of the last review seen and the day before the earliest "
    "collection year; overdue when that is before 31 March.",
)
ON_TIME_FIRST = FigureDef(
    "reviews.on_time_first",
    N_("First reviews held on time"),
    "percent",
    N_(
        "Of the first reviews held in the year whose due date can be worked out, the "
        "percentage held on or before their due date."
    ),
    base_unit="reviews",
)
ON_TIME_SECOND = FigureDef(
    "reviews.on_time_second",
    N_("Second reviews held on time"),
    "percent",
    N_(
        "Of the second reviews held in the year whose due date can be worked out, the "
        "percentage held on or before their due date."
    ),
    base_unit="reviews",
)
ON_TIME_LATER = FigureDef(
    "reviews.on_time_later",
    N_("Third and later reviews held on time"),
    "percent",
    N_(
        "Of the third and later reviews held in the year whose due date can be worked out, "
        "the percentage held on or before their due date."
    ),
    base_unit="reviews",
)
# the on-time percentage of each review sequence (SEQUENCE_LABELS keys)
BY_SEQUENCE = {"first": ON_TIME_FIRST, "second": ON_TIME_SECOND, "later": ON_TIME_LATER}
HEADLINE = (HELD, ON_TIME, CHILDREN_ALL_ON_TIME, OVERDUE_AT_PERIOD_END, NOT_ASSESSABLE)
FIGURES = (
    *HEADLINE,
    *BY_SEQUENCE.values(),
    review_detail.RECORD_ON_TIME,
)


@dataclass(frozen=True)
class Reviews:
    """What does not depend on the year, worked out once per build. Read only: the years
    share it."""

    month: pd.Series  # per review in the care history: the month it was held (month_keys)
    extras: pd.DataFrame | None  # local/review_extras.csv's rows matched to reviews


def prepare(inp: BuildInput) -> Reviews:
    extras = inp.data.local.get("review_extras")
    return Reviews(
        month=review_detail.month_keys(inp.history.reviews["DATE"]),
        extras=None if extras is None else review_detail.last_rows(extras),
    )


def compute(inp: SectionInput) -> SectionResult:
    h, period = inp.history, inp.period
    prepared = inp.given(Reviews)
    in_year = within(h.reviews["DATE"], period)
    held = h.reviews.loc[in_year]
    assessable = held.loc[held["ASSESSABLE"]]
    on_time = int(assessable["ON_TIME"].sum())
    due = h.due.loc[h.due["IS_DUE"] & within(h.due["DUE"], period)]
    per_child = due.groupby(CHILD_KEY)["MET"].all()
    overdue = _overdue_at(h.events, h.care, period.end, h.horizon)
    first_interval = (
        N_("20 working days")
        if inp.config.council.nation == "england"
        else N_("{days} days", days=inp.config.rules.wales_first_review_days)
    )

    figures: list[Figure] = [
        HELD.count(len(held)),
        ON_TIME.percent(on_time, len(assessable), first_interval=first_interval),
        NOT_ASSESSABLE.count(len(held) - len(assessable)),
        CHILDREN_ALL_ON_TIME.percent(int(per_child.sum()), len(per_child)),
        OVERDUE_AT_PERIOD_END.count(overdue),
    ]
    by_seq = _by_sequence(held)
    figures += _on_time_by_sequence(held)
    late = assessable.loc[~assessable["ON_TIME"]]
    days_late = (late["DATE"] - late["DUE"]).dt.days
    late_bands = Breakdown(
        id="reviews.late_by_days",
        label=N_("Late reviews by how late they were"),
        definition=N_(
            "Reviews held in the year after their due date, by how many days late "
            "they were (counting every day, weekends included)."
        ),
        category_label=N_("How late"),
        categories=[b[0] for b in LATE_BANDS],
        series={
            N_("Reviews"): [
                int(((days_late >= lo) & (days_late <= hi)).sum()) for _, lo, hi in LATE_BANDS
            ]
        },
        unit="reviews",
    )
    by_month = review_detail.by_month(held, prepared.month.loc[in_year], period)
    breakdowns = [by_seq, late_bands, by_month]
    ties = _ties(by_seq, late_bands) + _month_ties(by_seq, by_month)
    notes: list[str] = []
    extras = prepared.extras
    if extras is None:
        notes.append(
            N_(
                "The data folder has no {file}, so the reasons reviews were late and the "
                "timeliness of review records are not shown.",
                file=review_detail.EXTRAS,
            )
        )
    else:
        rows = review_detail.matched(held, extras)
        late_rows = rows.loc[rows["ASSESSABLE"] & ~rows["ON_TIME"].astype(bool)]
        reasons = review_detail.late_reasons(
            late_rows, inp.config.publishing.late_review_reasons, notes
        )
        if reasons is not None:
            breakdowns.append(reasons)
            ties.append(Tie.same(cell_ref(reasons, TOTAL), cell_ref(by_seq, TOTAL, "Late")))
        days = inp.config.rules.review_record_working_days
        record = review_detail.record_timeliness(rows, days, notes)
        if record is not None:
            figures.append(record)
    charts = [
        ChartSpec(
            "reviews-trend",
            N_("Reviews on time, by year (%)"),
            "trend",
            figures=(ON_TIME.id, CHILDREN_ALL_ON_TIME.id),
            y_label=N_("Per cent"),
        ),
        ChartSpec(
            "reviews-sequence",
            N_("Reviews held by sequence and timeliness"),
            "stacked_hbar",
            source="reviews.by_sequence",
            y_label=N_("Reviews"),
        ),
        ChartSpec(
            "reviews-months",
            N_("Reviews held each month, {year}, on time and late", year=period.label),
            "stacked_hbar",
            source="reviews.by_month",
            y_label=N_("Reviews"),
        ),
    ]
    if any(b.id == "reviews.late_by_reason" for b in breakdowns):
        charts.append(
            ChartSpec(
                "reviews-late-reasons",
                N_("Why reviews were late"),
                "hbar",
                source="reviews.late_by_reason",
                y_label=N_("Reviews"),
            )
        )
    return SectionResult(
        figures=figures,
        breakdowns=breakdowns,
        ties=ties,
        charts=charts,
        notes=notes,
        headline=ids(HEADLINE),
    )


def _overdue_at(events: pd.DataFrame, care: pd.DataFrame, day: object, horizon: object) -> int:
    """Children looked after on `day` whose due date set by the last event before it is
    strictly before `day` (and so not held by then).

    Where that due date cannot be worked out (care, or the last review seen, before the data
    begin; or the first review seen of such care), the next review was due at the latest 6
    months after the later of that event and the day before the data begin: if even that is
    before `day`, the review is certainly overdue."""
    ts = pd.Timestamp(day)  # type: ignore[arg-type]
    key = CHILD_KEY
    open_children = care.loc[open_on(care, ts.date()), key].unique()  # looked after then
    past = events.loc[(events["DATE"] <= ts) & events[key].isin(open_children)]
    if not _in_event_order(past):  # build_events already sorts them so
        past = past.sort_values(["PERIOD_ID", "DATE", "TYPE"])
    last = past.groupby("PERIOD_ID").tail(1)
    last = last.loc[last["END"].isna() | (last["END"] > ts)]
    before_data = pd.Timestamp(horizon) - pd.Timedelta(days=1)  # type: ignore[arg-type]
    latest = add_months(last["DATE"].where(last["DATE"] > before_data, before_data), 6)
    due = last["DUE_AFTER"].where(last["DUE_AFTER_OK"], latest)
    return int(last.loc[due < ts, key].nunique())


def _in_event_order(events: pd.DataFrame) -> bool:
    """Events strictly ascending by (PERIOD_ID, DATE, TYPE): sorting would change nothing."""
    period, day, kind = (events[c].to_numpy() for c in ("PERIOD_ID", "DATE", "TYPE"))
    same_period, same_day = period[1:] == period[:-1], day[1:] == day[:-1]
    later_day = (day[1:] > day[:-1]) | (same_day & (kind[1:] > kind[:-1]))
    return bool(np.all((period[1:] > period[:-1]) | (same_period & later_day)))


def _by_sequence(held: pd.DataFrame) -> Breakdown:
    order = ["first", "second", "later", "adoption_first", "unknown"]
    seen = set(held["SEQUENCE"].unique())
    present = [k for k in order if k in seen or k in ("first", "second", "later")]
    on_time, late, unknown = review_detail.STATUS
    series: dict[str, list[int]] = {on_time: [], late: [], unknown: []}
    for key in present:
        rows = held.loc[held["SEQUENCE"] == key]
        series[on_time].append(int(rows["ON_TIME"].sum()))
        series[late].append(int((rows["ASSESSABLE"] & ~rows["ON_TIME"]).sum()))
        series[unknown].append(int((~rows["ASSESSABLE"]).sum()))
    return Breakdown(
        id="reviews.by_sequence",
        label=N_("Reviews held by sequence and timeliness"),
        definition=N_(
            "Reviews held in the year by their place in the child's schedule (first, "
            "second, third or later; first after placement for adoption), and whether they were "
            "on time, late, or could not be assessed."
        ),
        category_label=N_("Review"),
        categories=[SEQUENCE_LABELS[k] for k in present],
        series=series,
        unit="reviews",
        row_totals=True,
        show_pct=False,
    )


def _ties(by_seq: Breakdown, late_bands: Breakdown) -> list[Tie]:
    """The review figures are the sequence table's cells and totals (DOMAIN 10)."""

    def cell(category: str, series: str) -> str:
        return cell_ref(by_seq, category, series)

    ties = [
        Tie.same(HELD.id, cell(TOTAL, TOTAL)),
        Tie.same(num(ON_TIME.id), cell(TOTAL, "On time")),
        Tie.sum(den(ON_TIME.id), cell(TOTAL, "On time"), cell(TOTAL, "Late")),
        Tie.same(NOT_ASSESSABLE.id, cell(TOTAL, "Not assessable")),
        Tie.same(cell_ref(late_bands, TOTAL), cell(TOTAL, "Late")),
    ]
    for key, declared in BY_SEQUENCE.items():
        row, fid = SEQUENCE_LABELS[key], declared.id
        ties.append(Tie.same(num(fid), cell(row, "On time")))
        ties.append(Tie.sum(den(fid), cell(row, "On time"), cell(row, "Late")))
    return ties


def _month_ties(by_seq: Breakdown, by_month: Breakdown) -> list[Tie]:
    """The month table's column totals are the sequence table's (the same reviews)."""
    return [
        Tie.same(cell_ref(by_month, TOTAL, name), cell_ref(by_seq, TOTAL, name))
        for name in (*review_detail.STATUS, TOTAL)
    ]


def _on_time_by_sequence(held: pd.DataFrame) -> list[Figure]:
    figures = []
    for key, declared in BY_SEQUENCE.items():
        rows = held.loc[(held["SEQUENCE"] == key) & held["ASSESSABLE"]]
        figures.append(declared.percent(int(rows["ON_TIME"].sum()), len(rows)))
    return figures
