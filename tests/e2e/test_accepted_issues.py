"""Accepted known issues publish: no DRAFT, and the appendix lists them with the reason."""

from __future__ import annotations

from pathlib import Path

from tests.builders import child, episode, review, write_config, write_year
from tests.e2e.conftest import run_cli

REASON = "Placement code corrected in the case system after the return"


def _council(tmp: Path, count: int) -> Path:
    data = tmp / "data"
    write_year(
        data,
        2025,
        [child("A1", "01/01/2012", sex="M"), child("B2", "01/01/2013", sex="F")],
        [episode("A1", "01/05/2024", place="Q9"), episode("B2", "01/06/2024")],
        [review("A1", "20/05/2024"), review("B2", "20/06/2024")],
    )
    accepted = (
        "accepted_issues:\n  - rule: code-unknown\n    file: ssda903/2025/episodes.csv\n"
        f"    count: {count}\n    reason: {REASON}\n"
    )
    return write_config(tmp / "config.yaml", data, extra=accepted)


def test_accepted_issues_build_without_draft_and_are_listed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--config", str(_council(tmp_path, 1)), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "DRAFT" not in result.stdout + result.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'class="web draft"' not in html
    assert "Known issues accepted by the council" in html and REASON in html
    assert "accepted" in (out / "validation.csv").read_text(encoding="utf-8")
    # A1's unknown PLACE, accepted, still leaves the placement table: the appendix counts it
    assert "What the problems took out of the 2024-25 figures" in html
    assert "cla.by_placement" in html


def test_an_unaccepted_error_still_blocks(tmp_path: Path) -> None:
    config = _council(tmp_path, 1)
    text = config.read_text(encoding="utf-8").replace("code-unknown", "pn0-age")
    config.write_text(text, encoding="utf-8")
    result = run_cli("build", "--config", str(config), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 1
    assert "code-unknown" in result.stderr and "accepted_issues" in result.stderr
