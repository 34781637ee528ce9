"""Row-level data problems, kept as data: file, row, column, value, rule, severity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from report.load.identifiers import DMY, POSTCODE, TOKEN, UPN

Severity = Literal["error", "warning"]

# Columns whose values identify a child: never echoed in messages, logs or outputs.
IDENTIFYING = frozenset(
    {"CHILD", "DOB", "UPN", "MC_DOB", "HOME_POST", "PL_POST", "POSTCODE", "MOTHER", "NAME"}
)
MASK = "(hidden: identifying)"

COLUMNS = ["file", "row", "column", "value", "rule", "severity", "message"]
# Columns that hold dates other than dates of birth: a dd/mm/yyyy value there is shown.
DATE_COLUMNS = frozenset(
    {"DECOM", "DEC", "REVIEW", "DUC", "DATE", "START", "END", "RAISED", "RESOLVED", "ANCHOR_DATE"}
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
    """Every problem found in one run. Row numbers are as seen in Excel: header = row 1."""

    rows: list[dict[str, object]] = field(default_factory=list)

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
                "row": row if row is not None else "",
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
    ) -> None:
        """One issue per row of `bad`, which carries the _FILE and _ROW columns."""
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
                "row": int(row),
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
            row["message"] = TOKEN.sub(
                lambda m: MASK if m.group(0).upper() in known else m.group(0), message
            )

    def extend(self, other: Issues) -> None:
        self.rows.extend(other.rows)

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r["severity"] == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.rows if r["severity"] == "warning")

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=COLUMNS)
        if frame.empty:
            return frame
        frame["_order"] = frame["row"].map(lambda r: r if isinstance(r, int) else 0)
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
        for r in self.rows:
            key = (str(r["file"]), str(r["rule"]), str(r["severity"]))
            counts[key] += 1
            example.setdefault(key, str(r["message"]))
        return [
            {
                "file": f,
                "rule": rule,
                "severity": sev,
                "count": n,
                "message": example[(f, rule, sev)],
            }
            for (f, rule, sev), n in sorted(
                counts.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])
            )
        ]


def describe(row: dict[str, object]) -> str:
    """One line a user can act on: severity, file, row, column, value and what was expected."""
    where = f"{row['file']}" + (f" row {row['row']}" if row["row"] != "" else "")
    column = f", column {row['column']}" if row["column"] else ""
    value = f", value {row['value']!r}" if row["value"] != "" else ""
    return f"{str(row['severity']).upper()}: {where}{column}{value}: {row['message']}"
