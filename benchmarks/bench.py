"""make bench: our build's speed as ratios against the naive pipeline, run in turns on one host.

Absolute times on shared machines differ several-fold between hosts and minutes, so each
target is a ratio against a fixed yardstick run in the same benchmark: the naive pipeline in
../shared/bench/naive (CSV -> pandas -> matplotlib -> Jinja2 -> WeasyPrint, 41 pages, no
cache), copied to a temporary folder and run from there as its README says. Each pair runs
the naive pipeline, then our three CLI cases, one after another (A B A B ...): a cold build
(`--no-cache`, new output folder), a rebuild after a narrative edit (warm cache) and an
unchanged rebuild (warm cache); and in a running `iro-report preview` (started once, on
its own copy of the data), the time from a narrative edit until the new page is served. A
pair's ratio is ours/naive; the target is judged on the
median of the pairs' ratios. Every run is a whole process, timed by wall clock; its peak
memory is the largest resident set of it and its children (os.wait4).

Then the England-size load and compute (benchmarks/compute.py: five trend years, no PDF) on
the folder benchmarks/generate_scaled.py writes (cached under benchmarks/data/): its peak
memory against 1.5 GB, and its time as a ratio against the median cold sample build.

Finally the cold build's stages in one process (imports, load, compute, charts, HTML, PDF
layout and write) and, unless BENCH_PROFILE=0, the top of a cProfile of that run.

Environment: BENCH_PAIRS (pairs, default 5; `BENCH_PAIRS=1 BENCH_REPLICAS=0 make bench` is a
quick look), BENCH_ENGLAND_RUNS (default 1), BENCH_REPLICAS (England-size replicas, default
212; 0 skips), BENCH_PROFILE (default 1), BENCH_NAIVE (the naive folder, default
../shared/bench/naive), BENCH_RESULTS (default benchmarks/results.md), BENCH_CONFIG (default
config.yaml), BENCH_DATA (the sample folder, copied first; default data/sample).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate_scaled import DATA, ENGLAND_REPLICAS, generate_scaled  # noqa: E402

BUILD = (sys.executable, "-m", "report", "build")
NAIVE = ROOT.parent / "shared" / "bench" / "naive"
NAIVE_ARGS = ("report.py", "--data", "data_x1", "--fmt", "svg", "--svg-fonttype", "none")
MEMORY_TARGET_MB = 1536  # 1.5 GB


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    target: float  # at most this ratio ours/naive


CASES = (
    Case("cold", "cold build, `--no-cache`, new output folder", 0.33),
    Case("narrative", "rebuild after a narrative edit, warm cache", 0.15),
    Case("unchanged", "rebuild with nothing changed, warm cache", 0.05),
    Case("preview", "`iro-report preview`: a narrative edit until the new page is served", 0.05),
)


# A lower bound, not a target: WeasyPrint alone laying out and writing our page as a tagged
# PDF, in a process that has already imported it and read nothing else. No cold build that
# lays out this PDF with WeasyPrint in one process can take less.
FLOOR_KEY, FLOOR_LABEL = "floor", "lower bound: WeasyPrint alone laying out and writing our page"
FLOOR_SCRIPT = r"""
import json, sys, time
from report.publish import pdf
pdf._import_weasyprint()
html = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
pdf.render_bytes(html, title="Floor", lang="en-GB", created="2025-07-10")
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    stdout: str


@dataclass
class Pairs:
    naive: list[Run] = field(default_factory=list)
    ours: dict[str, list[Run]] = field(default_factory=dict)

    def ratios(self, key: str) -> list[float]:
        return [o.seconds / n.seconds for o, n in zip(self.ours[key], self.naive, strict=True)]


def floor_run(page: Path) -> Run:
    """FLOOR_SCRIPT on our page: the in-process seconds of the PDF alone (imports excluded)."""
    run = timed([sys.executable, "-c", FLOOR_SCRIPT, str(page)], ROOT)
    seconds = json.loads(run.stdout.strip().splitlines()[-1])["seconds"]
    return Run(seconds, run.peak_mb, run.stdout)


