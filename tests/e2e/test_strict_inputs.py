"""Strict inputs: what used to pass silently is reported, by file, row (or line) and column."""

from __future__ import annotations

import csv
from pathlib import Path

from report.load.issues import describe
from tests.builders import (
    FEEDBACK,
    IRO_ALLOCATIONS,
    IRO_STAFF,
    write_config,
    write_local,
    write_one_child,
)
from tests.e2e.conftest import run_cli

QUESTIONS = (
    "feedback:\n  questions:\n    - code: Q1\n      text: Did you feel listened to?\n"
    "      positive: ['Yes']\n"
)


def tiny(tmp_path: Path, extra: str = "") -> tuple[Path, Path]:
    data = tmp_path / "data"
    write_one_child(data)
    return write_config(tmp_path / "config.yaml", data, extra=extra), data


def validate(tmp_path: Path, config: Path) -> tuple[int, str]:
    """The exit code, and the messages (one line each, as validation.csv's rows describe them)."""
    result = run_cli("validate", "--config", str(config), "--out", str(tmp_path / "val"))
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    csv_file = tmp_path / "val" / "validation.csv"
    rows = []
    if csv_file.is_file():
        with csv_file.open(encoding="utf-8", newline="") as handle:
            rows = [describe(row) for row in csv.DictReader(handle)]
    return result.returncode, "\n".join([result.stdout, result.stderr, *rows])


def test_a_repeated_config_section_is_refused_naming_the_line(tmp_path: Path) -> None:
    config, _ = tiny(
        tmp_path,
        "publishing:\n  suppression_threshold: 5\npublishing:\n  suppression_threshold: 0\n",
    )
    code, text = validate(tmp_path, config)
    assert code == 2
    assert "line 11: key 'publishing' appears twice (first at line 9)" in text


def test_a_repeated_key_in_priorities_and_benchmarks_is_an_error_naming_the_line(
    tmp_path: Path,
) -> None:
    config, data = tiny(tmp_path)
    (data / "priorities.yaml").write_text(
        "last_year:\n  - title: A\n    status: achieved\n    status: partly\nnext_year: []\n"
    )
    (data / "benchmarks.yaml").write_text(
        "- figure: cla.rate_per_10k\n  area: England\n  area: Wales\n  year: '2023-24'\n"
        "  value: 70\n  source: DfE\n"
    )
    code, text = validate(tmp_path, config)
    assert code == 1
    assert (
        "priorities.yaml: line 4: key 'last_year.[1].status' appears twice (first at line 3)"
        in text
    )
    assert "benchmarks.yaml: line 3: key '[1].area' appears twice (first at line 2)" in text


def test_two_files_for_one_extract_are_an_error_naming_both(tmp_path: Path) -> None:
    config, data = tiny(tmp_path)
    write_local(data, "iro_staff", IRO_STAFF, [])
    (data / "local" / "iro_staff.xlsx").write_bytes(b"PK\x03\x04 not read")
    code, text = validate(tmp_path, config)
    assert code == 1
    assert "local/iro_staff.csv and local/iro_staff.xlsx are both present" in text


