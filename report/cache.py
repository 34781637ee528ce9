"""A content-addressed build cache: computed figures, drawn charts and the PDF, each keyed by
what made them, in a private folder of the user's and signed so that it cannot be forged.

The folder is `$XDG_CACHE_HOME/iro-report/` (else `~/.cache/iro-report/`): created 0700, and
refused (ReportError) when another user owns it or others may write to it. Its `key` file (32
random bytes, 0600, made on first use) signs every entry with an HMAC-SHA256 over the entry's
kind, key and payload; an entry whose signature does not match (altered, truncated, planted, or
moved to another key) is ignored and rebuilt, never used. Entries are data only (JSON, SVG, PDF
bytes: see report/snapshot.py), never code.

Entries live in `<folder>/<kind>/<key>`: the signature in hex, a newline, then the payload.
New entries are kept in memory and written only by `commit()`, after a build has succeeded, so
a stopped or failed build leaves nothing behind; the least recently used entries beyond KEEP are
then removed. Only files named as this module names them are ever removed. The cache holds
aggregates, chart SVGs and their PNGs for Word, PDFs of the report and the validation rows
also written to validation.csv (identifying values masked): no child ids.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from report.errors import EXIT_USAGE, ReportError

FORMAT = "2"  # bump when the layout of an entry changes
# Entries kept per kind, most recently used first: a few builds' figures and PDFs (one per
# narrative edit), their charts and the charts drawn as PNG for Word (a kind not named here
# is never written: a narrative edit redrew every Word chart until "png" was added).
KEEP = {"compute": 20, "charts": 1000, "png": 1000, "pdf": 10}
KEY_BYTES = 32
ENTRY = re.compile(r"^[0-9a-f]{64}$")
TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\.partial-\d+$")


def cache_folder() -> Path:
    """Where the cache lives: a folder of the tool's own inside the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    home = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return home / "iro-report"


def _refuse(path: Path, why: str) -> ReportError:
    return ReportError(
        f"The build cache {path} {why}; fix it (or delete the folder), or build with --no-cache",
        EXIT_USAGE,
    )


def _private(path: Path, info: os.stat_result, kind: str) -> None:
    if info.st_uid != os.geteuid():
        raise _refuse(path, f"belongs to another user (uid {info.st_uid}), so it is not used")
    if info.st_mode & 0o077:
        raise _refuse(
            path,
            f"can be read or changed by others (mode {stat.S_IMODE(info.st_mode):o}); "
            f"it must be private (chmod {'700' if kind == 'folder' else '600'})",
        )


def open_folder(folder: Path) -> bytes:
    """Create or check the private cache folder and its key; the key."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = folder.lstat()
    except OSError as exc:
        raise _refuse(folder, f"cannot be made ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise _refuse(folder, "is not a folder (a link or a file)")
    _private(folder, info, "folder")
    path = folder / "key"
    if not path.exists() and not path.is_symlink():
        _make_key(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "is not a regular file")
        _private(path, info, "file")
        key = handle.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise _refuse(path, f"is damaged (not {KEY_BYTES} bytes)")
    return key


def _make_key(path: Path) -> None:
    """Write a new random key whole, then link it into place: a build running at the same
    time (several councils) sees either no key or the whole of one, never a part."""
    tmp = path.with_name(f".key.partial-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
        with suppress(FileExistsError):  # another build made it first: theirs is used
            os.link(tmp, path)
    except OSError as exc:
        raise _refuse(path, f"cannot be made ({exc.strerror or exc})") from None
    finally:
        with suppress(OSError):
            tmp.unlink()


class Cache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_folder()
        self.key = open_folder(self.folder)
        self.pending: dict[tuple[str, str], bytes] = {}
        self.hits = 0
        self.misses = 0

    def _sign(self, kind: str, key: str, payload: bytes) -> bytes:
        message = f"{FORMAT}\n{kind}\n{key}\n".encode() + payload
        return hmac.new(self.key, message, hashlib.sha256).hexdigest().encode()

    def get(self, kind: str, key: str) -> bytes | None:
        if (kind, key) in self.pending:
            return self.pending[(kind, key)]
        path = self.folder / kind / key
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise OSError("not a regular file")
                raw = handle.read()
        except OSError:
            self.misses += 1
            return None
        signature, _, payload = raw.partition(b"\n")
        if not hmac.compare_digest(signature, self._sign(kind, key, payload)):
            self.misses += 1  # altered or not ours: never used; a good entry replaces it
            return None
        self.hits += 1
        with suppress(OSError):
            os.utime(path)  # recently used: kept when the cache is pruned
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        self.pending[(kind, key)] = payload

    def discard(self, kind: str, key: str) -> None:
        """Forget an entry that could not be used (signed, but no longer readable)."""
        self.pending.pop((kind, key), None)
        if ENTRY.match(key):
            (self.folder / kind / key).unlink(missing_ok=True)

    def commit(self) -> None:
        """Write the new entries, each atomically; one that cannot be written (disk full) is
        skipped and leaves no partial file."""
        for (kind, key), payload in sorted(self.pending.items()):
            if kind not in KEEP or not ENTRY.match(key):
                continue
            folder = self.folder / kind
            tmp = folder / f".{key}.partial-{os.getpid()}"
            try:
                folder.mkdir(mode=0o700, exist_ok=True)
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(self._sign(kind, key, payload) + b"\n" + payload)
                os.replace(tmp, folder / key)
            except OSError:
                with suppress(OSError):
                    tmp.unlink(missing_ok=True)
        self.pending.clear()
        for kind, keep in KEEP.items():
            self._prune(self.folder / kind, keep)

    @staticmethod
    def _prune(folder: Path, keep: int) -> None:
        """Remove all but the `keep` most recently used entries, and stray temporaries; files
        not named as entries are left alone."""
        try:
            names = [p for p in folder.iterdir() if p.is_file() and not p.is_symlink()]
        except OSError:
            return
        entries = sorted(
            (p for p in names if ENTRY.match(p.name)),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for path in [*entries[keep:], *(p for p in names if TEMPORARY.match(p.name))]:
            with suppress(OSError):
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
def source_files() -> tuple[list[Path], list[Path]]:
    """Every file of the package (code, translations, bundled fonts) and every template."""
    from report.resources import TEMPLATES_DIR

    root = Path(__file__).resolve().parent
    package = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )
    templates = sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())
    return package, templates


def source_hash() -> str:
    """The package's own files and templates: any edit to them (a Welsh translation or a font
    included) invalidates every entry and every "nothing changed"."""
    from report.resources import TEMPLATES_DIR

    root = Path(__file__).resolve().parent
    package, templates = source_files()
    return digest(
        *(x for p in package for x in (p.relative_to(root.parent).as_posix(), p.read_bytes())),
        *(x for p in templates for x in (p.relative_to(TEMPLATES_DIR).as_posix(), p.read_bytes())),
    )
