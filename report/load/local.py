"""Local extracts (our documented layouts): IRO staff, allocations, escalations, feedback, ..."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from report.config import LocalExtract
from report.load import exported
from report.load.cells import Col, parse_frame
from report.load.issues import Issues
from report.load.tables import RawTable, TableError, read_sheets, read_table


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
                Col("LATE_REASON", "text", required=False),
                _date("RECORD_DATE", required=False),
            ),
            "parents' participation, IRO contact before reviews, reasons reviews were late "
            "and when the review record was completed",
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
                Col("RAISED_WITH", "text", required=False),
                *(_date(f"STAGE{n}_DATE", required=False) for n in range(1, 5)),
                Col("LEGAL_ADVICE", "flag", required=False),
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
                Col(
                    "CHILD_ATTENDED",
                    "code",
                    required=False,
                    codes=_codes("Y", "N", "NA"),
                    expected="Y, N or NA",
                ),
                Col(
                    "PARENT_ATTENDED",
                    "code",
                    required=False,
                    codes=_codes("Y", "N", "NA"),
                    expected="Y, N or NA",
                ),
            ),
            "child protection conferences chaired by IROs",
        ),
        Extract(
            "iro_contacts",
            (
                Col("CHILD", "id", key=True),
                _date("DATE", key=True),
                Col("IRO_ID", "id", required=False),
                Col(
                    "KIND",
                    "code",
                    key=True,
                    codes=_codes("VISIT", "CONTACT"),
                    expected="VISIT (seen in person) or CONTACT (phone, video or message)",
                ),
                Col("BEFORE_REVIEW", "flag", required=False),
            ),
            "IRO visits and contact with children between and before reviews",
        ),
        Extract(
            "child_support",
            (
                Col("CHILD", "id", key=True),
                Col(
                    "KIND",
                    "code",
                    key=True,
                    codes=_codes("ADVOCACY_REFERRAL", "IV_MATCH"),
                    expected="ADVOCACY_REFERRAL or IV_MATCH",
                ),
                _date("DATE", key=True),
                _date("END", required=False, key=True),
            ),
            "advocacy referrals and independent visitor matches",
        ),
        Extract(
            "cp_plans",
            (
                Col("CHILD", "id", key=True),
                _date("START", key=True),
                _date("END", required=False, key=True),
                Col(
                    "CATEGORY",
                    "code",
                    required=False,
                    codes=_codes("N", "P", "E", "S", "M"),
                    expected="N, P, E, S or M",
                ),
            ),
            "child protection plans: how long they lasted and repeat plans",
        ),
    )
}


def child_is_key(name: str) -> bool:
    """Whether the extract's CHILD column is a key (rows with it blank are left out)."""
    return any(c.name == "CHILD" and c.key for c in EXTRACTS[name].columns)


