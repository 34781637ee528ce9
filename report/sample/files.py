"""Writing and reading back the sample's files: UTF-8, no BOM, "\n" line ends."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from report.load.local import EXTRACTS


def write_csv(path: Path, header: Sequence[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def read_csv(path: Path) -> list[list[str]]:
    """The rows of a CSV file written by `write_csv`, its header first."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def local_columns(name: str, before: str = "") -> list[str]:
    """The columns of local extract `name` in the loader's order (load/local.py EXTRACTS);
    with `before`, only those ahead of that column."""
    names = [c.name for c in EXTRACTS[name].columns]
    return names[: names.index(before)] if before else names
