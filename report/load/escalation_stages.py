"""Checks of the optional dispute columns: stage dates in order, RAISED_WITH codes listed."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from report.i18n import N_
from report.load.cells import bad_column, in_error
from report.load.issues import Issues

STAGE_DATES = tuple(f"STAGE{n}_DATE" for n in range(1, 5))
# The formal stage (1-4) of each STAGE_REACHED code; INFORMAL is 0.
STAGE_NUMBER = {"INFORMAL": 0, "STAGE1": 1, "STAGE2": 2, "STAGE3": 3, "STAGE4": 4}


def check(
    escalations: pd.DataFrame, issues: Issues, services: Collection[str] | None
) -> pd.DataFrame:
    """Stage dates that cannot be right (before RAISED, after RESOLVED, before an earlier
    stage's date, or for a stage above STAGE_REACHED) are errors: the concern's stage dates
    are left out of the working days at each stage. A RAISED_WITH code not listed in
    config.yaml is a warning (counted as Other)."""
    frame = escalations
    if any(c in frame for c in STAGE_DATES):
        frame = _stage_dates(frame, issues)
    if "RAISED_WITH" in frame and services is not None:
        _services(frame, issues, services)
    return frame


def _stage_dates(frame: pd.DataFrame, issues: Issues) -> pd.DataFrame:
    frame = frame.copy()
    reached = frame["STAGE_REACHED"].map(STAGE_NUMBER)
    bad_any = pd.Series(False, index=frame.index)
    previous = frame["RAISED"]  # the latest date so far: RAISED, then each stage given
    resolved = frame["RESOLVED"].where(~in_error(frame, "RESOLVED"))
    for n, column in enumerate(STAGE_DATES, start=1):
        if column not in frame:
            continue
        day = frame[column]
        given = day.notna()
        before = given & (day < previous)
        after = given & resolved.notna() & (day > resolved)
        above = given & reached.notna() & (reached < n)
        for mask, what in (
            (before, N_("before the concern was raised or before an earlier stage's date")),
            (after, N_("after the concern was RESOLVED")),
            (above, N_("for stage {n}, above the STAGE_REACHED recorded", n=n)),
        ):
            new = mask & ~bad_any
            if new.any():
                issues.add_frame(
                    frame.loc[new],
                    column,
                    "stage-dates",
                    N_(
                        "{column} is {what}; expected RAISED <= STAGE1_DATE <= ... <= "
                        "STAGE4_DATE <= RESOLVED, only for stages reached. The concern's stage "
                        "dates are left out of the working days at each stage",
                        column=column,
                        what=what,
                    ),
                )
            bad_any |= mask
        previous = day.where(given & ~before, previous)
    if bad_any.any():
        for column in STAGE_DATES:
            if column in frame:
                frame[bad_column(column)] = in_error(frame, column) | bad_any
    return frame


def _services(frame: pd.DataFrame, issues: Issues, services: Collection[str]) -> None:
    listed = {" ".join(s.split()).casefold() for s in services}
    code = frame["RAISED_WITH"]
    unlisted = code.map(
        lambda v: isinstance(v, str) and " ".join(v.split()).casefold() not in listed
    ).astype(bool)
    if unlisted.any():
        expected = ", ".join(services) if services else N_("none listed")
        issues.add_frame(
            frame.loc[unlisted],
            "RAISED_WITH",
            "code-unlisted",
            N_(
                "RAISED_WITH is not one of the codes in config.yaml "
                "(publishing.escalation_services: {expected}); it is counted as Other",
                expected=expected,
            ),
            "warning",
        )
