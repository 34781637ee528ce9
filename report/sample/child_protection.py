"""local/cp_conferences.csv and local/cp_plans.csv: child protection conferences and plans."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from report.sample.dates import (
    WINDOW_END,
    WINDOW_START,
    add_months,
    add_wd,
    fmt,
    wd_back,
    wd_forward,
    working_days,
)
from report.sample.draws import chance, pick, uni
from report.sample.files import local_columns, write_csv

ATTENDANCE_FROM = date(2022, 4, 1)


def write_cp(local: Path, rng: np.random.Generator, extra: np.random.Generator) -> None:
    """Child protection conferences for a separate cohort (ids 800000-899999), from April 2019,
    and their plans (`extra`: attendance and earlier plans, drawn after the conferences)."""
    ids = [str(x) for x in rng.choice(100000, size=3000, replace=False) + 800000]
    nxt = 0
    rows: list[tuple[str, date, list[str]]] = []
    days = working_days(date(WINDOW_START.year - 1, 4, 1), WINDOW_END)
    n_families = int(rng.poisson(88 * (len(days) / 253)))
    for _ in range(n_families):
        anchor = days[uni(rng, 0, len(days) - 1)]
        icpc = add_wd(anchor, uni(rng, 5, 15) if chance(rng, 0.8) else uni(rng, 16, 30))
        if icpc > WINDOW_END:
            continue
        size = int(rng.choice([1, 2, 3, 4], p=[0.55, 0.25, 0.13, 0.07]))
        kids = ids[nxt : nxt + size]
        nxt += size
        plan = chance(rng, 0.85)
        category = pick(rng, {"N": 50.0, "E": 36.0, "P": 7.0, "S": 5.0, "M": 2.0}) if plan else ""
        confs: list[tuple[str, date, str, str, str]] = [
            ("ICPC", icpc, fmt(anchor), category, "Y" if plan else "N")
        ]
        last, k = icpc, 0
        while plan:
            due = add_months(last, 3 if k == 0 else 6)
            held = (
                wd_forward(due + timedelta(days=uni(rng, 1, 20)))
                if chance(rng, 0.08)
                else wd_back(due - timedelta(days=uni(rng, 0, 14)))
            )
            if held > WINDOW_END:
                break
            k += 1
            plan = not chance(rng, [0.3, 0.45, 0.5, 0.6][min(k - 1, 3)])
            if plan and chance(rng, 0.05):
                category = pick(rng, {"N": 50.0, "E": 36.0, "P": 7.0, "S": 5.0, "M": 2.0})
            confs.append(("RCPC", held, "", category if plan else "", "Y" if plan else "N"))
            last = held
        for kid in kids:
            for typ, d, anc, cat, pl in confs:
                rows.append((kid, d, [kid, typ, fmt(d), anc, cat, pl]))
    rows.sort(key=lambda x: (x[0], x[1]))
    for _, d, row in rows:  # attendance, recorded from April 2022 (its own stream)
        recorded = d >= ATTENDANCE_FROM
        row.append(pick(extra, {"Y": 30.0, "N": 33.0, "NA": 35.0, "": 2.0}) if recorded else "")
        row.append(pick(extra, {"Y": 84.0, "N": 13.0, "NA": 2.0, "": 1.0}) if recorded else "")
    write_csv(
        local / "cp_conferences.csv",
        local_columns("cp_conferences"),
        [r for _, _, r in rows],
    )
    write_csv(local / "cp_plans.csv", local_columns("cp_plans"), cp_plans(rows, extra))


def cp_plans(rows: list[tuple[str, date, list[str]]], rng: np.random.Generator) -> list[list[str]]:
    """Each child's plans from their conferences (a plan starts at a conference deciding one
    and ends at the first later conference deciding none), and for about one child in six an
    earlier plan from before the conferences extract (a repeat plan)."""
    plans: list[list[str]] = []
    for kid in sorted({k for k, _, _ in rows}):
        mine = [(d, r) for k, d, r in rows if k == kid]
        start: date | None = None
        category = ""
        if chance(rng, 0.17):
            gap = uni(rng, 400, 2500)
            before = mine[0][0] - timedelta(days=gap)
            length = timedelta(days=uni(rng, 90, min(900, gap - 30)))
            plans.append([kid, fmt(before), fmt(before + length), pick(rng, {"N": 3.0, "E": 2.0})])
        for d, r in mine:
            on_plan = r[5] == "Y"
            if on_plan and start is None:
                start, category = d, r[4]
            elif not on_plan and start is not None:
                plans.append([kid, fmt(start), fmt(d), category])
                start = None
        if start is not None:
            plans.append([kid, fmt(start), "", category])
    return plans
