"""The title page's date: the config's report.date, else SOURCE_DATE_EPOCH, else 31 March."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from report.config import load_config
from report.pipeline import publication_date
from tests.builders import write_config


def _config(tmp_path: Path, extra: str = "") -> Path:
    data = tmp_path / "data"
    data.mkdir()
    return write_config(tmp_path / "config.yaml", data, year="2024-25", extra=extra)


def test_defaults_to_the_end_of_the_reporting_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert publication_date(load_config(_config(tmp_path))) == date(2025, 3, 31)


def test_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 1751241600 = 30 June 2025 00:00 UTC (20,269 days after 1 Jan 1970 x 86,400 s).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    assert publication_date(load_config(_config(tmp_path))) == date(2025, 6, 30)


def test_config_date_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    path = _config(tmp_path)
    path.write_text(
        path.read_text().replace("  year: 2024-25\n", "  year: 2024-25\n  date: 2025-07-01\n")
    )
    config = load_config(path)
    assert publication_date(config) == date(2025, 7, 1)
