"""Read one CSV or XLSX file as text cells, whatever the encoding and delimiter Excel chose."""

from __future__ import annotations

import csv
import io
import re
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from report.i18n import N_
from report.load.files import InputError, read_input
from report.load.issues import Issues

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class TableError(Exception):
    """A file that cannot be read as a table at all (structural fault)."""


@dataclass
class RawTable:
    name: str  # as shown to the user, relative to the data folder
    frame: pd.DataFrame  # every cell a string as read; _FILE and _ROW added
    spaced: bool = True  # False when no cell can hold surrounding whitespace

    @property
    def columns(self) -> set[str]:
        return {c for c in self.frame.columns if not c.startswith("_")}

    def cells(self, columns: list[str]) -> pd.DataFrame:
        """The frame with surrounding whitespace removed from the cells of `columns` (those
        present): only the columns used are stripped, the others are left as read."""
        if not self.spaced:
            return self.frame
        return self.frame.assign(**{c: _strip(self.frame[c]) for c in columns if c in self.frame})


def _data_root(path: Path, name: str) -> Path:
    """The data folder: `path` less the parts of its name relative to that folder."""
    return Path(*path.parts[: len(path.parts) - len(Path(name).parts)])


def read_table(path: Path, name: str, issues: Issues, sheet: str | None = None) -> RawTable:
    """Read a table (a workbook's first sheet, or `sheet`); encoding, delimiter and format
    problems are reported, not guessed silently."""
    root = _data_root(path, name)
    try:
        data = read_input(path, root, name)
    except InputError as exc:
        raise TableError(str(exc)) from None
    if not data.strip():
        raise TableError(f"{name}: the file is empty (expected a header row and data rows)")
    if data.startswith(XLSX_MAGIC):
        frame = _read_xlsx(data, name, sheet)
    elif data.startswith(OLE_MAGIC):
        raise TableError(f"{name}: an old Excel .xls workbook; save it as CSV or .xlsx")
    else:
        frame = _read_csv(_decode(data, name, issues), name, issues)
    spaced = frame.attrs.pop(SPACED, True)
    return RawTable(name, _tidy(frame, name), spaced)