def timed(args: Sequence[str], cwd: Path) -> Run:
    """Run a process to its end: wall seconds, peak RSS of it and its children, its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(list(args), cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(
                f"{' '.join(args)} failed ({child.returncode}):\n{err.read().decode()}"
            )
        return Run(seconds, usage.ru_maxrss / 1024, out.read().decode())


def _build(config: Path, data: Path, out: Path) -> list[str]:
    return [*BUILD, "--config", str(config), "--data", str(data), "--out", str(out), "--quiet"]


def run_pairs(config: Path, data: Path, naive: Path, pairs: int) -> Pairs:
    """`pairs` turns of: naive, our cold build, narrative-edit rebuild, unchanged rebuild and a
    narrative edit in the preview."""
    result = Pairs()
    with tempfile.TemporaryDirectory(prefix="iro-bench-") as tmp:
        here = Path(tmp)
        # the runs' build cache lives here, apart from the user's own (the CLI keeps it under
        # $XDG_CACHE_HOME/iro-report/)
        os.environ["XDG_CACHE_HOME"] = str(here / "cache-home")
        yardstick = here / "naive"  # the shared copy is read-only: run a writable copy
        shutil.copytree(naive, yardstick)
        for path in [yardstick, *yardstick.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        config = _patient(config, here)
        copy = here / "data"
        shutil.copytree(data, copy)
        narrative = sorted((copy / "narrative").glob("*.md"))[0]
        warm = here / "warm" / "out"
        timed(_build(config, copy, warm), ROOT)  # fills the runs' build cache (not timed)
        shown = here / "preview"  # its own copy: it must not re-render on the builds' edits
        shutil.copytree(data, shown)
        live = Live(config, shown)
        try:
            for turn in range(pairs):
                _turn(result, config, copy, here, narrative, warm, turn)
                result.ours.setdefault("preview", []).append(live.edit(turn))
                result.ours.setdefault(FLOOR_KEY, []).append(floor_run(warm / "report.html"))
        finally:
            live.stop()
        previews = result.ours.get("preview", [])
        result.ours["preview"] = [replace(r, peak_mb=live.peak_mb) for r in previews]
    return result


def _patient(config: Path, here: Path) -> Path:
    """A copy of the config whose PDF time limit allows for a machine busy with other work."""
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.setdefault("publishing", {})["pdf_timeout_seconds"] = 3600
    patient = here / "config.yaml"
    patient.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return patient


def _turn(
    result: Pairs, config: Path, copy: Path, here: Path, narrative: Path, warm: Path, turn: int
) -> None:
    """One pair: the naive pipeline, then our cold, narrative-edit and unchanged builds."""
    naive = [sys.executable, *NAIVE_ARGS, "--out", "n.pdf"]
    result.naive.append(timed(naive, here / "naive"))
    cold = [*_build(config, copy, here / f"cold{turn}" / "out"), "--no-cache"]
    result.ours.setdefault("cold", []).append(timed(cold, ROOT))
    with narrative.open("a", encoding="utf-8") as handle:
        handle.write(f"\nBenchmark edit {turn}.\n")
    result.ours.setdefault("narrative", []).append(timed(_build(config, copy, warm), ROOT))
    result.ours.setdefault("unchanged", []).append(timed(_build(config, copy, warm), ROOT))


class Live:
    """A running `iro-report preview` on its own data copy; edit() times one narrative edit."""

    def __init__(self, config: Path, data: Path) -> None:
        args = [*BUILD[:-1], "preview", "--config", str(config), "--data", str(data)]
        self.process = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        if "http://" not in first:
            self.stop()
            raise SystemExit(f"iro-report preview did not start: {first!r}")
        self.url = first.split("http://", 1)[1].split("/", 1)[0]
        self.narrative = sorted((data / "narrative").glob("*.md"))[0]
        self.version = self._wait_past(0)  # the first page is ready
        self.peak_mb = 0.0

    def _version(self) -> int:
        import urllib.request

        with urllib.request.urlopen(f"http://{self.url}/version", timeout=60) as response:
            return int(response.read())

    def _wait_past(self, version: int) -> int:
        for _ in range(100_000):  # a bound, not a timing: ~30 minutes of 20 ms polls
            now = self._version()
            if now > version:
                return now
            time.sleep(0.02)
        raise SystemExit("iro-report preview never showed the edit")

    def edit(self, turn: int) -> Run:
        with self.narrative.open("a", encoding="utf-8") as handle:
            handle.write(f"\nPreview edit {turn}.\n")
        start = time.perf_counter()
        self.version = self._wait_past(self.version)
        return Run(time.perf_counter() - start, 0.0, "")

    def stop(self) -> None:
        self.process.terminate()
        _, _, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = 0
        self.peak_mb = usage.ru_maxrss / 1024


def bench_england(config: Path, replicas: int, runs: int) -> dict[str, float | str]:
    """Load and compute on England-size data: median seconds, peak MB, what the data hold."""
    name = "england" if replicas == ENGLAND_REPLICAS else f"x{replicas}"
    data = generate_scaled(DATA / name, replicas)
    script = [sys.executable, str(ROOT / "benchmarks" / "compute.py"), str(data)]
    results = [
        json.loads(timed([*script, "--config", str(config)], ROOT).stdout.strip().splitlines()[-1])
        for _ in range(runs)
    ]
    rows = results[0]["rows"]
    return {
        "label": f"{replicas} sample councils joined: {rows['header']:,} children in 903 "
        f"headers, {rows['episodes']:,} episodes, {rows['reviews']:,} reviews",
        "seconds": statistics.median(r["load_and_compute"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
        **{k: statistics.median(r[k] for r in results) for k in ("read", "history", "assemble")},
    }


STAGES = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from report.config import load_config
from report import assembly, pipeline
from report.publish import charts, html, pdf
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

timed(charts, "_draw_svg", "charts")
timed(weasyprint.HTML, "render", "pdf layout")
timed(weasyprint.document.Document, "write_pdf", "pdf write")
config = load_config(sys.argv[1], {"report.data": sys.argv[2]})
start = time.perf_counter()
checked = pipeline.check_data(config)
timings["load"] = time.perf_counter() - start
start = time.perf_counter()
report = assembly.assemble(config, checked, draft=False)
timings["compute"] = time.perf_counter() - start
start = time.perf_counter()
web = html.render_report(report, for_pdf=False)
timings["html"] = time.perf_counter() - start - timings.get("charts", 0.0)
pdf.render_bytes(web.html, title=web.title, lang=web.lang, created=report.generated)
print(json.dumps(timings))
"""


