"""Load a council's data folder: the 903 years stitched, local extracts, issues collected."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from report import memory
from report.config import LocalExtract
from report.dates import Period
from report.errors import EXIT_USAGE, ReportError
from report.i18n import N_
from report.load import local, ssda903
from report.load.benchmarks import read_benchmarks
from report.load.issues import Issues
from report.load.keys import CHILD_KEY
from report.load.priorities import Priorities, read_priorities
from report.load.voice import VoiceText, read_voice
from report.model import Benchmark


@dataclass
class Dataset:
    """Everything read from the data folder, checked cell by cell."""

    root: Path
    collections: list[int]  # the contiguous run of 903 collection years used
    horizon: date  # 1 April of the earliest collection year: data start here
    header: pd.DataFrame
    episodes: pd.DataFrame
    reviews: pd.DataFrame
    uasc: pd.DataFrame
    local: dict[str, pd.DataFrame] = field(default_factory=dict)
    issues: Issues = field(default_factory=Issues)
    priorities: Priorities | None = None  # priorities.yaml, when present
    voice: VoiceText | None = None  # voice.yaml (quotes, "You said, we did"), when present
    benchmarks: list[Benchmark] = field(default_factory=list)  # benchmarks.yaml's usable entries
    # Each collection year's own episodes and reviews as read (before stitching): what the
    # DfE would count from that return alone (the reconciliation in the appendix).
    returns: dict[int, dict[str, pd.DataFrame]] = field(default_factory=dict)


def load_dataset(
    root: Path, period: Period, local_settings: Mapping[str, LocalExtract] | None = None
) -> Dataset:
    """Read every 903 year up to the report year and the local extracts.

    Structural faults (missing files or columns, unreadable files) are gathered and raised
    as one ReportError; cell-level faults become issues.
    """
    if not root.is_dir():
        raise ReportError(f"Data folder not found: {root}", EXIT_USAGE)
    issues = Issues()
    problems: list[str] = []
    folders = ssda903.collection_folders(root)
    report_year = period.collection_year
    if report_year not in folders:
        have = ", ".join(str(y) for y in sorted(folders)) or "none"
        raise ReportError(
            f"No SSDA903 folder for {period.label}: expected "
            f"{root / 'ssda903' / str(report_year)}/ "
            f"(collection years are named by the year of 31 March; found: {have})"
        )
    run = _contiguous_run(sorted(y for y in folders if y <= report_year), report_year)
    skipped = sorted(y for y in folders if y < run[0])
    if skipped:
        issues.add(
            "ssda903",
            None,
            "",
            "",
            "year-gap",
            N_(
                "collection years {years} are not used: a year is missing between them and {first}",
                years=", ".join(map(str, skipped)),
                first=run[0],
            ),
            "warning",
        )
    years = {}
    for y in run:
        years[y] = ssda903.read_year(folders[y], y, root, issues, problems)
        memory.release()  # the year's cells as read are freed: give their pages back
    extracts = local.read_extracts(root, issues, problems, local_settings)
    memory.release()
    priorities = read_priorities(root, problems)
    voice = read_voice(root, issues, problems)
    benchmarks = read_benchmarks(root, issues, problems)
    if problems:
        raise ReportError.from_problems(
            f"The data in {root} cannot be used until these are fixed:", problems
        )
    add_child_keys(
        [
            *(table for tables in years.values() for table in tables.values()),
            *(frame for name, frame in extracts.items() if local.child_is_key(name)),
        ]
    )
    returns = {
        y: {kind: tables[kind][_RETURN_COLUMNS[kind]] for kind in _RETURN_COLUMNS}
        for y, tables in years.items()
    }
    stitched = ssda903.stitch(years, issues)
    del years
    memory.release()
    unmatched_children(stitched, extracts, issues)
    return Dataset(
        root=root,
        collections=run,
        horizon=Period.for_collection(run[0]).start,
        header=stitched["header"],
        episodes=stitched["episodes"],
        reviews=stitched["reviews"],
        uasc=stitched["uasc"],
        local=extracts,
        issues=issues,
        priorities=priorities,
        voice=voice,
        benchmarks=benchmarks,
        returns=returns,
    )


_RETURN_COLUMNS = {
    "episodes": [CHILD_KEY, "DECOM", "DEC", "RNE", "LS", "REC", "_FILE", "_ROW", "YEAR"],
    "reviews": [CHILD_KEY, "REVIEW", "_FILE", "_ROW", "YEAR"],
}


def add_child_keys(frames: list[pd.DataFrame]) -> None:
    """Give each frame (CHILD a key column: never blank) an int64 CHILD_KEY, in place.

    One key space across the frames, numbered in the sort order of the CHILD strings, so
    grouping, sorting, joining and matching on CHILD_KEY give what they would on CHILD, only
    on integers. The keys are internal: like CHILD itself they never reach an output.
    """
    if not frames:
        return
    ids = pd.concat([frame["CHILD"] for frame in frames], ignore_index=True)
    codes, _ = pd.factorize(ids, sort=True)
    start = 0
    for frame in frames:
        frame[CHILD_KEY] = codes[start : start + len(frame)].astype("int64")
        start += len(frame)


# Extracts about children who need not be in the 903 (child protection: most are not looked after).
NOT_LOOKED_AFTER = frozenset({"cp_conferences", "cp_plans"})


def unmatched_children(
    stitched: dict[str, pd.DataFrame], extracts: dict[str, pd.DataFrame], issues: Issues
) -> None:
    """An error for each local extract none of whose CHILD ids is in the 903 return: the two
    were exported with different ids (pseudonymised in one, not the other), so every figure
    that joins them would be empty."""
    known = pd.concat([stitched["header"]["CHILD"], stitched["episodes"]["CHILD"]]).dropna()
    if known.empty:
        return
    ids = set(known)
    for name, frame in sorted(extracts.items()):
        if "CHILD" not in frame or name in NOT_LOOKED_AFTER:
            continue
        theirs = frame["CHILD"].dropna()
        if theirs.empty or theirs.isin(ids).any():
            continue
        file = str(frame["_FILE"].iloc[0])
        distinct = theirs.nunique()
        issues.add(
            file,
            None,
            "CHILD",
            "",
            "child-ids-unmatched",
            N_(
                "none of the {count} CHILD ids in {file} are in the 903 return: is one of "
                "them pseudonymised? ({here} here; {there} in the 903 return). Export both "
                "with the same child ids",
                count=distinct,
                file=file,
                here=_id_shape(theirs),
                there=_id_shape(known),
            ),
        )


def _id_shape(ids: pd.Series) -> str:
    """How long the ids are, never what they are."""
    lengths = ids.astype(str).str.len()
    low, high = int(lengths.min()), int(lengths.max())
    if low == high:
        return N_("ids of {low} characters", low=low)
    return N_("ids of {low} to {high} characters", low=low, high=high)


def _contiguous_run(years: list[int], last: int) -> list[int]:
    run = [last]
    while run[0] - 1 in years:
        run.insert(0, run[0] - 1)
    return run
