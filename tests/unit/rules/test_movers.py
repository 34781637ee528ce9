"""The figures that moved most since last year (rules/movers.py): scores worked by hand."""

from __future__ import annotations

import pytest

from report.model import Figure
from report.rules.movers import Mover, movers, pick

YEARS = ["2021-22", "2022-23", "2023-24", "2024-25"]


def fig(fid: str, value: float, unit: str = "percent") -> Figure:
    return Figure(id=fid, label=fid, value=value, unit=unit, definition="")  # type: ignore[arg-type]


def history(rows: dict[str, tuple[str, list[float]]]) -> dict[str, dict[str, Figure]]:
    return {
        fid: {y: fig(fid, v, unit) for y, v in zip(YEARS[-len(vs) :], vs, strict=True)}
        for fid, (unit, vs) in rows.items()
    }


# Usual change = mean size of the changes before this year, at least the floor:
#   reviews.on_time 80, 82, 84 -> 90: usual (2 + 2) / 2 = 2; change +6; score 3 (better)
#   reviews.overdue_at_period_end 10, 12, 10 -> 16: usual 2; +6; score 3 (lower is better:
#       worse)
#   cla.at_period_end 400, 410, 420 -> 430: usual 10; +10; score 1 (neither)
#   iro.caseload_per_fte 60, 61, 62 -> 58: usual 1; -4; score 4 (a fall)
#   participation.participated 90, 90, 90 -> 91: usual 0 -> floor 1 point; +1; score 1
#   escalations.raised: two years only -> no usual change: not a candidate
#   cp.icpc_on_time: suppressed this year -> not a candidate
ROWS = {
    "reviews.on_time": ("percent", [80, 82, 84, 90]),
    "reviews.overdue_at_period_end": ("children", [10, 12, 10, 16]),
    "cla.at_period_end": ("children", [400, 410, 420, 430]),
    "iro.caseload_per_fte": ("caseload", [60, 61, 62, 58]),
    "participation.participated": ("percent", [90, 90, 90, 91]),
    "escalations.raised": ("escalations", [30, 60]),
    "cp.icpc_on_time": ("percent", [50, 60, 70, 20]),
}


def shown(year: str, figure: Figure) -> bool:
    return not (figure.id == "cp.icpc_on_time" and year == "2024-25")


def ids(found: list[Mover]) -> list[str]:
    return [m.figure.id for m in found]


def test_scores_against_each_figure_s_own_history() -> None:
    found = movers(history(ROWS), YEARS, shown)
    assert ids(found) == [
        "iro.caseload_per_fte",
        "reviews.on_time",  # ties at 3 are in figure id order
        "reviews.overdue_at_period_end",
        "cla.at_period_end",
        "participation.participated",
    ]
    assert [m.score for m in found] == pytest.approx([4, 3, 3, 1, 1])
    assert [m.usual for m in found] == pytest.approx([1, 2, 2, 10, 1])


def test_the_picks_never_show_only_good_news() -> None:
    # Top two by score: caseload (a fall) and on time (better). Overdue got worse and is a
    # candidate, so it takes the place of the lowest pick that can go: on time.
    assert ids(pick(movers(history(ROWS), YEARS, shown), 2)) == [
        "iro.caseload_per_fte",
        "reviews.overdue_at_period_end",
    ]


def test_the_picks_go_both_ways() -> None:
    # The caseload now falls only 0.5 (score 0.5): the top two both rise. The fall replaces
    # on time (not overdue, the only pick that got worse).
    rows = {**ROWS, "iro.caseload_per_fte": ("caseload", [60, 61, 62, 61.5])}
    found = movers(history(rows), YEARS, shown)
    assert ids(pick(found, 2)) == ["reviews.overdue_at_period_end", "iro.caseload_per_fte"]


def test_three_years_are_needed() -> None:
    assert movers(history(ROWS), YEARS[-2:], shown) == []
