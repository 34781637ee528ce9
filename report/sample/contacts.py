"""local/iro_contacts.csv (IRO visits and calls) and local/child_support.csv (advocacy, IVs)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from report.sample.allocation import Allocation, iro_on
from report.sample.dates import LAST_YEAR, WINDOW_END, age_on, fmt, fy_start, wd_back
from report.sample.draws import chance, uni
from report.sample.files import local_columns, read_csv, write_csv
from report.sample.model import Child


def write_contacts(
    local: Path, children: list[Child], by_child: dict[str, list[Allocation]], seed: int
) -> None:
    """iro_contacts.csv and child_support.csv (issue 12 item 4), from 2022-23 on, each from its
    own random stream. Before most reviews the IRO visits or calls the child (BEFORE_REVIEW Y);
    between reviews more children each year are visited or called. Some children are referred
    for advocacy each year, older ones more often; a few are matched with an independent
    visitor for a year or two."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(12, 4)))
    # mostly as the IRO recorded it for the review (SEEN_BEFORE), now and then not logged
    extras = read_csv(local / "review_extras.csv")
    seen = {(row[0], row[1]): row[4] for row in extras[1:]}
    odds = {"Y": 0.95, "N": 0.03}
    first = date(LAST_YEAR - 3, 4, 1)
    between_rate = {LAST_YEAR - 3: 0.35, LAST_YEAR - 2: 0.45, LAST_YEAR - 1: 0.55}
    contacts: list[tuple[str, date, str, str, str]] = []
    support: list[tuple[str, str, date, date | None]] = []
    for ch in children:
        if ch.short_break:
            continue
        for p in ch.periods:
            end = min(p.end, WINDOW_END)
            if end < first:
                continue
            marks = [p.start, *p.reviews]
            for prev, r in zip(marks, p.reviews, strict=False):
                said = seen.get((ch.child_id, fmt(r)), "")
                if first <= r <= WINDOW_END and chance(rng, odds.get(said, 0.84)):
                    day = max(
                        prev + timedelta(days=1),
                        first,
                        wd_back(r - timedelta(days=uni(rng, 3, 20))),
                    )
                    kind = "VISIT" if chance(rng, 0.7) else "CONTACT"
                    contacts.append(
                        (ch.child_id, day, iro_on(by_child, ch.child_id, day), kind, "Y")
                    )
            for prev, nxt in zip(marks, [*p.reviews, end], strict=True):
                if (nxt - prev).days < 50:
                    continue
                mid = wd_back(prev + timedelta(days=(nxt - prev).days // 2 + uni(rng, -15, 15)))
                if first <= mid <= end and chance(rng, between_rate.get(fy_start(mid), 0.0)):
                    kind = "VISIT" if chance(rng, 0.45) else "CONTACT"
                    contacts.append(
                        (ch.child_id, mid, iro_on(by_child, ch.child_id, mid), kind, "N")
                    )
            for fy in range(LAST_YEAR - 3, LAST_YEAR):
                y0, y1 = max(date(fy, 4, 1), p.start), min(date(fy + 1, 3, 31), end)
                if y0 > y1:
                    continue
                older = age_on(ch.dob, y0) >= 10
                if chance(rng, 0.09 if older else 0.03):
                    day = y0 + timedelta(days=uni(rng, 0, (y1 - y0).days))
                    support.append((ch.child_id, "ADVOCACY_REFERRAL", day, None))
                if older and chance(rng, 0.035):
                    day = y0 + timedelta(days=uni(rng, 0, (y1 - y0).days))
                    stop = day + timedelta(days=uni(rng, 200, 800))
                    support.append((ch.child_id, "IV_MATCH", day, stop if stop <= end else None))
    write_csv(
        local / "iro_contacts.csv",
        local_columns("iro_contacts"),
        [[c, fmt(d), i, k, b] for c, d, i, k, b in sorted(contacts)],
    )
    write_csv(
        local / "child_support.csv",
        local_columns("child_support"),
        [
            [c, k, fmt(d), fmt(e)]
            for c, k, d, e in sorted(support, key=lambda r: (r[0], r[2], r[1]))
        ],
    )
