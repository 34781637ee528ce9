"""Voice of the child: feedback from children, parents, carers and professionals (DOMAIN 1, 11).

local/feedback.csv has one row per answer; a response is one RESPONSE_ID. Which questions are
asked, their wording and which answers count as positive are declared in config.yaml
(feedback.questions). Free-text answers are never shown: quotes come only from voice.yaml,
where the manager approves each one (DOMAIN 10), with "You said, we did".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from report.config import Question
from report.declare import FigureDef, ids
from report.i18n import N_
from report.load.cells import map_distinct
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    Figure,
    SectionResult,
    Tie,
    cell_ref,
    den,
    num,
)
from report.rules.cohorts import looked_after_during, within
from report.sections import BuildInput, SectionInput, voice_words
from report.sections.common import how_many, listed, ranked_categories

RESPONDENT_LABELS: dict[str, str] = {
    "CHILD": N_("Children and young people"),
    "PARENT": N_("Parents"),
    "CARER": N_("Carers"),
    "PROFESSIONAL": N_("Professionals"),
}
RESPONSE_COLUMNS = ["DATE", "SOURCE", "RESPONDENT", "CHILD"]
POSITIVE = N_("Positive")
RESPONDENTS = FigureDef(
    "feedback.respondents",
    N_("Feedback responses received"),
    "responses",
    N_(
        "Feedback responses received in the year from children and young people, "
        "parents, carers and professionals, however they were collected. A form with "
        "several answers counts once."
    ),
    "Distinct RESPONSE_ID in local/feedback.csv with DATE in the year, every SOURCE.",
)
PCT_OF_COHORT = FigureDef(
    "feedback.respondents_pct_of_cohort",
    N_("Children looked after who gave feedback"),
    "percent",
    N_(
        "Of the children looked after at any time in the year, the percentage who gave "
        "feedback themselves in the year. A child who answered more than once is "
        "counted once."
    ),
    "Distinct CHILD of responses with RESPONDENT CHILD dated in the year who were "
    "looked after during the year (cla.during_year) / cla.during_year.",
    base_unit="children",
)
# one per question declared in config.yaml: its label is the council's own wording
POSITIVE_ANSWERS = FigureDef(
    "feedback.positive/{code}",
    "{question}",
    "percent",
    N_(
        'Of the answers given in the year to the question "{question}", the '
        "percentage that were {positive}. Blank answers are left out."
    ),
    "QUESTION {code} in local/feedback.csv; ANSWER compared ignoring case "
    "with the positive answers declared in config.yaml.",
    base_unit="responses",
    conditional="one per question declared in config.yaml (feedback.questions)",
)
HEADLINE = (RESPONDENTS, PCT_OF_COHORT)  # then one card per declared question
FIGURES = (RESPONDENTS, PCT_OF_COHORT, POSITIVE_ANSWERS, *voice_words.FIGURES)
BEFORE_DATA = N_(
    "local/feedback.csv has no records this early: the year is left out of the trends rather "
    "than shown as none."
)


@dataclass(frozen=True)
class Feedback:
    """local/feedback.csv with what does not depend on the year, worked out once per build.
    Read only: the years share it."""

    answers: pd.DataFrame  # the extract: one row per answer
    responses: pd.DataFrame  # one row per response: its first row
    mixed: int  # responses whose rows disagree on a response-level column
    question: pd.Series  # per answer row: the index of the declared question it answers
    given: pd.Series  # per answer row: an answer was given (not blank)
    normal: pd.Series  # per answer row: the answer as compared ("" when none)


def prepare(inp: BuildInput) -> Feedback:
    feedback = inp.data.local["feedback"]
    answer = feedback["ANSWER"]
    return Feedback(
        answers=feedback,
        responses=feedback.drop_duplicates("RESPONSE_ID", keep="first"),
        mixed=_inconsistent(feedback),
        question=_question_of(feedback["QUESTION"], inp.config.feedback.questions),
        given=map_distinct(answer, lambda a: isinstance(a, str) and a.strip() != ""),
        normal=map_distinct(answer, lambda a: _normal(a) if isinstance(a, str) else ""),
    )


def compute(inp: SectionInput) -> SectionResult:
    period = inp.period
    threshold = inp.config.publishing.suppression_threshold
    prepared = inp.given(Feedback)
    notes = _mixed_note(prepared.mixed, threshold)
    responses = prepared.responses
    in_year = responses.loc[within(responses["DATE"], period)]
    answered_in_year = prepared.answers["RESPONSE_ID"].isin(
        set(in_year["RESPONSE_ID"].to_numpy(dtype=object))
    )
    figures: list[Figure] = [
        RESPONDENTS.count(len(in_year)),
        _share_of_cohort(inp, in_year, threshold, notes),
    ]
    breakdowns = [_by_respondent(in_year)]
    if len(in_year):
        breakdowns.append(_by_source(in_year, inp.config.publishing.feedback_sources))
    ties = [Tie.same(RESPONDENTS.id, cell_ref(b, TOTAL)) for b in breakdowns]
    part = _answers(prepared, answered_in_year, in_year, inp.config.feedback.questions, notes)
    return SectionResult(
        figures=figures + part.figures,
        breakdowns=breakdowns + part.breakdowns,
        charts=part.charts,
        notes=notes,
        headline=ids(HEADLINE) + part.headline,
        ties=ties + part.ties,
        context={
            "undeclared_questions": part.undeclared,  # not shown on the page (free text)
            **voice_words.words(inp.data.voice, notes),
        },
    )


def _mixed_note(mixed: int, threshold: int) -> list[str]:
    if not mixed:
        return []
    return [
        N_(
            "{count} responses have rows that disagree on the date, source, respondent or "
            "child; each response is read from its first row.",
            count=how_many(mixed, threshold),
        )
    ]


def _share_of_cohort(
    inp: SectionInput, in_year: pd.DataFrame, threshold: int, notes: list[str]
) -> Figure:
    """Children looked after during the year who answered themselves, of all of them; notes
    for children's responses that cannot be counted in it."""
    cohort = set(looked_after_during(inp.history.care, inp.period, "CHILD").to_numpy(dtype=object))
    as_child = in_year.loc[in_year["RESPONDENT"] == "CHILD"]
    no_id = int(as_child["CHILD"].isna().sum())
    answered = set(as_child["CHILD"].dropna().to_numpy(dtype=object))
    if no_id:
        notes.append(
            N_(
                "{count} responses from children have no CHILD identifier, so they cannot be "
                "matched to the children looked after and are not in the percentage of the "
                "cohort.",
                count=how_many(no_id, threshold),
            )
        )
    if answered - cohort:
        notes.append(
            N_(
                "{count} children who answered were not looked after during the year (for "
                "example, children on short breaks) and are not in the percentage of the "
                "cohort.",
                count=how_many(len(answered - cohort), threshold),
            )
        )
    return PCT_OF_COHORT.percent(len(answered & cohort), len(cohort))


