"""`iro-report init DIR` starts a council's folder; both forms of init refuse a non-empty one."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import yaml

from report.config import load_config
from report.load.local import EXTRACTS
from report.sections import registry
from report.starter import default_year
from tests.builders import child, episode, review, write_year
from tests.e2e.conftest import run_cli


def test_init_writes_config_templates_stubs_and_priorities(tmp_path: Path) -> None:
    target = tmp_path / "newcouncil"
    result = run_cli("init", str(target))
    assert result.returncode == 0, result.stderr
    config = (target / "config.yaml").read_text(encoding="utf-8")
    assert "# accepted_issues:" in config and "# local:" in config
    for name, extract in EXTRACTS.items():
        with (target / "templates" / f"{name}.csv").open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == [c.name for c in extract.columns]
        assert len(rows) == 2  # the header and one example row
    for section in registry():
        assert (target / "data" / "narrative" / f"{section.key}.md").read_text().strip()
    assert set(yaml.safe_load((target / "data" / "priorities.yaml").read_text())) == {
        "last_year",
        "next_year",
    }
    assert (target / "data" / "local").is_dir()


def test_init_refuses_a_non_empty_folder_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    for args in (("init", str(tmp_path)), ("init", "--sample", str(tmp_path))):
        result = run_cli(*args)
        assert result.returncode == 2
        assert "is not empty" in result.stderr and "Traceback" not in result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]
        assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_init_needs_exactly_one_folder(tmp_path: Path) -> None:
    assert run_cli("init").returncode == 2
    assert run_cli("init", str(tmp_path / "a"), "--sample", str(tmp_path / "b")).returncode == 2


def test_default_year_is_the_last_year_ended() -> None:
    assert default_year(date(2025, 3, 31)) == "2023-24"
    assert default_year(date(2025, 4, 1)) == "2024-25"


def test_initialised_folder_builds_once_the_903_return_is_added(tmp_path: Path) -> None:
    """The minimum to build: the report year's 903 header, episodes and reviews tables."""
    target = tmp_path / "council"
    assert run_cli("init", str(target)).returncode == 0
    config = load_config(target / "config.yaml")
    data = target / "data"
    year = config.period.collection_year
    write_year(
        data,
        year,
        [child("A1", "01/06/2010", sex="M" if year > 2024 else "1")],
        [episode("A1", f"01/05/{year - 1}")],
        [review("A1", f"20/05/{year - 1}")],
    )
    validate = run_cli("validate", "--config", str(target / "config.yaml"))
    assert validate.returncode == 0, validate.stdout + validate.stderr
    out = tmp_path / "out"
    build = run_cli("build", "--config", str(target / "config.yaml"), "--out", str(out), "--quiet")
    assert build.returncode == 0, build.stderr
    assert (out / "report.pdf").is_file()
    # the templates are not read: the local sections are switched off, not built from examples
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "local/iro_staff.csv" in html
