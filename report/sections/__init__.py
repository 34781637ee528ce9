"""The section registry: order, titles and compute functions of the report's sections.

How a section is computed (issue 15):

- `compute(inp: SectionInput) -> SectionResult` works out one reporting year. It is called
  once for the report year and once for each earlier trend year (publishing.trend_years), with
  `inp.period` a `dates.Period`, and the same code serves every year: a section never asks
  whether it is computing the report year or a trend year.
- `prepare(inp: BuildInput) -> <frozen dataclass>` (optional) does, once per build and before
  the years, the work that does not depend on the year: cleaning or de-duplicating a local
  extract, working out each conference's due date, splitting concerns from alerts, chaining
  episodes into placements. Every year's `compute` receives the result as `inp.prepared` and
  reads it typed with `inp.given(TheSectionsDataclass)`. A section with nothing to prepare
  declares none (`inp.prepared` is then None). `prepare` must not change the frames it is
  given, and `compute` must not change what `prepare` returned: the years share it.
- `records_from` (optional) names the local extract and date column a section's records run
  from, with the section's note for a year too early for them. A trend year that ends before
  the first record (or with no dated record at all) is not computed: its result is only that
  note, so it has no figures and is left out of the trends (a gap, not zeros). The report year
  is always computed.

`SectionRun` applies these rules; the pipeline (`assembly._compute_years`) and the test
builders (`tests/builders.py`) both go through it, so a year computed in a test is computed
as the build computes it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from report.config import Config
from report.dates import Period
from report.declare import FigureDef
from report.i18n import N_
from report.load.dataset import Dataset
from report.model import SectionResult
from report.rules.history import CareHistory

T = TypeVar("T")


@dataclass(frozen=True)
class BuildInput:
    """What does not change from year to year: the care history, the local extracts and the
    settings (what a section's `prepare` may use)."""

    history: CareHistory
    data: Dataset
    config: Config


@dataclass(frozen=True)
class SectionInput:
    """What a section may use: the care history, the local extracts, the year and settings,
    and what its `prepare` worked out once for the build (None when it has no `prepare`)."""

    history: CareHistory
    data: Dataset
    period: Period
    config: Config
    prepared: object = None

    def given(self, kind: type[T]) -> T:
        """The section's `prepare` result, as the dataclass `kind` it is declared to be."""
        if not isinstance(self.prepared, kind):
            raise TypeError(f"expected {kind.__name__} prepared, got {type(self.prepared)}")
        return self.prepared


Compute = Callable[[SectionInput], SectionResult]
Prepare = Callable[[BuildInput], object]


@dataclass(frozen=True)
class RecordsFrom:
    """The local extract and date column a section's records run from, and the section's note
    for a trend year that ends before the first of them."""

    extract: str
    column: str
    note: str

    def first(self, data: Dataset) -> pd.Timestamp | None:
        """The earliest date in the column (None when the extract is not given: the section
        decides; NaT when no row has a date)."""
        frame = data.local.get(self.extract)
        if frame is None:
            return None
        return pd.Timestamp(frame[self.column].min())


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    compute: Compute
    needs: tuple[str, ...] = ()  # local extracts without which the section is switched off
    summary: str = ""  # one line for `iro-report sections`
    prepare: Prepare | None = None  # once per build, before the years (see the module doc)
    records_from: RecordsFrom | None = None  # trend years before these records are skipped


@dataclass(frozen=True)
class SectionRun:
    """One section in one build: prepared once, then computed year by year."""

    section: Section
    build: BuildInput
    prepared: object
    first_record: pd.Timestamp | None

    @classmethod
    def start(cls, section: Section, build: BuildInput) -> SectionRun:
        """Run the section's `prepare` (once) and find where its records begin."""
        prepared = section.prepare(build) if section.prepare is not None else None
        rule = section.records_from
        return cls(section, build, prepared, rule.first(build.data) if rule else None)

    def covers(self, period: Period) -> bool:
        """Whether the section's records reach back into `period`: some record is dated on or
        before its last day (always, for a section that declares no `records_from`)."""
        if self.section.records_from is None or self.first_record is None:
            return True
        return bool(pd.notna(self.first_record) and self.first_record <= pd.Timestamp(period.end))

    def year(self, period: Period) -> SectionResult:
        """The section's result for `period`. A trend year its records do not reach is not
        computed: the result is the section's note alone (no figures, so no trend point)."""
        build = self.build
        rule = self.section.records_from
        if rule is not None and period != build.config.period and not self.covers(period):
            return SectionResult(notes=[rule.note])
        inp = SectionInput(build.history, build.data, period, build.config, self.prepared)
        return self.section.compute(inp)


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
            prepare=service.prepare,
            summary="IROs and FTE in post, caseloads per FTE, continuity of IRO",
        ),
        Section(
            "children",
            N_("Profile of children looked after"),
            children.compute,
            prepare=children.prepare,
            summary="who was looked after: numbers, starts, ends, age, sex, ethnicity, "
            "legal status, placement, UASC, placed out of area",
        ),
        Section(
            "reviews",
            N_("Reviews and their timeliness"),
            reviews.compute,
            prepare=reviews.prepare,
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
            prepare=voice.prepare,
            records_from=RecordsFrom("feedback", "DATE", voice.BEFORE_DATA),
            summary="feedback from children, parents, carers and professionals, approved "
            "quotes, 'You said, we did', the Children in Care Council",
        ),
        Section(
            "escalations",
            N_("Dispute resolution and IRO challenge"),
            escalations.compute,
            needs=("escalations",),
            prepare=escalations.prepare,
            records_from=RecordsFrom("escalations", "RAISED", escalations.BEFORE_DATA),
            summary="concerns raised by IROs, stages, outcomes, timescales, good practice",
        ),
        Section(
            "quality",
            N_("Quality assurance"),
            quality.compute,
            prepare=quality.prepare,
            summary="midway reviews, IRO contact before reviews, parents' participation",
        ),
        Section(
            "child_protection",
            N_("Child protection conferences"),
            child_protection.compute,
            needs=("cp_conferences",),
            prepare=child_protection.prepare,
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
