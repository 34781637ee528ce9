"""Hand memory freed by the load's big stages back to the operating system (glibc's malloc_trim)."""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, macOS): nothing to trim
        return None


def release() -> None:
    """Return the free pages of the C heap to the system.

    Reading a year of 903 files makes millions of short-lived cells; glibc keeps the memory
    they held for reuse, so the process's resident size stays at its high-water mark. Trimming
    between stages lets England-size data fit (peak memory: benchmarks/results.md). It changes
    no value: only where free memory is kept.
    """
    if sys.platform != "linux":
        return
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)


M_MMAP_THRESHOLD = -3  # glibc malloc.h
LARGE_BLOCK_BYTES = 1 << 20


def map_large_blocks() -> bool:
    """Give every allocation of 1 MiB or more its own mapping, returned to the system when
    freed; True if the setting took (glibc on Linux), False elsewhere.

    glibc starts by mapping blocks of 128 KiB or more, but raises that threshold (up to
    32 MiB) each time such a block is freed, so a column array of a few MiB soon comes from
    the heap, and a fragmented heap holds the process at its high-water mark. Fixing the
    threshold keeps England-size data within 1.5 GB (benchmarks/results.md) at the cost of
    more page faults. It changes no value: only where memory comes from.
    """
    if sys.platform != "linux":
        return False
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES))
