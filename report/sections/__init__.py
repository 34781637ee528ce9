"""The section registry: order, titles and compute functions of the report's sections."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from report.config import Config
from report.dates import Period
from report.declare import FigureDef
from report.i18n import N_
from report.load.dataset import Dataset
from report.model import SectionResult
from report.rules.history import CareHistory


@dataclass(frozen=True)
class SectionInput:
    """What a section may use: the care history, the local extracts, the year and settings."""

    history: CareHistory
    data: Dataset
    period: Period
    config: Config


Compute = Callable[[SectionInput], SectionResult]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    compute: Compute
    needs: tuple[str, ...] = ()  # local extracts without which the section is switched off
    summary: str = ""  # one line for `iro-report sections`


def registry() -> tuple[Section, ...]:
    """Every section, in report order (DOMAIN.md section 1)."""
    from report.sections import (
        child_protection,
        children,
        contact,
        escalations,
        introduction,
        participation,
        priorities,
        quality,
        reviews,
        service,
        voice,
    )

    return (
        Section(
            "introduction",
            N_("Introduction, purpose and legal context"),
            introduction.compute,
            summary="why the report exists and the law the IRO service works to",
        ),
        Section(
            "service",
            N_("The IRO service"),
            service.compute,
            needs=("iro_staff", "iro_allocations"),
            summary="IROs and FTE in post, caseloads per FTE, continuity of IRO",
        ),
        Section(
            "children",
            N_("Profile of children looked after"),
            children.compute,
            summary="who was looked after: numbers, starts, ends, age, sex, ethnicity, "
            "legal status, placement, UASC, placed out of area",
        ),
        Section(
            "reviews",
            N_("Reviews and their timeliness"),
            reviews.compute,
            summary="reviews held, on time (review and child level), overdue, by sequence",
        ),
        Section(
            "participation",
            N_("Participation of children in their reviews"),
            participation.compute,
            summary="how children took part in their reviews (PN codes), by age",
        ),
        Section(
            "contact",
            N_("IRO contact, advocacy and independent visitors"),
            contact.compute,
            summary="IRO visits and contact with children between reviews, advocacy "
            "referrals, independent visitors",
        ),
        Section(
            "voice",
            N_("Voice of the child: feedback"),
            voice.compute,
            needs=("feedback",),
            summary="feedback from children, parents, carers and professionals, approved "
            "quotes, 'You said, we did', the Children in Care Council",
        ),
        Section(
            "escalations",
            N_("Dispute resolution and IRO challenge"),
            escalations.compute,
            needs=("escalations",),
            summary="concerns raised by IROs, stages, outcomes, timescales, good practice",
        ),
        Section(
            "quality",
            N_("Quality assurance"),
            quality.compute,
            summary="midway reviews, IRO contact before reviews, parents' participation",
        ),
        Section(
            "child_protection",
            N_("Child protection conferences"),
            child_protection.compute,
            needs=("cp_conferences",),
            summary="conferences chaired by IROs: timeliness, attendance, plans by category, "
            "how long plans lasted, repeat plans",
        ),
        Section(
            "priorities",
            N_("Priorities"),
            priorities.compute,
            summary="progress on last year's priorities and next year's",
        ),
    )


def registry_figures() -> tuple[FigureDef, ...]:
    """Every declared figure, in report order: the `FIGURES` of each section's module.

    A section module declares its figures at module level (report/declare.py) and lists
    them, with those of the helper modules it uses, in `FIGURES`."""
    declared: list[FigureDef] = []
    for section in registry():
        declared.extend(getattr(sys.modules[section.compute.__module__], "FIGURES", ()))
    return tuple(declared)
