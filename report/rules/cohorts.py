"""Periods of care and who was looked after when (short breaks kept apart)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from report.dates import Period
from report.load.codes import SHORT_BREAK
from report.load.keys import CHILD_KEY

PERIOD_COLUMNS = ["PERIOD_ID", "CHILD", "START", "END", "END_REC"]


def split_short_breaks(episodes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(care episodes, short-break episodes): a V3/V4 episode never makes a child looked after."""
    short = episodes["LS"].isin(SHORT_BREAK)
    return episodes.loc[~short].reset_index(drop=True), episodes.loc[short].reset_index(drop=True)


def build_periods(care: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Join care episodes day to day into periods of care.

    A new period starts with a child's first episode, or after an episode whose REC is not
    X1, or where an X1 episode does not join the next one (a gap). Returns the episodes with
    PERIOD_ID and the periods (PERIOD_ID, CHILD, START, END (NaT while open), END_REC).
    """
    key = CHILD_KEY
    eps = care.sort_values([key, "DECOM", "_ROW"], kind="stable").reset_index(drop=True)
    same_child = eps[key].eq(eps[key].shift())
    prev_rec = eps["REC"].shift()
    prev_dec = eps["DEC"].shift()
    joined = same_child & prev_rec.eq("X1") & prev_dec.eq(eps["DECOM"])
    eps["PERIOD_ID"] = (~joined).cumsum().astype("int64")
    # The first and last episode of each period (groupby first()/last() would skip a blank
    # DEC or REC and end an open period at its previous episode's DEC).
    first = eps.drop_duplicates("PERIOD_ID", keep="first").set_index("PERIOD_ID")
    last = eps.drop_duplicates("PERIOD_ID", keep="last").set_index("PERIOD_ID")
    periods = (
        pd.DataFrame(
            {
                "CHILD": first["CHILD"],
                "START": first["DECOM"],
                "END": last["DEC"],
                "END_REC": last["REC"],
            }
        )
        .rename_axis("PERIOD_ID")
        .reset_index()
    )
    periods[CHILD_KEY] = first[CHILD_KEY].to_numpy()
    return eps, periods[[*PERIOD_COLUMNS, CHILD_KEY]]


def open_on(frame: pd.DataFrame, day: date, start: str = "DECOM", end: str = "DEC") -> pd.Series:
    """Rows whose span includes `day`: started on or before it and not ended by it."""
    ts = pd.Timestamp(day)
    return (frame[start] <= ts) & (frame[end].isna() | (frame[end] > ts))


def overlapping(
    frame: pd.DataFrame, period: Period, start: str = "DECOM", end: str = "DEC"
) -> pd.Series:
    """Rows whose span overlaps the reporting year (an end on 1 April counts, except an
    episode closed there because the year's return does not carry it: CUT)."""
    first, last = pd.Timestamp(period.start), pd.Timestamp(period.end)
    ends = frame[end].isna() | (frame[end] >= first)
    if "CUT" in frame:
        ends &= ~(frame["CUT"].astype(bool) & (frame[end] <= first))
    return (frame[start] <= last) & ends


def looked_after_during(care: pd.DataFrame, period: Period, column: str = CHILD_KEY) -> pd.Series:
    """The children looked after at any time in the year (cla.during_year), once each: the
    key (CHILD_KEY; or `column`, such as CHILD to match an extract without keys) of every
    child with a care episode overlapping the year. The one definition every section uses."""
    return pd.Series(care.loc[overlapping(care, period), column].unique(), name=column)


def started_in(care: pd.DataFrame, period: Period) -> pd.Series:
    """Episodes that start a period of care in the year as the DfE counts them: RNE S."""
    return care["RNE"].eq("S") & within(care["DECOM"], period)


def ceased_in(care: pd.DataFrame, period: Period) -> pd.Series:
    """Episodes that end care in the year as the DfE counts them: DEC in the year with a
    reason (REC) other than X1."""
    return within(care["DEC"], period) & care["REC"].notna() & care["REC"].ne("X1")


def within(dates: pd.Series, period: Period) -> pd.Series:
    return (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))


def looked_after_on(care: pd.DataFrame, day: date) -> pd.DataFrame:
    """The episode each child looked after on `day` was in (one row per child)."""
    rows = care.loc[open_on(care, day)]
    key = CHILD_KEY
    if not _in_order(rows, key):  # the care history is already in this order: skip the sort
        rows = rows.sort_values([key, "DECOM"])
    return rows.drop_duplicates(key, keep="last")


def _in_order(rows: pd.DataFrame, key: str = "CHILD") -> bool:
    """Rows strictly ascending by (child, DECOM): sorting them would change nothing."""
    child = rows[key].to_numpy(dtype=object if key == "CHILD" else None)
    start = rows["DECOM"].to_numpy()
    try:
        after = child[1:] > child[:-1]
        same = child[1:] == child[:-1]
        return bool(np.all(after | (same & (start[1:] > start[:-1]))))
    except TypeError:  # mixed or missing values: let sort_values decide
        return False
