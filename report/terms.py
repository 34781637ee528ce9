"""Words the report uses: the glossary of abbreviations and each nation's legal terms.

Members ask that every acronym be explained (DOMAIN 1). One list serves both nations: a term
with `nations` limited to one nation is that nation's variant (Cafcass / CAFCASS Cymru,
s20 / s76, the English / Welsh regulations). `glossary(nation, used_in=text)` keeps only the
terms that appear in the report's text, so the appendix never explains a word the report does
not use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from report.i18n import N_, Message, _

BOTH: frozenset[str] = frozenset({"england", "wales"})
ENGLAND: frozenset[str] = frozenset({"england"})
WALES: frozenset[str] = frozenset({"wales"})

_NATION_TERMS: dict[str, dict[str, str]] = {
    "england": {
        "care_plan": N_("care plan"),
        "care_plans": N_("care plans"),
        "cafcass": N_("Cafcass"),
        "cp_plan": N_("child protection plan"),
        "cp_children": N_("children subject to a child protection plan"),
        "principal_act": N_("Children Act 1989"),
        "iro_sections": N_("sections 25A and 25B of the Children Act 1989"),
        "regulations": N_("Care Planning, Placement and Case Review (England) Regulations 2010"),
        "accommodation_section": N_("section 20 of the Children Act 1989"),
        "accommodation_short": N_("s20"),
        "guidance": N_("IRO Handbook (statutory guidance, 2010)"),
        "government": N_("Department for Education"),
        "caseload_band": N_("IRO Handbook guidance (children per full-time IRO)"),
        "caseload_source": N_("The IRO Handbook (2010) suggests"),
        "dispute_timescale": N_(
            "the IRO Handbook expects the whole process to take no more than 20 working days"
        ),
        "finance": N_("Children's Services"),
        "cp_status": N_("subject to a child protection plan"),
        "cp_status_short": N_("subject to a plan"),
    },
    "wales": {
        "care_plan": N_("care and support plan"),
        "care_plans": N_("care and support plans"),
        "cafcass": N_("CAFCASS Cymru"),
        "cp_plan": N_("care and support protection plan"),
        "cp_children": N_("children on the child protection register"),
        "principal_act": N_("Social Services and Well-being (Wales) Act 2014"),
        "iro_sections": N_(
            "sections 99 and 100 of the Social Services and Well-being (Wales) Act 2014"
        ),
        "regulations": N_("Care Planning, Placement and Case Review (Wales) Regulations 2015"),
        "accommodation_section": N_(
            "section 76 of the Social Services and Well-being (Wales) Act 2014"
        ),
        "accommodation_short": N_("s76"),
        "guidance": N_("Part 6 Code of Practice (Looked After and Accommodated Children)"),
        "government": N_("Welsh Government"),
        # The Part 6 Code sets no caseload range or dispute timescale: the council's own apply.
        "caseload_band": N_("The council's caseload guidance (children per full-time IRO)"),
        "caseload_source": N_("The council's caseload guidance is"),
        "dispute_timescale": N_(
            "the council's dispute resolution protocol expects the whole "
            "process to take no more than 20 working days"
        ),
        "finance": N_("Social Services"),
        # Wales Safeguarding Procedures: the child's name is placed on the register.
        "cp_status": N_("on the child protection register"),
        "cp_status_short": N_("on the register"),
    },
}


def nation_terms(nation: str) -> dict[str, str]:
    """The words that differ between England and Wales, by key (a fresh copy)."""
    try:
        return dict(_NATION_TERMS[nation])
    except KeyError:
        raise ValueError(f"nation must be england or wales, got {nation!r}") from None


@dataclass(frozen=True)
class Term:
    """One glossary entry. `explanation` may use the keys of nation_terms() in braces."""

    abbreviation: str
    expansion: str
    explanation: str
    nations: frozenset[str] = BOTH
    # Regular expressions (besides the abbreviation itself) that mean the report uses the term.
    also: tuple[str, ...] = field(default=())

    def explained(self, nation: str) -> str:
        """The explanation with the nation's terms: marked text, translated when published."""
        text = self.explanation
        msgid = text.msgid if isinstance(text, Message) else text
        return Message(msgid, nation_terms(nation))

    def used_in(self, text: str) -> bool:
        """Whether `text` uses the term: its abbreviation, in English or in the language being
        published (a Welsh page says "seibiannau byr" for short breaks), or an `also` pattern."""
        patterns = [re.escape(self.abbreviation), *self.also]
        shown = _(self.abbreviation)
        if shown != self.abbreviation:
            patterns.append(f"(?i:{re.escape(shown)})")
        return any(re.search(rf"(?<![\w-])(?:{p})(?![\w-])", text) for p in patterns)


