"""Priorities: priorities.yaml read, checked and listed (DESIGN 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.errors import ReportError
from report.load.priorities import (
    LastYearPriority,
    NextYearPriority,
    Priorities,
    read_priorities,
)
from tests.builders import Built, build, child, episode

GOOD = """\
last_year:
  - title: Improve the timeliness of reviews
    status: partly
    commentary: >-
      More reviews were on time,
      but not around Christmas.
  - title: Increase participation
    status: Achieved
    commentary: More children shared their views.
  - title: Reduce caseloads
    status: not_achieved
    commentary: An IRO left in October.
  - title: Introduce midway reviews
    status: partly
next_year:
  - title: Hold every review on time
    detail: Plan review dates around bank holidays.
  - title: Hear from more parents
"""

YEAR = ([child("C1", "01/01/2010", "M")], [episode("C1", "01/01/2023")], [])


def _read(tmp_path: Path, text: str | None) -> tuple[Priorities | None, list[str]]:
    if text is not None:
        (tmp_path / "priorities.yaml").write_text(text, encoding="utf-8")
    problems: list[str] = []
    return read_priorities(tmp_path, problems), problems


def _built(tmp_path: Path, text: str | None) -> Built:
    data = tmp_path / "data"
    data.mkdir()
    if text is not None:
        (data / "priorities.yaml").write_text(text, encoding="utf-8")
    return build(tmp_path, {2025: YEAR})


def test_reads_a_good_file(tmp_path: Path) -> None:
    found, problems = _read(tmp_path, GOOD)
    assert problems == []
    assert found == Priorities(
        last_year=[
            LastYearPriority(
                "Improve the timeliness of reviews",
                "partly",
                "More reviews were on time, but not around Christmas.",
            ),
            LastYearPriority(
                "Increase participation", "achieved", "More children shared their views."
            ),
            LastYearPriority("Reduce caseloads", "not_achieved", "An IRO left in October."),
            LastYearPriority("Introduce midway reviews", "partly", ""),
        ],
        next_year=[
            NextYearPriority(
                "Hold every review on time", "Plan review dates around bank holidays."
            ),
            NextYearPriority("Hear from more parents", ""),
        ],
    )


def test_no_file_is_none_without_problems(tmp_path: Path) -> None:
    assert _read(tmp_path, None) == (None, [])


def test_an_empty_file_has_no_priorities(tmp_path: Path) -> None:
    assert _read(tmp_path, "") == (Priorities(), [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "last_year:\n  - title: A\n    status: done\n",
            "priorities.yaml: last_year item 1: status is 'done'; expected achieved, partly or "
            "not_achieved",
        ),
        (
            "last_year:\n  - title: A\n    status: achieved\n  - status: partly\n",
            "priorities.yaml: last_year item 2: title is missing; expected text",
        ),
        (
            "last_year:\n  - title: A\n",
            "priorities.yaml: last_year item 1: status is missing; expected achieved, partly or "
            "not_achieved",
        ),
        (
            "next_year:\n  - title: A\n  - Just a line\n",
            "priorities.yaml: next_year item 2: expected title and detail",
        ),
        (
            "next_year:\n  - title: A\n    details: typo\n",
            "priorities.yaml: next_year item 1: unknown key(s) details; expected title, detail",
        ),
        (
            "next_year: Hold reviews on time\n",
            "priorities.yaml: next_year should be a list of items (each starting with '- title:')",
        ),
        (
            "last_years: []\n",
            "priorities.yaml: unknown key(s) last_years; expected last_year and next_year "
            "(check the spelling)",
        ),
        ("- title: A\n", "priorities.yaml: expected the keys last_year and next_year, each a list"),
        ("last_year: [\n", "priorities.yaml: not valid YAML"),
    ],
)
def test_problems_name_the_file_item_and_what_was_expected(
    tmp_path: Path, text: str, expected: str
) -> None:
    found, problems = _read(tmp_path, text)
    assert found is None
    assert len(problems) == 1
    assert problems[0].startswith(expected)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = "last_year:\n  - title: A\n    status: nope\n  - title: ''\n    status: partly\n"
    _found, problems = _read(tmp_path, text)
    assert [p.split(":")[1].strip() for p in problems] == ["last_year item 1", "last_year item 2"]


def test_the_loader_puts_priorities_in_the_dataset(tmp_path: Path) -> None:
    built = _built(tmp_path, GOOD)
    assert built.checked.data.priorities is not None
    assert len(built.checked.data.priorities.last_year) == 4


def test_a_bad_file_stops_the_load_with_its_problems(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="last_year item 1: status is 'done'"):
        _built(tmp_path, "last_year:\n  - title: A\n    status: done\n")


def test_section_context_lists_both_years(tmp_path: Path) -> None:
    result = _built(tmp_path, GOOD).section("priorities")
    assert result.figures == []  # no unit fits a count of priorities
    assert result.context["last_year"] == [
        {
            "title": "Improve the timeliness of reviews",
            "status": "partly",
            "status_label": "Partly achieved",
            "commentary": "More reviews were on time, but not around Christmas.",
        },
        {
            "title": "Increase participation",
            "status": "achieved",
            "status_label": "Achieved",
            "commentary": "More children shared their views.",
        },
        {
            "title": "Reduce caseloads",
            "status": "not_achieved",
            "status_label": "Not achieved",
            "commentary": "An IRO left in October.",
        },
        {
            "title": "Introduce midway reviews",
            "status": "partly",
            "status_label": "Partly achieved",
            "commentary": "",
        },
    ]
    assert result.context["next_year"] == [
        {"title": "Hold every review on time", "detail": "Plan review dates around bank holidays."},
        {"title": "Hear from more parents", "detail": ""},
    ]
    # achieved 1 (participation), partly 2 (timeliness, midway), not achieved 1 (caseloads).
    assert result.context["status_counts"] == {
        "achieved": 1,
        "partly": 2,
        "not_achieved": 1,
        "total": 4,
    }
    assert result.notes == []


def test_section_without_a_file_has_a_note(tmp_path: Path) -> None:
    result = _built(tmp_path, None).section("priorities")
    assert result.context["last_year"] == [] and result.context["next_year"] == []
    assert result.context["has_file"] is False
    assert any("no priorities.yaml" in n for n in result.notes)
