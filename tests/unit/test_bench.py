"""Smoke tests of the benchmark tools on tiny data (no timing assertions)."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks import bench, compute, generate_scaled  # noqa: E402


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_councils(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_scaled.generate_scaled(tmp_path_factory.mktemp("x2") / "x2", 2, jobs=1)


def test_scaled_data_is_seeded_and_byte_stable(two_councils: Path, tmp_path: Path) -> None:
    again = generate_scaled.generate_scaled(tmp_path / "again", 2, jobs=1)
    assert _hashes(again) == _hashes(two_councils)
    reviews = (two_councils / "ssda903" / "2025" / "reviews.csv").read_text().splitlines()
    assert reviews[0] == "CHILD,DOB,REVIEW,REVIEW_CODE"
    assert {line[:3] for line in reviews[1:]} == {"000", "001"}  # ids prefixed per council


def test_scaled_data_is_cached(two_councils: Path) -> None:
    stamp = (two_councils / generate_scaled.STAMP).stat().st_mtime_ns
    generate_scaled.generate_scaled(two_councils, 2, jobs=1)
    assert (two_councils / generate_scaled.STAMP).stat().st_mtime_ns == stamp


def test_compute_runs_clean_on_scaled_data(
    two_councils: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert compute.main([str(two_councils)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows"]["issues"] == 0  # the joined councils are valid 903 data
    assert {"read", "stitch", "history", "assemble", "load_and_compute"} <= set(result)
    assert "reviews" in result["sections"]


def test_bench_england_table(two_councils: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "DATA", two_councils.parent)
    monkeypatch.setattr(bench, "ENGLAND_REPLICAS", 2)
    rows = dict(bench.bench_england(ROOT / "config.yaml", 2, 1))
    assert any(name.startswith("England-size data (2 councils") for name in rows)
    assert rows["England-size: TOTAL load + compute"].endswith(")")
    assert "MB" in rows["England-size: peak memory"]
    assert "cores" in bench.machine()