TERMS: tuple[Term, ...] = (
    Term(
        N_("IRO"),
        N_("Independent Reviewing Officer"),
        N_(
            "A social worker, independent of the management of the child's case, who chairs the "
            "child's reviews and checks that the council is meeting the child's needs through "
            "the {care_plan}."
        ),
        also=("IROs",),
    ),
    Term(
        N_("CLA"),
        N_("Children looked after"),
        N_(
            "Children in the council's care under a court order, or accommodated by agreement "
            "with their parents under {accommodation_section}."
        ),
    ),
    Term(
        N_("LAC"),
        N_("Looked after children"),
        N_("An older name for children looked after, still used in some council documents."),
    ),
    Term(
        N_("DRP"),
        N_("Dispute resolution process"),
        N_(
            "How an IRO raises a concern about a child's {care_plan} and has it resolved: "
            "informally first, then through formal stages up the management line."
        ),
    ),
    Term(
        N_("PN"),
        N_("Participation code"),
        N_(
            "The code (PN0 to PN7) recorded in the SSDA903 data for how a child took part in "
            "their review."
        ),
        also=("PN[0-7]",),
    ),
    Term(
        N_("ICPC"),
        N_("Initial child protection conference"),
        N_(
            "The first multi-agency meeting after child protection enquiries (s47); it decides "
            "whether the child needs a {cp_plan}."
        ),
        nations=ENGLAND,
        also=("ICPCs",),
    ),
    Term(
        N_("ICPC"),
        N_("Initial child protection conference"),
        N_(
            "The first multi-agency meeting after child protection enquiries (s47); it decides "
            "whether the child's name is placed on the child protection register, with a "
            "{cp_plan}."
        ),
        nations=WALES,
        also=("ICPCs",),
    ),
    Term(
        N_("RCPC"),
        N_("Review child protection conference"),
        N_(
            "A later conference that reviews the child's {cp_plan} and decides whether it is "
            "still needed."
        ),
        also=("RCPCs",),
    ),
    Term(
        N_("UASC"),
        N_("Unaccompanied asylum-seeking children"),
        N_(
            "Children who have applied for asylum in their own right and are separated from "
            "their parents and from any adult who by law or custom cares for them."
        ),
    ),
    Term(
        N_("FTE"),
        N_("Full-time equivalent"),
        N_("Staff measured in full-time posts: two IROs who each work half time are 1.0 FTE."),
    ),
    Term(
        N_("Cafcass"),
        N_("Children and Family Court Advisory and Support Service"),
        N_(
            "Represents children in family court cases in England. An IRO may refer a child's "
            "case to Cafcass when the council is failing the child and the concern cannot be "
            "resolved locally."
        ),
        nations=ENGLAND,
    ),
    Term(
        N_("CAFCASS Cymru"),
        N_("Children and Family Court Advisory and Support Service Cymru"),
        N_(
            "Represents children in family court cases in Wales. An IRO may refer a child's "
            "case to CAFCASS Cymru when the council is failing the child and the concern cannot "
            "be resolved locally."
        ),
        nations=WALES,
    ),
    Term(
        N_("CPPCR"),
        N_("Care Planning, Placement and Case Review (England) Regulations 2010"),
        N_(
            "The regulations that set out how a child's {care_plan} is made and when the child's "
            "reviews are due."
        ),
        nations=ENGLAND,
    ),
    Term(
        N_("CPPCR"),
        N_("Care Planning, Placement and Case Review (Wales) Regulations 2015"),
        N_(
            "The regulations that set out how a child's {care_plan} is made and when the child's "
            "reviews are due."
        ),
        nations=WALES,
    ),
    Term(
        N_("SSWBA"),
        N_("Social Services and Well-being (Wales) Act 2014"),
        N_(
            "The law under which Welsh councils look after children; sections 99 and 100 require "
            "an IRO for every child looked after."
        ),
        nations=WALES,
    ),
    Term(
        N_("SSDA903"),
        N_("The SSDA903 return"),
        N_(
            "The data on children looked after that every council in England returns to the "
            "Department for Education each year: episodes of care, reviews and more."
        ),
        nations=ENGLAND,
        also=("903",),
    ),
    Term(
        N_("SSDA903"),
        N_("The SSDA903 data layout"),
        N_(
            "The Department for Education's layout for data on children looked after (episodes "
            "of care, reviews), in which the council's data for this report are prepared."
        ),
        nations=WALES,
        also=("903",),
    ),
    Term(
        N_("DfE"),
        N_("Department for Education"),
        N_(
            "The government department responsible for children's social care in England; "
            "it publishes the national statistics on children looked after in England."
        ),
    ),
    Term(
        N_("s20"),
        N_("Section 20 of the Children Act 1989"),
        N_(
            "Accommodation of a child by the council by agreement with the parents, without a "
            "court order."
        ),
        nations=ENGLAND,
        also=(r"section 20",),
    ),
    Term(
        N_("s76"),
        N_("Section 76 of the Social Services and Well-being (Wales) Act 2014"),
        N_(
            "Accommodation of a child by the council by agreement with the parents, without a "
            "court order."
        ),
        nations=WALES,
        also=(r"section 76",),
    ),
    Term(
        N_("s47"),
        N_("Section 47 of the Children Act 1989"),
        N_(
            "The council's duty to make enquiries when it has reasonable cause to suspect that a "
            "child is suffering, or is likely to suffer, significant harm."
        ),
        also=(r"section 47",),
    ),
    Term(
        N_("PEP"),
        N_("Personal education plan"),
        N_(
            "The part of a child's {care_plan} that sets out their education and how it will be "
            "supported."
        ),
    ),
    Term(
        N_("Midway review"),
        N_("A check by the IRO between reviews"),
        N_(
            "The IRO looks at how the child's {care_plan} is going part of the way between two "
            "reviews, and acts if the plan is drifting or the actions agreed are not done."
        ),
        also=(r"(?i:midway reviews?)",),
    ),
    Term(
        N_("Mind of My Own"),
        N_("An app for children's views"),
        N_(
            "An app, used by many councils, in which children and young people can tell their "
            "IRO and social worker what they think, before a review or at any time."
        ),
        also=(r"(?i:mind of my own)",),
    ),
    Term(
        N_("Corporate Parenting Panel"),
        N_("The council's committee for children in its care"),
        N_(
            "Councillors and officers who check that the council acts as a good parent would for "
            "the children it looks after; the IRO annual report is presented to it."
        ),
        also=(r"(?i:corporate parenting (?:panel|board))",),
    ),
    Term(
        N_("Children in Care Council"),
        N_("Children in care speaking up together"),
        N_(
            "A group of children and young people in the council's care who meet regularly to "
            "say what being in care is like for them and to help change how services work."
        ),
        also=(r"(?i:children in care council)",),
    ),
    Term(
        N_("Short breaks"),
        N_("Planned stays away from home"),
        N_(
            "Planned short stays (respite care) for a child, often a disabled child, to give the "
            "child and family a break. Children who only have short breaks are not counted as "
            "looked after in this report."
        ),
        also=(r"(?i:short[- ]breaks?)",),
    ),
    Term(
        N_("QA"),
        N_("Quality assurance"),
        N_("Checking that the work done with and for children meets the standard expected."),
    ),
)


