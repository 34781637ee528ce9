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


def test_bench_england_summary(two_councils: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "DATA", two_councils.parent)
    monkeypatch.setattr(bench, "ENGLAND_REPLICAS", 2)
    summary = bench.bench_england(ROOT / "config.yaml", 2, 1)
    assert str(summary["label"]).startswith("2 sample councils joined")
    assert float(summary["peak_mb"]) > 0 and float(summary["seconds"]) > 0
    assert "cores" in bench.machine()


def test_timed_reports_the_process_and_its_output() -> None:
    run = bench.timed([sys.executable, "-c", "print('hello')"], ROOT)
    assert run.stdout.strip() == "hello"
    assert run.peak_mb > 0
    with pytest.raises(SystemExit, match="failed"):
        bench.timed([sys.executable, "-c", "raise SystemExit(3)"], ROOT)


def _run(seconds: float) -> bench.Run:
    return bench.Run(
        seconds,
        100.0,
        '{"import": 1, "aggregate": 1, "charts": 1, "jinja": 1, "wp_layout": 1, "wp_write": 1}',
    )


def test_ratios_are_per_pair_and_judged_on_their_median() -> None:
    pairs = bench.Pairs(naive=[_run(10), _run(20), _run(40)])
    # cold: 3/10, 4/20, 20/40 -> ratios 0.3, 0.2, 0.5: median 0.3 <= 0.33, met
    pairs.ours["cold"] = [_run(3), _run(4), _run(20)]
    # narrative: 2/10, 4/20, 8/40 -> 0.2 each: > 0.15, not met
    pairs.ours["narrative"] = [_run(2), _run(4), _run(8)]
    # unchanged: 0.4/10, 1/20, 4/40 -> 0.04, 0.05, 0.1: median 0.05 <= 0.05, met
    pairs.ours["unchanged"] = [_run(0.4), _run(1), _run(4)]
    # preview: 0.1/10, 0.1/20, 0.1/40 -> 0.01, 0.005, 0.0025: median 0.005 <= 0.05, met
    pairs.ours["preview"] = [_run(0.1), _run(0.1), _run(0.1)]
    assert pairs.ratios("cold") == pytest.approx([0.3, 0.2, 0.5])
    england = {
        "label": "x",
        "seconds": 6.0,
        "peak_mb": 1600.0,
        "read": 1.0,
        "history": 1.0,
        "assemble": 1.0,
    }
    text = "\n".join(bench.report_lines(pairs, england, {"load": 1.0}, [], {"BENCH_PAIRS": "3"}))
    lines = {line.split(" | ")[0]: line for line in text.splitlines() if line.startswith("| ")}
    assert "**0.300** (0.200-0.500) | met" in lines["| cold build, `--no-cache`, new output folder"]
    assert (
        "**0.200** (0.200-0.200) | not met" in lines["| rebuild after a narrative edit, warm cache"]
    )
    assert "**0.050** (0.040-0.100) | met" in lines["| rebuild with nothing changed, warm cache"]
    assert "**0.005** (0.003-0.010) | met" in text
    # England: 1600 MB > 1536 MB; time 6 s against the median cold build of 4 s = 1.5
    assert "| 1600 MB | not met |" in text
    assert "| 1.50 (6.0 s against 4.0 s) |" in text
    assert "`BENCH_PAIRS=3 make bench`" in text
    assert "lower bound" not in text  # no floor measured, no floor row


def test_the_floor_is_a_row_without_a_target() -> None:
    pairs = bench.Pairs(naive=[_run(10), _run(20)])
    for case in bench.CASES:
        pairs.ours[case.key] = [_run(1), _run(1)]
    # floor: 6/10, 16/20 -> 0.6, 0.8: median 0.7, judged against nothing
    pairs.ours["floor"] = [_run(6), _run(16)]
    text = "\n".join(bench.report_lines(pairs, None, None, [], {}))
    row = next(line for line in text.splitlines() if line.startswith("| lower bound"))
    assert "| - | **0.700** (0.600-0.800) | - |" in row


def test_copies_of_one_council_differ_only_in_their_id_prefixes(tmp_path: Path) -> None:
    three = generate_scaled.generate_scaled(tmp_path / "x3", 3, jobs=1, distinct=1)
    reviews = (three / "ssda903" / "2025" / "reviews.csv").read_text().splitlines()[1:]
    by_copy = {k: [line[3:] for line in reviews if line[:3] == k] for k in ("000", "001", "002")}
    assert by_copy["000"] and by_copy["000"] == by_copy["001"] == by_copy["002"]
    sample = (ROOT / "data" / "sample" / "local" / "escalations.csv").read_text().splitlines()
    joined = (three / "local" / "escalations.csv").read_text().splitlines()
    assert joined[0] == sample[0] and len(joined) == 1 + 3 * (len(sample) - 1)
    ids = [line.split(",")[0] for line in joined[1:]]
    assert len(set(ids)) == len(ids)  # ESCALATION_ID unique across the copies
    first = sample[1].split(",")[0]
    assert f"L002-{first}" in ids or f"002{first}" in ids
