"""A content-addressed build cache: computed figures, drawn charts and the PDF, each keyed by
what made them.

Entries live in `<output parent>/.cache/<kind>/<key>`; each file is the sha256 of its payload,
a newline, then the payload, so a truncated or altered entry is noticed and ignored (then
rebuilt), never an error. New entries are kept in memory and written only by `commit()`, after
a build has succeeded, so a stopped or failed build leaves nothing behind; the least recently
used entries beyond KEEP are then removed. The cache holds aggregates, chart SVGs, PDFs of the
report and the validation rows also written to validation.csv (identifying values masked): no
child ids.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

FORMAT = "1"  # bump when the layout of an entry changes
# Entries kept per kind, most recently used first: a few builds' figures and PDFs (one per
# narrative edit) and their charts.
KEEP = {"compute": 20, "charts": 1000, "pdf": 10}


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: dict[tuple[str, str], bytes] = {}
        self.hits = 0
        self.misses = 0

    def get(self, kind: str, key: str) -> bytes | None:
        if (kind, key) in self.pending:
            return self.pending[(kind, key)]
        path = self.folder / kind / key
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        digest, _, payload = raw.partition(b"\n")
        if digest.decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
            path.unlink(missing_ok=True)  # corrupt: ignored, rebuilt and rewritten
            self.misses += 1
            return None
        self.hits += 1
        with suppress(OSError):
            os.utime(path)  # recently used: kept when the cache is pruned
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        self.pending[(kind, key)] = payload

    def discard(self, kind: str, key: str) -> None:
        """Forget an entry that could not be used (e.g. it no longer unpickles)."""
        self.pending.pop((kind, key), None)
        (self.folder / kind / key).unlink(missing_ok=True)

    def commit(self) -> None:
        """Write the new entries, each atomically; a cache that cannot be written is skipped."""
        for (kind, key), payload in sorted(self.pending.items()):
            folder = self.folder / kind
            try:
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".{key}.partial-{os.getpid()}"
                tmp.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
                os.replace(tmp, folder / key)
            except OSError:
                continue
        self.pending.clear()
        for kind, keep in KEEP.items():
            self._prune(self.folder / kind, keep)

    @staticmethod
    def _prune(folder: Path, keep: int) -> None:
        """Remove all but the `keep` most recently used entries (and any stray temporaries)."""
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for path in entries[keep:]:
            path.unlink(missing_ok=True)


def digest(*parts: str | bytes) -> str:
    """sha256 over the parts, each length-prefixed so no two part lists collide."""
    h = hashlib.sha256(FORMAT.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(f"\n{len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def source_hash() -> str:
    """The package's own code and templates: any edit to them invalidates every entry."""
    from report.resources import TEMPLATES_DIR

    root = Path(__file__).resolve().parent
    code = sorted(p for p in root.rglob("*.py") if p.is_file())
    templates = sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())
    return digest(
        *(x for p in code for x in (p.relative_to(root.parent).as_posix(), p.read_bytes())),
        *(x for p in templates for x in (p.relative_to(TEMPLATES_DIR).as_posix(), p.read_bytes())),
    )
