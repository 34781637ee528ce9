"""Review schedules (CPPCR 2010 reg 33; Wales 2015 regs; adoption reg 36), vectorised.

Every period of care is a chain of events: its start, any placement for adoption after the
start, and the reviews held. Each event sets the next review's due date:
  period start          -> 20 working days (Wales: a number of days, a setting)
  placement for adoption -> 28 days (4 weeks)
  the 1st review after an anchor (start or adoption placement) -> 3 months
  any later review       -> 6 months
measured from the actual date of the event, so a late or early review resets the clock.
Due dates are calendar dates, never moved off weekends or bank holidays.

Data begin at the `horizon` (1 April of the earliest collection year). A chain whose anchor
is before the horizon may have had reviews we cannot see, so the due date after an event is
only "assessable" when the event is on or after the horizon and its place in the chain is
known: the first review we see of such a chain sets an unknown interval (3 or 6 months).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from report.dates import add_days, add_months, add_working_days
from report.i18n import N_
from report.load.codes import ADOPTION_PLACEMENTS
from report.load.keys import CHILD_KEY

START, ADOPTION, REVIEW = 0, 1, 2
SEQUENCE_LABELS = {
    "first": N_("First review"),
    "second": N_("Second review"),
    "later": N_("Third and later reviews"),
    "adoption_first": N_("First review after placement for adoption"),
    "unknown": N_("Position not known (care began before the data)"),
}


@dataclass(frozen=True)
class ScheduleRules:
    nation: Literal["england", "wales"] = "england"
    wales_first_review_days: int = 28
    first_review_working_days: int = 20
    adoption_first_review_days: int = 28


def adoption_placements(care_eps: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Dates a child in a period of care was placed for adoption (PLACE A3-A6 after a non-A
    placement), excluding a placement on the day the period starts."""
    eps = care_eps.sort_values(["PERIOD_ID", "DECOM"], kind="stable")
    is_adopt = eps["PLACE"].isin(ADOPTION_PLACEMENTS)
    prev_adopt = is_adopt.groupby(eps["PERIOD_ID"]).shift(fill_value=False).astype(bool)
    starts = periods.set_index("PERIOD_ID")["START"]
    after_start = eps["DECOM"] > starts.reindex(eps["PERIOD_ID"]).to_numpy()
    ids = ["CHILD", CHILD_KEY]
    placed = eps.loc[is_adopt & ~prev_adopt & after_start, ["PERIOD_ID", *ids, "DECOM"]]
    return placed.rename(columns={"DECOM": "DATE"})


def assign_reviews(reviews: pd.DataFrame, periods: pd.DataFrame) -> pd.Series:
    """PERIOD_ID of the period of care each review falls in (start..end inclusive), or NA."""
    if reviews.empty:
        return pd.Series(pd.NA, index=reviews.index, dtype="Int64")
    key = CHILD_KEY
    left = reviews[[key, "REVIEW"]].reset_index().sort_values("REVIEW")
    right = periods[[key, "START", "END", "PERIOD_ID"]].sort_values("START")
    left["REVIEW"] = left["REVIEW"].astype("datetime64[s]")
    right = right.assign(START=right["START"].astype("datetime64[s]"))
    merged = pd.merge_asof(
        left, right, left_on="REVIEW", right_on="START", by=key, direction="backward"
    )
    inside = merged["PERIOD_ID"].notna() & (
        merged["END"].isna() | (merged["REVIEW"] <= merged["END"])
    )
    result = pd.Series(pd.NA, index=reviews.index, dtype="Int64")
    ok = merged.loc[inside]
    result.loc[ok["index"].to_numpy()] = ok["PERIOD_ID"].astype("int64").to_numpy()
    # Where periods overlap (faulty data), the latest period to start may have ended while an
    # earlier one still covers the review: look again at every period of those children.
    rest = left.loc[~left["index"].isin(ok["index"])]
    if not rest.empty:
        again = rest.merge(right, on=key)
        again = again.loc[
            (again["START"] <= again["REVIEW"])
            & (again["END"].isna() | (again["REVIEW"] <= again["END"]))
        ]
        again = again.sort_values(["index", "START"]).drop_duplicates("index", keep="last")
        result.loc[again["index"].to_numpy()] = again["PERIOD_ID"].astype("int64").to_numpy()
    return result


