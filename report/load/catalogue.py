"""Every error rule and what a value in error takes out of the figures (README, appendix)."""

from __future__ import annotations

EVERY = "the row: every figure"

# rule -> what it takes out. A key field (CHILD, DECOM, DEC, REVIEW, DOB; a local extract's
# ids, dates and kinds) in error leaves the row out of every figure; another value in error
# leaves only the figures that need that value.
ERROR_RULES: dict[str, str] = {
    "required": "a blank key field: " + EVERY + "; another blank value: the figures that need "
    "it (e.g. a blank PLACE: the placement breakdown)",
    "date": "a key date: " + EVERY + "; another date (DUC, RESOLVED, ANCHOR_DATE): the figures "
    "that need it (e.g. DUC: the UASC count)",
    "code-unknown": "a key code (KIND, TYPE, RESPONDENT): " + EVERY + "; another code: the "
    "figures that need it (PLACE: placement breakdown; LS: legal status breakdown; SEX, "
    "ETHNIC: those breakdowns; REVIEW_CODE: participation), not the child from the counts",
    "flag": "the figures that count that flag (e.g. CAFCASS: the Cafcass referrals)",
    "number": "FTE is a key: " + EVERY + "; PL_DISTANCE: the figures on placements out of area",
    "distance-range": "the PL_DISTANCE: the figures on placements out of area; the child still "
    "counts as looked after",
    "after-collection-year": EVERY,
    "fte-range": EVERY,
    "ends-before-start": EVERY,
    "episode-ends-before-start": EVERY,
    "duplicate": "the repeated row: every figure (the first row is used)",
    "review-short-break": "the review: every review and participation figure",
    "review-outside-care": "the review: every review and participation figure",
    "overlapping-plan": "the later plan: every figure (the plan that began first is used)",
    "iro-not-in-staff": "the allocation: the caseload figures (no FTE to divide by); "
    "continuity keeps it",
    "resolved-before-raised": "the RESOLVED date: the timescales and the concerns open at "
    "31 March; the concern still counts as raised and by outcome",
    "stage-dates": "the concern's stage dates (STAGE1_DATE-STAGE4_DATE): the working days at "
    "each stage; the concern still counts as raised, by stage, outcome and in the timescales",
    "rec-without-dec": "the REC: nothing else (the episode is open)",
    "overlapping-episodes": "the child's legal status and placement on a date two episodes "
    "cover: those breakdowns; the child still counts once as looked after",
    "x1-without-next": "the period's end: the children who ceased",
    "child-not-in-header": "the child's age, sex and ethnicity: those breakdowns and the "
    "participation age checks; the child still counts as looked after",
    "pn0-age": "the REVIEW_CODE: the participation figures; the review still counts as held",
    "pn-under4": "the REVIEW_CODE: the participation figures; the review still counts as held",
    "child-ids-unmatched": "nothing is guessed: figures joining the extract to the 903 find no "
    "child (e.g. caseloads of 0)",
    "accepted-count-exceeded": "nothing of its own: the errors it covers stay errors",
    "open-episode-missing": "handled by the stitching rule (the later return wins)",
}
