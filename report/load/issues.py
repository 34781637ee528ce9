"""Row-level data problems, kept as data: file, row, column, value, rule, severity."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from report.load.identifiers import DMY, POSTCODE, TOKEN, UPN

# "accepted": an error the council accepts in config.yaml (accepted_issues): it no longer
# blocks the build or marks it DRAFT, but the value is still left out of the figures.
Severity = Literal["error", "warning", "info", "accepted"]
SEVERITY_ORDER = {"error": 0, "accepted": 1, "warning": 2, "info": 3}

# Columns whose values identify a child: never echoed in messages, logs or outputs.
IDENTIFYING = frozenset(
    {"CHILD", "DOB", "UPN", "MC_DOB", "HOME_POST", "PL_POST", "POSTCODE", "MOTHER", "NAME"}
)
MASK = "(hidden: identifying)"

COLUMNS = ["file", "row", "column", "value", "rule", "severity", "message"]
# Columns that hold dates other than dates of birth: a dd/mm/yyyy value there is shown.
DATE_COLUMNS = frozenset(
    {"DECOM", "DEC", "REVIEW", "DUC", "DATE", "START", "END", "RAISED", "RESOLVED", "ANCHOR_DATE"}
    | {f"STAGE{n}_DATE" for n in range(1, 5)}
)


def _looks_identifying(column: str, text: str) -> bool:
    """A UPN or postcode anywhere, or a dd/mm/yyyy date outside a date column."""
    if UPN.search(text) or POSTCODE.search(text):
        return True
    return bool(DMY.search(text)) and column.upper() not in DATE_COLUMNS


def shown_value(column: str, value: object) -> str:
    """The value as it may be shown to the user: identifying columns are masked."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if column.upper() in IDENTIFYING:
        return MASK if str(value) != "" else ""
    if isinstance(value, pd.Timestamp):
        text = value.strftime("%d/%m/%Y")
        return MASK if _looks_identifying(column, text) else text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 0 as typed, not 0.0
    text = str(value)
    if _looks_identifying(column, text):
        return MASK
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass
class Issues:
    """Every problem found in one run. Row numbers are as seen in Excel: header = row 1.

    A file whose rows are not lines (an XML return) registers `places`: its row numbers
    are then shown as the element they stand for ("CHILD 12 > EPISODE 2").
    """

    rows: list[dict[str, object]] = field(default_factory=list)
    places: dict[str, list[str]] = field(default_factory=dict)

    def where(self, file: str, row: int | None) -> int | str:
        """The row as shown: its number, or the element it stands for in `places`."""
        if row is None:
            return ""
        shown = self.places.get(file)
        if shown is not None and 0 < row <= len(shown):
            return shown[row - 1]
        return row

    def add(
        self,
        file: str,
        row: int | None,
        column: str,
        value: object,
        rule: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        self.rows.append(
            {
                "file": file,
                "row": self.where(file, row),
                "column": column,
                "value": shown_value(column, value),
                "rule": rule,
                "severity": severity,
                "message": message,
            }
        )

    def add_frame(
        self,
        bad: pd.DataFrame,
        column: str,
        rule: str,
        message: str,
        severity: Severity = "error",
        value_column: str | None = None,
        scope: str = "",
    ) -> None:
        """One issue per row of `bad`, which carries the _FILE and _ROW columns. `scope` "row":
        the rows are left out of every figure."""
        start = len(self.rows)
        source = value_column or column
        shown: dict[tuple[type, object], str] = {}  # shown_value once per distinct value

        def show(value: object) -> str:
            try:
                key = (type(value), value)
                if key not in shown:
                    shown[key] = shown_value(column, value)
                return shown[key]
            except TypeError:  # unhashable
                return shown_value(column, value)

        self.rows.extend(
            {
                "file": str(file),
                "row": self.where(str(file), int(row)),
                "column": column,
                "value": show(value),
                "rule": rule,
                "severity": severity,
                "message": message,
            }
            for file, row, value in zip(
                bad["_FILE"],
                bad["_ROW"],
                bad[source] if source in bad else [""] * len(bad),
                strict=True,
            )
        )
        if scope:
            self.scope_since(start, scope)

    def scope_since(self, start: int, scope: str) -> None:
        """Record what the error rows added since `start` took out: "row" (every figure)."""
        for row in self.rows[start:]:
            if row["severity"] == "error":
                row["scope"] = scope

    def mask_known(self, known: frozenset[str]) -> None:
        """Mask values (and words of messages) equal to an identifier seen in the inputs,
        whatever column they stand under (a shifted row puts a DOB under another column)."""

        def hides(text: str) -> bool:
            upper = text.strip().upper()
            words = TOKEN.findall(text)
            return upper in known or any(w.upper() in known for w in words)

        for row in self.rows:
            value = str(row["value"])
            if value and value != MASK and hides(value):
                row["value"] = MASK
            message = str(row["message"])
            masked = TOKEN.sub(
                lambda m: MASK if m.group(0).upper() in known else m.group(0), message
            )
            if masked != message:  # else kept as it is: text marked for translation stays so
                row["message"] = masked

    def extend(self, other: Issues) -> None:
        self.rows.extend(other.rows)
        self.places.update(other.places)

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r["severity"] == "error")

    @property
    def accepted(self) -> int:
        return sum(1 for r in self.rows if r["severity"] == "accepted")

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.rows if r["severity"] == "warning")

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=COLUMNS)
        if frame.empty:
            return frame
        frame["_order"] = frame["row"].map(_row_order)
        return (
            frame.sort_values(["file", "_order", "column", "rule"], kind="stable")
            .drop(columns="_order")
            .reset_index(drop=True)
        )

    def sorted_rows(self) -> list[dict[str, object]]:
        return [{str(k): v for k, v in row.items()} for row in self.frame().to_dict("records")]

    def summary(self) -> list[dict[str, object]]:
        """Counts by file, rule and severity, with one example message each."""
        counts: Counter[tuple[str, str, str]] = Counter()
        example: dict[tuple[str, str, str], str] = {}
        reason: dict[tuple[str, str, str], str] = {}
        for r in self.rows:
            key = (str(r["file"]), str(r["rule"]), str(r["severity"]))
            counts[key] += 1
            message = r["message"]  # a Message (text marked for translation) keeps its msgid
            example.setdefault(key, message if isinstance(message, str) else str(message))
            if "reason" in r:
                reason.setdefault(key, str(r["reason"]))
        return [
            {
                "file": f,
                "rule": rule,
                "severity": sev,
                "count": n,
                "message": example[(f, rule, sev)],
                **({"reason": reason[(f, rule, sev)]} if (f, rule, sev) in reason else {}),
            }
            for (f, rule, sev), n in sorted(
                counts.items(), key=lambda kv: (SEVERITY_ORDER.get(kv[0][2], 3), kv[0][0], kv[0][1])
            )
        ]


def _row_order(row: object) -> tuple[int, ...]:
    """Rows in file order: a number, or the numbers in an element's place, in turn."""
    if isinstance(row, int):
        return (row,)
    return tuple(int(n) for n in re.findall(r"\d+", str(row))) or (0,)


def describe(row: dict[str, object]) -> str:
    """One line a user can act on: severity, file, row, column, value and what was expected."""
    place = row["row"]
    element = isinstance(place, str) and place and not place.isdigit()  # an XML element's place
    where = f"{row['file']}" + (f", {place}" if element else f" row {place}" if place != "" else "")
    column = f", column {row['column']}" if row["column"] else ""
    value = f", value {row['value']!r}" if row["value"] != "" else ""
    return f"{str(row['severity']).upper()}: {where}{column}{value}: {row['message']}"
