"""Outputs into place: a staging folder swapped in whole, single files renamed in, signals held."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from report import outdir
from report.errors import EXIT_DATA, ReportError


@contextmanager
def writing() -> Iterator[None]:
    """A write that fails (disk full, read-only folder) ends the run with words, not a trace."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or "the output folder"
        raise ReportError(f"cannot write {where}: {exc.strerror or exc}", EXIT_DATA) from None


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A temporary sibling folder that replaces `target` only if everything was written."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.partial-{os.getpid()}"
    old = target.parent / f".{target.name}.previous-{os.getpid()}"
    # Leftovers of a killed run are removed only when they are ours (they hold the marker).
    for stale in target.parent.glob(f".{target.name}.partial-*"):
        if outdir.is_output(stale):
            shutil.rmtree(stale, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.previous-*"):
        # A run killed between its two renames below: its earlier outputs are the ones to keep.
        if not outdir.is_output(stale):
            continue
        if target.exists():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.rename(target)
    tmp.mkdir()
    try:
        outdir.write_marker(tmp, [])  # from the start: a leftover is known to be ours
        yield tmp
        with signals_deferred():
            if target.exists():
                target.rename(old)
            try:
                tmp.rename(target)
            except BaseException:
                if old.exists() and not target.exists():
                    old.rename(target)
                raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP arriving meanwhile take effect afterwards, so a stop never
    leaves the outputs half-moved (the earlier folder renamed away, the new one not in place)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    signals = [getattr(signal, n) for n in names if hasattr(signal, n)]
    caught: list[int] = []
    previous = {sig: signal.getsignal(sig) for sig in signals}
    for sig in signals:
        signal.signal(sig, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            if handler is not None:
                signal.signal(sig, handler)
        for sig in caught:
            signal.raise_signal(sig)


def write_text_into(folder: Path, name: str, text: str) -> None:
    write_into(folder, name, lambda tmp: tmp.write_text(text, "utf-8"))


def write_bytes_into(folder: Path, name: str, data: bytes) -> None:
    write_into(folder, name, lambda tmp: tmp.write_bytes(data))


def write_into(folder: Path, name: str, write: Callable[[Path], object]) -> Path:
    """Write one file into an output folder (new, or checked as ours) through a temporary file
    renamed into place, and add it to the folder's marker."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    tmp = folder / f".{name}.partial-{os.getpid()}"
    try:
        write(tmp)
        owned = outdir.owned_files(folder) or set()
        outdir.write_marker(folder, [*owned, name])
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