@dataclass(frozen=True)
class Answers:
    """The year's answers to the declared questions: positive shares by question and by who
    answered, their tables, chart and ties."""

    figures: list[Figure]
    breakdowns: list[Breakdown]
    charts: list[ChartSpec]
    headline: list[str]
    ties: list[Tie]
    undeclared: list[str]  # QUESTION texts not declared: never shown (free text)


def _answers(
    prepared: Feedback,
    answered_in_year: pd.Series,
    in_year: pd.DataFrame,
    questions: list[Question],
    notes: list[str],
) -> Answers:
    answers = prepared.answers.loc[answered_in_year]
    matched = prepared.question.loc[answered_in_year]
    undeclared = sorted(set(answers.loc[matched.isna(), "QUESTION"].dropna().astype(str)))
    if not questions:
        notes.append(
            N_(
                "No feedback questions are declared in config.yaml (feedback.questions), so "
                "the share of positive answers is not shown."
            )
        )
    _undeclared_note(undeclared, notes)
    if not questions:
        return Answers([], [], [], [], [], undeclared)
    positive, given, counted_rows, positive_rows = _positive_counts(
        matched,
        prepared.given.loc[answered_in_year],
        prepared.normal.loc[answered_in_year],
        questions,
    )
    figures = [
        POSITIVE_ANSWERS.percent(
            pos, total, code=q.code, question=q.text, positive=_either(q.positive)
        )
        for q, pos, total in zip(questions, positive, given, strict=True)
    ]
    by_question = _by_question(questions, positive, given)
    chart = ChartSpec(
        "feedback-positive",
        N_("Positive answers by question"),
        "stacked_hbar",
        source=by_question.id,
        y_label=N_("Answers"),
    )
    who = answers["RESPONSE_ID"].map(in_year.set_index("RESPONSE_ID")["RESPONDENT"])
    by_who, shares, ties = voice_words.by_respondent(who, counted_rows, positive_rows)
    for q in questions:
        fid = POSITIVE_ANSWERS.id_for(code=q.code)
        ties.append(Tie.same(num(fid), cell_ref(by_question, q.text, POSITIVE)))
        ties.append(Tie.same(den(fid), cell_ref(by_question, q.text, TOTAL)))
    return Answers(
        figures=figures + shares,
        breakdowns=[by_question, by_who],
        charts=[chart],
        headline=[f.id for f in figures],
        ties=ties,
        undeclared=undeclared,
    )


