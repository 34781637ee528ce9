"""The DfE column orders the sample and the tests write files in are the load schemas' columns."""

from __future__ import annotations

import pytest

from report.load.layouts import DFE_DERIVED, DFE_ORDER, layout_of


@pytest.mark.parametrize("kind", sorted(DFE_ORDER))
def test_each_order_has_exactly_the_layouts_columns(kind: str) -> None:
    order = DFE_ORDER[kind]
    assert len(set(order)) == len(order)  # each column once
    assert set(order) | set(DFE_DERIVED.get(kind, ())) == layout_of(kind).all_columns
    assert order[0] == "CHILD"  # the DfE files start with the child's id


def test_a_column_missing_from_an_order_would_be_caught() -> None:
    # The episodes layout knows URN; an order without it is not the layout's columns.
    assert set(DFE_ORDER["episodes"][:-1]) != layout_of("episodes").all_columns
