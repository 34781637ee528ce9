"""figures.json: every figure and breakdown row, unsuppressed, with history and comparators."""

from __future__ import annotations

from typing import Any

from report.model import Breakdown, Figure, ReportInput
from report.publish.tables_out import breakdown_cells


def figures_json(report: ReportInput) -> dict[str, Any]:
    """Every figure and breakdown row, unsuppressed, with history and comparators."""
    previous_year = report.period.previous.label
    entries: list[dict[str, Any]] = []
    for section in report.sections:
        for figure in section.result.figures:
            entries.append(_figure_entry(report, figure, previous_year))
        for breakdown in section.result.breakdowns:
            entries += _breakdown_entries(report, breakdown, previous_year)
    entries.sort(key=lambda e: str(e["id"]))
    return {
        "not_for_publication": True,
        "note": (
            "Unsuppressed figures for analysts: small numbers are NOT hidden. Do not "
            "publish or share this file; publish report.pdf, report.html and tables/."
        ),
        "council": report.council,
        "year": report.year,
        "suppression_threshold": report.suppression_threshold,
        "figures": entries,
    }


def _figure_entry(report: ReportInput, figure: Figure, previous_year: str) -> dict[str, Any]:
    history = report.history.get(figure.id, {})
    previous = history.get(previous_year)
    return {
        "id": figure.id,
        "label": figure.label,
        "value": _number(figure.value),
        "numerator": _number(figure.numerator),
        "denominator": _number(figure.denominator),
        "pct": _number(figure.pct),
        "unit": figure.unit,
        "base_unit": figure.base_unit,
        "definition": figure.definition,
        "method": figure.method,
        "previous": _number(previous.value) if previous else None,
        "history": {year: _number(f.value) for year, f in sorted(history.items())},
        "comparators": _comparators(report, figure.id),
    }


def _breakdown_entries(
    report: ReportInput, breakdown: Breakdown, previous_year: str
) -> list[dict[str, Any]]:
    entries = []
    for row_id, i, _j, name in breakdown_cells(breakdown):
        value, total = breakdown.series[name][i], breakdown.column_total(name)
        entry: dict[str, Any] = {
            "id": row_id,
            "label": f"{breakdown.label}: {breakdown.categories[i]}",
            "table": breakdown.id,
            "category": breakdown.categories[i],
        }
        if len(breakdown.series) > 1:
            entry["series"] = name
        history = report.history.get(row_id, {})
        entry.update(
            {
                "value": value,
                "numerator": value,
                "denominator": total,
                "pct": _number(100.0 * value / total) if total else None,
                "unit": breakdown.unit,
                "definition": breakdown.definition,
                "method": breakdown.method,
                "previous": _number(history[previous_year].value)
                if previous_year in history
                else None,
                "history": {year: _number(f.value) for year, f in sorted(history.items())},
                "comparators": _comparators(report, row_id),
            }
        )
        entries.append(entry)
    return entries


def _comparators(report: ReportInput, figure_id: str) -> list[dict[str, Any]]:
    found = [b for b in report.benchmarks if b.figure == figure_id]
    found.sort(key=lambda b: (b.area, b.year, b.source))
    return [
        {
            "area": b.area,
            "nation": b.nation,
            "year": b.year,
            "value": _number(b.value),
            "source": b.source,
            **({"measure": b.measure} if b.measure else {}),
        }
        for b in found
    ]


def _number(value: float | None) -> float | int | None:
    """Whole numbers as ints (402, not 402.0); others unchanged."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)
