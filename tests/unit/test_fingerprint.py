"""The build fingerprint: one byte of any input changes it; outputs count as intact only when
every file the marker lists is there with the hash recorded for it, and nothing else is."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report import fingerprint, outdir
from report.config import load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data" / "sample", tmp_path / "data")
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    path = tmp_path / "config.yaml"
    path.write_text(text.replace("data: data/sample", "data: data"), encoding="utf-8")
    return path


def _fingerprint(config_file: Path, allow_errors: bool = False) -> str:
    config = load_config(config_file)
    inputs = fingerprint.inputs_sha256(config.data_dir)
    return fingerprint.of(config, inputs, allow_errors=allow_errors)


def test_one_byte_of_any_input_changes_the_fingerprint(config_file: Path) -> None:
    first = _fingerprint(config_file)
    assert _fingerprint(config_file) == first
    narrative = config_file.parent / "data" / "narrative" / "reviews.md"
    narrative.write_bytes(narrative.read_bytes() + b" ")
    second = _fingerprint(config_file)
    assert second != first
    config_file.write_bytes(config_file.read_bytes() + b"#")  # a comment: the manifest's hash
    assert _fingerprint(config_file) not in (first, second)
    assert _fingerprint(config_file, allow_errors=True) != _fingerprint(config_file)


def test_where_the_data_is_does_not_change_the_fingerprint(config_file: Path) -> None:
    first = _fingerprint(config_file)
    moved = config_file.parent / "elsewhere"
    moved.mkdir()
    shutil.move(config_file.parent / "data", moved / "data")
    shutil.move(config_file, moved / "config.yaml")
    assert _fingerprint(moved / "config.yaml") == first


def _written(folder: Path) -> Path:
    (folder / "tables").mkdir(parents=True)
    (folder / "report.pdf").write_bytes(b"%PDF")
    (folder / "tables" / "a.csv").write_text("x\n")
    outdir.write_marker(folder, ["report.pdf", "tables/a.csv"], fingerprint="f1")
    return folder


def test_outputs_are_intact_until_one_is_edited_added_or_removed(tmp_path: Path) -> None:
    out = _written(tmp_path / "out")
    assert outdir.recorded_fingerprint(out) == "f1" and outdir.intact(out)
    (out / "report.pdf").write_bytes(b"%PDX")  # same size, one byte different
    assert not outdir.intact(out)
    out = _written(tmp_path / "added")
    (out / "tables" / "b.csv").write_text("y\n")
    assert not outdir.intact(out)
    out = _written(tmp_path / "removed")
    (out / "tables" / "a.csv").unlink()
    assert not outdir.intact(out)


def test_a_marker_written_without_a_fingerprint_never_counts_as_unchanged(tmp_path: Path) -> None:
    out = _written(tmp_path / "out")
    outdir.write_marker(out, ["report.pdf", "tables/a.csv", "papers.pdf"])  # as papers does
    assert outdir.recorded_fingerprint(out) is None and not outdir.intact(out)


def test_the_check_imports_no_pandas_or_weasyprint(config_file: Path, tmp_path: Path) -> None:
    _written(tmp_path / "o")  # a fingerprint to compare with: every input is hashed
    code = (
        "import sys\n"
        "from report import cli, fingerprint\n"
        "from report.config import load_config\n"
        f"config = load_config({str(config_file)!r})\n"
        f"fingerprint.unchanged(config, __import__('pathlib').Path({str(tmp_path / 'o')!r}), "
        "allow_errors=False)\n"
        "heavy = [m for m in ('pandas', 'numpy', 'weasyprint', 'matplotlib', 'rich') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_source_hash_covers_translations_and_fonts() -> None:
    # An edited Welsh translation or a swapped font must not count as "nothing changed".
    from report.cache import source_files
    from report.i18n import po_path

    package, templates = source_files()
    names = {p.name for p in package}
    assert po_path("cy").resolve() in {p.resolve() for p in package}
    assert any(name.endswith(".ttf") for name in names)
    assert "cache.py" in names and not any(p.suffix == ".pyc" for p in package)
    assert any(p.name == "report.css" for p in templates)