def _undeclared_note(undeclared: list[str], notes: list[str]) -> None:
    # the QUESTION text itself is never shown: it is free text (a shifted row can put a
    # child's id there), and only declared wording reaches the page
    if undeclared:
        notes.append(
            N_(
                "Answers to {count} question(s) not declared in config.yaml "
                "(feedback.questions) are not counted. Declare them, with their wording and "
                "positive answers, to include them.",
                count=len(undeclared),
            )
        )


def _by_question(questions: list[Question], positive: list[int], given: list[int]) -> Breakdown:
    return Breakdown(
        id="feedback.positive_by_question",
        label=N_("Positive answers by question"),
        definition=N_(
            "Answers given in the year to each question the service asks, "
            "split into positive answers and other answers. Blank answers are left out."
        ),
        method="QUESTION and ANSWER in local/feedback.csv; the questions and their "
        "positive answers are declared in config.yaml (feedback.questions).",
        category_label=N_("Question"),
        categories=[q.text for q in questions],
        series={
            POSITIVE: positive,
            N_("Other answers"): [t - p for p, t in zip(positive, given, strict=True)],
        },
        unit="responses",
        row_totals=True,
        show_pct=False,
    )


def _inconsistent(feedback: pd.DataFrame) -> int:
    """Responses whose rows disagree on a response-level column."""
    if feedback.empty:
        return 0
    distinct = feedback.groupby("RESPONSE_ID")[RESPONSE_COLUMNS].nunique(dropna=False)
    return int((distinct > 1).any(axis=1).sum())


def _normal(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _question_of(values: pd.Series, questions: list[Question]) -> pd.Series:
    """The index of the declared question each QUESTION cell names (by code or wording)."""
    lookup: dict[str, int] = {}
    for i, q in enumerate(questions):
        lookup.setdefault(_normal(q.text), i)
    for i, q in enumerate(questions):
        lookup[_normal(q.code)] = i  # a code wins over another question's wording
    return map_distinct(values, lambda v: lookup.get(_normal(v)) if isinstance(v, str) else None)


def _positive_counts(
    matched: pd.Series, given_answer: pd.Series, normal: pd.Series, questions: list[Question]
) -> tuple[list[int], list[int], pd.Series, pd.Series]:
    """Positive and given answers per question, and per answer row whether it is counted
    (a declared question, not blank) and whether it is positive. The arguments are per answer
    row: the question answered, whether an answer was given, the answer as compared."""
    positive, given = [], []
    counted = pd.Series(False, index=matched.index)
    is_positive = pd.Series(False, index=matched.index)
    for i, q in enumerate(questions):
        rows = (matched == i) & given_answer
        wanted = {_normal(p) for p in q.positive}
        good = rows & normal.isin(wanted)
        positive.append(int(good.sum()))
        given.append(int(rows.sum()))
        counted |= rows
        is_positive |= good
    return positive, given, counted.astype(bool), is_positive.astype(bool)


def _either(values: list[str]) -> str:
    shown = [f'"{v}"' for v in values]
    if not shown:
        return N_("positive (none declared)")
    if len(shown) == 1:
        return shown[0]
    return N_("{first} or {last}", first=", ".join(shown[:-1]), last=shown[-1])


def _by_respondent(in_year: pd.DataFrame) -> Breakdown:
    counts = in_year["RESPONDENT"].value_counts()
    categories = list(RESPONDENT_LABELS.values())
    return Breakdown(
        id="feedback.by_respondent",
        label=N_("Feedback responses by who responded"),
        definition=N_(
            "Responses received in the year by who gave them: children and young "
            "people, parents, carers or professionals."
        ),
        method="RESPONDENT in local/feedback.csv.",
        category_label=N_("Respondent"),
        categories=categories,
        series={N_("Responses"): [int(counts.get(code, 0)) for code in RESPONDENT_LABELS]},
        unit="responses",
    )


def _by_source(in_year: pd.DataFrame, sources: list[str]) -> Breakdown:
    categories, counts = ranked_categories(listed(in_year["SOURCE"], sources))
    return Breakdown(
        id="feedback.by_source",
        label=N_("Feedback responses by source"),
        definition=N_(
            "Responses received in the year by how they were collected (for "
            "example a feedback form, an app or a survey), most frequent first."
        ),
        method="SOURCE in local/feedback.csv; a source not listed in config.yaml "
        "(publishing.feedback_sources) counts as Other.",
        category_label=N_("Source"),
        categories=categories,
        series={N_("Responses"): [int(counts[c]) for c in categories]},
        unit="responses",
    )
