"""Each collection year's DfE counts from its own return beside the stitched history's, with
every difference counted by its cause (DOMAIN 11)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple, TypeVar

import numpy as np
import pandas as pd

from report import memory
from report.dates import Period
from report.load.codes import SHORT_BREAK
from report.load.issues import Issues
from report.load.keys import CHILD_KEY
from report.model import Reconciled
from report.rules.cohorts import ceased_in, open_on, overlapping, started_in, within
from report.rules.history import CareHistory

MEASURES = (
    ("cla.at_period_end", "Children looked after at 31 March"),
    ("cla.started", "Children who started to be looked after"),
    ("cla.ceased", "Children who ceased to be looked after"),
    ("cla.during_year", "Children looked after at any time in the year"),
    ("reviews.held", "Reviews held"),
)
EPISODE_KEY = [CHILD_KEY, "DECOM"]
REVIEW_KEY = [CHILD_KEY, "REVIEW"]
ID = ["_FILE", "_ROW"]

T = TypeVar("T")  # what a stage of the reconciliation is measured as


def reconcile(
    returns: dict[int, dict[str, pd.DataFrame]], history: CareHistory, issues: Issues
) -> list[Reconciled]:
    """Every collection year's reconciliation, oldest first."""
    # Only the columns the returns hold (and CUT) are compared: the history's own columns
    # are not copied (England-size data: the concatenation is the peak of a build's memory).
    wanted = {c for t in returns.values() for c in t["episodes"].columns} | {"CUT"}
    final_eps = pd.concat(
        [
            frame[[c for c in frame.columns if c in wanted]]
            for frame in (history.care, history.short_breaks)
        ],
        ignore_index=True,
    )
    final_rev = history.reviews[
        [c for c in history.reviews.columns if c in {"DATE", *REVIEW_KEY, *ID}]
    ]
    final_rev = final_rev.rename(columns={"DATE": "REVIEW"})
    year_of = {
        str(f): y for y, t in returns.items() for k in t.values() for f in pd.unique(k["_FILE"])
    }
    final_rev = final_rev.assign(YEAR=final_rev["_FILE"].map(year_of))
    rows: list[Reconciled] = []
    for year, tables in sorted(returns.items()):
        period = Period.for_collection(year)
        stages = _steps(
            tables["episodes"],
            final_eps,
            EPISODE_KEY,
            year,
            issues,
            partial(_overlaps, period),
            partial(_episode_counts, period=period),
        )
        review_stages = _steps(
            tables["reviews"], final_rev, REVIEW_KEY, year, issues, partial(_reviewed, period), len
        )
        for fid, label in MEASURES:
            if fid == "reviews.held":
                names, counts = [c for c, _ in review_stages], [n for _, n in review_stages]
            else:
                names, counts = [c for c, _ in stages], [n[fid] for _, n in stages]
            causes = tuple(
                (cause, after - before)
                for cause, before, after in zip(names[1:], counts[:-1], counts[1:], strict=True)
                if after != before
            )
            rows.append(Reconciled(period.label, fid, label, counts[0], counts[-1], causes))
    return rows


def _overlaps(period: Period, episodes: pd.DataFrame) -> pd.Series:
    """Episodes that can count in the year: those overlapping it."""
    first, last = pd.Timestamp(period.start), pd.Timestamp(period.end)
    return (episodes["DECOM"] <= last) & (episodes["DEC"].isna() | (episodes["DEC"] >= first))


def _reviewed(period: Period, reviews: pd.DataFrame) -> pd.Series:
    return within(reviews["REVIEW"], period)


def _steps(
    own: pd.DataFrame,
    final: pd.DataFrame,
    key: list[str],
    year: int,
    issues: Issues,
    counts: Callable[[pd.DataFrame], pd.Series],
    measure: Callable[[pd.DataFrame], T],
) -> list[tuple[str, T]]:
    """The return alone, then each change that turns it into the stitched history, in turn
    (only the changes that touch a row: the others cannot change a count), each measured as
    it is made (`measure`: its counts), so one stage's rows at a time are in memory.

    A row of the return is kept (the same file and row are in the history), a duplicate
    (its key is there from another row of this return), revised (its key is there from a
    later return) or left out by the checks (its key is not there at all). The history's
    rows whose key this return lacks come from another return. Rows that cannot count in
    the year (`counts` false) are dropped first.
    """
    own = own.loc[counts(own)]
    final = final.loc[:, [c for c in final.columns if c in {*own.columns, "CUT"}]]
    rows = _classify(own, final, key, year)
    kept, left_out, duplicate, revised = rows.kept, rows.left_out, rows.duplicate, rows.revised
    useful = counts(final).to_numpy(dtype=bool)
    foreign = rows.foreign & useful
    mine = final.loc[rows.in_own & useful]
    replaced = final.loc[rows.from_revised & (final["YEAR"] != year).to_numpy() & useful]
    earlier = foreign & (final["YEAR"] < year).to_numpy()
    cut = bool(mine["CUT"].astype(bool).any()) if "CUT" in mine else False
    steps: list[tuple[bool, str, Callable[[], pd.DataFrame]]] = [
        (
            bool(left_out.any()),
            _left_out_cause(own.loc[left_out], issues),
            lambda: own.loc[~left_out],
        ),
        (
            bool(duplicate.any()),
            "the same row given twice in the return (one is used)",
            lambda: own.loc[kept | revised],
        ),
        (
            cut,
            "not kept open: the next return does not carry it",
            lambda: pd.concat([mine, own.loc[revised]], ignore_index=True),
        ),
        (
            bool(revised.any()),
            "revised by a later return (the later one wins)",
            lambda: pd.concat([mine, replaced]),
        ),
        (
            bool(earlier.any()),
            "carried from an earlier return",
            lambda: pd.concat([mine, replaced, final.loc[earlier]]),
        ),
        (
            bool((foreign & ~earlier).any()),
            "added by a later return",
            lambda: pd.concat([mine, replaced, final.loc[foreign]]),
        ),
    ]
    memory.release()  # the classification's codes and hash tables
    return [
        (cause, _measured(measure, frame))
        for changed, cause, frame in [(True, "", lambda: own), *steps]
        if changed
    ]


