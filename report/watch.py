"""Which files of a data folder changed since the last look (polling sizes and mtimes)."""

from __future__ import annotations

from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # relative path -> (mtime_ns, size)


def snapshot(root: Path) -> Snapshot:
    """Every file under root except hidden ones (editors' swap and lock files)."""
    found: Snapshot = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith((".", "~")) or part.endswith("~") for part in rel.parts):
            continue
        try:
            stat = path.stat()
        except OSError:  # removed meanwhile
            continue
        if path.is_file():
            found[rel.as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """Paths added, removed or modified."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def narrative_only(paths: set[str]) -> bool:
    """True when every changed path is a narrative file: the figures need not be recomputed."""
    return bool(paths) and all(p.startswith("narrative/") for p in paths)
