"""Never touch what is not ours: the output folder may not be, hold or sit in the inputs' or
working folder, an existing folder must be an earlier output, and nothing else is replaced."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from report import outdir
from report.config import load_config
from report.fingerprint import inputs_sha256
from tests.builders import write_config, write_one_child
from tests.e2e.conftest import ROOT, run_cli


def tiny(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "council" / "data"
    write_one_child(data)
    extra = "meeting:\n  date: 2025-07-10\n"
    return write_config(tmp_path / "council" / "config.yaml", data, extra=extra), data


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("council/data", "it is the data folder"),
        ("council/data/ssda903", "inside the data folder"),
        ("council/data/new-out", "inside the data folder"),
        ("council", "it is the folder of the config file"),  # holds the config and the data
        (".", "holds the data folder"),  # tmp_path holds everything
        ("scripts", "it is the working folder"),
    ],
)
def test_refused_output_folders_exit_2_and_nothing_changes(
    tmp_path: Path, where: str, words: str
) -> None:
    config, _data = tiny(tmp_path)
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "my_script.py").write_text("print('mine')\n")
    before = snapshot(tmp_path)
    for command in ("build", "validate", "papers"):
        result = run_cli(
            command, "--config", str(config), "--out", str(tmp_path / where), cwd=scripts
        )
        assert result.returncode == 2, (command, result.stderr)
        assert "Refusing to write the outputs to" in result.stderr
        assert words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_working_folder_inside_the_output_is_refused(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path)
    work = tmp_path / "out" / "here"
    work.mkdir(parents=True)
    result = run_cli("build", "--config", str(config), "--out", str(tmp_path / "out"), cwd=work)
    assert result.returncode == 2 and "holds the working folder" in result.stderr


def test_an_existing_file_or_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path)
    a_file = tmp_path / "report-here"
    a_file.write_text("mine\n")
    result = run_cli("build", "--config", str(config), "--out", str(a_file))
    assert result.returncode == 2 and "it is a file, not a folder" in result.stderr
    assert a_file.read_text() == "mine\n"

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "report.pdf").write_bytes(b"%PDF someone else's")
    (theirs / "notes.txt").write_text("mine\n")
    before = snapshot(theirs)
    result = run_cli("build", "--config", str(config), "--out", str(theirs))
    assert result.returncode == 2
    assert "holds files iro-report did not write (notes.txt, report.pdf)" in result.stderr
    assert snapshot(theirs) == before


def test_a_file_added_to_an_earlier_output_stops_the_next_build(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path)
    out = tmp_path / "out"
    first = run_cli("build", "--config", str(config), "--out", str(out), "--allow-errors")
    assert first.returncode == 0, first.stderr
    assert (out / outdir.MARKER).is_file()
    papers = run_cli("papers", "--config", str(config), "--out", str(out), "--allow-errors")
    assert papers.returncode == 0, papers.stderr
    again = run_cli("build", "--config", str(config), "--out", str(out), "--allow-errors")
    assert again.returncode == 0, again.stderr  # its own files, papers included: replaced

    (out / "tables" / "my-notes.csv").write_text("mine\n")
    before = snapshot(out)
    refused = run_cli("build", "--config", str(config), "--out", str(out), "--allow-errors")
    assert refused.returncode == 2 and "tables/my-notes.csv" in refused.stderr
    assert snapshot(out) == before


def test_a_papers_pdf_not_ours_is_never_replaced(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path)
    out = tmp_path / "committee"
    out.mkdir()
    (out / "papers.pdf").write_bytes(b"%PDF the clerk's own")
    result = run_cli("papers", "--config", str(config), "--out", str(out), "--allow-errors")
    assert result.returncode == 2 and "papers.pdf" in result.stderr
    assert (out / "papers.pdf").read_bytes() == b"%PDF the clerk's own"


def test_default_output_beside_the_config_is_allowed(tmp_path: Path) -> None:
    # config.yaml's own default: output `out` beside it, i.e. out/<slug>-<year>/ in its folder.
    outdir.check_target(
        ROOT / "out" / "exampleshire-2024-25",
        data=ROOT / "data" / "sample",
        config_file=ROOT / "config.yaml",
        cwd=ROOT,
    )


def test_stale_leftovers_that_are_not_ours_are_left_alone(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path)
    out = tmp_path / "out"
    lookalike = tmp_path / ".out.partial-1"  # named like a leftover, but someone else's
    lookalike.mkdir()
    (lookalike / "keep.txt").write_text("mine\n")
    result = run_cli("build", "--config", str(config), "--out", str(out), "--allow-errors")
    assert result.returncode == 0, result.stderr
    assert (lookalike / "keep.txt").read_text() == "mine\n"


def test_outputs_left_inside_the_data_folder_are_not_hashed_as_inputs(tmp_path: Path) -> None:
    config, data = tiny(tmp_path)
    old = data / "old-outputs"  # from a version that allowed it
    old.mkdir()
    (old / "report.html").write_text("<p>report</p>")
    outdir.write_marker(old, ["report.html"])
    hashed = inputs_sha256(load_config(config).data_dir)
    assert not [name for name in hashed if name.startswith("old-outputs/")]
    assert "ssda903/2025/header.csv" in hashed
    shutil.rmtree(old)
