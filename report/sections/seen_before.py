"""Reviews where the IRO saw or contacted the child before the review (quality.seen_before_review).

Two sources, reconciled review by review rather than shown as two figures that could disagree:
the IRO's own record for the review (SEEN_BEFORE in local/review_extras.csv) wins; where it has
none, the contact log (local/iro_contacts.csv: a visit or contact with BEFORE_REVIEW Y counts
for the child's next review on or after it). With the log supplied, a review with no such
contact in it counts as not seen. Reviews where the two disagree are counted in a note.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from report.declare import FigureDef
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import Figure
from report.rules.cohorts import within
from report.sections import SectionInput

EXTRAS = "local/review_extras.csv"
CONTACTS = "local/iro_contacts.csv"
SEEN_BEFORE = FigureDef(
    "quality.seen_before_review",
    N_("Reviews where the IRO saw the child beforehand"),
    "percent",
    N_(
        "Of the reviews of children looked after held in the year for which the service "
        "recorded this, the percentage where the IRO saw the child before the review."
    ),
    f"Reviews in the 903 reviews file held in the year, matched to {EXTRAS} by CHILD "
    "and REVIEW date (the last row of a repeated review is used). SEEN_BEFORE = Y / "
    "SEEN_BEFORE recorded (Y or N).",
    base_unit="reviews",
    conditional=f"only with {EXTRAS} (SEEN_BEFORE) or {CONTACTS} (BEFORE_REVIEW)",
)
# the same figure when the contact log is used too: its own definition and method
SEEN_BEFORE_LOGGED = replace(
    SEEN_BEFORE,
    definition=N_(
        "Of the reviews held in the year, the percentage where the IRO saw or spoke to "
        "the child to prepare for it. The IRO's own record for the review is used; where "
        "there is none, the contact log: a visit or call marked as preparing for a review "
        "counts for the child's next review."
    ),
    method=(
        f"Reviews in the 903 reviews file held in the year. SEEN_BEFORE in {EXTRAS} "
        f"(matched by CHILD and REVIEW date) where recorded; else Y when a row of {CONTACTS} "
        "with BEFORE_REVIEW Y has this review as the child's first review on or after its "
        "DATE, N otherwise."
    ),
)


def _flagged(contacts: pd.DataFrame | None) -> bool:
    return contacts is not None and bool(contacts["BEFORE_REVIEW"].notna().any())


def contact_log(reviews: pd.DataFrame, contacts: pd.DataFrame | None) -> pd.MultiIndex | None:
    """The reviews the contact log says a contact prepared for (`prepared_reviews`), or None
    when there is no log or it marks no contact either way (BEFORE_REVIEW all blank). It does
    not depend on the year: worked out once per build (quality.prepare)."""
    if contacts is None or not _flagged(contacts):
        return None
    return prepared_reviews(reviews, contacts)


def prepared_reviews(reviews: pd.DataFrame, contacts: pd.DataFrame) -> pd.MultiIndex:
    """(child, review date) of the reviews a contact with BEFORE_REVIEW Y prepared for: the
    child's first review on or after the contact's date (so after the previous review)."""
    key = CHILD_KEY
    flagged = contacts.loc[contacts["BEFORE_REVIEW"].fillna(False).astype(bool), [key, "DATE"]]
    if flagged.empty:
        return pd.MultiIndex.from_arrays([[], []])
    right = reviews[[key, "DATE"]].rename(columns={"DATE": "HELD"}).sort_values("HELD")
    left = flagged.astype({key: right[key].dtype}).sort_values("DATE")
    paired = pd.merge_asof(
        left, right, left_on="DATE", right_on="HELD", by=key, direction="forward"
    ).dropna(subset=["HELD"])
    return pd.MultiIndex.from_frame(paired[[key, "HELD"]])


def figure(
    inp: SectionInput,
    extras: pd.DataFrame | None,
    contacts: pd.DataFrame | None,
    log: pd.MultiIndex | None,
    notes: list[str],
) -> Figure | None:
    """The figure for the year from whichever sources there are (None, with a note, when
    neither says anything for the year's reviews). `extras` has one row per review; `log` is
    `contact_log(reviews, contacts)`."""
    period = inp.period
    reviews = inp.history.reviews
    held = reviews.loc[within(reviews["DATE"], period)]
    key = CHILD_KEY
    recorded = pd.Series(pd.NA, index=held.index, dtype="object")
    if extras is not None:
        rows = extras[[key, "REVIEW", "SEEN_BEFORE"]]
        both = held[[key, "DATE"]].merge(
            rows, left_on=[key, "DATE"], right_on=[key, "REVIEW"], how="left"
        )
        recorded = pd.Series(both["SEEN_BEFORE"].to_numpy(dtype=object), index=held.index)
    logged = log is not None
    answer = recorded.copy()
    if log is not None:
        in_log = pd.Series(
            pd.MultiIndex.from_frame(held[[key, "DATE"]]).isin(log), index=held.index
        )
        answer = recorded.where(recorded.notna(), in_log)
        given = recorded.notna()
        differ = int((given & (recorded.astype("boolean") != in_log)).sum())
        if differ:
            notes.append(
                N_(
                    "For {n} review(s) held in {year} the IRO's record (SEEN_BEFORE in "
                    "{extras}) and the contact log ({contacts}) disagree on whether the child "
                    "was seen before the review; the IRO's record is used.",
                    n=differ,
                    year=period.label,
                    extras=EXTRAS,
                    contacts=CONTACTS,
                )
            )
    answered = answer.dropna().astype(bool)
    if answered.empty:
        if extras is not None:
            notes.append(
                N_(
                    "{file} records whether the IRO saw the child before the review "
                    "(SEEN_BEFORE) for none of the reviews held in {year}, so that figure is "
                    "not shown for that year.",
                    file=EXTRAS,
                    year=period.label,
                )
            )
        elif contacts is not None:
            notes.append(
                N_(
                    "{file} does not mark any contact as preparing for a review (the "
                    "BEFORE_REVIEW column), so IRO contact before reviews is not shown.",
                    file=CONTACTS,
                )
            )
        return None
    declared = SEEN_BEFORE_LOGGED if logged else SEEN_BEFORE
    return declared.percent(int(answered.sum()), len(answered))
