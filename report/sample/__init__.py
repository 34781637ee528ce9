"""The seeded synthetic sample council "Exampleshire": `generate` writes its data folder."""

# Everything here is invented: ids, dates, postcodes (fake areas XE/XF/XG/XH/XK) and URNs.
# Suggested config setting for the sample: under-18 population 66,500 (rate per 10,000 ~ 60).
# The order of the steps below is the order of the random draws: keep it, or the sample changes.

from __future__ import annotations

from pathlib import Path

import numpy as np

from report.sample.allocation import Allocator, allocations_by_child
from report.sample.child_protection import write_cp
from report.sample.contacts import write_contacts
from report.sample.escalations import add_escalation_detail, write_escalations
from report.sample.feedback import write_feedback
from report.sample.population import Population
from report.sample.review_extras import add_review_detail, write_review_extras
from report.sample.reviews import nudge_fourth_birthday_review, review_code, schedule_reviews
from report.sample.ssda903 import write_903
from report.sample.staff import write_staff
from report.sample.texts import write_texts

__all__ = ["generate"]


def generate(dest: Path, seed: int = 20250331, scale: float = 1.0) -> None:
    """Write the whole synthetic sample council into dest (overwriting its known files).

    `scale` multiplies the children coming into care (1.0, the sample, has about 400 looked
    after at 31 March; 0.1 about 40): for testing smaller and larger councils.
    """
    dest = Path(dest)
    rng_rev, rng_alloc, rng_local, rng_cp, rng_codes = (
        np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(9, k))) for k in range(5)
    )

    pop = Population(seed, scale)
    pop.generate_looked_after()
    pop.generate_short_breaks()
    pop.add_mothers()
    pop.leap_day_births()
    children = sorted(pop.children, key=lambda c: c.child_id)

    for ch in children:
        for p in ch.periods:
            if not p.short_break:
                p.reviews = schedule_reviews(rng_rev, p)
    nudge_fourth_birthday_review(children)
    codes = {
        (ch.child_id, r): review_code(rng_codes, ch, r)
        for ch in children
        for p in ch.periods
        for r in p.reviews
    }

    cla_periods = [(ch, p) for ch in children if not ch.short_break for p in ch.periods]
    cla_periods.sort(key=lambda cp: (cp[1].start, cp[0].child_id))
    allocations = Allocator(rng_alloc).run(cla_periods)

    write_903(dest, children, codes)
    local = dest / "local"
    by_child = allocations_by_child(allocations)
    cla = [ch for ch in children if not ch.short_break]
    write_staff(local, allocations)
    # rng_local: the review extras, then the escalations, then the feedback
    write_review_extras(local, rng_local, cla, by_child)
    write_escalations(local, rng_local, children, by_child)
    write_feedback(local, rng_local, cla)
    add_review_detail(local, children, seed)
    add_escalation_detail(local, seed)
    write_contacts(local, children, by_child, seed)
    write_cp(
        local,
        rng_cp,
        np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(13, 1))),
    )
    write_texts(dest)
