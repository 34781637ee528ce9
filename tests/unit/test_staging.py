"""pipeline.staging: the earlier outputs survive a failed or killed run."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.pipeline import staging


def test_a_folder_left_by_a_run_killed_mid_commit_is_restored(tmp_path: Path) -> None:
    kept = tmp_path / ".out.previous-99999"
    kept.mkdir()
    (kept / "report.pdf").write_text("earlier")
    (tmp_path / ".out.partial-99999").mkdir()
    with pytest.raises(RuntimeError), staging(tmp_path / "out"):
        raise RuntimeError("failed")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (tmp_path / "out" / "report.pdf").read_text() == "earlier"


def test_stale_folders_go_once_the_outputs_are_in_place(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / ".out.previous-99999").mkdir()
    with staging(tmp_path / "out") as tmp:
        (tmp / "report.pdf").write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (tmp_path / "out" / "report.pdf").read_text() == "new"