def _decode(data: bytes, name: str, issues: Issues) -> str:
    codec = _utf16(data)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise TableError(
                f"{name}: looks like UTF-16 text but is damaged or cut short; "
                "save it again as 'CSV UTF-8'"
            ) from None
        utf16 = N_("file is UTF-16; read as UTF-16")
        issues.add(name, None, "", "", "encoding", utf16, "warning")
        return text.lstrip("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise TableError(f"{name}: looks like a binary file, not a CSV table")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        issues.add(
            name,
            None,
            "",
            "",
            "encoding",
            N_(
                "file is not UTF-8; read as Windows-1252 (Excel 'CSV'); save as 'CSV UTF-8' "
                "to be sure"
            ),
            "warning",
        )
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "{", "[")):
        raise TableError(f"{name}: looks like an HTML, XML or JSON file, not a CSV table")
    return text


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec for `data` if it is UTF-16 text (with a byte-order mark or without)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        odd, even = sample[1::2], sample[0::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
            return "utf-16-be"
    return None


def _read_csv(text: str, name: str, issues: Issues) -> pd.DataFrame:
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t", "|"], key=first_line.count)
    fast = _read_plain_csv(text, delimiter)
    if fast is not None:
        return fast
    rows, numbers = _records(text, delimiter, name)
    if not rows:
        raise TableError(f"{name}: the file is empty (expected a header row and data rows)")
    header, body = rows[0], rows[1:]
    width = len(header)
    for record, line in zip(body, numbers[1:], strict=True):
        if any(cell.strip() for cell in record[width:]):
            issues.add(
                name,
                line,
                "",
                "",
                "extra-cells",
                N_(
                    "the row has {cells} cells but the header has {width}; the cells beyond "
                    "the last column are ignored",
                    cells=len(record),
                    width=width,
                ),
                "warning",
            )
    body = [(r + [""] * width)[:width] if len(r) != width else r for r in body]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame["_ROW"] = numbers[1:]
    return frame


def _records(text: str, delimiter: str, name: str) -> tuple[list[list[str]], list[int]]:
    """The non-blank records with their row numbers. A row is a record, as Excel numbers them
    (header = 1, blank rows counted), not a line: a quoted cell may hold line breaks. A quote
    that is never closed would swallow the rest of the file into one cell: it is an error
    naming the row and line where it opened."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    strict = True  # strict: a quote left open at the end of the file is an error
    while True:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
        rows, numbers = [], []
        record_no, opened = 0, 1
        try:
            for record in reader:
                record_no += 1
                if any(cell.strip() for cell in record):
                    rows.append(record)
                    numbers.append(record_no)
                opened = reader.line_num + 1
            return rows, numbers
        except csv.Error as exc:
            if "unexpected end of data" in str(exc) and strict:
                raise TableError(
                    f'{name}: row {record_no + 1} (line {opened}) opens a quote (") that is '
                    "never closed, so the rest of the file would be read as one cell; close "
                    "the quote or remove it"
                ) from None
            if not strict:
                raise TableError(f"{name}: not a readable CSV file ({exc})") from None
            strict = False  # a stray quote inside a cell ("a"b): read as Excel would


def _read_plain_csv(text: str, delimiter: str) -> pd.DataFrame | None:
    """The common case read by pandas' C parser, or None when the csv module path is needed.

    Only for text the csv module would split the same way with every line a row: no quotes,
    no NUL, no lone carriage return, no blank line (nothing but spaces and delimiters: the csv
    path skips it, so later row numbers would shift) and no row wider than the header (the C
    parser refuses one; the csv path then warns about it). Row numbers are then line numbers.
    """
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    body = text[:-1] if text.endswith("\n") else text
    blank = rf"[^\S\n]*(?:{re.escape(delimiter)}[^\S\n]*)*(?:\n|$)"  # after a line break
    if not body or re.match(blank, body) or re.search("\n" + blank, body):
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=delimiter,
            header=None,
            dtype=object,
            na_filter=False,
            quoting=csv.QUOTE_NONE,
            engine="c",
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, ValueError):
        return None
    header = [str(c) for c in frame.iloc[0]]
    frame = frame.iloc[1:]  # blank cells (NaN) become "" in _tidy
    frame.columns = pd.Index(header)
    frame = frame.reset_index(drop=True)
    frame["_ROW"] = range(2, len(frame) + 2)
    frame.attrs[SPACED] = bool(re.search(r"[^\S\n]", body))  # else no cell needs stripping
    return frame


SPACED = "iro_report_spaced"  # frame.attrs key: False when no cell holds any whitespace


# Bounds on a workbook, far above any council's extract (a year's 903 episodes of a large
# council is under 2 MB as XLSX): a bigger one is refused rather than left to run for minutes.
MAX_XLSX_BYTES = 25_000_000  # the file
MAX_XLSX_UNPACKED = 250_000_000  # its parts unpacked (a "zip bomb" claims far more)
MAX_XLSX_SECONDS = 60.0  # reading it


def _workbook_bytes(path: Path, name: str) -> bytes | None:
    """The file's bytes when it is a workbook (checked as any input), else None."""
    try:
        data = read_input(path, _data_root(path, name), name)
    except InputError as exc:
        raise TableError(str(exc)) from None
    return data if data.startswith(XLSX_MAGIC) else None


def read_tables(path: Path, name: str, issues: Issues) -> list[RawTable]:
    """Every table in a file: one for a CSV, one per non-empty sheet of a workbook (named
    `file.xlsx (sheet Name)` when the workbook has more than one)."""
    return list(_sheets(path, name, issues, label_one=False).values())


def read_sheets(path: Path, name: str, issues: Issues) -> dict[str, RawTable]:
    """Every non-empty sheet of a workbook as a table named `<name> (sheet <title>)`, by title
    (a file that is not a workbook: its one table under the title "")."""
    return _sheets(path, name, issues, label_one=True)


def _sheets(path: Path, name: str, issues: Issues, *, label_one: bool) -> dict[str, RawTable]:
    """The file's tables by sheet title ("" for a CSV); a lone sheet is named after the file
    alone unless `label_one`."""
    data = _workbook_bytes(path, name)
    if data is None:
        return {"": read_table(path, name, issues)}
    sheets = _read_workbook(data, name)
    labelled = label_one or len(sheets) > 1
    return {
        title: RawTable(label, _tidy(frame, label))
        for title, frame in sheets.items()
        for label in [f"{name} (sheet {title})" if labelled else name]
    }


def _read_xlsx(data: bytes, name: str, sheet: str | None = None) -> pd.DataFrame:
    """The workbook's first non-empty sheet, or the sheet named `sheet`."""
    sheets = _read_workbook(data, name)
    if sheet is None:
        return next(iter(sheets.values()))
    if sheet not in sheets:
        raise TableError(
            f"{name}: no sheet named {sheet!r} holding data (the workbook has "
            f"{', '.join(map(repr, sheets))})"
        )
    return sheets[sheet]


def _read_workbook(data: bytes, name: str) -> dict[str, pd.DataFrame]:
    """Each sheet holding any cell, in workbook order: its header row and data rows; a
    workbook over the size, unpacked size or time bounds is refused."""
    save = "save the sheet as CSV UTF-8 instead"
    if len(data) > MAX_XLSX_BYTES:
        raise TableError(
            f"{name}: the workbook is {len(data):,} bytes, more than the {MAX_XLSX_BYTES:,} a "
            f"workbook may have; {save}"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(f"{name}: not a readable Excel workbook ({type(exc).__name__})") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise TableError(
            f"{name}: the workbook unpacks to {unpacked:,} bytes, more than the "
            f"{MAX_XLSX_UNPACKED:,} allowed (a damaged or hostile file?); {save}"
        )
    book = _bounded(lambda: _parse_xlsx(data, name), MAX_XLSX_SECONDS, name, save)
    sheets = {}
    for sheet, raw in book.items():
        frame = raw.map(_xlsx_cell)
        frame.index = frame.index + 1  # Excel row numbers
        frame = frame.loc[~(frame.astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)]
        if frame.empty:
            continue
        header = [str(c) for c in frame.iloc[0]]
        body = frame.iloc[1:].astype(str)
        body.columns = pd.Index(header)
        body["_ROW"] = body.index
        sheets[str(sheet)] = body.reset_index(drop=True)
    if not sheets:
        raise TableError(f"{name}: every sheet of the workbook is empty")
    return sheets


def _parse_xlsx(data: bytes, name: str) -> dict[str, pd.DataFrame]:
    """Every sheet of the workbook as openpyxl reads it: cells as typed, no header."""
    try:
        book: dict[str, pd.DataFrame] = pd.read_excel(
            io.BytesIO(data),
            sheet_name=None,
            dtype=object,
            header=None,
            keep_default_na=False,
            engine="openpyxl",
        )
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise TableError(f"{name}: not a readable Excel workbook ({type(exc).__name__})") from None
    return book


def _bounded(
    read: Callable[[], dict[str, pd.DataFrame]], seconds: float, name: str, advice: str
) -> dict[str, pd.DataFrame]:
    """`read()` in a worker thread, given at most `seconds`; past that, an error (the thread is
    left to end with the process: nothing it makes is used)."""
    result: list[Any] = []

    def work() -> None:
        try:
            result.append(read())
        except BaseException as exc:  # handed to the caller
            result.append(exc)

    worker = threading.Thread(target=work, name=f"read {name}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive() or not result:
        raise TableError(f"{name}: reading the workbook took over {seconds:.0f} seconds; {advice}")
    if isinstance(result[0], BaseException):
        raise result[0]
    book: dict[str, pd.DataFrame] = result[0]
    return book


def _xlsx_cell(value: object) -> str:
    """A workbook cell as the text a CSV export would hold: dates as dd/mm/yyyy, 3 not 3.0."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime) and value.time() != datetime.min.time():
        return value.strftime("%d/%m/%Y %H:%M:%S")  # a time of day: the date parser flags it
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _tidy(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    rows = frame.pop("_ROW").astype(int).tolist()
    columns = [str(c).strip().upper().lstrip("\ufeff") for c in frame.columns]
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise TableError(
            f"{name}: column {', '.join(duplicated)} appears more than once in the header"
        )
    frame = frame.copy()
    frame.columns = pd.Index(columns)
    frame = frame.loc[:, [c for c in columns if c]]
    frame = frame.fillna("").astype(str)
    frame["_FILE"] = name
    frame["_ROW"] = rows
    return frame.reset_index(drop=True)


def _strip(column: pd.Series) -> pd.Series:
    """The column with surrounding whitespace removed; checked once per distinct value."""
    _, uniques = pd.factorize(column)
    if all(value == value.strip() for value in np.asarray(uniques, dtype=object)):
        return column
    return column.str.strip()