def build_events(
    periods: pd.DataFrame,
    adoptions: pd.DataFrame,
    reviews: pd.DataFrame,
    horizon: date,
    rules: ScheduleRules,
) -> pd.DataFrame:
    """One row per event with the due date it sets and whether that due date is assessable.

    `reviews` must carry PERIOD_ID (reviews outside any period already removed).
    Columns: PERIOD_ID, CHILD, DATE, TYPE, K (reviews since the anchor), ANCHOR_DATE,
    DUE_AFTER, DUE_AFTER_OK, PREV_DUE, PREV_DUE_OK, NEXT_DATE, NEXT_TYPE, END, REVIEW_CODE.
    """
    ids = ["CHILD", CHILD_KEY]
    frames = [
        periods.assign(DATE=periods["START"], TYPE=START)[["PERIOD_ID", *ids, "DATE", "TYPE"]],
        adoptions.assign(TYPE=ADOPTION)[["PERIOD_ID", *ids, "DATE", "TYPE"]],
        reviews.assign(DATE=reviews["REVIEW"], TYPE=REVIEW)[
            ["PERIOD_ID", *ids, "DATE", "TYPE", "REVIEW_CODE", "_FILE", "_ROW"]
        ],
    ]
    ev = pd.concat([f for f in frames if not f.empty] or frames, ignore_index=True)
    ev = ev.reindex(columns=frames[2].columns)  # review columns even when no review is in care
    ev["PERIOD_ID"] = ev["PERIOD_ID"].astype("int64")
    ev["DATE"] = ev["DATE"].astype("datetime64[s]")
    ev = ev.sort_values(["PERIOD_ID", "DATE", "TYPE"], kind="stable").reset_index(drop=True)
    is_anchor = ev["TYPE"] != REVIEW
    anchor_id = is_anchor.cumsum()
    ev["K"] = ev.groupby(anchor_id).cumcount()
    ev["ANCHOR_DATE"] = ev.groupby(anchor_id)["DATE"].transform("first")
    ev["ANCHOR_TYPE"] = ev.groupby(anchor_id)["TYPE"].transform("first")

    due = pd.Series(pd.NaT, index=ev.index, dtype="datetime64[s]")
    at_start = ev["TYPE"] == START
    if rules.nation == "wales":
        due[at_start] = add_days(ev.loc[at_start, "DATE"], rules.wales_first_review_days)
    else:
        due[at_start] = add_working_days(ev.loc[at_start, "DATE"], rules.first_review_working_days)
    at_adopt = ev["TYPE"] == ADOPTION
    due[at_adopt] = add_days(ev.loc[at_adopt, "DATE"], rules.adoption_first_review_days)
    first_review = (ev["TYPE"] == REVIEW) & (ev["K"] == 1)
    later_review = (ev["TYPE"] == REVIEW) & (ev["K"] >= 2)
    due[first_review] = add_months(ev.loc[first_review, "DATE"], 3)
    due[later_review] = add_months(ev.loc[later_review, "DATE"], 6)
    ev["DUE_AFTER"] = due

    edge = pd.Timestamp(horizon)
    unseen_chain = ev["ANCHOR_DATE"] < edge
    ev["DUE_AFTER_OK"] = (ev["DATE"] >= edge) & ~(unseen_chain & first_review)

    by_period = ev.groupby("PERIOD_ID")
    ev["PREV_DUE"] = by_period["DUE_AFTER"].shift()
    ev["PREV_DUE_OK"] = by_period["DUE_AFTER_OK"].shift(fill_value=False).astype(bool)
    ev["NEXT_DATE"] = by_period["DATE"].shift(-1)
    ev["NEXT_TYPE"] = by_period["TYPE"].shift(-1).astype("Int64")
    ends = periods.set_index("PERIOD_ID")["END"].astype("datetime64[s]")
    ev["END"] = ends.reindex(ev["PERIOD_ID"]).to_numpy()
    ev["SEQUENCE"] = _sequence(ev, unseen_chain)
    return ev


SEQUENCES = ("", "unknown", "later", "second", "adoption_first", "first")


def _sequence(ev: pd.DataFrame, unseen_chain: pd.Series) -> pd.Series:
    """Each event's place in its schedule (SEQUENCES; "" for an anchor), as a categorical:
    sections compare it with each label every year, and codes compare faster than text."""
    k = ev["K"]
    from_adoption = ev["ANCHOR_TYPE"] == ADOPTION
    codes = np.select(
        [ev["TYPE"] != REVIEW, unseen_chain & (k <= 2), k >= 3, k == 2, from_adoption],
        [0, 1, 2, 3, 4],
        default=5,
    )
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=pd.Index(SEQUENCES)), index=ev.index
    )


def review_outcomes(events: pd.DataFrame) -> pd.DataFrame:
    """Reviews with their due date, whether assessable and whether held on time."""
    rv = events.loc[events["TYPE"] == REVIEW]  # a new frame (copy-on-write)
    rv["DUE"] = rv["PREV_DUE"]
    rv["ASSESSABLE"] = rv["PREV_DUE_OK"] & rv["DUE"].notna()
    rv["ON_TIME"] = rv["ASSESSABLE"] & (rv["DATE"] <= rv["DUE"])
    return rv


def due_dates(events: pd.DataFrame) -> pd.DataFrame:
    """Every assessable due date, with whether it was really due and whether it was met.

    A due date is due only if the child was still looked after after it; one superseded by a
    placement for adoption on or before it is not due; it is met if the next event is a review
    held on or before it.
    """
    ids = ["CHILD", CHILD_KEY]
    used = ["PERIOD_ID", *ids, "DATE", "TYPE", "DUE_AFTER", "NEXT_TYPE", "NEXT_DATE", "END"]
    d = events.loc[events["DUE_AFTER_OK"] & events["DUE_AFTER"].notna(), used]
    d["DUE"] = d["DUE_AFTER"]
    superseded = (d["NEXT_TYPE"] == ADOPTION) & (d["NEXT_DATE"] <= d["DUE"])
    still_looked_after = d["END"].isna() | (d["END"] > d["DUE"])
    d["IS_DUE"] = (still_looked_after & ~superseded.fillna(False)).astype(bool)
    d["MET"] = (
        ((d["NEXT_TYPE"] == REVIEW) & (d["NEXT_DATE"] <= d["DUE"])).fillna(False).astype(bool)
    )
    d["MET_BY"] = d["NEXT_DATE"].where(d["NEXT_TYPE"] == REVIEW)
    return d[["PERIOD_ID", *ids, "DATE", "TYPE", "DUE", "IS_DUE", "MET", "MET_BY", "END"]]
