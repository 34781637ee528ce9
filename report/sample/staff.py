"""local/iro_staff.csv (the IRO team) and local/iro_allocations.csv (who had which child)."""

from __future__ import annotations

from pathlib import Path

from report.sample.allocation import Allocation
from report.sample.dates import WINDOW_END, fmt
from report.sample.files import local_columns, write_csv
from report.sample.weights import IRO_TEAM


def write_staff(local: Path, allocations: list[Allocation]) -> None:
    write_csv(
        local / "iro_staff.csv",
        local_columns("iro_staff"),
        [[i, f"{f:.1f}", fmt(s), fmt(e), a] for i, f, s, e, a in IRO_TEAM],
    )
    allocs = sorted(allocations, key=lambda a: (a.child, a.start))
    write_csv(
        local / "iro_allocations.csv",
        local_columns("iro_allocations"),
        [
            [
                a.child,
                a.iro,
                fmt(a.start),
                fmt(a.end if a.end is not None and a.end <= WINDOW_END else None),
            ]
            for a in allocs
        ],
    )
