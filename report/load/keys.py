"""The internal integer key of a child (CHILD_KEY) and a fallback for frames without one."""

from __future__ import annotations

import pandas as pd

CHILD_KEY = "CHILD_KEY"


def child_key(*frames: pd.DataFrame) -> str:
    """The column to group, sort and match children on: CHILD_KEY when every frame has it.

    Frames from the loader carry CHILD_KEY, numbered in the sort order of CHILD, so the
    results are the same as on CHILD, only on integers. Hand-made frames (tests) may not
    have it, and then CHILD is used.
    """
    return CHILD_KEY if all(CHILD_KEY in frame for frame in frames) else "CHILD"
