"""staging.staging: the earlier outputs survive a failed or killed run; leftovers go only
when they are ours (they hold the tool's marker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from report import outdir
from report.staging import staging


def _ours(folder: Path, *files: str) -> Path:
    folder.mkdir()
    for name in files:
        (folder / name).write_text("earlier")
    outdir.write_marker(folder, list(files))
    return folder


def test_a_folder_left_by_a_run_killed_mid_commit_is_restored(tmp_path: Path) -> None:
    _ours(tmp_path / ".out.previous-99999", "report.pdf")
    _ours(tmp_path / ".out.partial-99999")
    with pytest.raises(RuntimeError), staging(tmp_path / "out"):
        raise RuntimeError("failed")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (tmp_path / "out" / "report.pdf").read_text() == "earlier"


def test_stale_folders_go_once_the_outputs_are_in_place(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    _ours(tmp_path / ".out.previous-99999")
    with staging(tmp_path / "out") as tmp:
        (tmp / "report.pdf").write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (tmp_path / "out" / "report.pdf").read_text() == "new"


def test_a_look_alike_folder_without_the_marker_is_never_removed(tmp_path: Path) -> None:
    foreign = tmp_path / ".out.previous-99999"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("someone else's")
    with staging(tmp_path / "out") as tmp:
        (tmp / "report.pdf").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.previous-99999", "out"]
    assert (foreign / "notes.txt").read_text() == "someone else's"
