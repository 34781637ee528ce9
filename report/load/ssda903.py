"""SSDA903 return files: recognise each year's files, check every cell, stitch the years."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from report.load import codes
from report.load.cells import Col, parse_frame
from report.load.issues import Issues
from report.load.keys import child_key
from report.load.tables import RawTable, TableError, read_table

TABLE_SUFFIXES = (".csv", ".xlsx", ".txt")


CodeList = Callable[[int], frozenset[str]]


def _fixed(values: frozenset[str]) -> CodeList:
    return lambda _year: values


def _sex_codes(year: int) -> frozenset[str]:
    return frozenset(codes.SEX_OLD) if year <= 2024 else codes.SEX_NEW


@dataclass(frozen=True)
class Layout:
    """A DfE table layout: required columns identify it; `columns` are the ones we use."""

    kind: str
    required: frozenset[str]
    columns: tuple[Col, ...]


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "episodes",
        frozenset({"CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"}),
        (
            Col("CHILD", "id", key=True),
            Col("DECOM", "date", key=True),
            Col("RNE", "code", codes=_fixed(codes.RNE)),
            Col("LS", "code", codes=_fixed(codes.LEGAL_STATUS)),
            Col("CIN", "code", codes=_fixed(codes.CIN), required=False),
            Col("PLACE", "code", codes=codes.placement_codes),
            Col("DEC", "date", required=False, key=True),
            Col("REC", "code", required=False, codes=_fixed(codes.REC)),
        ),
    ),
    Layout(
        "reviews",
        frozenset({"CHILD", "REVIEW", "REVIEW_CODE"}),
        (
            Col("CHILD", "id", key=True),
            Col("REVIEW", "date", key=True),
            Col("REVIEW_CODE", "code", codes=_fixed(codes.REVIEW_CODE)),
        ),
    ),
    Layout(
        "uasc",
        frozenset({"CHILD", "DUC"}),
        (
            Col("CHILD", "id", key=True),
            Col("DUC", "date", required=False),
        ),
    ),
    Layout(
        "header",
        frozenset({"CHILD", "SEX", "DOB", "ETHNIC"}),
        (
            Col("CHILD", "id", key=True),
            Col(
                "SEX",
                "code",
                codes=_sex_codes,
                expected="1 or 2 up to 2023-24; M, F or U from 2024-25",
            ),
            Col("DOB", "date", key=True),
            Col("ETHNIC", "code", codes=_fixed(codes.ETHNIC)),
        ),
    ),
)
KINDS = tuple(layout.kind for layout in LAYOUTS)


def recognise(table: RawTable) -> Layout | None:
    for layout in LAYOUTS:
        if layout.required <= table.columns and not (
            layout.kind == "uasc" and "ETHNIC" in table.columns
        ):
            return layout
    return None


def _closest(table: RawTable) -> tuple[Layout, set[str]] | None:
    """The layout a file was probably meant to be, by file name or shared columns."""
    stem = Path(table.name).stem.lower()
    for layout in LAYOUTS:
        if layout.kind in stem:
            return layout, set(layout.required - table.columns)
    best = max(LAYOUTS, key=lambda lay: len(lay.required & table.columns))
    shared = best.required & table.columns
    if len(shared) >= 3:
        return best, set(best.required - table.columns)
    return None


def read_year(
    folder: Path, year: int, data_root: Path, issues: Issues, problems: list[str]
) -> dict[str, pd.DataFrame]:
    """Every recognised table of one collection year, parsed, with YEAR added."""
    found: dict[str, pd.DataFrame] = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES):
        name = path.relative_to(data_root).as_posix()
        try:
            table = read_table(path, name, issues)
        except TableError as exc:
            problems.append(str(exc))
            continue
        layout = recognise(table)
        if layout is None:
            guess = _closest(table)
            if guess:
                missing = ", ".join(sorted(guess[1]))
                problems.append(
                    f"{name}: looks like the 903 {guess[0].kind} file but column(s) "
                    f"{missing} are missing"
                )
            else:
                issues.add(
                    name,
                    None,
                    "",
                    "",
                    "file-ignored",
                    "not a 903 header, episodes, reviews or uasc file; ignored",
                    "warning",
                )
            continue
        if layout.kind in found:
            problems.append(
                f"{name}: a second 903 {layout.kind} file in {folder.name}/; "
                "keep one per collection year"
            )
            continue
        if table.frame.empty:
            issues.add(
                name, None, "", "", "no-rows", "the file has a header but no data rows", "warning"
            )
        columns = list(layout.columns)
        parsed = parse_frame(table.cells([c.name for c in columns]), columns, year, issues)
        parsed = _within_year(parsed, layout.kind, year, issues)
        parsed["YEAR"] = year
        found[layout.kind] = parsed
    for kind in ("header", "episodes", "reviews"):
        if kind not in found and not any(kind in p for p in problems):
            rel = folder.relative_to(data_root).as_posix()
            problems.append(
                f"{rel}/: no 903 {kind} file found (expected a CSV with columns "
                f"{', '.join(sorted(next(lay for lay in LAYOUTS if lay.kind == kind).required))})"
            )
    return found


# The event date of each row: a return cannot hold an event after its collection year ended.
EVENT_DATE = {"episodes": "DECOM", "reviews": "REVIEW"}


def _within_year(parsed: pd.DataFrame, kind: str, year: int, issues: Issues) -> pd.DataFrame:
    column = EVENT_DATE.get(kind)
    if column is None:
        return parsed
    end = pd.Timestamp(year, 3, 31)
    late = parsed[column].notna() & (parsed[column] > end)
    if late.any():
        issues.add_frame(
            parsed.loc[late],
            column,
            "after-collection-year",
            f"{column} is after 31/03/{year}, the end of the {year - 1}-{year % 100:02d} "
            f"collection year this file is in; the row is left out",
            scope="row",
        )
    return parsed.loc[~late].reset_index(drop=True)


YEAR_FOLDER = re.compile(r"^(\d{4})$")


def collection_folders(root: Path) -> dict[int, Path]:
    folder = root / "ssda903"
    if not folder.is_dir():
        return {}
    return {
        int(m.group(1)): p
        for p in sorted(folder.iterdir())
        if p.is_dir() and (m := YEAR_FOLDER.match(p.name))
    }


def stitch(years: dict[int, dict[str, pd.DataFrame]], issues: Issues) -> dict[str, pd.DataFrame]:
    """One frame per kind across years: later collections win for the same episode or review."""
    merged: dict[str, pd.DataFrame] = {}
    for kind, event in (("episodes", "DECOM"), ("reviews", "REVIEW"), ("header", ""), ("uasc", "")):
        frames = [tables[kind] for _, tables in sorted(years.items()) if kind in tables]
        if not frames:
            merged[kind] = pd.DataFrame(
                columns=[c.name for c in _layout(kind).columns] + ["_FILE", "_ROW", "YEAR"]
            )
            continue
        frame = pd.concat(frames, ignore_index=True)
        key = [child_key(frame), *([event] if event else [])]
        _duplicates_within_year(frame, key, kind, issues)
        if kind == "header":
            _conflicting_dob(frame, issues)
        frame = frame.sort_values([*key, "YEAR", "_ROW"], kind="stable")
        merged[kind] = frame.drop_duplicates(key, keep="last").reset_index(drop=True)
    header = merged["header"]
    header["SEX"] = header["SEX"].replace(codes.SEX_OLD)
    return merged


def _layout(kind: str) -> Layout:
    return next(lay for lay in LAYOUTS if lay.kind == kind)


def _duplicates_within_year(frame: pd.DataFrame, key: list[str], kind: str, issues: Issues) -> None:
    dup = frame.duplicated([*key, "YEAR"], keep="first")
    if dup.any():
        what = {
            "episodes": "episode (same CHILD and DECOM)",
            "reviews": "review (same CHILD and REVIEW date)",
            "header": "child (same CHILD)",
            "uasc": "child (same CHILD)",
        }[kind]
        issues.add_frame(
            frame.loc[dup],
            key[-1] if len(key) > 1 else "CHILD",
            "duplicate",
            f"duplicated {what} in the same file; the later row is used",
            "warning",
        )


def _conflicting_dob(header: pd.DataFrame, issues: Issues) -> None:
    key = child_key(header)
    dobs = header.dropna(subset=["DOB"]).groupby(key)["DOB"].nunique()
    conflicted = dobs[dobs > 1].index
    if len(conflicted):
        rows = header.loc[header[key].isin(conflicted)]
        rows = rows.loc[rows.duplicated(key, keep="first")]
        issues.add_frame(
            rows,
            "DOB",
            "dob-conflict",
            "this child has a different date of birth in another file or year; "
            "the latest collection's is used",
            "warning",
        )
