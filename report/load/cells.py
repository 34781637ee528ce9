"""Check and parse text cells column by column: dates, codes, identifiers, flags, numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from report.i18n import N_
from report.load.issues import Issues

DMY = r"^\d{2}/\d{2}/\d{4}$"
ISO = r"^\d{4}-\d{2}-\d{2}$"
SERIAL = r"^\d{5}(\.0+)?$"
# A time after a local extract's date, as systems export them: "2019-04-01 00:00:00.000"
# (SQL Server), "2019-04-01T00:00:00", "01/04/2019 00:00". Midnight is the date itself.
TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"
MIDNIGHT = r"[ T]0?0:00(?::00(?:\.0+)?)?$"
Kind = Literal["id", "date", "code", "text", "flag", "number"]


@dataclass(frozen=True)
class Col:
    """One column's contract. `codes(year)` gives the allowed codes for a collection year."""

    name: str
    kind: Kind
    required: bool = True  # blank is an error
    key: bool = False  # a row whose key cell is unusable is left out of the figures
    codes: Callable[[int], frozenset[str]] | None = None
    expected: str = ""  # how the allowed values are described to the user
    iso_ok: bool = False  # local extracts accept yyyy-mm-dd as well


def parse_frame(frame: pd.DataFrame, columns: list[Col], year: int, issues: Issues) -> pd.DataFrame:
    """Typed copy of `frame` with the declared columns; rows with unusable keys dropped."""
    out = pd.DataFrame(index=frame.index)
    usable = pd.Series(True, index=frame.index)
    flagged: dict[str, pd.Series] = {}
    for col in columns:
        if col.name not in frame:
            out[col.name] = pd.Series(pd.NA, index=frame.index, dtype="object")
            continue
        before = len(issues.rows)
        values, bad = _parse(frame, col, year, issues)
        out[col.name] = values
        if col.key:
            usable &= ~bad
            issues.scope_since(before, "row")  # a key unusable: the row leaves every figure
        elif bad.any():
            flagged[bad_column(col.name)] = bad
    out["_FILE"] = frame["_FILE"]
    out["_ROW"] = frame["_ROW"]
    for name, bad in flagged.items():
        out[name] = bad
    return out.loc[usable].reset_index(drop=True)


def bad_column(name: str) -> str:
    """The marker column of rows whose `name` value is in error (present only when some are)."""
    return f"_BAD_{name}"


def in_error(frame: pd.DataFrame, name: str) -> pd.Series:
    """Rows whose `name` value was in error (blank, unknown code, not a date, ...): the value
    is left out of the figures that need it, rather than read as blank or "not known"."""
    marker = bad_column(name)
    if marker not in frame:
        return pd.Series(False, index=frame.index)
    return frame[marker].fillna(False).astype(bool)


def _parse(frame: pd.DataFrame, col: Col, year: int, issues: Issues) -> tuple[pd.Series, pd.Series]:
    text = frame[col.name].astype(str)
    blank = text == ""
    bad = pd.Series(False, index=frame.index)
    if col.required and blank.any():
        issues.add_frame(
            frame.loc[blank],
            col.name,
            "required",
            N_("{column} is blank; expected {want}", column=col.name, want=describe(col)),
        )
        bad |= blank
    if col.kind == "date":
        values, wrong = parse_dates(frame, col, issues)
    elif col.kind == "code":
        values, wrong = _codes(frame, col, year, issues)
    elif col.kind == "flag":
        values, wrong = _flags(frame, col, issues)
    elif col.kind == "number":
        values, wrong = _numbers(frame, col, issues)
    else:
        values, wrong = text.where(~blank, None), pd.Series(False, index=frame.index)
    return values, bad | wrong


def describe(col: Col) -> str:
    if col.expected:
        return col.expected
    if col.kind == "date":
        return (
            N_("a date as dd/mm/yyyy or yyyy-mm-dd") if col.iso_ok else N_("a date as dd/mm/yyyy")
        )
    if col.kind == "flag":
        return N_("Y or N")
    if col.kind == "number":
        return N_("a number")
    return N_("a value")


