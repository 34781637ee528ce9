"""accepted_issues in config.yaml: known issues stop blocking; more rows than accepted do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.errors import ReportError
from tests.builders import Built, build, child, episode

FILE = "ssda903/2025/episodes.csv"


def _built(tmp: Path, accepted: str) -> Built:
    """Two episodes with the unknown PLACE code Q9 (rows 2 and 3 of episodes.csv)."""
    header = [child("A1", "01/01/2012", sex="M"), child("B2", "01/01/2013", sex="F")]
    episodes = [
        episode("A1", "01/05/2024", place="Q9"),
        episode("B2", "01/06/2024", place="Q9"),
    ]
    return build(tmp, {2025: (header, episodes, [])}, extra=accepted)


def _severities(built: Built, rule: str) -> list[str]:
    issues = built.issues
    return sorted(issues.loc[issues["rule"] == rule, "severity"])


def entry(body: str) -> str:
    return f"accepted_issues:\n  - rule: code-unknown\n    file: {FILE}\n{body}"


def test_a_count_covering_every_row_accepts_them_all(tmp_path: Path) -> None:
    built = _built(tmp_path, entry("    count: 2\n    reason: Checked with the placements team\n"))
    assert _severities(built, "code-unknown") == ["accepted", "accepted"]
    assert built.checked.data.issues.errors == 0
    rows = built.issues.loc[built.issues["rule"] == "code-unknown"]
    assert all("Checked with the placements team" in m for m in rows["message"])


def test_more_rows_than_accepted_stay_errors(tmp_path: Path) -> None:
    built = _built(tmp_path, entry("    count: 1\n    reason: One known\n"))
    assert _severities(built, "code-unknown") == ["error", "error"]
    assert _severities(built, "accepted-count-exceeded") == ["error"]
    assert built.checked.data.issues.errors == 3


def test_listed_rows_are_accepted_and_the_others_stay_errors(tmp_path: Path) -> None:
    built = _built(tmp_path, entry("    rows: [3, 9]\n    reason: Row 3 is known\n"))
    issues = built.issues
    found = issues.loc[issues["rule"] == "code-unknown", ["row", "severity"]]
    assert sorted(map(tuple, found.to_numpy().tolist())) == [(2, "error"), (3, "accepted")]
    assert _severities(built, "accepted-not-found") == ["warning"]  # row 9 has no such error


def test_an_acceptance_matching_nothing_is_a_warning(tmp_path: Path) -> None:
    text = "accepted_issues:\n  - rule: pn0-age\n    file: x.csv\n    count: 4\n    reason: r\n"
    built = _built(tmp_path, text)
    assert _severities(built, "accepted-not-found") == ["warning"]
    assert _severities(built, "code-unknown") == ["error", "error"]


@pytest.mark.parametrize(
    "body",
    [
        "    reason: no count or rows\n",
        "    count: 1\n    rows: [2]\n    reason: both\n",
        "    count: 1\n",
    ],
)
def test_an_entry_needs_a_reason_and_one_of_count_or_rows(tmp_path: Path, body: str) -> None:
    with pytest.raises(ReportError) as err:
        _built(tmp_path, entry(body))
    assert "accepted_issues.0" in err.value.message
    assert err.value.exit_code == 2
