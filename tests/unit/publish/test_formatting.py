"""Published text for numbers: rounding, units, symbols and year-on-year words."""

from __future__ import annotations

import pytest

from report.model import Figure, count, percent
from report.publish.formatting import (
    change_text,
    count_text,
    decimal_text,
    detail_text,
    figure_text,
    median_text,
    number_text,
    percent_text,
    share_cell,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (87.5, "88%"),
        (86.5, "87%"),
        (0.0, "0%"),
        (0.4, "k"),
        (0.5, "1%"),
        (100.0, "100%"),
        (None, "z"),
    ],
)
def test_percent(value: float | None, text: str) -> None:
    assert percent_text(value) == text


def test_counts_rates_and_medians() -> None:
    assert count_text(1234) == "1,234"
    assert count_text(0) == "0"
    assert decimal_text(63.04) == "63.0"
    assert decimal_text(2.25) == "2.3"  # half up, not to even
    assert decimal_text(0.04) == "k"
    assert median_text(14.0) == "14"
    assert median_text(14.5) == "14.5"
    assert number_text(12345.67, "rate_per_10k") == "12,345.7"
    assert number_text(6.8, "fte") == "6.8"
    assert number_text(None, "fte") == "x"


def test_suppressed_figures() -> None:
    small = percent("p", "P", 3, 1000, "reviews", "")
    text = figure_text(small, 5)
    assert (text.value, text.pct, text.numerator, text.denominator) == ("c", "c", "c", "1,000")
    tiny = percent("p", "P", 0, 4, "children", "")
    text = figure_text(tiny, 5)
    assert (text.value, text.numerator, text.denominator) == ("c", "c", "c")
    assert figure_text(count("n", "N", 3, "children", ""), 5).value == "c"
    assert figure_text(count("n", "N", 0, "children", ""), 5).value == "0"
    assert figure_text(Figure("f", "FTE", 3.0, "fte", ""), 5).value == "3.0"


def test_detail() -> None:
    assert detail_text(percent("p", "P", 880, 1000, "reviews", ""), 5) == "880 of 1,000 reviews"
    assert detail_text(count("n", "N", 3, "children", ""), 5) == ""


def test_change_words() -> None:
    now = count("n", "N", 402, "children", "")
    assert change_text(now, count("n", "N", 391, "children", ""), 5) == "up from 391"
    assert change_text(now, count("n", "N", 410, "children", ""), 5) == "down from 410"
    assert change_text(now, count("n", "N", 402, "children", ""), 5) == "same as 402"
    assert change_text(now, count("n", "N", 3, "children", ""), 5) == ""
    assert change_text(now, None, 5) == ""
    p = percent("p", "P", 870, 1000, "reviews", "")
    assert change_text(p, percent("p", "P", 8702, 10000, "reviews", ""), 5) == "same as 87%"


def test_share_of_column() -> None:
    assert share_cell(21, 402, False) == "5%"
    assert share_cell(1, 402, True) == "c"
    assert share_cell(1, 1000, False) == "k"
    assert share_cell(0, 0, False) == "z"
