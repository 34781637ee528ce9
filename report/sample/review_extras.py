"""local/review_extras.csv (with its detail columns) and local/midway_reviews.csv."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from report.sample.allocation import Allocation, iro_on
from report.sample.dates import (
    LAST_YEAR,
    WINDOW_END,
    add_months,
    add_wd,
    fmt,
    fy_start,
    parse_dmy,
    wd_back,
)
from report.sample.draws import chance, pick, uni
from report.sample.files import local_columns, read_csv, write_csv
from report.sample.model import Child
from report.sample.weights import LATE_REASONS, RECORD_DAYS

# The loader's columns up to LATE_REASON; add_review_detail appends the rest from its own stream.
FIRST_COLUMNS = local_columns("review_extras", before="LATE_REASON")


def write_review_extras(
    local: Path, rng: np.random.Generator, cla: list[Child], by_child: dict[str, list[Allocation]]
) -> None:
    """Parents' participation and contact before each review from 2022-23, and midway reviews."""
    extras: list[list[str]] = []
    midway: list[tuple[str, date, str]] = []
    extras_from = date(LAST_YEAR - 2, 4, 1)
    midway_rate = {LAST_YEAR - 3: 0.45, LAST_YEAR - 2: 0.6, LAST_YEAR - 1: 0.72}
    for ch in cla:
        for p in ch.periods:
            for r in p.reviews:
                if r >= extras_from and chance(rng, 0.97):
                    iro = iro_on(by_child, ch.child_id, r)
                    na = ch.uasc or p.rec in ("E11", "E12") or chance(rng, 0.08)
                    parent = "NA" if na else "Y" if chance(rng, 0.7) else "N"
                    seen = "Y" if chance(rng, 0.78 if iro == "IRO08" else 0.87) else "N"
                    extras.append([ch.child_id, fmt(r), iro, parent, seen])
            marks = [p.start, *p.reviews]
            nexts = [*p.reviews, min(p.end, add_months(marks[-1], 6))]
            for prev, nxt in zip(marks, nexts, strict=True):
                if (nxt - prev).days < 60:
                    continue
                mid = wd_back(prev + timedelta(days=(nxt - prev).days // 2 + uni(rng, -10, 10)))
                rate = midway_rate.get(fy_start(mid), 0.0)
                if mid <= min(p.end, WINDOW_END) and chance(rng, rate):
                    midway.append((ch.child_id, mid, iro_on(by_child, ch.child_id, mid)))
    write_csv(local / "review_extras.csv", FIRST_COLUMNS, extras)
    write_csv(
        local / "midway_reviews.csv",
        local_columns("midway_reviews"),
        [[c, fmt(d), i] for c, d, i in sorted(midway)],
    )


def add_review_detail(local: Path, children: list[Child], seed: int) -> None:
    """Add LATE_REASON and RECORD_DATE to review_extras.csv (its own random stream, so the
    rest of the sample is unchanged). A review held after its due date (first 20 working days
    after the start, then 3 months, then 6 months; adoption restarts ignored) gets a reason
    most of the time; most records are completed within 20 working days."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(12, 3)))
    late: set[tuple[str, str]] = set()
    for ch in children:
        for p in ch.periods:
            due = add_wd(p.start, 20)
            for i, r in enumerate(p.reviews):
                if r > due:
                    late.add((ch.child_id, fmt(r)))
                due = add_months(r, 3 if i == 0 else 6)
    path = local / "review_extras.csv"
    rows = read_csv(path)
    out = []
    for row in rows[1:]:
        reviewed = parse_dmy(row[1])
        reason = ""
        if (row[0], row[1]) in late and chance(rng, 0.85):
            reason = pick(rng, LATE_REASONS)
        days = int(pick(rng, RECORD_DAYS)) + uni(rng, -2, 2)
        record = "" if chance(rng, 0.04) else fmt(add_wd(reviewed, max(days, 1)))
        out.append([*row, reason, record])
    write_csv(path, [*rows[0], "LATE_REASON", "RECORD_DATE"], out)