def glossary(nation: str, used_in: str | None = None) -> list[Term]:
    """The nation's terms in alphabetical order; with `used_in`, only those the text uses.

    A term counts as used when its abbreviation (or one of its `also` patterns) appears in
    the text as a whole word, case-sensitively ("QA" does not match "aqua"), or in the
    glossary's own words for another term used (ICPC's explanation uses s47).
    """
    nation_terms(nation)  # rejects an unknown nation
    chosen = [t for t in TERMS if nation in t.nations]
    if used_in is not None:
        candidates, chosen, text = chosen, [], used_in
        while found := [t for t in candidates if t not in chosen and t.used_in(text)]:
            chosen += found
            text = "\n".join(f"{_(t.expansion)} {_(t.explained(nation))}" for t in found)
    return sorted(chosen, key=lambda t: t.abbreviation.casefold())


def glossary_rows(nation: str, used_in: str | None = None) -> list[dict[str, str]]:
    """The glossary as plain rows for a template: abbreviation, expansion, explanation, in
    the language being published."""
    rows = [
        {
            "abbreviation": _(t.abbreviation),
            "expansion": _(t.expansion),
            "explanation": _(t.explained(nation)),
        }
        for t in glossary(nation, used_in)
    ]
    return sorted(rows, key=lambda row: row["abbreviation"].casefold())
