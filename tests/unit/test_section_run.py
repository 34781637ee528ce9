"""The pipeline's section rules (report/sections/__init__.py, SectionRun): prepare once per
build, every year through the same compute, and a trend year before a section's records
begin left out of the trends; the report year is always computed.

A fake section stands in for a real one, so the counts are of calls, not of figures' rules.
Reporting year 2024-25 with the default 5 trend years: 2020-21, 2021-22, 2022-23, 2023-24 and
2024-25 (the 903 data cover collections 2021 to 2025).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from report import assembly
from report.dates import Period
from report.model import ReportInput, SectionResult, count
from report.rules.cohorts import within
from report.sections import (
    BuildInput,
    RecordsFrom,
    Section,
    SectionInput,
    SectionRun,
    escalations,
    registry,
    voice,
)
from tests.builders import FEEDBACK, Built, answer, build, child, episode, spread, write_local

NOTE = "local/feedback.csv has no records this early (the fake section's note)."
YEARS = ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]


@dataclass(frozen=True)
class Rows:
    """The fake section's prepared value: the feedback rows, once per build."""

    dates: tuple[str, ...]


@dataclass
class Fake:
    """A section that counts its calls: prepare's, and the periods compute was given."""

    prepared: int = 0
    computed: list[str] = field(default_factory=list)

    def prepare(self, inp: BuildInput) -> Rows:
        self.prepared += 1
        dates = inp.data.local["feedback"]["DATE"]
        return Rows(tuple(d.date().isoformat() for d in dates))

    def compute(self, inp: SectionInput) -> SectionResult:
        self.computed.append(inp.period.label)
        rows = inp.given(Rows)  # the prepared value, typed
        frame = inp.data.local["feedback"]
        n = int(within(frame["DATE"], inp.period).sum())
        assert len(rows.dates) == len(frame)
        return SectionResult(figures=[count("fake.rows", "Rows", n, "responses", "Rows.")])

    def section(self) -> Section:
        return Section(
            "fake",
            "Fake",
            self.compute,
            needs=("feedback",),
            prepare=self.prepare,
            records_from=RecordsFrom("feedback", "DATE", NOTE),
        )


def _built(tmp_path: Path, dates: list[str]) -> Built:
    """One child looked after since 01/01/2020 (every trend year) and one feedback response
    on each of `dates`."""
    years = spread(
        [child("C1", "01/01/2010")], [episode("C1", "01/01/2020")], [], range(2021, 2026)
    )
    rows = [
        answer(f"R{i}", day, "CHILD", "Q1", "Yes", child_id="C1") for i, day in enumerate(dates, 1)
    ]
    write_local(tmp_path / "data", "feedback", FEEDBACK, rows)
    return build(tmp_path, years)


def _assemble(built: Built, fake: Fake, monkeypatch: pytest.MonkeyPatch) -> ReportInput:
    monkeypatch.setattr(assembly, "registry", lambda: (fake.section(),))
    return assembly.assemble(built.config, built.checked, draft=False)


def test_prepare_runs_once_per_build_and_compute_once_per_year_it_covers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Records 15/06/2023 (2023-24), 01/05/2024 and 02/02/2025 (2024-25). The first record is
    # 15/06/2023: 2020-21, 2021-22 and 2022-23 end before it (31/03/2021, 2022, 2023) and are
    # not computed; 2023-24 (ends 31/03/2024) and 2024-25 are: 1 and 2 rows.
    built = _built(tmp_path, ["15/06/2023", "01/05/2024", "02/02/2025"])
    fake = Fake()
    report = _assemble(built, fake, monkeypatch)
    assert fake.prepared == 1  # once per build, not once per year (5 trend years)
    assert fake.computed == ["2023-24", "2024-25"]
    trend = {year: fig.value for year, fig in report.history["fake.rows"].items()}
    assert trend == {"2023-24": 1.0, "2024-25": 2.0}  # the early years are gaps, not zeros
    (output,) = report.sections
    assert output.result.figure("fake.rows").value == 2  # the report year's result


def test_the_report_year_is_computed_even_before_the_records_begin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The only record is 10/04/2025, after the report year's 31 March: every trend year is
    # skipped, and the report year is computed all the same (0 rows in 2024-25).
    built = _built(tmp_path, ["10/04/2025"])
    fake = Fake()
    report = _assemble(built, fake, monkeypatch)
    assert fake.prepared == 1
    assert fake.computed == ["2024-25"]
    assert {y: f.value for y, f in report.history["fake.rows"].items()} == {"2024-25": 0.0}
    (output,) = report.sections
    assert output.result.notes == []  # computed: not the note of a skipped year


def test_a_record_on_a_trend_years_last_day_makes_that_year_computed(tmp_path: Path) -> None:
    # First record 31/03/2022, the last day of 2021-22: 2021-22 is covered (1 row); 2020-21
    # ends 31/03/2021, before it: skipped, its result the section's note and no figures.
    built = _built(tmp_path, ["31/03/2022"])
    fake = Fake()
    run = SectionRun.start(fake.section(), built.build_input)
    results = {label: run.year(Period.from_label(label)) for label in YEARS}
    assert fake.prepared == 1
    assert fake.computed == ["2021-22", "2022-23", "2023-24", "2024-25"]
    skipped = results["2020-21"]
    assert skipped.figures == [] and skipped.notes == [NOTE]
    assert [results[y].figure("fake.rows").value for y in YEARS[1:]] == [1, 0, 0, 0]


def test_a_section_without_prepare_or_records_from_is_computed_every_year(tmp_path: Path) -> None:
    built = _built(tmp_path, ["10/04/2025"])
    periods: list[str] = []

    def compute(inp: SectionInput) -> SectionResult:
        assert inp.prepared is None
        periods.append(inp.period.label)
        return SectionResult()

    run = SectionRun.start(Section("plain", "Plain", compute), built.build_input)
    for label in YEARS:
        run.year(Period.from_label(label))
    assert periods == YEARS


def test_given_refuses_a_prepared_value_of_another_kind(tmp_path: Path) -> None:
    built = _built(tmp_path, ["10/04/2025"])
    inp = SectionInput(built.history, built.checked.data, built.config.period, built.config)
    with pytest.raises(TypeError, match="expected Rows"):
        inp.given(Rows)


def test_voice_and_escalations_declare_their_records_and_keep_their_notes() -> None:
    # The rule lives in the registry, with each section's own note (msgids unchanged).
    sections = {s.key: s for s in registry()}
    assert sections["voice"].records_from == RecordsFrom("feedback", "DATE", voice.BEFORE_DATA)
    assert sections["escalations"].records_from == RecordsFrom(
        "escalations", "RAISED", escalations.BEFORE_DATA
    )
    assert "local/feedback.csv has no records this early" in voice.BEFORE_DATA
    assert "local/escalations.csv has no records this early" in escalations.BEFORE_DATA


def test_voice_compute_itself_no_longer_asks_which_year_it_is(tmp_path: Path) -> None:
    # Called directly for 2021-22 (before the only record, 10/04/2025), voice computes the
    # year like any other: 0 responses. Skipping it is the pipeline's rule, not the section's.
    built = _built(tmp_path, ["10/04/2025"])
    period = Period.from_label("2021-22")
    prepared = voice.prepare(built.build_input)
    data = built.checked.data
    result = voice.compute(SectionInput(built.history, data, period, built.config, prepared))
    assert result.figure("feedback.respondents").value == 0
    assert voice.BEFORE_DATA not in result.notes
