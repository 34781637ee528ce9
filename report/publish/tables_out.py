"""The published tables: breakdowns, trend data, data quality and reconciliation, as views."""

from __future__ import annotations

from report.i18n import N_, _
from report.model import Breakdown, ChartSpec, Reconciled, ReportInput
from report.publish import charts
from report.publish.formatting import count_cell, number_text, share_cell
from report.publish.suppression import TableMask, is_small
from report.publish.viewmodels import HeadCell, Row, TableView

QUALITY_COLUMNS = ("file", "rule", "severity", "count", "message")
QUALITY_HEADINGS = {
    "file": N_("File"),
    "rule": N_("Rule"),
    "severity": N_("Severity"),
    "count": N_("Count"),
    "message": N_("Message"),
    "reason": N_("Reason"),
    "figure": N_("Figure"),
    "unit": N_("Unit"),
}
# The severities of validation.csv as the data-quality appendix names them.
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "accepted": N_("accepted")}


def breakdown_table(breakdown: Breakdown, mask: TableMask, threshold: int) -> TableView:
    """A breakdown as published: counts and % of column total, suppressed, with totals."""
    names = list(breakdown.series)
    rows = [
        Row(_(category), _row_cells(breakdown, mask, i) + _row_total(breakdown, mask, i))
        for i, category in enumerate(breakdown.categories)
    ]
    totals = [breakdown.column_total(n) for n in names]
    total_cells: list[str] = []
    for j, total in enumerate(totals):
        total_cells += _count_and_share(breakdown, total, total, mask.column_totals[j])
    if breakdown.row_totals:
        total_cells.append(count_cell(sum(totals), mask.grand_total))
    rows.append(Row(_("Total"), total_cells, total=True))
    note = _("Percentages are of the column total.") if breakdown.show_pct else ""
    return TableView(breakdown.id, _(breakdown.label), _breakdown_head(breakdown), rows, note)


def _row_cells(breakdown: Breakdown, mask: TableMask, i: int) -> list[str]:
    cells: list[str] = []
    for j, name in enumerate(breakdown.series):
        value, total = breakdown.series[name][i], breakdown.column_total(name)
        hidden = mask.cells[i][j] or mask.column_totals[j]
        cells += _count_and_share(breakdown, value, total, mask.cells[i][j], hidden)
    return cells


def _count_and_share(
    breakdown: Breakdown, value: int, total: int, suppressed: bool, share_hidden: bool | None = None
) -> list[str]:
    count = count_cell(value, suppressed)
    if not breakdown.show_pct:
        return [count]
    hidden = suppressed if share_hidden is None else share_hidden
    return [count, share_cell(value, total, hidden)]


def _row_total(breakdown: Breakdown, mask: TableMask, i: int) -> list[str]:
    if not breakdown.row_totals:
        return []
    return [count_cell(sum(s[i] for s in breakdown.series.values()), mask.row_totals[i])]


def _breakdown_head(breakdown: Breakdown) -> list[list[HeadCell]]:
    names = [_(name) for name in breakdown.series]
    first = HeadCell(_(breakdown.category_label), numeric=False)
    if len(names) == 1 and not breakdown.row_totals:
        measures = [_("Number"), _("Percentage")] if breakdown.show_pct else [_("Number")]
        return [[first, *(HeadCell(m) for m in measures)]]
    if not breakdown.show_pct:
        total = [HeadCell(_("Total"))] if breakdown.row_totals else []
        return [[first, *(HeadCell(n) for n in names), *total]]
    span = 2
    top = [HeadCell(first.text, rowspan=2, numeric=False)]
    top += [HeadCell(n, scope="colgroup", colspan=span) for n in names]
    if breakdown.row_totals:
        top.append(HeadCell(_("Total"), rowspan=2))
    second = [HeadCell(m) for _name in names for m in (_("Number"), _("Percentage"))]
    return [top, second]


def trend_table(spec: ChartSpec, data: charts.ChartData, first_column: str = "") -> TableView:
    first = first_column or _("Year")
    head = [[HeadCell(first, numeric=False), *(HeadCell(_(s.name)) for s in data.series)]]
    rows = [
        Row(_(year), [s.labels[i] for s in data.series]) for i, year in enumerate(data.categories)
    ]
    return TableView(spec.id, _(N_("{chart}: the data", chart=_(spec.title))), head, rows)


def reconciliation_tables(report: ReportInput) -> list[TableView]:
    """Per collection year: each DfE count from that return alone, as the report has it,
    and the cause of every difference (counts from 1 to the threshold shown as c)."""
    threshold = report.suppression_threshold

    def shown(value: int) -> str:
        return count_cell(value, is_small(abs(value), threshold))

    def why(causes: tuple[tuple[str, int], ...]) -> str:
        if not causes:
            return _("The same")
        return "; ".join(
            f"{cause}: {'+' if change > 0 else '-'}{shown(abs(change))}" for cause, change in causes
        )

    def from_return(r: Reconciled) -> str:
        # the return's count is the report's plus every change: with a change hidden, showing
        # it would give the hidden change away
        if any(is_small(abs(change), threshold) for _, change in r.causes):
            return count_cell(r.from_return, True)
        return shown(r.from_return)

    years = sorted({r.year for r in report.reconciliation})
    head = [
        [
            HeadCell(_("Figure"), numeric=False),
            HeadCell(_("From the return")),
            HeadCell(_("In the report")),
            HeadCell(_("Why they differ"), numeric=False),
        ]
    ]
    return [
        TableView(
            f"reconciliation-{year}",
            _(N_("{year}: the {year} return alone and the report", year=year)),
            head,
            [
                Row(_(r.label), [from_return(r), shown(r.report), why(r.causes)])
                for r in report.reconciliation
                if r.year == year
            ],
            text_columns=frozenset({2}),
        )
        for year in years
    ]


def quality_table(
    table_id: str,
    caption: str,
    rows: list[dict[str, object]],
    wanted: tuple[str, ...] = QUALITY_COLUMNS,
) -> TableView:
    columns = [c for c in wanted if any(c in row for row in rows)]
    head = [[HeadCell(_(QUALITY_HEADINGS[c]), numeric=c == "count") for c in columns]]
    body = [
        Row(str(row.get(columns[0], "")), [_quality_cell(row.get(c), c) for c in columns[1:]])
        for row in rows
    ]
    text = frozenset(i for i, c in enumerate(columns[1:]) if c != "count")
    return TableView(table_id, caption, head, body, text_columns=text)


def _quality_cell(value: object, column: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(float(value), "people")
    if column == "severity":
        return _(SEVERITY_WORDS.get(str(value), str(value)))
    return _(value) if isinstance(value, str) else str(value)


def breakdown_cells(breakdown: Breakdown) -> list[tuple[str, int, int, str]]:
    """(row id, category index, series index, series name): id/category[/series]."""
    several = len(breakdown.series) > 1
    cells = []
    for j, name in enumerate(breakdown.series):
        for i, category in enumerate(breakdown.categories):
            row_id = f"{breakdown.id}/{category}" + (f"/{name}" if several else "")
            cells.append((row_id, i, j, name))
    return cells
