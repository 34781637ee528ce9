"""Checks across the rows and files of the local extracts; faulty rows are left out."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from report.i18n import N_
from report.load import escalation_stages
from report.load.cells import bad_column, in_error
from report.load.issues import Issues


def check_local_extracts(
    local: dict[str, pd.DataFrame],
    issues: Issues,
    questions: Collection[str] | None = None,
    services: Collection[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Issues for impossible values and broken links; returns the extracts without bad rows.
    `questions` are the declared feedback question codes and wordings, `services` the
    RAISED_WITH codes of escalations (config.yaml)."""
    checked = dict(local)
    if "iro_staff" in checked:
        checked["iro_staff"] = _staff(checked["iro_staff"], issues)
    for name, start, end in (
        ("iro_allocations", "START", "END"),
        ("iro_staff", "START", "END"),
        ("child_support", "DATE", "END"),
        ("cp_plans", "START", "END"),
    ):
        if name in checked:
            checked[name] = _ordered(checked[name], start, end, issues)
    if "iro_staff" in checked:
        checked["iro_staff"] = _overlapping(
            checked["iro_staff"],
            "IRO_ID",
            issues,
            "duplicate-post",
            N_(
                "this IRO already has a post covering these dates (row {row}); counting both "
                "would count their FTE twice. Record a change of hours as one row ending and "
                "the next starting; the row is left out"
            ),
        )
    if "iro_allocations" in checked:
        checked["iro_allocations"] = _overlapping(
            checked["iro_allocations"],
            "CHILD",
            issues,
            "overlapping-allocation",
            N_(
                "the child is already allocated to an IRO on these dates (row {row}); a child "
                "has one IRO at a time (END is the last day covered); the row is left out"
            ),
        )
    if "cp_plans" in checked:
        checked["cp_plans"] = _overlapping(
            checked["cp_plans"],
            "CHILD",
            issues,
            "overlapping-plan",
            N_(
                "the child already has a child protection plan covering these dates (row "
                "{row}); a child has one plan at a time (END is the last day covered); the row "
                "is left out"
            ),
        )
    if "feedback" in checked and questions:
        _declared_questions(checked["feedback"], questions, issues)
    if "iro_allocations" in checked and "iro_staff" in checked:
        _known_iros(checked["iro_allocations"], checked["iro_staff"], issues)
    if "escalations" in checked:
        checked["escalations"] = _escalations(checked["escalations"], issues)
        checked["escalations"] = escalation_stages.check(checked["escalations"], issues, services)
    return checked


def _staff(staff: pd.DataFrame, issues: Issues) -> pd.DataFrame:
    bad = staff["FTE"].notna() & ((staff["FTE"] <= 0) | (staff["FTE"] > 1))
    if bad.any():
        issues.add_frame(
            staff.loc[bad],
            "FTE",
            "fte-range",
            N_("FTE must be more than 0 and at most 1 (one post per row); the row is left out"),
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
            N_("{end} is before {start}; the row is left out", end=end, start=start),
            scope="row",
        )
    return frame.loc[~bad].reset_index(drop=True)


def _overlapping(
    frame: pd.DataFrame, who: str, issues: Issues, rule: str, message: str
) -> pd.DataFrame:
    """Rows whose START..END (END blank: still open) overlaps an earlier-starting row of the
    same `who`: an error on the later row (naming the earlier one), which is left out.
    `message` is a msgid marked with N_() whose {row} is the earlier row."""
    if frame.empty:
        return frame
    order = frame.sort_values([who, "START", "_ROW"], kind="stable")
    latest = pd.concat([order["START"], order["END"]]).max()  # an open END reaches past all
    ends = order["END"].fillna(latest)
    # The latest end so far among the earlier rows of the same person, and its row.
    reach = ends.groupby(order[who]).cummax().groupby(order[who]).shift()
    bad = reach.notna() & (order["START"] <= reach)
    if not bad.any():
        return frame
    keep = frame.index.difference(order.index[bad])
    position = {index: i for i, index in enumerate(order.index)}
    for index in order.index[bad]:
        # The earlier row (same person, started no later) that is still open on this START.
        earlier = order.iloc[: position[index]]
        earlier = earlier.loc[earlier[who] == order.at[index, who]]
        covering = earlier.loc[ends.loc[earlier.index] >= order.at[index, "START"], "_ROW"]
        text = N_(str(message), row=int(covering.iloc[0]))
        issues.add_frame(frame.loc[[index]], who, rule, text)
    return frame.loc[keep].reset_index(drop=True)


def _declared_questions(feedback: pd.DataFrame, questions: Collection[str], issues: Issues) -> None:
    declared = {_normal(q) for q in questions}
    asked = feedback["QUESTION"]
    unknown = asked.map(lambda v: isinstance(v, str) and _normal(v) not in declared).astype(bool)
    if unknown.any():
        issues.add_frame(
            feedback.loc[unknown],
            "QUESTION",
            "question-undeclared",
            N_(
                "this question is not declared in config.yaml (feedback.questions: code or "
                "text); its answers are left out"
            ),
            "warning",
        )


def _normal(text: str) -> str:
    """As the voice section matches a QUESTION: spacing and case do not matter."""
    return " ".join(text.split()).casefold()


def _known_iros(allocations: pd.DataFrame, staff: pd.DataFrame, issues: Issues) -> None:
    unknown = ~allocations["IRO_ID"].isin(set(staff["IRO_ID"]))
    if unknown.any():
        issues.add_frame(
            allocations.loc[unknown],
            "IRO_ID",
            "iro-not-in-staff",
            N_(
                "this IRO is not in local/iro_staff.csv; their caseload has no FTE, so the "
                "allocation is left out of the caseload figures"
            ),
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
            N_(
                "resolved before it was raised; left out of the timescales and of the concerns "
                "open at 31 March"
            ),
        )
        frame[bad_column("RESOLVED")] = in_error(frame, "RESOLVED") | backwards
    outcome_open = frame["RESOLVED"].notna() & frame["OUTCOME"].isna()
    if outcome_open.any():
        issues.add_frame(
            frame.loc[outcome_open],
            "OUTCOME",
            "outcome-missing",
            N_(
                "a resolved date but no OUTCOME; expected RESOLVED, PARTIAL, UNRESOLVED or "
                "WITHDRAWN"
            ),
            "warning",
        )
    duplicated = frame.duplicated("ESCALATION_ID", keep="first")
    if duplicated.any():
        issues.add_frame(
            frame.loc[duplicated],
            "ESCALATION_ID",
            "duplicate",
            N_("this ESCALATION_ID appears more than once; the first row is used"),
            scope="row",
        )
    return frame.loc[~duplicated].reset_index(drop=True)
