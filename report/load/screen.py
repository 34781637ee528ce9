"""Free text that reaches the page is screened for identifiers before any section reads it."""

from __future__ import annotations

import pandas as pd

from report.i18n import N_
from report.load.identifiers import identifying
from report.load.issues import MASK, Issues

FREE_TEXT = (("escalations", "THEME"), ("feedback", "SOURCE"), ("feedback", "QUESTION"))
OTHER = "Other"


def screen(local: dict[str, pd.DataFrame], known: frozenset[str], issues: Issues) -> None:
    """Free-text values that reach the page: an identifier is reported (masked) and read as
    "Other", so it is never published."""
    for name, column in FREE_TEXT:
        frame = local.get(name)
        if frame is None or column not in frame:
            continue
        values = frame[column]
        flagged = {v for v in pd.unique(values.dropna()) if identifying(v, known)}
        if not flagged:
            continue
        bad = values.isin(list(flagged))
        issues.add_frame(
            frame.loc[bad].assign(**{column: MASK}),
            column,
            "identifier-in-text",
            N_(
                "{column} holds what looks like a child's id, UPN, date of birth or postcode: "
                'it is shown as "{other}" and never published; check the row (it may be '
                "shifted)",
                column=column,
                other=OTHER,
            ),
            "warning",
        )
        local[name] = frame.assign(**{column: values.where(~bad, OTHER)})
