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
