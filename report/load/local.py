"""Local extracts (our documented layouts): IRO staff, allocations, escalations, feedback, ..."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from report.load.cells import Col, parse_frame
from report.load.issues import Issues
from report.load.tables import TableError, read_table


def _codes(*values: str) -> Callable[[int], frozenset[str]]:
    allowed = frozenset(values)
    return lambda _year: allowed


@dataclass(frozen=True)
class Extract:
    name: str  # file stem under local/
    columns: tuple[Col, ...]
    purpose: str

    @property
    def required(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns if c.required or c.key)


def _date(name: str, required: bool = True, key: bool = False) -> Col:
    return Col(name, "date", required=required, key=key, iso_ok=True)


STAGES = ("INFORMAL", "STAGE1", "STAGE2", "STAGE3", "STAGE4")
EXTRACTS: dict[str, Extract] = {
    e.name: e
    for e in (
        Extract(
            "iro_staff",
            (
                Col("IRO_ID", "id", key=True),
                Col("FTE", "number", key=True, expected="a number greater than 0 and at most 1"),
                _date("START", key=True),
                _date("END", required=False, key=True),
                Col("AGENCY", "flag", required=False),
            ),
            "IROs in post: the IRO service section",
        ),
        Extract(
            "iro_allocations",
            (
                Col("CHILD", "id", key=True),
                Col("IRO_ID", "id", key=True),
                _date("START", key=True),
                _date("END", required=False, key=True),
            ),
            "which IRO each child had: caseloads and continuity",
        ),
        Extract(
            "review_extras",
            (
                Col("CHILD", "id", key=True),
                _date("REVIEW", key=True),
                Col("IRO_ID", "id", required=False),
                Col(
                    "PARENT_PARTICIPATION",
                    "code",
                    required=False,
                    codes=_codes("Y", "N", "NA"),
                    expected="Y, N or NA",
                ),
                Col("SEEN_BEFORE", "flag", required=False),
            ),
            "parents' participation and IRO contact before reviews",
        ),
        Extract(
            "midway_reviews",
            (
                Col("CHILD", "id", key=True),
                _date("DATE", key=True),
                Col("IRO_ID", "id", required=False),
            ),
            "midway reviews: quality assurance",
        ),
        Extract(
            "escalations",
            (
                Col("ESCALATION_ID", "id", key=True),
                Col("CHILD", "id", required=False),
                Col("IRO_ID", "id", required=False),
                Col(
                    "KIND",
                    "code",
                    key=True,
                    codes=_codes("CONCERN", "GOOD_PRACTICE"),
                    expected="CONCERN or GOOD_PRACTICE",
                ),
                _date("RAISED", key=True),
                Col("THEME", "text", required=False),
                Col(
                    "STAGE_REACHED",
                    "code",
                    required=False,
                    codes=_codes(*STAGES),
                    expected="INFORMAL or STAGE1 to STAGE4",
                ),
                _date("RESOLVED", required=False),
                Col(
                    "OUTCOME",
                    "code",
                    required=False,
                    codes=_codes("RESOLVED", "PARTIAL", "UNRESOLVED", "WITHDRAWN"),
                    expected="RESOLVED, PARTIAL, UNRESOLVED, WITHDRAWN or blank while open",
                ),
                Col("CAFCASS", "flag", required=False),
            ),
            "dispute resolution: escalations and good-practice alerts",
        ),
        Extract(
            "feedback",
            (
                Col("RESPONSE_ID", "id", key=True),
                _date("DATE", key=True),
                Col("SOURCE", "text", required=False),
                Col(
                    "RESPONDENT",
                    "code",
                    key=True,
                    codes=_codes("CHILD", "PARENT", "CARER", "PROFESSIONAL"),
                    expected="CHILD, PARENT, CARER or PROFESSIONAL",
                ),
                Col("CHILD", "id", required=False),
                Col("QUESTION", "text", key=True),
                Col("ANSWER", "text", required=False),
            ),
            "feedback from children, families and professionals",
        ),
        Extract(
            "cp_conferences",
            (
                Col("CHILD", "id", key=True),
                Col(
                    "TYPE", "code", key=True, codes=_codes("ICPC", "RCPC"), expected="ICPC or RCPC"
                ),
                _date("DATE", key=True),
                _date("ANCHOR_DATE", required=False),
                Col(
                    "CATEGORY",
                    "code",
                    required=False,
                    codes=_codes("N", "P", "E", "S", "M"),
                    expected="N, P, E, S or M",
                ),
                Col("PLAN", "flag", required=False),
            ),
            "child protection conferences chaired by IROs",
        ),
    )
}


def child_is_key(name: str) -> bool:
    """Whether the extract's CHILD column is a key (rows with it blank are left out)."""
    return any(c.name == "CHILD" and c.key for c in EXTRACTS[name].columns)


def read_extracts(root: Path, issues: Issues, problems: list[str]) -> dict[str, pd.DataFrame]:
    """Every local extract present (CSV or XLSX); missing ones are simply absent."""
    found: dict[str, pd.DataFrame] = {}
    folder = root / "local"
    if not folder.is_dir():
        return found
    for extract in EXTRACTS.values():
        candidates = [folder / f"{extract.name}{ext}" for ext in (".csv", ".xlsx")]
        present = [p for p in candidates if p.exists() or p.is_symlink()]
        if len(present) > 1:
            names = " and ".join(p.relative_to(root).as_posix() for p in present)
            problems.append(f"{names} are both present: one extract, two files; keep one")
            continue
        path = present[0] if present else None
        if path is None:
            continue
        name = path.relative_to(root).as_posix()
        try:
            table = read_table(path, name, issues)
        except TableError as exc:
            problems.append(str(exc))
            continue
        missing = sorted(extract.required - table.columns)
        if missing:
            problems.append(
                f"{name}: required column(s) {', '.join(missing)} missing "
                f"(expected {', '.join(c.name for c in extract.columns)})"
            )
            continue
        columns = list(extract.columns)
        found[extract.name] = parse_frame(
            table.cells([c.name for c in columns]), columns, 0, issues
        )
    return found
