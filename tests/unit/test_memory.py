"""memory: heap trimming and the mapping of large blocks change no value and never fail."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from report import memory


def test_release_changes_nothing() -> None:
    values = np.arange(10)
    memory.release()
    assert values.sum() == 45


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")
def test_large_blocks_are_mapped_on_glibc() -> None:
    assert memory.map_large_blocks() is True
    block = np.ones(4 * memory.LARGE_BLOCK_BYTES, dtype=np.uint8)  # allocated after the setting
    assert int(block.sum()) == 4 * memory.LARGE_BLOCK_BYTES


def test_large_blocks_elsewhere_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert memory.map_large_blocks() is False