def stages(config: Path, data: Path) -> dict[str, float]:
    run = timed([sys.executable, "-c", STAGES, str(config), str(data)], ROOT)
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def profile(config: Path, data: Path, top: int = 8) -> list[str]:
    """Own time by package, then the functions with most time of their own, in one in-process
    cold build under cProfile."""
    with tempfile.TemporaryDirectory(prefix="iro-profile-") as tmp:
        prof = Path(tmp) / "build.prof"
        timed([sys.executable, "-c", _PROFILE_WRAPPER, str(prof), str(config), str(data)], ROOT)
        import pstats

        stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total = sum(own for (_cc, _nc, own, _cum, _callers) in stats.values())
    by_package: dict[str, float] = {}
    for (file, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.items():
        package = _package(file)
        by_package[package] = by_package.get(package, 0.0) + own
    lines = ["| package | own time | share |", "|---|---:|---:|"]
    for package, own in sorted(by_package.items(), key=lambda kv: kv[1], reverse=True)[:top]:
        lines.append(f"| {package} | {own:.2f} s | {own / total:.0%} |")
    rows = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    lines += ["", "| function | own time | share |", "|---|---:|---:|"]
    for (file, line, name), (_cc, _nc, own, _cum, _callers) in rows:
        lines.append(f"| `{name}` ({_short(file)}:{line}) | {own:.2f} s | {own / total:.0%} |")
    return lines


def _package(file: str) -> str:
    """weasyprint, matplotlib, report, ... for a profiled function's file."""
    short = _short(file)
    if short.startswith(("~", "<")):
        return "built-ins (C code: text shaping, zlib, imports, ...)"
    if short.startswith("/"):
        return "Python standard library"
    return short.split("/", 1)[0].removesuffix(".py")


_PROFILE_WRAPPER = (
    "import cProfile, sys\n"
    "prof, argv = sys.argv[1], sys.argv[2:]\n"
    "sys.argv = ['-c', *argv]\n"
    f"cProfile.run(compile({STAGES!r}, '<stages>', 'exec'), prof)\n"
)


def _short(file: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _s(runs: Sequence[Run]) -> str:
    values = [r.seconds for r in runs]
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def _mb(runs: Sequence[Run]) -> str:
    return f"{max(r.peak_mb for r in runs):.0f} MB"


def _ratio(values: Sequence[float]) -> str:
    return f"**{statistics.median(values):.3f}** ({min(values):.3f}-{max(values):.3f})"


def report_lines(
    pairs: Pairs,
    england: dict[str, float | str] | None,
    stage_times: dict[str, float] | None,
    profile_lines: list[str],
    env: dict[str, str],
) -> list[str]:
    n = len(pairs.naive)
    command = " ".join([*(f"{k}={v}" for k, v in env.items()), "make bench"])
    lines = [
        "# Benchmark: ratios against the naive pipeline, run in turns",
        "",
        f"Produced by `{command}` ({n} pairs). Machine: {machine()}.",
        "",
        "The machine is shared with other engineers' builds and tests, so absolute times swing; "
        "each pair runs the naive pipeline (`../shared/bench/naive`, copied, run as its README "
        "says: `python report.py --data data_x1 --out n.pdf --fmt svg --svg-fonttype none`) "
        "and then our three CLI cases one after another, then a narrative edit in a running "
        "`iro-report preview` (started once, on its own copy of the data); the ratio is taken "
        "within the pair. "
        "Times are whole processes (wall clock); peak memory is the largest resident set of "
        "the process and its children.",
        "",
        "| target (ours / naive) | at most | measured: median ratio (min-max) | met "
        "| ours | naive | ours peak |",
        "|---|---:|---|---|---|---|---|",
    ]
    for case in CASES:
        ratios = pairs.ratios(case.key)
        met = "met" if statistics.median(ratios) <= case.target else "not met"
        lines.append(
            f"| {case.label} | {case.target} | {_ratio(ratios)} | {met} | "
            f"{_s(pairs.ours[case.key])} | {_s(pairs.naive)} | {_mb(pairs.ours[case.key])} |"
        )
    if FLOOR_KEY in pairs.ours:
        floor = pairs.ours[FLOOR_KEY]
        lines += [
            f"| {FLOOR_LABEL} (no target: a floor) | - | {_ratio(pairs.ratios(FLOOR_KEY))} | - | "
            f"{_s(floor)} | {_s(pairs.naive)} | {_mb(floor)} |",
            "",
            "The last row is a lower bound, measured in the same pairs: the seconds WeasyPrint "
            "takes to lay out and write our report.html as a tagged PDF in a process that has "
            "already imported it (no interpreter start, no data, no Word or Excel). No cold "
            "build or narrative-edit rebuild that lays out this PDF with WeasyPrint in one "
            "process can take less; on two cores, a PDF split across both could at best halve "
            "it.",
        ]
    lines += ["", f"Naive pipeline peak memory: {_mb(pairs.naive)}."]
    if england is not None:
        cold = statistics.median(r.seconds for r in pairs.ours["cold"])
        ratio = float(england["seconds"]) / cold
        met = "met" if float(england["peak_mb"]) <= MEMORY_TARGET_MB else "not met"
        lines += [
            "",
            f"England-size load and compute, five trend years, no PDF ({england['label']}; "
            "`benchmarks/compute.py` in its own process):",
            "",
            "| target | measured | met |",
            "|---|---|---|",
            f"| peak memory at most 1.5 GB ({MEMORY_TARGET_MB} MB) | {england['peak_mb']:.0f} MB "
            f"| {met} |",
            f"| time, as a ratio against the median cold sample build (reported, no target) | "
            f"{ratio:.2f} ({england['seconds']:.1f} s against {cold:.1f} s) | - |",
            "",
            f"Of which: reading and checking the files {england['read']:.1f} s, care history "
            f"{england['history']:.1f} s, every section for every trend year "
            f"{england['assemble']:.1f} s.",
        ]
    if stage_times:
        naive_stages = json.loads(pairs.naive[-1].stdout.strip().splitlines()[-1])
        ours = ", ".join(f"{k} {v:.2f} s" for k, v in stage_times.items())
        theirs = ", ".join(
            f"{k} {naive_stages[k]:.2f} s"
            for k in ("import", "aggregate", "charts", "jinja", "wp_layout", "wp_write")
        )
        lines += [
            "",
            "## Where a cold build's time goes",
            "",
            f"Our stages, in one process (the CLI starts the PDF process first, so it imports "
            f"WeasyPrint while the data are loaded): {ours}.",
            "",
            f"The naive pipeline's own stage timings from the last pair: {theirs}.",
        ]
    if profile_lines:
        lines += [
            "",
            "Profile of that in-process cold build (cProfile; the functions with the most time "
            "of their own; cProfile slows Python code more than C code):",
            "",
            *profile_lines,
        ]
    return lines


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
    env = {k: v for k, v in sorted(os.environ.items()) if k.startswith("BENCH_")}
    pairs = int(env.get("BENCH_PAIRS", "5"))
    england_runs = int(env.get("BENCH_ENGLAND_RUNS", "1"))
    replicas = int(env.get("BENCH_REPLICAS", str(ENGLAND_REPLICAS)))
    config = Path(env.get("BENCH_CONFIG", ROOT / "config.yaml")).resolve()
    results = Path(env.get("BENCH_RESULTS", ROOT / "benchmarks" / "results.md"))
    data = Path(env.get("BENCH_DATA", ROOT / "data" / "sample")).resolve()
    naive = Path(env.get("BENCH_NAIVE", NAIVE)).resolve()
    if not (naive / "report.py").is_file():
        raise SystemExit(f"the naive pipeline is not at {naive} (set BENCH_NAIVE)")
    measured = run_pairs(config, data, naive, pairs)
    england = bench_england(config, replicas, england_runs) if replicas > 0 else None
    stage_times = stages(config, data)
    top = profile(config, data) if env.get("BENCH_PROFILE", "1") != "0" else []
    text = "\n".join(report_lines(measured, england, stage_times, top, env)) + "\n"
    print(text)
    results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
