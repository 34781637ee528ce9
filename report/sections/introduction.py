"""Introduction, purpose and legal context: nation-specific default text (DOMAIN 1).

The text is plain (no HTML or Markdown) in context["paragraphs"]. The manager's
narrative/introduction.md, when present, is shown by the publish layer above it.
"""

from __future__ import annotations

from report.model import SectionResult
from report.sections import SectionInput
from report.terms import nation_terms

# What each section covers, as a phrase for "The report covers ..."; {keys} of nation_terms().
COVERS: dict[str, str] = {
    "service": "the IRO service: its team, caseloads and continuity of IRO for children",
    "children": "the children looked after during the year",
    "reviews": "the number of reviews held and whether they were held on time",
    "participation": "how children took part in their reviews",
    "voice": "what children, parents, carers and professionals told us about reviews",
    "escalations": "the concerns IROs raised through the dispute resolution process, and "
    "good practice they recognised",
    "quality": "how IROs assure the quality of children's plans between reviews",
    "child_protection": "the child protection conferences chaired by IROs and the {cp_children}",
    "priorities": "progress on last year's priorities and our priorities for next year",
}


def compute(inp: SectionInput) -> SectionResult:
    nation = inp.config.council.nation
    terms = nation_terms(nation)
    covers = _covers(inp, terms)
    paragraphs = [_opening(inp)]
    paragraphs += _england(inp) if nation == "england" else _wales(inp)
    paragraphs.append(_covers_sentence(covers))
    threshold = inp.config.publishing.suppression_threshold
    if threshold:
        paragraphs.append(
            f"To protect children's privacy, counts of 1 to {threshold} children (or of their "
            f'reviews, conferences, concerns or responses) are shown as "c", and so are any '
            f"figures from which they could be worked out. The key to these symbols is at the "
            f"end of the report."
        )
    return SectionResult(
        context={
            "paragraphs": paragraphs,
            "default_text": True,
            "nation": nation,
            "covers": covers,
            "terms": terms,
        },
    )


def _opening(inp: SectionInput) -> str:
    council = inp.config.council
    period = inp.period
    return (
        f"This is the annual report of {council.name}'s {council.service_name} for "
        f"{period.label}, the year from 1 April {period.start.year} to 31 March "
        f"{period.end.year}. It is written for the {council.panel_name}, so that members "
        f"can see and challenge how well the council plans for, and reviews, the care of the "
        f"children it looks after."
    )


def _england(inp: SectionInput) -> list[str]:
    return [
        "Every child looked after by the council must have an Independent Reviewing Officer "
        "(IRO). Sections 25A and 25B of the Children Act 1989 require the council to appoint "
        "an IRO for each child it looks after, and set out the IRO's role: to monitor how the "
        "council carries out its duties in the child's case, to take part in the reviews of "
        "the child's case, to make sure that the child's wishes and feelings are given due "
        "consideration, and, where appropriate, to refer the case to Cafcass.",
        "The Care Planning, Placement and Case Review (England) Regulations 2010 set out how "
        "each child's care plan is made and reviewed. A child's first review must be held "
        "within 20 working days of the child becoming looked after, the second within three "
        "months of the first, and later reviews at intervals of no more than six months. The "
        "IRO chairs each review and checks that the care plan meets the child's needs.",
        "The IRO Handbook (statutory guidance for independent reviewing officers and local "
        "authorities, 2010) requires the manager of the IRO service to produce an annual "
        "report for scrutiny by the Corporate Parenting Panel. The report should identify "
        "good practice and the issues that need development, including any that need urgent "
        "action, and show how the service itself is developing.",
    ]


def _wales(inp: SectionInput) -> list[str]:
    first = inp.config.rules.wales_first_review_days
    return [
        "Every child looked after by the council must have an independent reviewing officer "
        "(IRO). Sections 99 and 100 of the Social Services and Well-being (Wales) Act 2014 "
        "require the council to appoint an IRO for each child it looks after, and set out "
        "the IRO's role: to monitor how the council carries out its duties in the child's "
        "case, to take part in the reviews of the child's case, to make sure that the "
        "child's wishes and feelings are given due consideration, and, where appropriate, to "
        "refer the case to CAFCASS Cymru.",
        f"The Care Planning, Placement and Case Review (Wales) Regulations 2015 set out how "
        f"each child's care and support plan is prepared and reviewed. A child's first review "
        f"must be held within {first} days of the child becoming looked after, the second "
        f"within three months of the first, and later reviews at intervals of no more than "
        f"six months. The IRO chairs each review and checks that the care and support plan "
        f"meets the child's needs.",
        "Statutory guidance on the role of the IRO is given in the Part 6 Code of Practice "
        "(Looked After and Accommodated Children) under the Act. This report gives the "
        f"{inp.config.council.panel_name} an account of the service's work: the good practice "
        "it has seen, the issues that need development, including any that need urgent "
        "action, and how the service itself is developing.",
    ]


def _covers(inp: SectionInput, terms: dict[str, str]) -> list[str]:
    """Phrases for the sections this report includes (those whose data are present)."""
    from report.sections import registry  # registry imports this module

    present = set(inp.data.local)
    return [
        COVERS[s.key].format(**terms)
        for s in registry()
        if s.key in COVERS and all(n in present for n in s.needs)
    ]


def _covers_sentence(covers: list[str]) -> str:
    if not covers:
        return "The report sets out the work of the IRO service during the year."
    listed = covers[0] if len(covers) == 1 else "; ".join(covers[:-1]) + "; and " + covers[-1]
    return f"The report covers {listed}."