def _measured(measure: Callable[[pd.DataFrame], T], frame: Callable[[], pd.DataFrame]) -> T:
    """The stage's counts; its rows, freed, go back to the system before the next is made."""
    counts = measure(frame())
    memory.release()
    return counts


class Classified(NamedTuple):
    """Each row of the return (the first four) and of the history (the last three)."""

    kept: np.ndarray  # the same file and row are in the history
    left_out: np.ndarray  # its key is not in the history at all
    duplicate: np.ndarray  # its key is there from another row of this return
    revised: np.ndarray  # its key is there from a later return
    foreign: np.ndarray  # a history row whose key the return lacks
    in_own: np.ndarray  # a history row that is one of the return's rows
    from_revised: np.ndarray  # a history row whose key a revised row of the return has


def _classify(own: pd.DataFrame, final: pd.DataFrame, key: list[str], year: int) -> Classified:
    """The return's rows and the history's, classified by their codes.

    Its own function so that the codes, and the hash tables built on them, are freed before
    the stages are measured (England-size data: this is the peak of a build's memory).
    Membership is tested with hash tables (pandas' isin), not numpy's sort-based isin,
    which holds sorted copies of both arrays.
    """
    own_id, final_id = _codes(own, final, ID)
    own_key, final_key = _codes(own, final, key)
    kept = _isin(own_id, final_id)
    in_own = _isin(final_id, own_id)
    del own_id, final_id
    years = pd.Series(final["YEAR"].to_numpy(), index=final_key)
    source = years[~years.index.duplicated(keep="last")].reindex(own_key).to_numpy()
    del years
    left_out = ~kept & pd.isna(source)
    duplicate = ~kept & ~left_out & (source == year)
    revised = ~kept & ~left_out & ~duplicate
    foreign = ~_isin(final_key, own_key)
    from_revised = _isin(final_key, own_key[revised])
    return Classified(kept, left_out, duplicate, revised, foreign, in_own, from_revised)


def _isin(values: np.ndarray, of: np.ndarray) -> np.ndarray:
    """For each of `values`, whether it is one of `of` (as np.isin, by hash table)."""
    return np.asarray(pd.Index(values, copy=False).isin(of), dtype=bool)


def _codes(own: pd.DataFrame, final: pd.DataFrame, columns: list[str]) -> list[np.ndarray]:
    """One int64 per row of each frame standing for its values in `columns`: equal values,
    equal codes, across both frames."""
    codes = [np.zeros(len(own), dtype="int64"), np.zeros(len(final), dtype="int64")]
    for column in columns:
        both = pd.concat([own[column], final[column]], ignore_index=True)
        joint, uniques = pd.factorize(both.astype("int64") if column == "_ROW" else both)
        width = len(uniques) + 1
        codes = [codes[0] * width + joint[: len(own)], codes[1] * width + joint[len(own) :]]
    return codes


def _left_out_cause(rows: pd.DataFrame, issues: Issues) -> str:
    """'left out by the checks (rule, rule)': the error rules raised on these rows."""
    if rows.empty:
        return "left out by the data checks"
    wanted = {
        (str(f), issues.where(str(f), int(r)))
        for f, r in zip(rows["_FILE"], rows["_ROW"], strict=True)
    }
    rules = sorted(
        {
            str(r["rule"])
            for r in issues.rows
            if r["severity"] == "error" and (str(r["file"]), r["row"]) in wanted
        }
    )
    return "left out by the data checks" + (f" ({', '.join(rules)})" if rules else "")


def _episode_counts(eps: pd.DataFrame, period: Period) -> dict[str, int]:
    """The four DfE counts of children from episodes, short breaks left out."""
    care = eps.loc[~eps["LS"].isin(SHORT_BREAK)]
    cut = care["CUT"].fillna(False).astype(bool) if "CUT" in care else False
    care = care.assign(CUT=cut)
    child = care[CHILD_KEY]
    return {
        "cla.at_period_end": int(child[open_on(care, period.end)].nunique()),
        "cla.started": int(child[started_in(care, period)].nunique()),
        "cla.ceased": int(child[ceased_in(care, period)].nunique()),
        "cla.during_year": int(child[overlapping(care, period)].nunique()),
    }
