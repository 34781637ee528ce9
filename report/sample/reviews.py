"""Review dates on the England schedule, each review's participation code, one nudge."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from report.sample.dates import (
    WINDOW_END,
    WINDOW_START,
    add_months,
    add_wd,
    age_on,
    birthday,
    is_wd,
    wd_back,
    wd_forward,
)
from report.sample.draws import chance, pick, uni
from report.sample.model import Child, Period
from report.sample.weights import PN_OLDER, PN_YOUNG


def schedule_reviews(rng: np.random.Generator, period: Period) -> list[date]:
    """Draw actual review dates for one period of care following the England schedule."""
    adoptions = period.adoption_placements()
    out: list[date] = []
    last_event = period.start
    due = add_wd(period.start, 20)
    since_reset = 0
    while True:
        if adoptions and adoptions[0] <= due:
            last_event = adoptions.pop(0)
            due = last_event + timedelta(days=28)
            since_reset = 0
        floor = last_event + timedelta(days=10 if since_reset == 0 else 28)
        r = rng.random()
        if r < 0.10:
            actual = wd_forward(due + timedelta(days=uni(rng, 1, 30)))
        elif r < 0.13 and since_reset > 0:
            actual = wd_back(due - timedelta(days=uni(rng, 30, max(31, (due - floor).days))))
        else:
            actual = wd_back(due - timedelta(days=uni(rng, 0, 20)))
        if actual < floor:
            actual = wd_forward(floor)
        if adoptions and adoptions[0] < actual:
            # placed for adoption before this review was held: the schedule restarts
            last_event = adoptions.pop(0)
            due = last_event + timedelta(days=28)
            since_reset = 0
            continue
        if actual > period.end or actual > WINDOW_END:
            return out
        out.append(actual)
        since_reset += 1
        last_event = actual
        due = add_months(actual, 3 if since_reset == 1 else 6)


def review_code(rng: np.random.Generator, child: Child, on: date) -> str:
    age = age_on(child.dob, on)
    if age < 4:
        return "PN0"
    young = age < 8
    if chance(rng, 0.6):
        return child.pn_young if young else child.pn_older
    return pick(rng, PN_YOUNG if young else PN_OLDER)


def nudge_fourth_birthday_review(children: list[Child]) -> None:
    """Move one review onto a 4th birthday (the PN0/PN1-7 boundary), when it stays valid."""
    for ch in sorted(children, key=lambda c: (c.dob != date(2020, 2, 29), c.child_id)):
        target = birthday(ch.dob, 4)
        if not WINDOW_START <= target <= WINDOW_END or not is_wd(target):
            continue
        for p in ch.periods:
            for i, r in enumerate(p.reviews):
                lo = p.reviews[i - 1] if i else p.start
                hi = p.reviews[i + 1] if i + 1 < len(p.reviews) else p.end
                if 0 < abs((r - target).days) <= 10 and lo < target < hi and target <= p.end:
                    p.reviews[i] = target
                    return
