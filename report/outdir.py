"""Which folders a build may write: new, empty or its own; never the inputs'; one build at a time.

The rule (README "Data protection"), with every path resolved (links followed) first:
- the output folder must not be a file, nor the data folder, nor inside it, nor hold it;
- it must not be the config file's folder or the working folder, nor hold either of them (a
  folder inside them is fine: `out/exampleshire-2024-25` beside config.yaml);
- if it exists and holds anything, it must be an earlier output of this tool: it has the marker
  file MARKER listing the files the tool wrote there, and holds no other file.
Anything else is refused (exit 2) with the reason, before anything is read or written.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from report.errors import EXIT_USAGE, ReportError

MARKER = ".iro-report-output"
TAG = "written by iro-report: the files listed here are its outputs"
# An output folder of an earlier version (before the marker): its manifest says iro-report and
# it holds only files with these names.
LEGACY_FILES = (
    "report.pdf",
    "report.html",
    "figures.json",
    "validation.csv",
    "manifest.json",
    "papers.pdf",
)


def refuse(target: Path, why: str) -> ReportError:
    return ReportError(f"Refusing to write the outputs to {target}: {why}", EXIT_USAGE)


def check_target(target: Path, *, data: Path, config_file: Path, cwd: Path | None = None) -> None:
    """Raise ReportError (exit 2) unless `target` may receive this tool's outputs."""
    target = target.resolve()
    data = data.resolve()
    places = {
        "the data folder": data,
        "the folder of the config file": config_file.resolve().parent,
        "the working folder": (cwd or Path.cwd()).resolve(),
    }
    for what, place in places.items():
        if target == place:
            raise refuse(target, f"it is {what}; choose a folder of its own, such as out/")
    for what, place in places.items():
        if place.is_relative_to(target):
            raise refuse(target, f"it holds {what} ({place}); choose a folder of its own")
    if target.is_relative_to(data):
        raise refuse(target, f"it is inside the data folder {data}; outputs go outside it")
    if target.exists() and not target.is_dir():
        raise refuse(target, "it is a file, not a folder")
    foreign = foreign_files(target)
    if foreign:
        shown = ", ".join(foreign[:5]) + (
            f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        )
        raise refuse(
            target,
            f"it holds files iro-report did not write ({shown}); choose a new or empty folder, "
            "or move them out",
        )


def owned_files(folder: Path) -> set[str] | None:
    """The files the marker says the tool wrote in `folder`, or None if it is not ours."""
    marker = folder / MARKER
    if marker.is_file() and not marker.is_symlink():
        try:
            content = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if isinstance(content, dict) and content.get("tag") == TAG:
            files = content.get("files")
            if isinstance(files, list) and all(isinstance(f, str) for f in files):
                return set(files)
        return None
    return _legacy(folder)


def _legacy(folder: Path) -> set[str] | None:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("tool") != "iro-report":
        return None
    tables = {p.relative_to(folder).as_posix() for p in folder.glob("tables/*.csv")}
    return {*LEGACY_FILES, *tables}


def foreign_files(folder: Path) -> list[str]:
    """Files in `folder` that the tool did not write (all of them when it is not ours)."""
    if not folder.is_dir():
        return []
    present = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() or p.is_symlink()
    )
    ours = owned_files(folder)
    if ours is None:
        return present
    return [f for f in present if f not in ours and f != MARKER]


def write_marker(folder: Path, files: list[str], fingerprint: str | None = None) -> None:
    """Record the files the tool wrote in `folder` (sorted: the same bytes for the same files).

    With the build's `fingerprint` (report/fingerprint.py), each file's sha256 is recorded too,
    so a later build from the same fingerprint can tell the outputs are intact and write
    nothing. Any other writer (papers, validate) leaves it out: the next build builds.
    """
    names = sorted(set(files) - {MARKER})
    content: dict[str, object] = {"tag": TAG, "files": names}
    if fingerprint is not None:
        content["fingerprint"] = fingerprint
        content["sha256"] = {name: _sha256(folder / name) for name in names}
    (folder / MARKER).write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _marker(folder: Path) -> dict[str, object] | None:
    marker = folder / MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        content = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) and content.get("tag") == TAG else None


def recorded_fingerprint(folder: Path) -> str | None:
    """The fingerprint of the build that wrote `folder`, or None (none recorded, not ours)."""
    content = _marker(folder)
    value = content.get("fingerprint") if content else None
    return value if isinstance(value, str) else None


def intact(folder: Path) -> bool:
    """True when `folder` holds exactly the files its marker lists, each regular file with the
    sha256 recorded for it (nothing removed, added, replaced or edited since)."""
    content = _marker(folder)
    hashes = content.get("sha256") if content else None
    if not isinstance(hashes, dict) or content is None or sorted(hashes) != content.get("files"):
        return False
    present = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() or p.is_symlink()
    )
    present.remove(MARKER)
    if present != sorted(hashes):
        return False
    for name, sha in hashes.items():
        path = folder / name
        if path.is_symlink() or not path.is_file():
            return False
        try:
            if _sha256(path) != sha:
                return False
        except OSError:
            return False
    return True


def is_output(folder: Path) -> bool:
    return owned_files(folder) is not None


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold `.<folder>.lock` beside the output folder while writing: a second build, papers or
    validate into the same folder is refused meanwhile. The lock (flock) ends with the process,
    so a killed run never blocks the next one; the file is removed when the run ends."""
    target = target.resolve()
    path = target.parent / f".{target.name}.lock"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise ReportError(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # The file may have been removed by the run that just ended: then it is not the lock.
            if os.stat(path).st_ino != os.fstat(fd).st_ino:
                raise BlockingIOError
        except (BlockingIOError, FileNotFoundError):
            raise refuse(
                target,
                f"another iro-report run is writing to it (it holds {path.name}); "
                "wait for it to finish",
            ) from None
        try:
            yield
        finally:
            with suppress(OSError):
                path.unlink()
    finally:
        os.close(fd)
