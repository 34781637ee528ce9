"""Local extracts as systems export them: headers mapped to ours, wide surveys made long."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from report.load.tables import RawTable, TableError


def upper(mapping: Mapping[str, str]) -> dict[str, str]:
    """A header mapping as matched: both sides stripped and in upper case, like the headers."""
    return {k.strip().upper(): v.strip().upper() for k, v in mapping.items()}


def mapped(table: RawTable, columns: Mapping[str, str], ours: list[str]) -> RawTable:
    """The table with its headers renamed by `columns` (the export's header -> our column)."""
    if not columns:
        return table
    renames = upper(columns)
    wrong = sorted(f"{k} -> {v}" for k, v in renames.items() if v not in ours)
    if wrong:
        raise TableError(
            f"{table.name}: config.yaml local columns map to {', '.join(wrong)}, which is not a "
            f"column of this extract (expected one of {', '.join(ours)})"
        )
    absent = sorted(k for k in renames if k not in table.columns)
    if absent:
        raise TableError(
            f"{table.name}: config.yaml local columns name {', '.join(absent)}, which the file "
            f"does not have (its columns: {', '.join(sorted(table.columns))})"
        )
    targets = list(renames.values())
    clashes = sorted(
        {v for v in targets if targets.count(v) > 1}
        | {v for v in targets if v in table.columns and v not in renames}
    )
    if clashes:
        raise TableError(
            f"{table.name}: after the config.yaml local columns mapping, column(s) "
            f"{', '.join(clashes)} would appear twice"
        )
    return RawTable(table.name, table.frame.rename(columns=renames), table.spaced)


def unpivot(table: RawTable, questions: Mapping[str, str]) -> RawTable:
    """A wide survey export (one row per response, a column per question) as one row per
    answer: QUESTION holds the question code, ANSWER the answer; blank answers are dropped.
    Every other column (the response id, date, respondent, ...) is repeated on each answer,
    and the row number stays the response's row in the export."""
    codes = {k.strip().upper(): v.strip() for k, v in questions.items()}
    absent = sorted(k for k in codes if k not in table.frame.columns)
    if absent:
        raise TableError(
            f"{table.name}: config.yaml local feedback questions name {', '.join(absent)}, "
            f"which the file does not have (its columns: {', '.join(sorted(table.columns))})"
        )
    clash = sorted({"QUESTION", "ANSWER"} & (table.columns - set(codes)))
    if clash:
        raise TableError(
            f"{table.name}: a wide survey export cannot also have column(s) {', '.join(clash)}"
        )
    frame = table.frame
    keep = [c for c in frame.columns if c not in codes]
    parts = [
        frame[keep].assign(QUESTION=code, ANSWER=frame[header], _ORDER=i)
        for i, (header, code) in enumerate(codes.items())
    ]
    long = pd.concat(parts, ignore_index=True)
    long = long.loc[long["ANSWER"].str.strip() != ""]
    long = long.sort_values(["_ROW", "_ORDER"], kind="stable").drop(columns="_ORDER")
    return RawTable(table.name, long.reset_index(drop=True), table.spaced)
