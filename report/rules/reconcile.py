"""Each collection year's DfE counts from its own return beside the stitched history's, with
every difference counted by its cause (DOMAIN 11)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from report.dates import Period
from report.load.codes import SHORT_BREAK
from report.load.issues import Issues
from report.load.keys import CHILD_KEY
from report.model import Reconciled
from report.rules.cohorts import ceased_in, open_on, overlapping, started_in, within
from report.rules.history import CareHistory

MEASURES = (
    ("cla.at_period_end", "Children looked after at 31 March"),
    ("cla.started", "Children who started to be looked after (RNE S)"),
    ("cla.ceased", "Children who ceased to be looked after (REC not X1)"),
    ("cla.during_year", "Children looked after at any time in the year"),
    ("reviews.held", "Reviews held"),
)
EPISODE_KEY = [CHILD_KEY, "DECOM"]
REVIEW_KEY = [CHILD_KEY, "REVIEW"]
ID = ["_FILE", "_ROW"]


def reconcile(
    returns: dict[int, dict[str, pd.DataFrame]], history: CareHistory, issues: Issues
) -> list[Reconciled]:
    """Every collection year's reconciliation, oldest first."""
    final_eps = pd.concat([history.care, history.short_breaks], ignore_index=True)
    final_rev = history.reviews.rename(columns={"DATE": "REVIEW"})
    year_of = {
        str(f): y for y, t in returns.items() for k in t.values() for f in pd.unique(k["_FILE"])
    }
    final_rev = final_rev.assign(YEAR=final_rev["_FILE"].map(year_of))
    rows: list[Reconciled] = []
    for year, tables in sorted(returns.items()):
        period = Period.for_collection(year)
        counts = {fid: _episode_measure(fid, period) for fid, _ in MEASURES[:4]}
        steps = _steps(tables["episodes"], final_eps, EPISODE_KEY, year, issues)
        review_steps = _steps(tables["reviews"], final_rev, REVIEW_KEY, year, issues)
        for fid, label in MEASURES:
            if fid == "reviews.held":
                measure: Callable[[pd.DataFrame], int] = _reviews_held(period)
                stages = review_steps
            else:
                measure, stages = counts[fid], steps
            values = [measure(frame) for _, frame in stages]
            causes = tuple(
                (cause, after - before)
                for (cause, _), before, after in zip(stages[1:], values, values[1:], strict=False)
                if after != before
            )
            rows.append(Reconciled(period.label, fid, label, values[0], values[-1], causes))
    return rows


def _steps(
    own: pd.DataFrame, final: pd.DataFrame, key: list[str], year: int, issues: Issues
) -> list[tuple[str, pd.DataFrame]]:
    """The return alone, then each change that turns it into the stitched history, in turn.

    A row of the return is kept (the same file and row are in the history), a duplicate
    (its key is there from another row of this return), revised (its key is there from a
    later return) or left out by the checks (its key is not there at all). The history's
    rows whose key this return lacks come from another return.
    """
    final = final.loc[:, [c for c in final.columns if c in {*own.columns, "CUT"}]]
    own_ids, final_ids = _index(own, ID), _index(final, ID)
    kept = own_ids.isin(final_ids)
    years = final.set_index(key)["YEAR"]
    source = years[~years.index.duplicated(keep="last")].reindex(_index(own, key)).to_numpy()
    left_out = ~kept & pd.isna(source)
    duplicate = ~kept & ~left_out & (source == year)
    revised = ~kept & ~left_out & ~duplicate
    final_keys = _index(final, key)
    foreign = ~final_keys.isin(_index(own, key))
    mine = final.loc[final_ids.isin(own_ids)]
    replaced = final.loc[final_keys.isin(_index(own.loc[revised], key)) & (final["YEAR"] != year)]
    return [
        ("", own),
        (_left_out_cause(own.loc[left_out], issues), own.loc[~left_out]),
        ("the same row given twice in the return (one is used)", own.loc[kept | revised]),
        (
            "not kept open: the next return does not carry it",
            pd.concat([mine, own.loc[revised]], ignore_index=True),
        ),
        ("revised by a later return (the later one wins)", pd.concat([mine, replaced])),
        (
            "carried from an earlier return",
            pd.concat([mine, replaced, final.loc[foreign & (final["YEAR"] < year)]]),
        ),
        ("added by a later return", pd.concat([mine, replaced, final.loc[foreign]])),
    ]


def _index(frame: pd.DataFrame, columns: list[str]) -> pd.MultiIndex:
    part = frame[columns]
    if "_ROW" in columns:
        part = part.astype({"_ROW": "int64"})
    return pd.MultiIndex.from_frame(part)


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


def _episode_measure(fid: str, period: Period) -> Callable[[pd.DataFrame], int]:
    def measure(eps: pd.DataFrame) -> int:
        care = eps.loc[~eps["LS"].isin(SHORT_BREAK)]
        if "CUT" not in care:
            care = care.assign(CUT=False)
        care = care.assign(CUT=care["CUT"].fillna(False).astype(bool))
        rows = {
            "cla.at_period_end": lambda: open_on(care, period.end),
            "cla.started": lambda: started_in(care, period),
            "cla.ceased": lambda: ceased_in(care, period),
            "cla.during_year": lambda: overlapping(care, period),
        }[fid]()
        return int(care.loc[rows, CHILD_KEY].nunique())

    return measure


def _reviews_held(period: Period) -> Callable[[pd.DataFrame], int]:
    return lambda reviews: int(within(reviews["REVIEW"], period).sum())