def per_value(text: pd.Series, convert: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """convert(text), computed once per distinct value (a column repeats few values)."""
    codes, uniques = pd.factorize(text)
    converted = convert(pd.Series(uniques, dtype=text.dtype))
    return pd.Series(converted.to_numpy()[codes], index=text.index, name=text.name)


def map_distinct(values: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    """values.map(fn), calling fn once per distinct value (blanks included) rather than per row."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = pd.Series(uniques, dtype=object).map(fn)
    return pd.Series(mapped.to_numpy()[codes], index=values.index, dtype=mapped.dtype)


def parse_dates(frame: pd.DataFrame, col: Col, issues: Issues) -> tuple[pd.Series, pd.Series]:
    text = frame[col.name].astype(str)
    blank = text == ""
    parsed = per_value(text, lambda values: _dates(values, col.iso_ok))
    wrong = ~blank & parsed.isna()
    if wrong.any():
        bad = frame.loc[wrong, ["_FILE", "_ROW"]].assign(_VALUE=text[wrong])
        messages = {v: _date_message(v, col) for v in pd.unique(bad["_VALUE"])}
        for file, row, value in zip(bad["_FILE"], bad["_ROW"], bad["_VALUE"], strict=True):
            issues.add(str(file), int(str(row)), col.name, value, "date", messages[value])
    if col.iso_ok:
        timed = parsed.notna() & per_value(text, _timed)
        if timed.any():
            issues.add_frame(
                frame.loc[timed],
                col.name,
                "date-time",
                N_(
                    "a date with a time of day; the date is used (expected {want}, or a date "
                    "with a midnight time such as 2019-04-01 00:00:00)",
                    want=describe(col),
                ),
                "warning",
            )
    return parsed, wrong


def _timed(text: pd.Series) -> pd.Series:
    """Values holding a time of day other than midnight."""
    return text.str.contains(TIME) & ~text.str.contains(MIDNIGHT)


def _dates(text: pd.Series, iso_ok: bool) -> pd.Series:
    if iso_ok:  # local extracts: a time after the date is allowed (midnight silently)
        text = text.str.replace(TIME, "", regex=True)
    dmy = text.str.match(DMY)
    iso = text.str.match(ISO)
    parsed = pd.to_datetime(text.where(dmy), format="%d/%m/%Y", errors="coerce")
    if iso_ok:
        parsed = parsed.fillna(pd.to_datetime(text.where(iso), format="%Y-%m-%d", errors="coerce"))
    return parsed.astype("datetime64[s]")


def _date_message(value: str, col: Col) -> str:
    want = describe(col)
    if pd.Series([value]).str.match(SERIAL).iloc[0]:
        return N_(
            "looks like an Excel date serial number; expected {want} (format the column as a date)",
            want=want,
        )
    if pd.Series([value]).str.match(ISO).iloc[0]:
        return N_("ISO date; expected {want}", want=want)
    if pd.Series([value]).str.match(r"^\d{1,2}/\d{1,2}/\d{2}$").iloc[0]:
        return N_("two-digit year; expected {want}", want=want)
    if pd.Series([value]).str.match(DMY).iloc[0]:
        return N_("no such date; expected {want}", want=want)
    return N_("not a date; expected {want}", want=want)


def _codes(frame: pd.DataFrame, col: Col, year: int, issues: Issues) -> tuple[pd.Series, pd.Series]:
    text = frame[col.name].astype(str)
    # Everything below is worked out once per distinct value (a column repeats few codes).
    codes, uniques = pd.factorize(text)
    given = pd.Series(uniques, dtype=text.dtype)
    normal = given.str.upper().str.replace(r"\s+", "", regex=True)
    filled = (normal != "").to_numpy(dtype=bool)
    changed = pd.Series(((normal != given).to_numpy(dtype=bool) & filled)[codes], index=text.index)
    if changed.any():
        issues.add_frame(
            frame.loc[changed],
            col.name,
            "code-normalised",
            N_("code in lower case or with spaces; read as upper case without spaces"),
            "warning",
        )
    allowed = col.codes(year) if col.codes else frozenset()
    unknown = filled & ~normal.isin(allowed).to_numpy(dtype=bool)
    wrong = pd.Series(unknown[codes], index=text.index)
    if wrong.any():
        issues.add_frame(
            frame.loc[wrong],
            col.name,
            "code-unknown",
            N_(
                "not a valid {column} code{in_year}; expected {want}",
                column=col.name,
                in_year=_in_year(year),
                want=describe_codes(col, year),
            ),
        )
    kept = normal.where(filled & ~unknown, None).to_numpy(dtype=object)[codes]
    return pd.Series(kept, index=text.index, name=text.name, dtype=normal.dtype), wrong


def _in_year(year: int) -> str:
    return N_(" for collection {year}", year=year) if year else ""


def describe_codes(col: Col, year: int) -> str:
    if col.expected:
        return col.expected
    codes = sorted(col.codes(year)) if col.codes else []
    if len(codes) <= 30:
        return N_("one of {codes}", codes=", ".join(codes))
    return N_("one of {count} codes", count=len(codes))


FLAG_VALUES = {"Y": True, "YES": True, "N": False, "NO": False}


def _flags(frame: pd.DataFrame, col: Col, issues: Issues) -> tuple[pd.Series, pd.Series]:
    text = per_value(frame[col.name].astype(str), lambda values: values.str.strip().str.upper())
    mapped = text.map(FLAG_VALUES)
    wrong = (text != "") & mapped.isna()
    if wrong.any():
        issues.add_frame(
            frame.loc[wrong], col.name, "flag", N_("expected {want}", want=describe(col))
        )
    return mapped.astype("boolean"), wrong


def _numbers(frame: pd.DataFrame, col: Col, issues: Issues) -> tuple[pd.Series, pd.Series]:
    text = frame[col.name].astype(str)
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    wrong = (text != "") & values.isna()
    if wrong.any():
        issues.add_frame(
            frame.loc[wrong], col.name, "number", N_("expected {want}", want=describe(col))
        )
    return values.astype(np.float64), wrong
