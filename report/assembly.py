"""assemble(config, checked): every section for the report year and its trend years."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from report import memory
from report.config import Config
from report.dates import Period
from report.load.benchmarks import check_benchmarks
from report.load.dataset import Dataset
from report.load.exclusions import exclusion_counts
from report.load.narrative import GLANCE, read_narrative
from report.model import Figure, ReportInput, SectionOutput, SectionResult
from report.rules.history import CareHistory
from report.rules.reconcile import reconcile
from report.sections import BuildInput, Section, SectionRun, registry

if TYPE_CHECKING:
    pass


@dataclass
class Checked:
    """Loaded and checked data, ready to compute."""

    data: Dataset
    history: CareHistory


def assemble(config: Config, checked: Checked, *, draft: bool) -> ReportInput:
    """Compute every section for the report year and the earlier years the data cover."""
    period = config.period
    years = trend_years(checked.data, period, config.publishing.trend_years)
    outputs: list[SectionOutput] = []
    history: dict[str, dict[str, Figure]] = {}
    for number, section in enumerate(registry(), start=1):
        missing = [n for n in section.needs if n not in checked.data.local]
        if missing:
            result, off = SectionResult(), _off_reason(missing)
        else:
            result, off = _compute_years(section, config, checked, years, history), ""
            memory.release()  # a section's working frames, freed, go back to the system
        outputs.append(
            SectionOutput(
                key=section.key,
                number=number,
                title=section.title,
                result=result,
                narrative=read_narrative(checked.data.root, section.key),
                narrative_file=f"narrative/{section.key}.md",
                off_reason=off,
            )
        )
    units = {f.id: f.unit for figures in history.values() for f in figures.values()}
    benchmarks = check_benchmarks(
        checked.data.benchmarks, units, checked.data.issues, config.council.nation
    )
    return ReportInput(
        council=config.council.name,
        service_name=config.council.service_name,
        nation=config.council.nation,
        period=period,
        sections=outputs,
        history=history,
        benchmarks=benchmarks,
        data_quality=checked.data.issues.summary(),
        exclusions=exclusion_counts(
            checked.data.issues,
            (item for output in outputs for item in output.result.excluded),
        ),
        draft=draft or bool(checked.data.issues.errors),
        generated=publication_date(config).isoformat(),
        author=report_author(config),
        suppression_threshold=config.publishing.suppression_threshold,
        reconciliation=reconcile(checked.data.returns, checked.history, checked.data.issues),
        glance_narrative=read_narrative(checked.data.root, GLANCE),
        glance_count=config.publishing.at_a_glance_figures,
    )


def _compute_years(
    section: Section,
    config: Config,
    checked: Checked,
    years: list[Period],
    history: dict[str, dict[str, Figure]],
) -> SectionResult:
    """Prepare the section once, then compute each year with the same code (SectionRun: a
    trend year before the section's records begin has no figures, so no trend point)."""
    run = SectionRun.start(section, BuildInput(checked.history, checked.data, config))
    result = SectionResult()
    for year in years:
        result = run.year(year)
        for figure in result.figures:
            history.setdefault(figure.id, {})[year.label] = figure
    return result  # the last year computed is the report year


def trend_years(data: Dataset, period: Period, count: int) -> list[Period]:
    """The report year and up to count-1 earlier years that the 903 data cover, oldest first."""
    first = data.collections[0]
    wanted = range(max(first, period.collection_year - count + 1), period.collection_year + 1)
    return [Period.for_collection(y) for y in wanted]


def _off_reason(missing: list[str]) -> str:
    files = ", ".join(f"local/{m}.csv" for m in missing)
    return f"This section is not included because the data folder has no {files}."


def publication_date(config: Config) -> date:
    """The title page's date: report.date when set, else the meeting's date (the report is
    presented then), else SOURCE_DATE_EPOCH, else the end of the reporting period. Never
    today's date, so builds are reproducible."""
    if config.report.date is not None:
        return config.report.date
    if config.meeting.date is not None:
        return config.meeting.date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return config.period.end


def report_author(config: Config) -> str:
    """The title page's author: the meeting's author ("name, role") when the committee papers
    name one, so the report and its cover report agree; else report.author."""
    author = config.meeting.author
    if author is None:
        return config.report.author
    return ", ".join(part for part in (author.name, author.role) if part)
