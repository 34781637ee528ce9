"""Checks across the rows and files of the local extracts; faulty rows are left out."""

from __future__ import annotations

import pandas as pd

from report.load.cells import bad_column, in_error
from report.load.issues import Issues


def check_local_extracts(local: dict[str, pd.DataFrame], issues: Issues) -> dict[str, pd.DataFrame]:
    """Issues for impossible values and broken links; returns the extracts without bad rows."""
    checked = dict(local)
    if "iro_staff" in checked:
        checked["iro_staff"] = _staff(checked["iro_staff"], issues)
    for name, start, end in (("iro_allocations", "START", "END"), ("iro_staff", "START", "END")):
        if name in checked:
            checked[name] = _ordered(checked[name], start, end, issues)
    if "iro_allocations" in checked and "iro_staff" in checked:
        _known_iros(checked["iro_allocations"], checked["iro_staff"], issues)
    if "escalations" in checked:
        checked["escalations"] = _escalations(checked["escalations"], issues)
    return checked


def _staff(staff: pd.DataFrame, issues: Issues) -> pd.DataFrame:
    bad = staff["FTE"].notna() & ((staff["FTE"] <= 0) | (staff["FTE"] > 1))
    if bad.any():
        issues.add_frame(
            staff.loc[bad],
            "FTE",
            "fte-range",
            "FTE must be more than 0 and at most 1 (one post per row); the row is left out",
            scope="row",
        )
    return staff.loc[~bad].reset_index(drop=True)


def _ordered(frame: pd.DataFrame, start: str, end: str, issues: Issues) -> pd.DataFrame:
    bad = frame[end].notna() & (frame[end] < frame[start])
    if bad.any():
        issues.add_frame(
            frame.loc[bad],
            end,
            "ends-before-start",
            f"{end} is before {start}; the row is left out",
            scope="row",
        )
    return frame.loc[~bad].reset_index(drop=True)


def _known_iros(allocations: pd.DataFrame, staff: pd.DataFrame, issues: Issues) -> None:
    unknown = ~allocations["IRO_ID"].isin(set(staff["IRO_ID"]))
    if unknown.any():
        issues.add_frame(
            allocations.loc[unknown],
            "IRO_ID",
            "iro-not-in-staff",
            "this IRO is not in local/iro_staff.csv; their caseload has no FTE, so the "
            "allocation is left out of the caseload figures",
        )
        allocations[bad_column("IRO_ID")] = unknown


def _escalations(escalations: pd.DataFrame, issues: Issues) -> pd.DataFrame:
    frame = escalations.copy()
    backwards = frame["RESOLVED"].notna() & (frame["RESOLVED"] < frame["RAISED"])
    if backwards.any():
        issues.add_frame(
            frame.loc[backwards],
            "RESOLVED",
            "resolved-before-raised",
            "resolved before it was raised; left out of the timescales and of the concerns "
            "open at 31 March",
        )
        frame[bad_column("RESOLVED")] = in_error(frame, "RESOLVED") | backwards
    outcome_open = frame["RESOLVED"].notna() & frame["OUTCOME"].isna()
    if outcome_open.any():
        issues.add_frame(
            frame.loc[outcome_open],
            "OUTCOME",
            "outcome-missing",
            "a resolved date but no OUTCOME; expected RESOLVED, PARTIAL, UNRESOLVED or WITHDRAWN",
            "warning",
        )
    duplicated = frame.duplicated("ESCALATION_ID", keep="first")
    if duplicated.any():
        issues.add_frame(
            frame.loc[duplicated],
            "ESCALATION_ID",
            "duplicate",
            "this ESCALATION_ID appears more than once; the first row is used",
            scope="row",
        )
    return frame.loc[~duplicated].reset_index(drop=True)
