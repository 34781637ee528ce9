"""benchmarks.yaml entries carry their nation: a report shows only its own nation's comparators."""

from __future__ import annotations

from pathlib import Path

from report.load.benchmarks import check_benchmarks, read_benchmarks
from report.load.issues import Issues

ENTRIES = """\
- figure: cla.rate_per_10k
  area: England
  year: "2023-24"
  value: 70
  source: DfE
- figure: cla.rate_per_10k
  area: Wales
  nation: wales
  year: "2023-24"
  value: 112
  source: Welsh Government, StatsWales
  measure: CLA per 10,000 under 18
- figure: cla.rate_per_10k
  area: Statistical neighbours
  year: "2023-24"
  value: 80
  source: LAIT
- figure: cla.rate_per_10k
  area: Welsh councils
  year: "2023-24"
  value: 100
  source: StatsWales
- figure: cla.rate_per_10k
  area: Somewhere
  nation: scotland
  year: "2023-24"
  value: 1
  source: x
"""
UNITS = {"cla.rate_per_10k": "rate_per_10k"}


def read(tmp_path: Path) -> tuple[list[object], Issues]:
    (tmp_path / "benchmarks.yaml").write_text(ENTRIES, encoding="utf-8")
    issues, problems = Issues(), []
    found = read_benchmarks(tmp_path, issues, problems)
    assert problems == []
    return found, issues  # type: ignore[return-value]


def test_each_entry_has_its_nation_given_or_read_from_its_area(tmp_path: Path) -> None:
    found, issues = read(tmp_path)
    # England and the neighbours (no nation, not named Wales) are England's; "Welsh councils"
    assert [(b.area, b.nation) for b in found] == [  # type: ignore[attr-defined]
        ("England", "england"),
        ("Wales", "wales"),
        ("Statistical neighbours", "england"),
        ("Welsh councils", "wales"),
    ]
    assert found[1].measure == "CLA per 10,000 under 18"  # type: ignore[attr-defined]
    (bad,) = issues.rows
    assert (bad["row"], bad["column"], bad["value"], bad["rule"], bad["severity"]) == (
        25,  # the nation line of the fifth entry (lines 23-28)
        "nation",
        "scotland",
        "benchmark-nation",
        "error",
    )


def test_a_welsh_report_leaves_out_england_figures_with_a_warning(tmp_path: Path) -> None:
    found, issues = read(tmp_path)
    kept = check_benchmarks(found, UNITS, issues, "wales")  # type: ignore[arg-type]
    assert [b.value for b in kept] == [112.0, 100.0]
    warnings = [r for r in issues.rows if r["severity"] == "warning"]
    assert [(r["row"], r["rule"]) for r in warnings] == [
        (1, "benchmark-nation"),
        (13, "benchmark-nation"),
    ]
    assert (
        "a comparator for England (England) in a report for a council in Wales: not shown"
        in str(warnings[0]["message"])
    )


def test_an_english_report_leaves_out_welsh_figures(tmp_path: Path) -> None:
    found, issues = read(tmp_path)
    kept = check_benchmarks(found, UNITS, issues, "england")  # type: ignore[arg-type]
    assert [b.area for b in kept] == ["England", "Statistical neighbours"]
