"""Open an input file only if it is a regular file inside the data folder, and bounded in size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Far larger than any council's file (England's whole 903 reviews table is about 40 MB): a
# bigger file is a mistake, and reading it would take the machine's memory.
MAX_BYTES = 2_000_000_000


class InputError(Exception):
    """A file in the data folder that is not read: its message names it and says why."""


def check_input(path: Path, root: Path, name: str) -> os.stat_result:
    """The file's status if it may be read; InputError when it is not a regular file (a named
    pipe, a device, a folder) or is a link to somewhere outside the data folder."""
    try:
        if path.is_symlink():
            real = path.resolve(strict=True)
            if not real.is_relative_to(root.resolve()):
                raise InputError(
                    f"{name}: a link to {real}, outside the data folder; copy the file into "
                    "the data folder instead"
                )
        info = path.stat()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except RuntimeError:  # a loop of links
        raise InputError(f"{name}: a link that leads back to itself") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: {_kind(info.st_mode)}, not a regular file; remove it")
    return info


def read_input(path: Path, root: Path, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a checked input file, never waiting on a pipe and never more than
    `max_bytes`."""
    info = check_input(path, root, name)
    if info.st_size > max_bytes:
        raise InputError(
            f"{name}: {info.st_size:,} bytes, more than the {max_bytes:,} an input may have"
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since checked
                raise InputError(f"{name}: not a regular file; remove it")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: more than the {max_bytes:,} bytes an input may have")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
