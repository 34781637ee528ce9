"""Voice of the child in more detail: positive answers by who answered, the quotes the manager
approved and "You said, we did" (voice.yaml), as the section's template shows them."""

from __future__ import annotations

import pandas as pd

from report.declare import FigureDef
from report.i18n import N_, P_
from report.load.voice import VoiceText
from report.model import TOTAL, Breakdown, Figure, Tie, cell_ref, den, num

# Who answered, children first (DOMAIN 1: the voice of the child), then parents and carers,
# then professionals: (key, label, RESPONDENT codes).
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("children", N_("Children and young people"), ("CHILD",)),
    ("parents_carers", N_("Parents and carers"), ("PARENT", "CARER")),
    ("professionals", N_("Professionals"), ("PROFESSIONAL",)),
)
# Who answered, as the definitions of the shares say it ("Of the answers ... gave").
WHO_ANSWERED = {
    "children": N_("children and young people"),
    "parents_carers": N_("parents and carers"),
    "professionals": N_("professionals"),
}
POSITIVE = N_("Positive")
OTHER_ANSWERS = N_("Other answers")
SHARE_LABELS = {
    "children": N_("Positive answers from children and young people"),
    "parents_carers": N_("Positive answers from parents and carers"),
    "professionals": N_("Positive answers from professionals"),
}
KINDS = {  # how a quote's respondent is shown: the kind of person only, never who
    "child": N_("A child or young person"),
    "parent": N_("A parent"),
    "carer": N_("A carer"),
    "professional": N_("A professional"),
}
TABLE = "feedback.positive_by_respondent"
SHARE = "feedback.positive_share"
QUESTIONS_TABLE = "feedback.positive_by_question"
SHARES = {
    key: FigureDef(
        f"{SHARE}/{key}",
        SHARE_LABELS[key],
        "percent",
        N_(
            "Of the answers {who} gave in the year to the questions the service asks, "
            "the percentage that were positive (the answers declared positive for each "
            "question). Blank answers are left out.",
            who=WHO_ANSWERED[key],
        ),
        f"RESPONDENT {' or '.join(codes)} in local/feedback.csv; positive answers as "
        "declared in config.yaml.",
        base_unit="responses",
        conditional="only when config.yaml declares feedback.questions",
    )
    for key, _, codes in GROUPS
}
FIGURES = tuple(SHARES.values())


def by_respondent(
    respondent: pd.Series, counted: pd.Series, positive: pd.Series
) -> tuple[Breakdown, list[Figure], list[Tie]]:
    """Answers to the declared questions (`counted`, of which `positive`) by who gave them, the
    percentage positive for each group, and their ties to each other and to the table of
    answers by question (same answers, same totals)."""
    pos = [int((counted & positive & respondent.isin(codes)).sum()) for _, _, codes in GROUPS]
    given = [int((counted & respondent.isin(codes)).sum()) for _, _, codes in GROUPS]
    labels = [label for _, label, _ in GROUPS]
    table = Breakdown(
        id=TABLE,
        label=N_("Positive answers by who answered"),
        definition=N_(
            "Answers given in the year to the questions the service asks, by who gave them "
            "(children and young people first, then parents and carers, then professionals), "
            "split into positive answers and other answers. Blank answers are left out."
        ),
        method="RESPONDENT of the response (its first row) in local/feedback.csv; QUESTION and "
        "ANSWER as for feedback.positive_by_question.",
        category_label=N_("Who answered"),
        categories=labels,
        series={POSITIVE: pos, OTHER_ANSWERS: [g - p for p, g in zip(pos, given, strict=True)]},
        unit="responses",
        row_totals=True,
        show_pct=False,
    )
    figures, ties = [], []
    for (key, label, _codes), p, g in zip(GROUPS, pos, given, strict=True):
        fid = SHARES[key].id
        figures.append(SHARES[key].percent(p, g))
        ties.append(Tie.same(num(fid), cell_ref(table, label, POSITIVE)))
        ties.append(Tie.same(den(fid), cell_ref(table, label, TOTAL)))
    ties.append(Tie.same(cell_ref(table, TOTAL, POSITIVE), f"{QUESTIONS_TABLE}/Total/Positive"))
    ties.append(Tie.same(cell_ref(table, TOTAL, TOTAL), f"{QUESTIONS_TABLE}/Total/Total"))
    return table, figures, ties


def words(voice: VoiceText | None, notes: list[str]) -> dict[str, object]:
    """The approved quotes, children's first, each with the kind of person who said it (never
    who), and the "You said, we did" rows; English and Welsh text side by side."""
    if voice is None:
        return {"has_voice_file": False, "quotes": [], "said_did": []}
    order = list(KINDS)
    approved = [q for q in voice.quotes if q.approved]
    waiting = len(voice.quotes) - len(approved)
    if waiting:
        notes.append(
            P_(
                "{n} quote in voice.yaml is not approved (approved: no) and is not shown.",
                "{n} quotes in voice.yaml are not approved (approved: no) and are not shown.",
                waiting,
            )
        )
    quotes = [
        {"kind": KINDS[q.respondent], "en": q.text, "cy": q.text_cy}
        for q in sorted(approved, key=lambda q: order.index(q.respondent))
    ]
    said_did = [
        {"said": s.said, "did": s.did, "said_cy": s.said_cy, "did_cy": s.did_cy}
        for s in voice.said_did
    ]
    return {"has_voice_file": True, "quotes": quotes, "said_did": said_did}
