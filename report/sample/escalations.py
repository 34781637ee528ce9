"""local/escalations.csv: concerns and good-practice alerts, then their dispute detail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from report.sample.allocation import Allocation, iro_on
from report.sample.dates import (
    LAST_YEAR,
    WINDOW_END,
    add_wd,
    fmt,
    parse_dmy,
    wd_count,
    working_days,
)
from report.sample.draws import chance, pick, uni
from report.sample.files import local_columns, read_csv, write_csv
from report.sample.model import Child, Period
from report.sample.weights import RAISED_WITH, THEMES

# The loader's columns up to RAISED_WITH; add_escalation_detail appends the rest (the stage
# dates, LEGAL_ADVICE) from its own stream.
FIRST_COLUMNS = local_columns("escalations", before="RAISED_WITH")


def looked_after_on(children: list[Child], d: date) -> list[tuple[Child, Period]]:
    return [
        (ch, p)
        for ch in children
        if not ch.short_break
        for p in ch.periods
        if p.start <= d <= p.end
    ]


def write_escalations(
    local: Path,
    rng: np.random.Generator,
    children: list[Child],
    by_child: dict[str, list[Allocation]],
) -> None:
    """Concerns and good-practice alerts raised by IROs from 2021-22, each about a child then
    looked after."""
    esc: list[tuple[date, str, list[str]]] = []
    for fy in range(LAST_YEAR - 3, LAST_YEAR):
        days = working_days(date(fy, 4, 1), date(fy + 1, 3, 31))
        for kind, n in (("CONCERN", int(rng.poisson(75))), ("GOOD_PRACTICE", int(rng.poisson(30)))):
            for _ in range(n):
                raised = days[uni(rng, 0, len(days) - 1)]
                pool = looked_after_on(children, raised)
                ch, _p = pool[uni(rng, 0, len(pool) - 1)]
                iro = iro_on(by_child, ch.child_id, raised)
                theme = pick(rng, THEMES)
                resolved: date | None
                if kind == "GOOD_PRACTICE":
                    stage, resolved, outcome, cafcass = "INFORMAL", raised, "RESOLVED", "N"
                else:
                    stage = pick(
                        rng,
                        {
                            "INFORMAL": 70.0,
                            "STAGE1": 16.0,
                            "STAGE2": 8.0,
                            "STAGE3": 4.0,
                            "STAGE4": 2.0,
                        },
                    )
                    lo, hi = {
                        "INFORMAL": (3, 28),
                        "STAGE1": (10, 35),
                        "STAGE2": (18, 60),
                        "STAGE3": (28, 90),
                        "STAGE4": (40, 120),
                    }[stage]
                    if chance(rng, 0.04):  # drags on, e.g. while a court or another agency acts
                        lo, hi = 60, 150
                    resolved = add_wd(raised, uni(rng, lo, hi))
                    outcome = pick(
                        rng,
                        {"RESOLVED": 75.0, "PARTIAL": 12.0, "UNRESOLVED": 5.0, "WITHDRAWN": 8.0},
                    )
                    # the last resort: a referral to Cafcass when the final stage fails
                    final = stage == "STAGE4" or (stage == "STAGE3" and outcome == "UNRESOLVED")
                    cafcass = "Y" if final and chance(rng, 0.6) else "N"
                    if resolved is not None and resolved > WINDOW_END:
                        resolved, outcome = None, ""
                esc.append(
                    (
                        raised,
                        ch.child_id,
                        [
                            ch.child_id,
                            iro,
                            kind,
                            fmt(raised),
                            theme,
                            stage,
                            fmt(resolved),
                            outcome,
                            cafcass,
                        ],
                    )
                )
    esc.sort(key=lambda x: (x[0], x[1], x[2][2]))
    write_csv(
        local / "escalations.csv",
        FIRST_COLUMNS,
        [[f"ESC{n:04d}", *row] for n, (_, _, row) in enumerate(esc, start=1)],
    )


def add_escalation_detail(local: Path, seed: int) -> None:
    """Add RAISED_WITH, STAGE1_DATE-STAGE4_DATE and LEGAL_ADVICE to escalations.csv (its own
    random stream, so the rest of the sample is unchanged). A concern that reached formal stage
    n gets a date for each stage it went through, spread between RAISED and RESOLVED (now and
    then a stage is skipped); a few go to legal advice, most of them at the later stages."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(12, 6)))
    path = local / "escalations.csv"
    rows = read_csv(path)
    head = rows[0]
    at = {name: i for i, name in enumerate(head)}
    out = []
    for row in rows[1:]:
        kind, stage = row[at["KIND"]], row[at["STAGE_REACHED"]]
        raised = parse_dmy(row[at["RAISED"]])
        resolved = parse_dmy(row[at["RESOLVED"]]) if row[at["RESOLVED"]] else None
        dates = [""] * 4
        service, legal = "", ""
        if kind == "CONCERN":
            service = "" if chance(rng, 0.03) else pick(rng, RAISED_WITH)
            formal = int(stage[-1]) if stage.startswith("STAGE") else 0
            legal = "Y" if chance(rng, 0.02 + 0.08 * formal) else "N"
            last = resolved or min(WINDOW_END, add_wd(raised, 60))
            span = max(wd_count(raised, last), formal + 1)
            day = raised
            for n in range(1, formal + 1):
                # each stage takes its share of the time; stage 1 skipped now and then
                step = max(1, span // (formal + 1) + uni(rng, -2, 2))
                day = min(add_wd(day, step), last)
                if n == 1 and formal > 1 and chance(rng, 0.1):
                    continue
                dates[n - 1] = fmt(day)
        out.append([*row, service, *dates, legal])
    write_csv(
        path, [*head, "RAISED_WITH", *(f"STAGE{n}_DATE" for n in range(1, 5)), "LEGAL_ADVICE"], out
    )
