"""Small helpers several sections share: categories, counts safe for notes, rows left out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from report.i18n import N_
from report.load.cells import map_distinct
from report.model import CountUnit, Excluded

NOT_RECORDED = N_("Not recorded")
OTHER = N_("Other")


def listed(values: pd.Series, allowed: Sequence[str]) -> pd.Series:
    """Free text as configured: a listed value (case and spacing aside) in its configured
    spelling, a blank as it is, anything else "Other": no unlisted text reaches the page."""
    spelled = {" ".join(a.split()).casefold(): a for a in allowed}

    def one(value: object) -> object:
        if not isinstance(value, str) or not value.strip():
            return value
        return spelled.get(" ".join(value.split()).casefold(), OTHER)

    return map_distinct(values, one)


def how_many(n: int, threshold: int) -> str:
    """A count for a note: "Some" when the count would be suppressed in a table."""
    return str(n) if n > threshold else N_("Some")


def ranked_categories(values: pd.Series) -> tuple[list[str], pd.Series]:
    """Free-text categories tidied (spacing), most frequent first, "Not recorded" last."""
    tidy = map_distinct(
        values, lambda v: " ".join(v.split()) if isinstance(v, str) and v.strip() else NOT_RECORDED
    )
    counts = tidy.value_counts()
    named = sorted(
        (c for c in counts.index if c not in (NOT_RECORDED, OTHER)),
        key=lambda c: (-int(counts[c]), str(c).casefold()),
    )
    last = [c for c in (OTHER, NOT_RECORDED) if c in counts.index]
    return named + last, counts


def left_out(figure: str, column: str, unit: CountUnit, rows: pd.DataFrame) -> list[Excluded]:
    """[Excluded] for `rows` (with _FILE and _ROW) a figure left out, or [] when there are none."""
    if rows.empty:
        return []
    pairs = tuple((str(f), int(r)) for f, r in zip(rows["_FILE"], rows["_ROW"], strict=True))
    return [Excluded(figure, column, unit, pairs)]
