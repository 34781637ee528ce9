"""Primary and secondary suppression: hand-worked cases and properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from report.model import Breakdown, Figure, count, percent
from report.publish.suppression import (
    additive_lines,
    breakdown_mask,
    figure_suppressed,
    secondary_mask,
    table_mask,
    with_totals,
)


def column(values: list[int]) -> list[list[int]]:
    return [[v] for v in values]


def test_one_small_cell_takes_the_next_smallest_with_it() -> None:
    mask = table_mask(column([21, 60, 3, 148, 95]), 5, row_totals=False)
    assert [row[0] for row in mask.cells] == [True, False, True, False, False]
    assert mask.column_totals == [False]


def test_two_small_cells_need_no_secondary() -> None:
    mask = table_mask(column([268, 41, 88, 3, 2]), 5, row_totals=False)
    assert [row[0] for row in mask.cells] == [False, False, False, True, True]


def test_zero_is_shown_and_never_chosen_as_partner() -> None:
    mask = table_mask(column([0, 3, 10, 0]), 5, row_totals=False)
    assert [row[0] for row in mask.cells] == [False, True, True, False]


def test_a_small_total_is_suppressed_with_its_only_cell() -> None:
    mask = table_mask(column([2, 0, 0]), 5, row_totals=False)
    assert [row[0] for row in mask.cells] == [True, False, False]
    assert mask.column_totals == [True]


def test_threshold_is_inclusive_and_configurable() -> None:
    assert table_mask(column([5, 50, 60]), 5, row_totals=False).cells[0] == [True]
    assert table_mask(column([6, 50, 60]), 5, row_totals=False).cells[0] == [False]
    assert table_mask(column([6, 50, 60]), 10, row_totals=False).cells[0] == [True]


def test_two_way_table_with_row_totals_hand_worked() -> None:
    # On time / Late by review number; Late "First" is 3.
    body = [[118, 3], [101, 14], [661, 84]]
    mask = table_mask(body, 5, row_totals=True)
    # Column "Late": 3 is alone, so 14 (next smallest) goes too. Row "First": 3 alone, so 118
    # (the smaller of 118 and its row total 121) goes. Then column "On time" has 118 alone:
    # 101 goes, which pairs row "Second" (101 and 14 both hidden). Stable.
    assert mask.cells == [[True, True], [True, True], [False, False]]
    assert mask.row_totals == [False, False, False]
    assert mask.column_totals == [False, False]
    assert mask.grand_total is False


def test_breakdown_mask_reads_series_in_order() -> None:
    breakdown = Breakdown(
        "t", "T", "", "Cat", ["a", "b", "c"], {"x": [10, 2, 30], "y": [7, 8, 9]}, "children"
    )
    mask = breakdown_mask(breakdown, 5)
    assert [row[0] for row in mask.cells] == [True, True, False]
    assert [row[1] for row in mask.cells] == [False, False, False]


def test_headline_figures() -> None:
    assert figure_suppressed(count("a", "A", 3, "children", ""), 5)
    assert not figure_suppressed(count("a", "A", 0, "children", ""), 5)
    assert not figure_suppressed(count("a", "A", 6, "children", ""), 5)
    assert figure_suppressed(percent("p", "P", 3, 100, "reviews", ""), 5)
    assert figure_suppressed(percent("p", "P", 4, 4, "children", ""), 5)
    assert not figure_suppressed(percent("p", "P", 0, 100, "children", ""), 5)
    assert not figure_suppressed(Figure("f", "FTE", 3.0, "fte", ""), 5)


grids = st.integers(1, 6).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 7), st.integers(0, 200)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(body=grids, threshold=st.integers(0, 6), row_totals=st.booleans())
def test_properties(body: list[list[int]], threshold: int, row_totals: bool) -> None:
    grid = with_totals(body, row_totals=row_totals)
    lines = additive_lines(len(body), len(body[0]), row_totals=row_totals)
    mask = secondary_mask(grid, lines, threshold)
    for line in lines:
        assert sum(mask[r][c] for r, c in line) != 1, (line, grid, mask)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if 1 <= value <= threshold:
                assert mask[r][c]
            if value == 0:
                assert not mask[r][c]
    assert secondary_mask(grid, lines, threshold) == mask  # deterministic
