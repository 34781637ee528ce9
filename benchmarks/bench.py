"""make bench: time the real CLI on the sample council and the compute on England-size data.

Prints a table of medians and min-max and writes it, with the machine, to results.md.
- CLI builds run `python -m report build` as separate processes, each run in its own folder
  (with its own build cache, XDG_CACHE_HOME=<folder>/cache-home): no cache (`--no-cache`),
  cold (empty cache and output folder), warm
  (rebuild over the previous outputs, figures and charts from the cache) and narrative-only
  (one narrative file of the copied data folder changed, then rebuilt: figures and charts
  from the cache, the narrative and the PDF made again).
- Stages run the build's steps in one process, each timed: imports, load, compute, charts,
  HTML, PDF layout, PDF write (the CLI renders the PDF in a child process started at the
  beginning, which imports WeasyPrint meanwhile; everything is in-process here).
- England-size: benchmarks/compute.py (load, stitch, care history, every section; no PDF) on
  the folder benchmarks/generate_scaled.py writes (cached under benchmarks/data/).

Environment: BENCH_RUNS (sample runs, default 5), BENCH_ENGLAND_RUNS (default 3),
BENCH_REPLICAS (England-size replicas, default 212; 0 skips), BENCH_RESULTS (where to write
the table; default benchmarks/results.md), BENCH_CONFIG (default config.yaml), BENCH_DATA
(the sample-size folder, copied first; default data/sample).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate_scaled import DATA, ENGLAND_REPLICAS, generate_scaled  # noqa: E402

BUILD = (sys.executable, "-m", "report", "build")
STAGE_SCRIPT = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from report.config import load_config
from report import pipeline
from report.publish import charts, html, pdf
import matplotlib.figure, matplotlib.textpath, matplotlib.ticker  # imported when first drawing
import weasyprint
timings = {"imports": time.perf_counter() - t0}

def timed(owner, name, key):
    fn = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - start
    setattr(owner, name, wrapper)

timed(charts, "draw", "charts")
timed(weasyprint.HTML, "render", "pdf layout")
timed(weasyprint.document.Document, "write_pdf", "pdf write")
config = load_config(sys.argv[1], {"report.data": sys.argv[2]})
start = time.perf_counter()
checked = pipeline.check_data(config)
timings["load"] = time.perf_counter() - start
start = time.perf_counter()
report = pipeline.assemble(config, checked, draft=False)
timings["compute"] = time.perf_counter() - start
start = time.perf_counter()
web = html.render_report(report, for_pdf=False)
timings["html"] = time.perf_counter() - start - timings.get("charts", 0.0)
pdf.render_bytes(web.html, title=web.title, lang=web.lang, created=report.generated)
timings["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(timings))
"""


def _cli_build(config: Path, data: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [
            *BUILD,
            "--config",
            str(config),
            "--data",
            str(data),
            "--out",
            str(out),
            "--quiet",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(out.parent / "cache-home")},  # its own cache
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stderr}")
    return wall


def _json_run(args: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cell(values: list[float], unit: str = "s") -> str:
    if unit == "MB":
        return f"{statistics.median(values):.0f} MB ({min(values):.0f}-{max(values):.0f})"
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def bench_sample(config: Path, data: Path, runs: int) -> list[tuple[str, str]]:
    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="iro-bench-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        narrative = sorted((copy / "narrative").glob("*.md"))
        for run in range(runs):
            rows.setdefault("CLI build, --no-cache (new output folder)", []).append(
                _cli_build(config, copy, Path(tmp) / f"nocache{run}" / "out", "--no-cache")
            )
            out = Path(tmp) / f"run{run}" / "out"  # its cache: run<n>/cache-home/
            rows.setdefault("CLI build, cold (new output folder, empty cache)", []).append(
                _cli_build(config, copy, out)
            )
            rows.setdefault("CLI build, warm (rebuild, same inputs: cache hit)", []).append(
                _cli_build(config, copy, out)
            )
            if narrative:
                with narrative[0].open("a", encoding="utf-8") as handle:
                    handle.write(f"\nBenchmark edit {run}.\n")
                rows.setdefault("CLI build, narrative-only change (warm cache)", []).append(
                    _cli_build(config, copy, out)
                )
            stages = _json_run(["-c", STAGE_SCRIPT, str(config), str(copy)])
            for name, value in stages.items():
                rows.setdefault(f"stage: {name}" if name != "peak_mb" else "peak_mb", []).append(
                    value
                )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        from pypdf import PdfReader

        pages = len(PdfReader(Path(tmp) / "run0" / "out" / "report.pdf").pages)
    stage_mb = rows.pop("peak_mb")
    table = [(name, _cell(values)) for name, values in rows.items()]
    table.append(("peak memory, in-process stages (ru_maxrss)", _cell(stage_mb, "MB")))
    table.append(("peak memory, largest build process (ru_maxrss)", f"{peak:.0f} MB"))
    table.append(("pages", str(pages)))
    return table


def bench_england(config: Path, replicas: int, runs: int) -> list[tuple[str, str]]:
    name = "england" if replicas == ENGLAND_REPLICAS else f"x{replicas}"
    start = time.perf_counter()
    data = generate_scaled(DATA / name, replicas)
    made = time.perf_counter() - start
    results = [
        _json_run([str(ROOT / "benchmarks" / "compute.py"), str(data), "--config", str(config)])
        for _ in range(runs)
    ]
    rows_count = results[0]["rows"]
    label = (
        f"{replicas} councils: {rows_count['header']:,} children in 903 headers, "  # type: ignore[index]
        f"{rows_count['episodes']:,} episodes, {rows_count['reviews']:,} reviews"  # type: ignore[index]
    )
    table = [(f"England-size data ({label}), generated or cached", f"{made:.1f} s")]
    for key in ("read", "stitch", "crosschecks", "history", "assemble", "load_and_compute"):
        what = {
            "read": "read and check files",
            "history": "care history",
            "assemble": "all sections, all trend years",
            "load_and_compute": "TOTAL load + compute",
        }.get(key, key)
        table.append((f"England-size: {what}", _cell([r[key] for r in results])))
    for section in results[0]["sections"]:  # type: ignore[attr-defined]
        values = [r["sections"][section] for r in results]  # type: ignore[index]
        table.append((f"England-size: section {section}", _cell(values)))
    table.append(("England-size: peak memory", _cell([r["peak_mb"] for r in results], "MB")))
    return table


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        mem = ""
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    england_runs = int(os.environ.get("BENCH_ENGLAND_RUNS", "3"))
    replicas = int(os.environ.get("BENCH_REPLICAS", str(ENGLAND_REPLICAS)))
    config = Path(os.environ.get("BENCH_CONFIG", ROOT / "config.yaml")).resolve()
    results = Path(os.environ.get("BENCH_RESULTS", ROOT / "benchmarks" / "results.md"))
    data = Path(os.environ.get("BENCH_DATA", ROOT / "data" / "sample")).resolve()
    table = bench_sample(config, data, runs)
    if replicas > 0:
        table += bench_england(config, replicas, england_runs)
    lines = [
        f"# Benchmark: medians and min-max ({runs} sample runs, {england_runs} England-size runs)",
        "",
        f"Machine: {machine()}",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in table),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
