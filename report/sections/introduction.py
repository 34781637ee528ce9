"""Introduction, purpose and legal context: nation-specific default text (DOMAIN 1).

The text is plain (no HTML or Markdown) in context["paragraphs"]. The manager's
narrative/introduction.md, when present, is shown by the publish layer above it.
"""

from __future__ import annotations

from report.i18n import N_
from report.model import SectionResult
from report.sections import SectionInput
from report.terms import nation_terms

# What each section covers, as a phrase for "The report covers ..."; {keys} of nation_terms().
COVERS: dict[str, str] = {
    "service": N_("the IRO service: its team, caseloads and continuity of IRO for children"),
    "children": N_("the children looked after during the year"),
    "reviews": N_("the number of reviews held and whether they were held on time"),
    "participation": N_("how children took part in their reviews"),
    "voice": N_("what children, parents, carers and professionals told us about reviews"),
    "escalations": N_(
        "the concerns IROs raised through the dispute resolution process, and "
        "good practice they recognised"
    ),
    "quality": N_("how IROs assure the quality of children's plans between reviews"),
    "child_protection": N_(
        "the child protection conferences chaired by IROs and the {cp_children}"
    ),
    "priorities": N_("progress on last year's priorities and our priorities for next year"),
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
            N_(
                "To protect children's privacy, counts of 1 to {threshold} children (or of "
                'their reviews, conferences, concerns or responses) are shown as "c", and so '
                "are any figures from which they could be worked out. The key to these symbols "
                "is at the end of the report.",
                threshold=threshold,
            )
        )
    return SectionResult(
        context={
            "paragraphs": paragraphs,
            "default_text": True,
            "covers": covers,
        },
    )


def _opening(inp: SectionInput) -> str:
    council = inp.config.council
    period = inp.period
    return N_(
        "This is the annual report of {council}'s {service} for {year}, the year from "
        "1 April {start} to 31 March {end}. It is written for the {panel}, so that members "
        "can see and challenge how well the council plans for, and reviews, the care of the "
        "children it looks after.",
        council=council.name,
        service=council.service_name,
        year=period.label,
        start=period.start.year,
        end=period.end.year,
        panel=council.panel_name,
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
        N_(
            "Every child looked after by the council must have an independent reviewing "
            "officer (IRO). Sections 99 and 100 of the Social Services and Well-being (Wales) "
            "Act 2014 require the council to appoint an IRO for each child it looks after, and "
            "set out the IRO's role: to monitor how the council carries out its duties in the "
            "child's case, to take part in the reviews of the child's case, to make sure that "
            "the child's wishes and feelings are given due consideration, and, where "
            "appropriate, to refer the case to CAFCASS Cymru."
        ),
        N_(
            "The Care Planning, Placement and Case Review (Wales) Regulations 2015 set out how "
            "each child's care and support plan is prepared and reviewed. A child's first "
            "review must be held within {first} days of the child becoming looked after, the "
            "second within three months of the first, and later reviews at intervals of no "
            "more than six months. The IRO chairs each review and checks that the care and "
            "support plan meets the child's needs.",
            first=first,
        ),
        N_(
            "Statutory guidance on the role of the IRO is given in the Part 6 Code of Practice "
            "(Looked After and Accommodated Children) under the Act. This report gives the "
            "{panel} an account of the service's work: the good practice it has seen, the "
            "issues that need development, including any that need urgent action, and how the "
            "service itself is developing.",
            panel=inp.config.council.panel_name,
        ),
    ]


def _covers(inp: SectionInput, terms: dict[str, str]) -> list[str]:
    """Phrases for the sections this report includes (those whose data are present)."""
    from report.sections import registry  # registry imports this module

    present = set(inp.data.local)
    return [
        N_(COVERS[s.key], **terms) if "{" in COVERS[s.key] else COVERS[s.key]
        for s in registry()
        if s.key in COVERS and all(n in present for n in s.needs)
    ]


def _covers_sentence(covers: list[str]) -> str:
    if not covers:
        return N_("The report sets out the work of the IRO service during the year.")
    listed = covers[0]
    for item in covers[1:-1]:
        listed = N_("{left}; {right}", left=listed, right=item)
    if len(covers) > 1:
        listed = N_("{left}; and {last}", left=listed, last=covers[-1])
    return N_("The report covers {listed}.", listed=listed)
