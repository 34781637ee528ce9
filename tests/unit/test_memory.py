"""memory.map_large_blocks: the setting takes on glibc and is skipped elsewhere."""

from __future__ import annotations

import sys

import pytest

from report import memory


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")
def test_large_blocks_are_mapped_on_glibc() -> None:
    assert memory.map_large_blocks() is True


def test_large_blocks_elsewhere_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert memory.map_large_blocks() is False
