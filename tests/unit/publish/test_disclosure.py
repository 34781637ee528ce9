"""Publication-wide disclosure control: hand-made counts and relations, worked by hand."""

from __future__ import annotations

from report.publish.disclosure import Cells, suppress

Y = "2024-25"


def k(ref: str) -> tuple[str, str]:
    return (Y, ref)


def test_a_count_tied_to_a_hidden_cell_is_hidden_with_it() -> None:
    # table column: 152 + 18 = 170 and 7 + 2 = 9 ... the figure's numerator is the 152 cell
    values = {k("on"): 7, k("late"): 2, k("all"): 9, k("fig#num"): 7}
    relations = [
        [(k("on"), 1), (k("late"), 1), (k("all"), -1)],
        [(k("fig#num"), 1), (k("on"), -1)],
    ]
    hidden = suppress(Cells(values, relations), 5)
    # 2 is small; 7 is its partner in the line; the figure is the same count as 7
    assert hidden == {k("late"), k("on"), k("fig#num")}


def test_children_without_an_iro_cannot_be_rebuilt_from_the_caseload() -> None:
    # 400 looked after = 398 with an IRO (caseload x FTE) + 2 without
    values = {k("cla"): 400, k("allocated"): 398, k("unallocated"): 2}
    relations = [[(k("cla"), -1), (k("allocated"), 1), (k("unallocated"), 1)]]
    assert suppress(Cells(values, relations), 5) == {k("unallocated"), k("allocated")}


def test_two_hidden_ones_in_a_line_are_not_left_to_add_up() -> None:
    # 1 + 1 + 30 = 32: with 30 and 32 shown, both c would have to be 1 (c is never 0)
    values = {k("a"): 1, k("b"): 1, k("c"): 30, k("t"): 32}
    relations = [[(k("a"), 1), (k("b"), 1), (k("c"), 1), (k("t"), -1)]]
    assert suppress(Cells(values, relations), 5) == {k("a"), k("b"), k("c")}


def test_a_count_fixed_by_a_combination_of_lines_gets_a_partner() -> None:
    # x + y = 10 (shown), y + z = 12 (shown), x - z hidden... x = 3 and z = 5 are small;
    # y = 7 and x + y + z = 15 (shown): y = 15 - 3 - 5 is not alone in any line, yet
    # lines 1 and 2 give x - z = -2 and line 3 gives x + z = 8, so x = 3 is fixed.
    values = {k("x"): 3, k("y"): 7, k("z"): 5, k("xy"): 10, k("yz"): 12, k("xyz"): 15}
    relations = [
        [(k("x"), 1), (k("y"), 1), (k("xy"), -1)],
        [(k("y"), 1), (k("z"), 1), (k("yz"), -1)],
        [(k("x"), 1), (k("y"), 1), (k("z"), 1), (k("xyz"), -1)],
    ]
    hidden = suppress(Cells(values, relations), 5)
    assert {k("x"), k("z")} <= hidden
    assert len(hidden) > 3  # x, z, and more, until nothing is fixed


def test_zero_is_never_hidden_and_counts_above_the_threshold_stand_alone() -> None:
    values = {k("a"): 0, k("b"): 6, k("t"): 6}
    relations = [[(k("a"), 1), (k("b"), 1), (k("t"), -1)]]
    assert suppress(Cells(values, relations), 5) == frozenset()
