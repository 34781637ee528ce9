"""The data-quality appendix's reconciliation tables: a hidden change hides the return's count."""

from __future__ import annotations

from dataclasses import replace

from report.model import Reconciled, ReportInput
from report.publish.tables_out import reconciliation_tables


def _rows(report: ReportInput, *recs: Reconciled) -> list[list[str]]:
    tables = reconciliation_tables(replace(report, reconciliation=list(recs)))
    return [[row.header, *row.cells] for table in tables for row in table.rows]


def test_a_small_change_is_c_and_so_is_the_return_count_it_would_give_away(
    report: ReportInput,
) -> None:
    # 404 in the return, 401 in the report: 3 left out by a check. Showing 404 and 401 beside
    # "c" would give the 3 away, so the return's count is hidden too.
    left_out = Reconciled("2024-25", "cla.at_period_end", "At 31 March", 404, 401, (("check", -3),))
    same = Reconciled("2024-25", "cla.started", "Started", 150, 150)
    large = Reconciled("2024-25", "cla.ceased", "Ceased", 170, 160, (("check", -10),))
    assert _rows(report, left_out, same, large) == [
        ["At 31 March", "c", "401", "check: -c"],
        ["Started", "150", "150", "The same"],
        ["Ceased", "170", "160", "check: -10"],
    ]
