"""The figures that moved most since last year, by a fixed rule ("At a glance", papers).

The rule, in words (printed on the page):
1. A figure is a candidate when it has a value this year, last year and at least one year
   before that (so its usual year-on-year change is known), both years' values are
   published (not suppressed), and its published value changed.
2. Its usual change is the average size of its year-on-year changes before this year (of
   its published values: a suppressed year is skipped); a
   floor stops a figure that never moved from looking dramatic (1 percentage point for a
   percentage, else 1% of last year's value, and at least 1 for counts or 0.1 for decimals).
3. Its score is this year's change divided by its usual change: how unusual the movement is
   against its own history, whatever its unit.
4. The highest scores are picked (ties: by figure id). The picks must include a rise and a
   fall, and, when any candidate got worse (for figures where higher or lower is better),
   at least one that got worse: the lowest-scoring pick is swapped for the best-scoring one
   missing, so the page never shows only good news.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from report.model import Figure

# Where higher is better (+1) or worse (-1); figures not listed are neither (counts of
# children, for example: more children in care is not in itself good or bad).
BETTER: dict[str, int] = {
    "reviews.on_time": 1,
    "reviews.children_all_on_time": 1,
    "reviews.on_time_first": 1,
    "reviews.on_time_second": 1,
    "reviews.on_time_later": 1,
    "reviews.record_within_target": 1,
    "reviews.overdue_at_period_end": -1,
    "reviews.not_assessable": -1,
    "participation.participated": 1,
    "participation.attended": 1,
    "participation.participated_age_4": 1,
    "participation.participated_age_10": 1,
    "participation.participated_age_16": 1,
    "iro.continuity_same_iro": 1,
    "iro.allocated_within_5wd": 1,
    "iro.children_unallocated_at_period_end": -1,
    "iro.vacancy_rate": -1,
    "iro.vacant_fte": -1,
    "iro.agency_fte_share": -1,
    "escalations.resolved_within_20wd": 1,
    "escalations.resolved_within_local_target": 1,
    "escalations.median_working_days": -1,
    "escalations.open_at_period_end": -1,
    "quality.midway_reviews": 1,
    "quality.seen_before_review": 1,
    "quality.parent_participation": 1,
    "cp.icpc_on_time": 1,
    "cp.rcpc_on_time": 1,
    "cp.children_on_time": 1,
    "cla.placements_3plus": -1,
    "cla.long_term_stability": 1,
    "feedback.respondents_pct_of_cohort": 1,
}
# Not movements a reader should be shown: settings and parts of other figures.
LEFT_OUT = frozenset({"iro.establishment_fte"})


@dataclass(frozen=True)
class Mover:
    """One figure's movement since last year, scored against its own history."""

    figure: Figure  # this year's
    previous: Figure  # last year's
    change: float  # this year's value minus last year's
    usual: float  # the usual size of a year-on-year change (after the floor)
    score: float  # abs(change) / usual

    @property
    def rose(self) -> bool:
        return self.change > 0

    @property
    def worse(self) -> bool:
        return BETTER.get(self.figure.id, 0) * self.change < 0

    @property
    def better(self) -> bool:
        return BETTER.get(self.figure.id, 0) * self.change > 0


def floor(figure: Figure, last: float) -> float:
    """The smallest usual change a figure is given (rule 2)."""
    if figure.unit == "percent":
        return 1.0
    least = 0.1 if figure.unit in ("fte", "caseload", "rate_per_10k", "rate_per_100") else 1.0
    return max(0.01 * abs(last), least)


def movers(
    history: Mapping[str, Mapping[str, Figure]],
    years: list[str],
    shown: Callable[[str, Figure], bool],
) -> list[Mover]:
    """Every candidate's movement (rule 1 to 3), highest score first.

    `years` are the reporting years oldest first, ending with the report year; `shown`
    says whether a figure's value is published in a year (not suppressed). Whether the
    published (rounded) value changed is for the caller, who formats it."""
    if len(years) < 3:
        return []
    this, last = years[-1], years[-2]
    found = []
    for fid in sorted(history):
        by_year = history[fid]
        now, before = by_year.get(this), by_year.get(last)
        if fid in LEFT_OUT or now is None or before is None:
            continue
        if now.value is None or before.value is None or now.value == before.value:
            continue
        if not (shown(this, now) and shown(last, before)):
            continue
        # the usual change from published values only: a hidden year is skipped
        values = [by_year[y].value for y in years[:-1] if y in by_year and shown(y, by_year[y])]
        known = [v for v in values if v is not None]
        steps = [abs(b - a) for a, b in pairwise(known)]
        if len(values) != len(known) or not steps:
            continue  # a gap, or no earlier change: the usual change is not known
        usual = max(sum(steps) / len(steps), floor(now, before.value))
        change = now.value - before.value
        found.append(Mover(now, before, change, usual, abs(change) / usual))
    return sorted(found, key=lambda m: (-m.score, m.figure.id))


def pick(candidates: list[Mover], n: int) -> list[Mover]:
    """The n figures that moved most, with a rise, a fall and bad news when there is some
    (rule 4); highest score first."""
    chosen = list(candidates[:n])
    for wanted in (lambda m: m.rose, lambda m: not m.rose, lambda m: m.worse):
        if len(chosen) < 2 or any(wanted(m) for m in chosen):
            continue
        extra = next((m for m in candidates[n:] if wanted(m)), None)
        if extra is None:
            continue
        # swap out the lowest-scoring pick whose loss keeps what is already guaranteed
        for i in range(len(chosen) - 1, -1, -1):
            rest = chosen[:i] + chosen[i + 1 :] + [extra]
            if _keeps(rest, chosen):
                chosen = rest
                break
    return sorted(chosen, key=lambda m: (-m.score, m.figure.id))


def _keeps(rest: list[Mover], before: list[Mover]) -> bool:
    """Whether `rest` still has every kind (rise, fall, worse) that `before` had."""
    kinds = (lambda m: m.rose, lambda m: not m.rose, lambda m: m.worse)
    return all(any(k(m) for m in rest) or not any(k(m) for m in before) for k in kinds)
