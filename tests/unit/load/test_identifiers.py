"""Masking by value: an identifier is hidden under whatever column a shifted row puts it."""

from __future__ import annotations

import pandas as pd

from report.load import identifiers
from report.load.issues import MASK, Issues


def test_a_date_of_birth_under_another_column_is_masked() -> None:
    issues = Issues()
    # a row shifted one cell left: the DOB lands under ETHNIC, the UPN under SEX
    issues.add("ssda903/2025/header.csv", 7, "ETHNIC", "14/03/2012", "code", "bad ETHNIC")
    issues.add("ssda903/2025/header.csv", 7, "SEX", "A123456789012", "code", "bad SEX")
    issues.add("local/feedback.csv", 3, "SOURCE", "SW1A 1AA", "code", "bad SOURCE")
    assert [r["value"] for r in issues.rows] == [MASK, MASK, MASK]


def test_dates_under_date_columns_are_shown_unless_they_are_a_known_date_of_birth() -> None:
    issues = Issues()
    issues.add("ssda903/2025/reviews.csv", 4, "REVIEW", "31/02/2025", "date", "no such day")
    issues.add("ssda903/2025/episodes.csv", 5, "DECOM", "14/03/2012", "date", "before DOB")
    header = pd.DataFrame({"CHILD": ["C1"], "DOB": [pd.Timestamp("2012-03-14")]})
    issues.mask_known(identifiers.collect([header]))
    assert [r["value"] for r in issues.rows] == ["31/02/2025", MASK]


def test_a_known_child_id_is_masked_in_any_column_and_in_messages() -> None:
    issues = Issues()
    issues.add("local/escalations.csv", 2, "THEME", "C1 drift", "text", "THEME C1 drift?")
    issues.add("local/escalations.csv", 3, "IRO_ID", "IRO01", "iro", "IRO01 not in staff")
    issues.mask_known(identifiers.collect([pd.DataFrame({"CHILD": ["C1"]})]))
    assert [(r["value"], r["message"]) for r in issues.rows] == [
        (MASK, f"THEME {MASK} drift?"),
        ("IRO01", "IRO01 not in staff"),
    ]
