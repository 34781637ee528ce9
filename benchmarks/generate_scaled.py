"""A seeded, byte-stable data folder the size of all English councils together (make bench).

England had ~83,600 children looked after at 31 March 2024; one sample council
(report/sample_data.py) has ~400. This script runs the sample generator with REPLICAS
different seeds (replica 0 is the bundled sample itself) and joins them into one valid
data folder in the DfE 903 layouts: each replica's child, IRO, escalation and response ids
get a replica prefix, so they stay unique and every file still passes the loader's checks.
The default 212 replicas give ~85,000 children looked after at 31 March 2025, ~1.06 million
review rows and ~1.2 million episode rows over five collection years.

The folder is cached under benchmarks/data/ (git-ignored): it is rebuilt only when the
replica count, the seed or either generator's source changes.

    python benchmarks/generate_scaled.py [--replicas N] [--dest DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
SEED = 20250331
ENGLAND_REPLICAS = 212  # x ~401 children looked after at 31 March = ~85,000
STAMP = ".generated"

# Columns holding ids that must stay unique across replicas, by local extract.
LOCAL_IDS: dict[str, tuple[str, ...]] = {
    "iro_staff.csv": ("IRO_ID",),
    "iro_allocations.csv": ("CHILD", "IRO_ID"),
    "review_extras.csv": ("CHILD", "IRO_ID"),
    "midway_reviews.csv": ("CHILD", "IRO_ID"),
    "escalations.csv": ("ESCALATION_ID", "CHILD", "IRO_ID"),
    "feedback.csv": ("RESPONSE_ID", "CHILD"),
    "cp_conferences.csv": ("CHILD",),
}


def _key(replicas: int) -> str:
    digest = hashlib.sha256(f"{replicas}:{SEED}".encode())
    for source in (ROOT / "report" / "sample_data.py", Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _prefix(k: int) -> str:
    return f"{k:03d}"


def _one(args: tuple[int, str]) -> None:
    k, dest = args
    from report.sample_data import generate

    generate(Path(dest), seed=SEED + k)


def _join_903(parts: list[Path], rel: str, out: Path) -> None:
    """903 files start with CHILD: prefix it on every data row (numeric ids stay numeric)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as sink:
        for k, part in enumerate(parts):
            path = part / rel
            if not path.is_file():
                continue
            lines = path.read_bytes().split(b"\n")
            if k == 0:
                sink.write(lines[0] + b"\n")
            prefix = _prefix(k).encode()
            body = [prefix + line for line in lines[1:] if line]
            if body:
                sink.write(b"\n".join(body) + b"\n")


def _join_local(parts: list[Path], name: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for k, part in enumerate(parts):
        path = part / "local" / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows)
            if k == 0:
                writer.writerow(header)
            where = [header.index(c) for c in LOCAL_IDS[name] if c in header]
            prefix = _prefix(k)
            for row in rows:
                for i in where:
                    if row[i]:
                        row[i] = prefix + row[i] if row[i][0].isdigit() else f"L{prefix}-{row[i]}"
                writer.writerow(row)
    out.write_bytes(buffer.getvalue().encode("utf-8"))


def generate_scaled(dest: Path, replicas: int, jobs: int | None = None) -> Path:
    """Write (or reuse) the joined data folder of `replicas` sample councils at dest."""
    dest = Path(dest)
    key = _key(replicas)
    stamp = dest / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=f".{dest.name}-") as tmp:
        parts = [Path(tmp) / "parts" / _prefix(k) for k in range(replicas)]
        jobs = jobs or min(replicas, os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_one, [(k, str(p)) for k, p in enumerate(parts)], chunksize=4))
        built = Path(tmp) / "joined"
        first = parts[0]
        for path in sorted(first.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(first)
            if rel.parts[0] == "ssda903":
                _join_903(parts, rel.as_posix(), built / rel)
            elif rel.parts[0] == "local" and rel.name in LOCAL_IDS:
                _join_local(parts, rel.name, built / rel)
            else:  # narrative, priorities.yaml, benchmarks.yaml: one copy
                (built / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, built / rel)
        (built / STAMP).write_text(key + "\n", encoding="utf-8")
        if dest.exists():
            shutil.rmtree(dest)
        built.rename(dest)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=ENGLAND_REPLICAS)
    parser.add_argument("--dest", type=Path)
    args = parser.parse_args(argv)
    dest = args.dest or DATA / (
        "england" if args.replicas == ENGLAND_REPLICAS else f"x{args.replicas}"
    )
    print(generate_scaled(dest, args.replicas))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
