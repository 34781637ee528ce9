"""Reviews in more detail: timeliness month by month, why reviews were late, review records.

Reasons and record dates come from the optional local/review_extras.csv (LATE_REASON,
RECORD_DATE), matched to the 903 reviews by child and review date.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from report.dates import Period, add_working_days
from report.declare import FigureDef
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import Breakdown, Figure
from report.sections.common import NOT_RECORDED, OTHER, listed
from report.sections.service import MONTHS

EXTRAS = "local/review_extras.csv"
STATUS = (N_("On time"), N_("Late"), N_("Not assessable"))


def month_label(day: pd.Timestamp) -> str:
    return N_("{month} {year}", month=MONTHS[day.month - 1], year=day.year)


def month_keys(dates: pd.Series) -> pd.Series:
    """Each date's month as one small integer, year * 12 + month - 1 (-1 where there is no
    date): what reviews are counted by month on, 4 bytes a review (a label per review would
    be a Python object each: 700 MB on England-size data)."""
    keys: pd.Series = (dates.dt.year * 12 + dates.dt.month - 1).fillna(-1)
    return keys.astype("int32")


def by_month(held: pd.DataFrame, key: pd.Series, period: Period) -> Breakdown:
    """Reviews held in each month of the year: on time, late, not assessable. `key` is the
    month_keys of each review held."""
    ends = pd.Series([pd.Timestamp(day) for day in period.month_ends()])
    months = [month_label(day) for day in ends]
    wanted = month_keys(ends).tolist()
    late = held["ASSESSABLE"] & ~held["ON_TIME"]
    status: dict[str, pd.Series] = {
        N_("On time"): held["ON_TIME"].astype(bool),
        N_("Late"): late.astype(bool),
        N_("Not assessable"): ~held["ASSESSABLE"].astype(bool),
    }
    series = {
        name: [int((mask & (key == k)).sum()) for k in wanted] for name, mask in status.items()
    }
    return Breakdown(
        id="reviews.by_month",
        label=N_("Reviews held each month, on time and late"),
        definition=N_(
            "Reviews held in the year by the month they were held in: on time, late "
            "(held after their due date) or not assessable (due date cannot be worked out)."
        ),
        category_label=N_("Month"),
        categories=months,
        series=series,
        unit="reviews",
        row_totals=True,
        show_pct=False,
    )


def last_rows(extras: pd.DataFrame) -> pd.DataFrame:
    """The review_extras rows matched to reviews: the last one for a child and date."""
    rows = extras.drop_duplicates([CHILD_KEY, "REVIEW"], keep="last")
    return rows[[CHILD_KEY, "REVIEW", "LATE_REASON", "RECORD_DATE"]]


def matched(held: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The reviews held with their review_extras row (`rows`: last_rows(extras)), blank
    where the extract has none."""
    key = CHILD_KEY
    both = held[[key, "DATE", "ASSESSABLE", "ON_TIME"]].merge(
        rows, left_on=[key, "DATE"], right_on=[key, "REVIEW"], how="left"
    )
    return both.assign(_IN_EXTRAS=both["REVIEW"].notna()).drop(columns="REVIEW")


def late_reasons(
    late: pd.DataFrame, reasons: Mapping[str, str], notes: list[str]
) -> Breakdown | None:
    """Late reviews by the reason recorded (LATE_REASON, a code listed in config.yaml)."""
    code = late["LATE_REASON"]
    if not code.map(lambda v: isinstance(v, str) and bool(v.strip())).any():
        notes.append(
            N_(
                "{file} gives no reason (LATE_REASON) for any late review this year, so the "
                "reasons reviews were late are not shown.",
                file=EXTRAS,
            )
        )
        return None
    codes = listed(code, list(reasons))
    labels = codes.map(lambda c: reasons.get(c, c) if isinstance(c, str) else NOT_RECORDED)
    order = [*reasons.values(), OTHER, NOT_RECORDED]
    counts = labels.value_counts()
    categories = [c for c in order if c in reasons.values() or counts.get(c, 0)]
    return Breakdown(
        id="reviews.late_by_reason",
        label=N_("Late reviews by the reason they were late"),
        definition=N_(
            "Reviews held in the year after their due date, by the reason the service "
            "recorded. A reason outside the council's list is '{other}', and a late review "
            "with no reason recorded is '{not_recorded}'.",
            other=OTHER,
            not_recorded=NOT_RECORDED,
        ),
        method=f"LATE_REASON in {EXTRAS}, matched by CHILD and review date; the codes are "
        "listed in config.yaml (publishing.late_review_reasons).",
        category_label=N_("Reason"),
        categories=categories,
        series={N_("Reviews"): [int(counts.get(c, 0)) for c in categories]},
        unit="reviews",
    )


RECORD_ON_TIME = FigureDef(
    "reviews.record_within_target",
    N_("Review records completed within {days} working days"),
    "percent",
    N_(
        "Of the reviews held in the year for which the service keeps these details, the "
        "percentage whose record (the written decisions and the updated plan) was "
        "completed within {days} working days of the review. The review day is day 0; "
        "weekends and bank holidays are not working days. A record with no completion "
        "date counts as not completed in time."
    ),
    f"RECORD_DATE in {EXTRAS} within rules.review_record_working_days (config.yaml) of "
    f"the review / reviews held with a row in {EXTRAS}; a blank RECORD_DATE is late.",
    base_unit="reviews",
    conditional=f"only with {EXTRAS} giving a RECORD_DATE",
)


def record_timeliness(rows: pd.DataFrame, days: int, notes: list[str]) -> Figure | None:
    """Review records completed within `days` working days of the review (of the reviews
    held that have a row in the extract)."""
    rows = rows.loc[rows["_IN_EXTRAS"]]
    recorded = rows["RECORD_DATE"]
    if recorded.isna().all():
        notes.append(
            N_(
                "{file} gives no date the review record was completed (RECORD_DATE) for any "
                "review this year, so the timeliness of review records is not shown.",
                file=EXTRAS,
            )
        )
        return None
    before = recorded.notna() & (recorded < rows["DATE"])
    if before.any():
        notes.append(
            N_(
                "{count} review record(s) in {file} are dated before their review; they are "
                "left out of the timeliness of review records.",
                count=int(before.sum()),
                file=EXTRAS,
            )
        )
    rows = rows.loc[~before]
    due = add_working_days(rows["DATE"], days)
    within = int((rows["RECORD_DATE"].notna() & (rows["RECORD_DATE"] <= due)).sum())
    return RECORD_ON_TIME.percent(within, len(rows), days=days)