def read_extracts(
    root: Path,
    issues: Issues,
    problems: list[str],
    settings: Mapping[str, LocalExtract] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every local extract present (CSV or XLSX); missing ones are simply absent.

    `settings` (config.yaml `local:`) may name an extract's file and sheet, map the export's
    headers to ours and, for feedback, unpivot a wide survey export.
    """
    found: dict[str, pd.DataFrame] = {}
    folder = root / "local"
    if not folder.is_dir():
        return found
    settings = settings or {}
    workbooks = _workbooks(folder, root, issues, problems)
    for extract in EXTRACTS.values():
        candidates = [folder / f"{extract.name}{ext}" for ext in (".csv", ".xlsx")]
        present = [p for p in candidates if p.exists() or p.is_symlink()]
        if len(present) > 1:
            names = " and ".join(p.relative_to(root).as_posix() for p in present)
            problems.append(f"{names} are both present: one extract, two files; keep one")
            continue
        given = settings.get(extract.name, LocalExtract())
        try:
            table = _locate(extract, given, folder, root, workbooks, issues)
        except TableError as exc:
            problems.append(str(exc))
            continue
        if table is None:
            continue
        try:
            table = exported.mapped(table, given.columns, [c.name for c in extract.columns])
            if given.questions:
                table = exported.unpivot(table, given.questions)
        except TableError as exc:
            problems.append(str(exc))
            continue
        missing = sorted(extract.required - table.columns)
        if missing:
            problems.append(
                f"{table.name}: required column(s) {', '.join(missing)} missing "
                f"(expected {', '.join(c.name for c in extract.columns)}"
                + "; headers of another name can be mapped to these in config.yaml under local:)"
            )
            continue
        columns = list(extract.columns)
        found[extract.name] = parse_frame(
            table.cells([c.name for c in columns]), columns, 0, issues
        )
    return found


def _locate(
    extract: Extract,
    given: LocalExtract,
    folder: Path,
    root: Path,
    workbooks: dict[Path, dict[str, RawTable]],
    issues: Issues,
) -> RawTable | None:
    """The extract's table: the configured file and sheet, <name>.csv/.xlsx, or a sheet of a
    workbook in local/ recognised by its columns; None when there is none."""
    if given.file:
        path = folder / given.file
        name = path.relative_to(root).as_posix()
        if not (path.exists() or path.is_symlink()):  # not a regular file: refused when read
            raise TableError(f"{name}: not found (named for {extract.name} in config.yaml)")
        if given.sheet is None and path in workbooks:
            return _recognised(extract, given, {path: workbooks[path]}, name)
        return read_table(path, name, issues, given.sheet)
    candidates = [folder / f"{extract.name}{ext}" for ext in (".csv", ".xlsx")]
    # anything by that name, a pipe or a link included: read_input refuses what is not a file
    default = next((p for p in candidates if p.exists() or p.is_symlink()), None)
    if default is not None:
        name = default.relative_to(root).as_posix()
        return read_table(default, name, issues, given.sheet)
    return _recognised(extract, given, workbooks, None)


def _recognised(
    extract: Extract,
    given: LocalExtract,
    workbooks: dict[Path, dict[str, RawTable]],
    named: str | None,
) -> RawTable | None:
    """The one sheet whose headers (after the configured mapping) hold the extract's columns."""
    needed = extract.required - ({"QUESTION", "ANSWER"} if given.questions else set())
    renames = exported.upper(given.columns)
    matches = []
    for sheets in workbooks.values():
        for table in sheets.values():
            headers = {renames.get(c, c) for c in table.columns}
            if needed <= headers and _fits_best(extract, headers, needed):
                matches.append(table)
    if len(matches) > 1:
        raise TableError(
            f"{extract.name}: sheets {', '.join(t.name for t in matches)} all have its columns; "
            f"name the sheet in config.yaml (local: {extract.name}: sheet: ...)"
        )
    if not matches and named:
        raise TableError(
            f"{named}: no sheet has the {extract.name} columns "
            f"({', '.join(sorted(needed))}); name the sheet in config.yaml"
        )
    return matches[0] if matches else None


def _fits_best(extract: Extract, headers: set[str], needed: frozenset[str]) -> bool:
    """A sheet is taken for the extract whose columns it holds most completely (midway
    reviews' columns are among review extras', and so on)."""

    def share(other: Extract) -> float:
        names = {c.name for c in other.columns}
        required = needed if other is extract else other.required
        return len(names & headers) / len(names) if required <= headers else -1.0

    best = max(EXTRACTS.values(), key=share)
    return best.name == extract.name


def _workbooks(
    folder: Path, root: Path, issues: Issues, problems: list[str]
) -> dict[Path, dict[str, RawTable]]:
    """Every sheet of every workbook in local/ not named after one extract."""
    books: dict[Path, dict[str, RawTable]] = {}
    for path in sorted(folder.glob("*.xlsx")):
        if path.stem in EXTRACTS or path.name.startswith("~$"):
            continue
        try:
            books[path] = read_sheets(path, path.relative_to(root).as_posix(), issues)
        except TableError as exc:
            problems.append(str(exc))
    return books