def test_duplicated_posts_overlapping_allocations_and_undeclared_questions(tmp_path: Path) -> None:
    config, data = tiny(tmp_path, QUESTIONS)
    staff = [
        {"IRO_ID": "IRO1", "FTE": "1.0", "START": "01/04/2020", "AGENCY": "N"},  # row 2
        {"IRO_ID": "IRO1", "FTE": "1.0", "START": "01/04/2020", "AGENCY": "N"},  # row 3: again
        {"IRO_ID": "IRO2", "FTE": "0.5", "START": "01/04/2020", "END": "31/03/2022"},  # row 4
        {"IRO_ID": "IRO2", "FTE": "0.5", "START": "01/04/2022", "AGENCY": "N"},  # row 5: next
    ]
    write_local(data, "iro_staff", IRO_STAFF, staff)
    allocations = [
        {"CHILD": "ZQ9876", "IRO_ID": "IRO1", "START": "01/04/2024", "END": "31/05/2024"},
        {"CHILD": "ZQ9876", "IRO_ID": "IRO2", "START": "01/06/2024"},  # row 3: follows on
        {"CHILD": "ZQ9876", "IRO_ID": "IRO1", "START": "15/08/2024"},  # row 4: row 3 still open
    ]
    write_local(data, "iro_allocations", IRO_ALLOCATIONS, allocations)
    answer = {"RESPONSE_ID": "R1", "DATE": "01/05/2024", "RESPONDENT": "CHILD", "ANSWER": "Yes"}
    feedback = [{**answer, "QUESTION": "Q1"}, {**answer, "QUESTION": "Q9"}]  # Q9: row 3
    write_local(data, "feedback", FEEDBACK, feedback)
    code, text = validate(tmp_path, config)
    assert code == 1
    assert (
        "ERROR: local/iro_staff.csv row 3, column IRO_ID, value 'IRO1': this IRO already has a "
        "post covering these dates (row 2)" in text
    )
    assert "iro_staff.csv row 5" not in text
    assert (
        "ERROR: local/iro_allocations.csv row 4, column CHILD, value '(hidden: identifying)': the "
        "child is already allocated to an IRO on these dates (row 3)" in text
    )
    assert "iro_allocations.csv row 3" not in text
    assert (
        "WARNING: local/feedback.csv row 3, column QUESTION, value 'Q9': this question is not "
        "declared in config.yaml" in text
    )
    assert "ZQ9876" not in text


def test_bad_benchmark_values_are_reported_by_line_and_key(tmp_path: Path) -> None:
    config, data = tiny(tmp_path)
    entry = (
        "- figure: {figure}\n  area: England\n  year: '2023-24'\n  value: {value}\n  source: DfE\n"
    )
    rows = [
        ("cla.at_period_end", "1e30"),  # entry at line 1, value at line 4
        ("cla.at_period_end", ".nan"),  # line 6, value line 9
        ("cla.at_period_end", "-5"),  # line 11, value line 14
        ("cla.no_such_figure", "70"),  # line 16
        ("reviews.on_time", "140"),  # line 21: a percentage over 100
        ("cla.at_period_end", "83630"),  # line 26: fine
    ]
    (data / "benchmarks.yaml").write_text("".join(entry.format(figure=f, value=v) for f, v in rows))
    code, text = validate(tmp_path, config)
    assert code == 1
    assert "ERROR: benchmarks.yaml row 4, column value, value '1e30': expected a number" in text
    assert "ERROR: benchmarks.yaml row 9, column value, value '.nan': expected a number" in text
    assert "ERROR: benchmarks.yaml row 14, column value, value '-5': expected a number" in text
    assert (
        "WARNING: benchmarks.yaml row 16, column figure, value 'cla.no_such_figure': this "
        "report has no figure with this id" in text
    )
    assert (
        "ERROR: benchmarks.yaml row 21, column value, value '140': reviews.on_time is a percent"
        in text
    )
    assert "row 26" not in text


def test_an_impossible_date_names_its_key(tmp_path: Path) -> None:
    config, data = tiny(tmp_path, "meeting:\n  date: 2025-02-30\n")
    code, text = validate(tmp_path, config)
    assert code == 2
    assert "line 10: key 'meeting.date': 2025-02-30 is not a real date" in text
    config, data = tiny(tmp_path)
    (data / "priorities.yaml").write_text(
        "last_year:\n  - title: A\n    status: achieved\n    commentary: 2025-02-30\n"
    )
    code, text = validate(tmp_path, config)
    assert code == 1
    assert (
        "priorities.yaml: line 4: key 'last_year.[1].commentary': 2025-02-30 is not a real date"
        in text
    )


def test_a_suppression_threshold_below_1_is_refused(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path, "publishing:\n  suppression_threshold: 0\n")
    code, text = validate(tmp_path, config)
    assert code == 2
    assert (
        "key 'publishing.suppression_threshold': input should be greater than or equal to 1" in text
    )
