"""What each error rule took out of which figures: the data-quality appendix's counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from report.load.issues import Issues
from report.model import Excluded

EVERY_FIGURE = "every figure (the rows are left out)"


def exclusion_counts(issues: Issues, excluded: Iterable[Excluded]) -> list[dict[str, object]]:
    """Rows of (rule, file, figure, count, unit), sorted by rule, file and figure.

    Rows dropped at loading (a key field unusable, an event after the collection year, ...)
    count once, against every figure. A value in error that a report-year figure left out is
    matched, by file, row and column, to the issue that flagged it.
    """
    in_error = [r for r in issues.rows if r["severity"] in ("error", "accepted")]
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for r in in_error:
        if r.get("scope") == "row":
            counts[(str(r["rule"]), str(r["file"]), EVERY_FIGURE, "rows")] += 1
    rule_of: dict[tuple[str, object, str], str] = {}
    for r in in_error:
        rule_of.setdefault((str(r["file"]), r["row"], str(r["column"])), str(r["rule"]))
    for item in excluded:
        for file, row in sorted(set(item.rows)):
            rule = rule_of.get((file, row, item.column), "unflagged")
            counts[(rule, file, item.figure, item.unit)] += 1
    return [
        {"rule": rule, "file": file, "figure": figure, "count": n, "unit": unit}
        for (rule, file, figure, unit), n in sorted(counts.items())
    ]
