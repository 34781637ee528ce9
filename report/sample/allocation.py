"""Which IRO each looked-after child has, day by day, and who that is on a given date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from report.sample.dates import WINDOW_END, WINDOW_START, add_wd
from report.sample.draws import chance, uni
from report.sample.model import Child, Period
from report.sample.weights import IRO_TEAM


@dataclass
class Allocation:
    child: str
    iro: str
    start: date
    end: date | None = None


class Allocator:
    """Day-by-day allocation of looked-after children to IROs, balancing caseload per FTE."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.team = IRO_TEAM
        self.fte = {i: f for i, f, _, _, _ in IRO_TEAM}
        self.loads: dict[str, dict[int, None]] = {i: {} for i, _, _, _, _ in IRO_TEAM}
        self.open: dict[int, Allocation] = {}
        self.rows: list[Allocation] = []

    def in_post(self, d: date, margin: int = 0) -> list[str]:
        return [
            i
            for i, _, s, e, _ in self.team
            if s <= d and (e is None or e >= d + timedelta(days=margin))
        ]

    def choose(self, d: date, exclude: str = "", prefer: str = "") -> str:
        cands = [i for i in self.in_post(d, 21) if i != exclude] or [
            i for i in self.in_post(d) if i != exclude
        ]
        if prefer in cands and chance(self.rng, 0.6):
            return prefer
        scores = [
            (len(self.loads[i]) + 1) / self.fte[i] * float(self.rng.uniform(0.92, 1.08))
            for i in cands
        ]
        return cands[int(np.argmin(scores))]

    def assign(self, key: int, child: str, iro: str, start: date) -> None:
        old = self.open.pop(key, None)
        if old is not None:
            old.end = start - timedelta(days=1)
            del self.loads[old.iro][key]
        alloc = Allocation(child, iro, start)
        self.rows.append(alloc)
        self.open[key] = alloc
        self.loads[iro][key] = None

    def release(self, key: int, end: date) -> None:
        alloc = self.open.pop(key)
        alloc.end = end
        del self.loads[alloc.iro][key]

    def run(self, periods: list[tuple[Child, Period]]) -> list[Allocation]:
        rng = self.rng
        starts: dict[date, list[int]] = {}
        ends: dict[date, list[int]] = {}
        last_iro: dict[str, str] = {}
        for key, (_ch, p) in enumerate(periods):
            if p.start < WINDOW_START:
                continue
            k = int(
                rng.choice(
                    [0, 1, 2, 3, 4, 5, 8, 12], p=[0.55, 0.12, 0.08, 0.07, 0.06, 0.04, 0.05, 0.03]
                )
            )
            alloc = max(p.start, add_wd(p.start, k))
            if alloc > min(p.end, WINDOW_END):
                alloc = p.start
            starts.setdefault(alloc, []).append(key)
        for key, (_ch, p) in enumerate(periods):
            ends.setdefault(p.end, []).append(key)
        # children already looked after on the first day: allocated at some earlier date
        for key, (ch, p) in enumerate(periods):
            if p.start < WINDOW_START:
                since = max(p.start, WINDOW_START - timedelta(days=uni(rng, 0, 1000)))
                cands = self.in_post(since) or self.in_post(WINDOW_START)
                iro = min(
                    cands,
                    key=lambda i: (
                        (len(self.loads[i]) + 1) / self.fte[i] * float(rng.uniform(0.9, 1.1))
                    ),
                )
                self.assign(key, ch.child_id, iro, since)
        d = WINDOW_START
        while d <= WINDOW_END:
            for i, _, s, e, _ in self.team:
                if s == d and d > WINDOW_START:  # a new IRO takes a share of the caseload
                    total = sum(len(v) for v in self.loads.values())
                    fte = sum(self.fte[j] for j in self.in_post(d))
                    target = int(total / fte * self.fte[i] * 0.85)
                    while len(self.loads[i]) < target:
                        donors = [j for j in self.in_post(d) if j != i and self.loads[j]]
                        donor = max(donors, key=lambda j: len(self.loads[j]) / self.fte[j])
                        keys = list(self.loads[donor])
                        key = keys[uni(rng, 0, len(keys) - 1)]
                        self.assign(key, periods[key][0].child_id, i, d)
                if e is not None and e == d - timedelta(days=1):  # a leaver's children move on
                    for key in sorted(self.loads[i]):
                        self.assign(key, periods[key][0].child_id, self.choose(d, exclude=i), d)
            for key in starts.get(d, []):
                ch = periods[key][0]
                iro = self.choose(d, prefer=last_iro.get(ch.child_id, ""))
                self.assign(key, ch.child_id, iro, d)
            # occasional changes of IRO for other reasons (conflict, rebalancing, request)
            n_change = int(rng.poisson(len(self.open) * 0.07 / 365))
            keys = sorted(self.open)
            for _ in range(n_change):
                key = keys[uni(rng, 0, len(keys) - 1)]
                if key in self.open and self.open[key].start < d:
                    self.assign(
                        key, periods[key][0].child_id, self.choose(d, exclude=self.open[key].iro), d
                    )
            for key in ends.get(d, []):
                if key in self.open:
                    last_iro[periods[key][0].child_id] = self.open[key].iro
                    self.release(key, d)
            d += timedelta(days=1)
        return self.rows


def iro_on(allocs: dict[str, list[Allocation]], child: str, d: date) -> str:
    rows = allocs.get(child, [])
    for a in rows:
        if a.start <= d and (a.end is None or a.end >= d):
            return a.iro
    later = [a for a in rows if a.start > d]
    return later[0].iro if later else rows[-1].iro if rows else "IRO01"


def allocations_by_child(allocations: list[Allocation]) -> dict[str, list[Allocation]]:
    """Each child's allocations in date order (children in id order)."""
    by_child: dict[str, list[Allocation]] = {}
    for a in sorted(allocations, key=lambda a: (a.child, a.start)):
        by_child.setdefault(a.child, []).append(a)
    return by_child
