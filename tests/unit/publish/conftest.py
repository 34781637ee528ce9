"""A small hand-built ReportInput for the publishing tests."""

from __future__ import annotations

import pytest

from report.dates import Period
from report.model import (
    Benchmark,
    Breakdown,
    ChartSpec,
    Figure,
    ReportInput,
    SectionOutput,
    SectionResult,
    count,
    percent,
)

YEARS = ("2020-21", "2021-22", "2022-23", "2023-24", "2024-25")


def children_section() -> SectionResult:
    return SectionResult(
        figures=[
            count(
                "cla.at_period_end",
                "Children looked after at 31 March",
                402,
                "children",
                "Children with an episode open on 31 March, excluding short breaks.",
            ),
            count(
                "cla.short_breaks",
                "Children on short breaks only",
                4,
                "children",
                "Children whose only episodes were short breaks (V3, V4).",
            ),
            Figure(
                "cla.rate_per_10k",
                "Children looked after per 10,000 children",
                63.04,
                "rate_per_10k",
                "Per 10,000 children under 18.",
                402,
                63770,
                "children",
            ),
        ],
        breakdowns=[
            Breakdown(
                "cla.by_age_band",
                "Children looked after by age",
                "Age at 31 March.",
                "Age band",
                ["Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"],
                {"Children": [21, 60, 78, 148, 95]},
                "children",
            ),
        ],
        charts=[
            ChartSpec(
                "cla.trend",
                "Children looked after at 31 March",
                "trend",
                figures=("cla.at_period_end",),
                y_label="Children",
            ),
            ChartSpec(
                "cla.by_age_band.chart",
                "Children by age",
                "hbar",
                source="cla.by_age_band",
                y_label="Children",
            ),
        ],
        headline=["cla.at_period_end"],
        notes=["Short breaks are not counted as looked after."],
    )


def reviews_section() -> SectionResult:
    return SectionResult(
        figures=[
            percent(
                "reviews.on_time",
                "Reviews held on time",
                880,
                1000,
                "reviews",
                "Reviews held on time, of assessable reviews held in the year.",
            ),
            Figure(
                "iro.caseload_per_fte",
                "Children per full-time IRO",
                59.1,
                "caseload",
                "Children allocated divided by FTE.",
            ),
        ],
        breakdowns=[
            Breakdown(
                "reviews.by_sequence",
                "Reviews by number and timeliness",
                "Review number.",
                "Review",
                ["First", "Second", "Third or later"],
                {"On time": [118, 101, 661], "Late": [3, 14, 84]},
                "reviews",
                row_totals=True,
            ),
        ],
        charts=[
            ChartSpec(
                "reviews.by_sequence.chart",
                "Reviews by number",
                "stacked_hbar",
                source="reviews.by_sequence",
                y_label="Reviews",
            ),
            ChartSpec(
                "iro.caseload.trend",
                "Caseload",
                "trend",
                figures=("iro.caseload_per_fte",),
                band=(50, 70),
                band_label="Guidance 50 to 70",
            ),
            ChartSpec("reviews.trend", "Reviews on time", "trend", figures=("reviews.on_time",)),
        ],
        headline=["reviews.on_time"],
    )


def participation_section() -> SectionResult:
    return SectionResult(
        figures=[
            percent(
                "participation.participated",
                "Reviews where the child participated",
                802,
                861,
                "reviews",
                "PN1 to PN6 of PN1 to PN7.",
            )
        ],
        breakdowns=[
            Breakdown(
                "participation.by_code",
                "Reviews by participation code",
                "903 codes.",
                "Code",
                ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"],
                {"Reviews": [410, 3, 96, 31, 40, 222, 59]},
                "reviews",
            ),
        ],
        charts=[
            ChartSpec(
                "participation.chart", "Participation", "hbar", source="participation.by_code"
            )
        ],
    )


def history() -> dict[str, dict[str, Figure]]:
    cla = [371, 380, 386, 391, 402]
    on_time = [(800, 950), (850, 990), (3, 4), (860, 1012), (880, 1000)]
    return {
        "cla.at_period_end": {
            y: count("cla.at_period_end", "Children looked after", v, "children", "")
            for y, v in zip(YEARS, cla, strict=True)
        },
        "reviews.on_time": {
            y: percent("reviews.on_time", "Reviews on time", n, d, "reviews", "")
            for y, (n, d) in zip(YEARS, on_time, strict=True)
        },
    }


NARRATIVE = (
    "At 31 March, {{ figures['cla.at_period_end'].value }} children were looked after, "
    "{{ figures['cla.at_period_end'].change }} a year before.\n\n# Ages\n\nMost were 10 to 15."
)


def build_report(*, draft: bool = False, threshold: int = 5) -> ReportInput:
    return ReportInput(
        council="Exampleshire County Council",
        service_name="Independent Reviewing Service",
        nation="england",
        period=Period.from_label("2024-25"),
        sections=[
            SectionOutput(
                "children",
                3,
                "Profile of children looked after",
                children_section(),
                NARRATIVE,
                "narrative/children.md",
            ),
            SectionOutput("reviews", 4, "Reviews", reviews_section(), None),
            SectionOutput("participation", 5, "Participation", participation_section(), None),
            SectionOutput(
                "child_protection",
                9,
                "Child protection conferences",
                SectionResult(),
                None,
                off_reason="IROs do not chair conferences here.",
            ),
        ],
        history=history(),
        benchmarks=[Benchmark("cla.rate_per_10k", "England", "2023-24", 70.0, "DfE 2024")],
        data_quality=[
            {
                "file": "reviews.csv",
                "rule": "Review after care ended",
                "severity": "error",
                "count": 2,
                "message": "Left out.",
            }
        ],
        draft=draft,
        generated="2025-03-31",
        author="IRO Service Manager",
        suppression_threshold=threshold,
    )


@pytest.fixture
def report() -> ReportInput:
    return build_report()


@pytest.fixture
def make_report() -> object:
    return build_report
