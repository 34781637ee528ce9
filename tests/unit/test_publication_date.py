"""The title page's date: report.date, else the meeting's date, else SOURCE_DATE_EPOCH, else 31
March; and its author agrees with the cover report's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from report.assembly import publication_date, report_author
from report.config import load_config
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


def test_meeting_date_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A report presented on 10 July is dated 10 July, not 31 March (nor the epoch)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    path = _config(tmp_path, extra="meeting:\n  date: 2025-07-10\n")
    assert publication_date(load_config(path)) == date(2025, 7, 10)


def test_one_author_for_the_report_and_its_cover(tmp_path: Path) -> None:
    path = _config(tmp_path)
    assert report_author(load_config(path)) == load_config(path).report.author
    meeting = "meeting:\n  author:\n    name: Alex Example\n    role: IRO Service Manager\n"
    (tmp_path / "two").mkdir()
    path = _config(tmp_path / "two", extra=meeting)
    assert report_author(load_config(path)) == "Alex Example, IRO Service Manager"
