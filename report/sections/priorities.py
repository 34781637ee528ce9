"""Progress on last year's priorities and the priorities for next year (priorities.yaml).

A text-only section: no unit in the figure contract fits a count of priorities, so the
numbers of priorities by status are given in the context, not as figures.
"""

from __future__ import annotations

from report.i18n import N_
from report.load.priorities import STATUSES
from report.model import SectionResult
from report.sections import SectionInput


def compute(inp: SectionInput) -> SectionResult:
    priorities = inp.data.priorities
    if priorities is None:
        return SectionResult(
            notes=[
                N_(
                    "There is no priorities.yaml in the data folder, so last year's priorities "
                    "and next year's are not listed."
                )
            ],
            context={
                "last_year": [],
                "next_year": [],
                "status_counts": _counts([]),
                "has_file": False,
            },
        )
    last_year = [
        {
            "title": p.title,
            "status": p.status,
            "status_label": p.status_label,
            "commentary": p.commentary,
        }
        for p in priorities.last_year
    ]
    next_year = [{"title": p.title, "detail": p.detail} for p in priorities.next_year]
    return SectionResult(
        context={
            "last_year": last_year,
            "next_year": next_year,
            "status_counts": _counts([p.status for p in priorities.last_year]),
            "has_file": True,
        },
    )


def _counts(statuses: list[str]) -> dict[str, int]:
    """How many of last year's priorities have each status, in STATUSES order, and in total."""
    counts = {key: statuses.count(key) for key in STATUSES}
    counts["total"] = len(statuses)
    return counts
