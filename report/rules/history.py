"""The care history built once from a dataset: periods, events, reviews, due dates, checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from report import memory
from report.dates import Period, ages_on
from report.i18n import N_
from report.load.dataset import Dataset
from report.load.issues import Issues, Severity
from report.load.keys import CHILD_KEY
from report.rules.cohorts import build_periods, split_short_breaks
from report.rules.timeliness import (
    ScheduleRules,
    adoption_placements,
    assign_reviews,
    build_events,
    due_dates,
    review_outcomes,
)


@dataclass
class CareHistory:
    """Derived frames every section shares; computed once per build."""

    header: pd.DataFrame  # CHILD, SEX (M/F/U), DOB, ETHNIC
    care: pd.DataFrame  # care episodes (no short breaks) with PERIOD_ID
    short_breaks: pd.DataFrame  # V3/V4 episodes
    periods: pd.DataFrame  # PERIOD_ID, CHILD, START, END, END_REC
    events: pd.DataFrame
    reviews: pd.DataFrame  # reviews in a period: DATE, DUE, ASSESSABLE, ON_TIME, SEQUENCE, AGE, ...
    due: pd.DataFrame  # assessable due dates: DUE, IS_DUE, MET
    uasc: pd.DataFrame  # CHILD, DUC
    horizon: date
    first_year: Period  # earliest reporting year the data fully cover


def build_history(data: Dataset, rules: ScheduleRules) -> CareHistory:
    issues = data.issues
    episodes = _checked_episodes(data.episodes, data.collections[-1], issues)
    care, short = split_short_breaks(episodes)
    care, periods = build_periods(care)
    _check_joins(care, issues)
    # assign, not copy(): copy-on-write shares the review columns with data.reviews
    reviews = data.reviews.assign(PERIOD_ID=assign_reviews(data.reviews, periods))
    _check_reviews(reviews, short, issues)
    in_care = reviews.loc[reviews["PERIOD_ID"].notna()]
    del reviews
    _check_known(data.episodes, data.header, issues)
    _check_known(data.reviews, data.header, issues)
    events = build_events(periods, adoption_placements(care, periods), in_care, data.horizon, rules)
    memory.release()  # the sorts and groupings that made the events are freed
    # the outcomes copy the reviews' rows: not the event columns they do not use
    outcomes = review_outcomes(
        events.drop(columns=[c for c in EVENT_ONLY if c not in EVENT_OUTCOME])
    )
    due = due_dates(events)
    # Kept for the sections: only the columns they read (England-size data: a third of the
    # memory of the care history is event columns used only to derive reviews and due dates)
    events = events[[c for c in EVENT_COLUMNS if c in events]]
    outcomes = outcomes.drop(columns=[c for c in EVENT_ONLY if c in outcomes])
    key = CHILD_KEY
    dobs = data.header.set_index(key)["DOB"].astype("datetime64[s]")
    dob = pd.Series(dobs.reindex(outcomes[key]).to_numpy(), index=outcomes.index)
    outcomes["AGE"] = ages_on(dob, outcomes["DATE"])
    _check_pn_codes(outcomes, issues)
    memory.release()
    return CareHistory(
        header=data.header,
        care=care,
        short_breaks=short,
        periods=periods,
        events=events,
        reviews=outcomes,
        due=due,
        uasc=data.uasc,
        horizon=data.horizon,
        first_year=Period.for_collection(data.collections[0]),
    )


# The events' columns the sections read (reviews.py: the review overdue at a day; K: the
# place of a review after its anchor).
EVENT_COLUMNS = [
    "PERIOD_ID",
    "CHILD",
    CHILD_KEY,
    "K",
    "DATE",
    "TYPE",
    "DUE_AFTER",
    "DUE_AFTER_OK",
    "END",
]
# What review_outcomes reads of the events' derivation columns (the rest it carries over).
EVENT_OUTCOME = ("PREV_DUE", "PREV_DUE_OK")
# The events' columns only the derivation of the review outcomes and due dates reads.
EVENT_ONLY = [
    "K",
    "ANCHOR_TYPE",
    "DUE_AFTER",
    "DUE_AFTER_OK",
    "PREV_DUE",
    "PREV_DUE_OK",
    "NEXT_DATE",
    "NEXT_TYPE",
]


def _checked_episodes(episodes: pd.DataFrame, last_year: int, issues: Issues) -> pd.DataFrame:
    eps = episodes.copy(deep=False)  # copy-on-write: a column is copied when it changes
    backwards = eps["DEC"].notna() & (eps["DEC"] < eps["DECOM"])
    if backwards.any():
        issues.add_frame(
            eps.loc[backwards],
            "DEC",
            "episode-ends-before-start",
            N_("the episode ends (DEC) before it starts (DECOM); the episode is left out"),
            scope="row",
        )
    eps = eps.loc[~backwards]
    rec_without_dec = eps["DEC"].isna() & eps["REC"].notna()
    if rec_without_dec.any():
        issues.add_frame(
            eps.loc[rec_without_dec],
            "REC",
            "rec-without-dec",
            N_(
                "REC is given but DEC is blank; expected both or neither; the REC is not used "
                "(the episode is open)"
            ),
        )
        eps.loc[rec_without_dec, "REC"] = None
    key = CHILD_KEY
    eps = eps.sort_values([key, "DECOM"], kind="stable").reset_index(drop=True)
    same = eps[key].eq(eps[key].shift())
    prev_dec = eps["DEC"].shift()
    overlap = same & (prev_dec.isna() | (prev_dec > eps["DECOM"]))
    # Two returns before the report year disagreeing is history: a warning, counted.
    prev_year = eps["YEAR"].shift()
    historic = eps["YEAR"].ne(prev_year) & (eps["YEAR"] < last_year) & (prev_year < last_year)
    levels: tuple[tuple[Severity, pd.Series, str], ...] = (
        (
            "error",
            overlap & ~historic,
            N_("this episode starts before the child's previous episode ended"),
        ),
        (
            "warning",
            overlap & historic,
            N_(
                "this episode starts before the child's previous episode ended (in two "
                "returns before the report year)"
            ),
        ),
    )
    for severity, rows, message in levels:
        if rows.any():
            issues.add_frame(
                eps.loc[rows],
                "DECOM",
                "overlapping-episodes",
                message,
                severity,
            )
    return eps


def _check_joins(care: pd.DataFrame, issues: Issues) -> None:
    nxt_period = care["PERIOD_ID"].shift(-1)
    x1_last = care["REC"].eq("X1") & care["PERIOD_ID"].ne(nxt_period)
    if x1_last.any():
        issues.add_frame(
            care.loc[x1_last],
            "REC",
            "x1-without-next",
            N_("REC is X1 (the period continues) but no episode starts on the DEC date"),
        )


def _check_reviews(reviews: pd.DataFrame, short: pd.DataFrame, issues: Issues) -> None:
    outside = reviews["PERIOD_ID"].isna()
    if not outside.any():
        return
    rows = reviews.loc[outside]
    key = CHILD_KEY
    spans = short[[key, "DECOM", "DEC"]].merge(rows[[key, "REVIEW"]].reset_index(), on=key)
    in_short = spans.loc[
        (spans["REVIEW"] >= spans["DECOM"])
        & (spans["DEC"].isna() | (spans["REVIEW"] <= spans["DEC"])),
        "index",
    ]
    short_rows = rows.loc[rows.index.isin(in_short)]
    other = rows.loc[~rows.index.isin(in_short)]
    if len(short_rows):
        issues.add_frame(
            short_rows,
            "REVIEW",
            "review-short-break",
            N_(
                "a review for a child on a short break (V3/V4); short breaks have no "
                "903 reviews; left out"
            ),
            scope="row",
        )
    if len(other):
        issues.add_frame(
            other,
            "REVIEW",
            "review-outside-care",
            N_("the review date is outside any period of care for this child; left out"),
            scope="row",
        )


def _check_known(frame: pd.DataFrame, header: pd.DataFrame, issues: Issues) -> None:
    key = CHILD_KEY
    unknown = ~frame[key].isin(header[key].unique())
    if unknown.any():
        issues.add_frame(
            frame.loc[unknown],
            "CHILD",
            "child-not-in-header",
            N_("this child is not in any 903 header file (no date of birth or sex)"),
        )


def _check_pn_codes(reviews: pd.DataFrame, issues: Issues) -> None:
    code = reviews["REVIEW_CODE"]
    under4 = reviews["AGE"] < 4
    pn0_old = (code == "PN0") & (reviews["AGE"] >= 4)
    pn_young = code.isin([f"PN{i}" for i in range(1, 8)]) & under4
    if pn0_old.any():
        issues.add_frame(
            reviews.loc[pn0_old],
            "REVIEW_CODE",
            "pn0-age",
            N_(
                "PN0 is for a child under 4 at the review, but this child was 4 or over "
                "(903 rule 440)"
            ),
        )
    if pn_young.any():
        issues.add_frame(
            reviews.loc[pn_young],
            "REVIEW_CODE",
            "pn-under4",
            N_(
                "PN1 to PN7 are for children aged 4 or over at the review, but this "
                "child was under 4 (903 rule 441); expected PN0"
            ),
        )
    # The code is in error either way: it is left out of the participation figures.
    reviews.loc[pn0_old | pn_young, "REVIEW_CODE"] = None
