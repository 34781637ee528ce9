"""Time loading and computing on a data folder, stage by stage, without publishing (no PDF).

    python benchmarks/compute.py DATA_DIR [--config config.yaml] [--profile out.prof]

Prints one JSON object: seconds for imports, read (read and check every 903 and local file),
stitch, crosschecks, history (care history), each section's prepare and compute (all trend years),
assemble (all sections, as the build does), total, plus peak_mb (ru_maxrss) and row counts.
Uses report.pipeline.check_data and report.assembly.assemble, so it measures what `build` runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _timed(timings: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def run(data: Path, config_path: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    from report import assembly, memory, pipeline
    from report.config import load_config
    from report.load import dataset, ssda903

    timings: dict[str, float] = {"imports": time.perf_counter() - t0}
    # Split check_data's stages by wrapping the functions it calls (module attributes).
    dataset.ssda903 = _Shim(ssda903, stitch=_timed(timings, "stitch", ssda903.stitch))  # type: ignore[attr-defined]
    pipeline.check_local_extracts = _timed(timings, "crosschecks", pipeline.check_local_extracts)
    pipeline.build_history = _timed(timings, "history", pipeline.build_history)

    config = load_config(config_path, {"report.data": str(data.resolve())})
    start = time.perf_counter()
    checked = pipeline.check_data(config)
    load_total = time.perf_counter() - start
    timings["read"] = load_total - sum(
        timings.get(k, 0.0) for k in ("stitch", "crosschecks", "history")
    )

    # Every section over every trend year, timed one by one (what assemble does).
    sections: dict[str, float] = {}
    years = assembly.trend_years(checked.data, config.period, config.publishing.trend_years)
    from report.sections import registry

    for section in registry():
        if any(n not in checked.data.local for n in section.needs):
            continue
        start = time.perf_counter()
        assembly._compute_years(section, config, checked, years, {})
        memory.release()  # as assemble does after each section
        sections[section.key] = time.perf_counter() - start
    # Time assemble as a build runs it (each section prepared once, then its years).
    start = time.perf_counter()
    assembly.assemble(config, checked, draft=bool(checked.data.issues.errors))
    timings["assemble"] = time.perf_counter() - start
    timings["load_and_compute"] = load_total + timings["assemble"]
    return {
        **{k: round(v, 4) for k, v in timings.items()},
        "sections": {k: round(v, 4) for k, v in sections.items()},
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rows": {
            "header": len(checked.data.header),
            "episodes": len(checked.data.episodes),
            "reviews": len(checked.data.reviews),
            "issues": len(checked.data.issues.rows),
        },
    }


class _Shim:
    """A module stand-in with some attributes replaced."""

    def __init__(self, module: Any, **replaced: Any) -> None:
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the run here")
    args = parser.parse_args(argv)
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(run, args.data, args.config)
        profiler.dump_stats(args.profile)
    else:
        result = run(args.data, args.config)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
