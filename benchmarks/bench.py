"""Time the sample build end to end and stage by stage; print a table and write results.md."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

STAGE_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from report.config import load_config
from report.pipeline import build_report
imports = time.perf_counter() - t0
config = load_config(sys.argv[1])
result = build_report(config, out_dir=__import__("pathlib").Path(sys.argv[2]))
print(json.dumps({"imports": imports, **result.timings}))
"""


def _median_range(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})"


def main() -> int:
    config = str(ROOT / "config.yaml")
    walls: list[float] = []
    stages: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(RUNS):
            out = Path(tmp) / f"run{run}"
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "report",
                    "build",
                    "--config",
                    config,
                    "--out",
                    str(out),
                    "--quiet",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            walls.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            staged = subprocess.run(
                [sys.executable, "-c", STAGE_SCRIPT, config, str(Path(tmp) / f"stage{run}")],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            for name, value in json.loads(staged.stdout.strip().splitlines()[-1]).items():
                stages.setdefault(name, []).append(value)
        from pypdf import PdfReader

        pages = len(PdfReader(Path(tmp) / "run0" / "report.pdf").pages)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = [("make report equivalent (CLI build, wall)", _median_range(walls))]
    rows += [(f"stage: {name}", _median_range(values)) for name, values in stages.items()]
    rows += [("peak memory of a build", f"{peak_mb:6.0f} MB"), ("pages", f"{pages:6d}")]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"# Benchmark ({RUNS} runs, medians and min-max)",
        "",
        f"Machine: {machine}",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value.strip()} |" for name, value in rows]
    table = "\n".join(lines) + "\n"
    print(table)
    (ROOT / "benchmarks" / "results.md").write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
