"""A seeded, byte-stable data folder the size of all English councils together (make bench).

England had ~83,600 children looked after at 31 March 2024; one sample council
(report/sample/) has ~400. This script runs the sample generator with DISTINCT
different seeds (seed 0 is the bundled sample itself) and joins REPLICAS copies of them, in
turn, into one valid data folder in the DfE 903 layouts: each copy's child, IRO, escalation and
response ids get a replica prefix, so they stay unique and every file still passes the
loader's checks. The default 212 replicas give ~85,000 children looked after at 31 March 2025,
~1.06 million review rows and ~0.9 million episode rows over five collection years.

Only DISTINCT councils are generated (the generator is plain Python, about 5 s of CPU each);
the copies are made by prefixing whole columns at once, so the folder takes seconds, not the
45 minutes that generating 212 councils took on a loaded 2-core host.

The folder is cached under benchmarks/data/ (git-ignored): it is rebuilt only when the
replica count, the seed or either generator's source changes.

    python benchmarks/generate_scaled.py [--replicas N] [--distinct D] [--dest DIR]
"""

from __future__ import annotations

import argparse
import hashlib
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
DISTINCT = 4  # councils generated; replica k is a copy of council k % DISTINCT
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
    "cp_plans.csv": ("CHILD",),
    "iro_contacts.csv": ("CHILD", "IRO_ID"),
    "child_support.csv": ("CHILD",),
}


def _key(replicas: int, distinct: int) -> str:
    digest = hashlib.sha256(f"{replicas}:{distinct}:{SEED}".encode())
    for source in (*sorted((ROOT / "report" / "sample").glob("*.py")), Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _prefix(k: int) -> str:
    return f"{k:03d}"


def _one(args: tuple[int, str]) -> None:
    k, dest = args
    from report.sample import generate

    generate(Path(dest), seed=SEED + k)


def _join_903(parts: list[Path], replicas: int, rel: str, out: Path) -> None:
    """903 files start with CHILD: prefix it on every data row (numeric ids stay numeric)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    header = b""
    bodies: list[bytes] = []
    for part in parts:
        path = part / rel
        lines = path.read_bytes().split(b"\n") if path.is_file() else []
        header = header or (lines[0] if lines else b"")
        # each row with a gap in front for the prefix: b"\n".join then fills them in one go
        bodies.append(b"\n".join(line for line in lines[1:] if line))
    with out.open("wb") as sink:
        if header:
            sink.write(header + b"\n")
        for k in range(replicas):
            body = bodies[k % len(parts)]
            if body:
                prefix = _prefix(k).encode()
                sink.write(prefix + body.replace(b"\n", b"\n" + prefix) + b"\n")


def _join_local(parts: list[Path], replicas: int, name: str, out: Path) -> None:
    """Local extracts: the id columns of copy k get its prefix (a numeric id stays numeric,
    others become L<k>-<id>), a whole column at a time."""
    import numpy as np
    import pandas as pd

    frames: list[pd.DataFrame | None] = []
    for part in parts:
        path = part / "local" / name
        frames.append(
            pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
            if path.is_file()
            else None
        )
    header = next((f for f in frames if f is not None), None)
    if header is None:
        return
    copies = []
    for k in range(replicas):
        frame = frames[k % len(parts)]
        if frame is None:
            continue
        frame = frame.copy()
        prefix = _prefix(k)
        for column in LOCAL_IDS[name]:
            if column not in frame.columns:
                continue
            values = frame[column]
            numeric = values.str[:1].str.isdigit().fillna(False).to_numpy(dtype=bool)
            blank = (values == "").to_numpy()
            frame[column] = np.where(
                blank, "", np.where(numeric, prefix + values, f"L{prefix}-" + values)
            )
        copies.append(frame)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = pd.concat(copies, ignore_index=True).to_csv(index=False, lineterminator="\n")
    out.write_bytes(text.encode("utf-8"))


def generate_scaled(
    dest: Path, replicas: int, jobs: int | None = None, distinct: int = DISTINCT
) -> Path:
    """Write (or reuse) the joined data folder of `replicas` sample councils at dest."""
    dest = Path(dest)
    distinct = max(1, min(distinct, replicas))
    key = _key(replicas, distinct)
    stamp = dest / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=f".{dest.name}-") as tmp:
        parts = [Path(tmp) / "parts" / _prefix(k) for k in range(distinct)]
        jobs = jobs or min(distinct, os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_one, [(k, str(p)) for k, p in enumerate(parts)]))
        built = Path(tmp) / "joined"
        first = parts[0]
        for path in sorted(first.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(first)
            if rel.parts[0] == "ssda903":
                _join_903(parts, replicas, rel.as_posix(), built / rel)
            elif rel.parts[0] == "local" and rel.name in LOCAL_IDS:
                _join_local(parts, replicas, rel.name, built / rel)
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
    parser.add_argument(
        "--distinct", type=int, default=DISTINCT, help="councils generated (the rest are copies)"
    )
    parser.add_argument("--dest", type=Path)
    args = parser.parse_args(argv)
    dest = args.dest or DATA / (
        "england" if args.replicas == ENGLAND_REPLICAS else f"x{args.replicas}"
    )
    print(generate_scaled(dest, args.replicas, distinct=args.distinct))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
