"""Bad inputs through the real CLI: exit codes, every problem in one run, no traceback, and
earlier outputs left untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from report import outdir
from tests.builders import (
    IRO_STAFF,
    REVIEWS,
    child,
    episode,
    review,
    write_config,
    write_csv,
    write_local,
    write_year,
)
from tests.e2e.conftest import run_cli


def tiny(tmp_path: Path) -> tuple[Path, Path]:
    """(config, data): one child, one episode, one review; valid."""
    data = tmp_path / "data"
    write_year(
        data,
        2025,
        [child("ZQ9876", "15/06/2010", "M")],
        [episode("ZQ9876", "01/04/2024")],
        [review("ZQ9876", "15/04/2024")],
    )
    return write_config(tmp_path / "config.yaml", data), data


def earlier_output(tmp_path: Path) -> Path:
    out = tmp_path / "earlier"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"%PDF earlier good build")
    (out / "validation.csv").write_text("earlier\n")
    outdir.write_marker(out, ["report.pdf", "validation.csv"])
    return out


def assert_untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == [outdir.MARKER, "report.pdf", "validation.csv"]
    assert (out / "report.pdf").read_bytes() == b"%PDF earlier good build"
    assert not list(out.parent.glob(f".{out.name}.partial-*"))


def no_traceback(result: object) -> str:
    text = str(getattr(result, "stdout", "")) + str(getattr(result, "stderr", ""))
    assert "Traceback" not in text
    assert "internal error" not in text
    return text


def test_row_level_errors_all_listed_by_validate_and_build_refuses(tmp_path: Path) -> None:
    config, data = tiny(tmp_path)
    write_csv(
        data / "ssda903/2025/reviews.csv",
        REVIEWS,
        [review("ZQ9876", "01/01/19"), review("ZQ9876", "15/05/2024", "PN9")],
    )
    staff = {"IRO_ID": "A", "FTE": "1.5", "START": "01/04/2020", "AGENCY": "N"}
    write_local(data, "iro_staff", IRO_STAFF, [staff])

    checked = run_cli("validate", "--config", str(config), "--out", str(tmp_path / "val"))
    text = no_traceback(checked)
    assert checked.returncode == 1
    assert "ssda903/2025/reviews.csv row 2, column REVIEW, value '01/01/19'" in text
    assert "ssda903/2025/reviews.csv row 3, column REVIEW_CODE, value 'PN9'" in text
    assert "local/iro_staff.csv row 2, column FTE, value '1.5'" in text
    assert "ZQ9876" not in text and "15/06/2010" not in text
    assert (tmp_path / "val" / "validation.csv").is_file()

    out = earlier_output(tmp_path)
    built = run_cli("build", "--config", str(config), "--out", str(out), "--quiet")
    text = no_traceback(built)
    assert built.returncode == 1
    assert "3 error(s); the report was not built" in text
    assert "--allow-errors" in text
    assert_untouched(out)


def test_structural_faults_all_listed_in_one_run(tmp_path: Path) -> None:
    config, data = tiny(tmp_path)
    (data / "ssda903/2025/header.csv").write_text("")
    (data / "ssda903/2025/reviews.csv").unlink()
    (data / "ssda903/2025/episodes.csv").write_text("<html><body>Sign in</body></html>")
    out = earlier_output(tmp_path)
    for command in (["validate"], ["build", "--quiet"]):
        result = run_cli(*command, "--config", str(config), "--out", str(out))
        text = no_traceback(result)
        assert result.returncode == 1, command
        assert "ssda903/2025/header.csv: the file is empty" in text
        assert "ssda903/2025/episodes.csv: looks like an HTML" in text
        assert "no 903 reviews file found" in text
        assert_untouched(out)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--data", "nowhere"], "Data folder not found"),
        (["--year", "2025-2026"], "key 'report.year'"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], words: str) -> None:
    config, _ = tiny(tmp_path)
    out = earlier_output(tmp_path)
    for command in ("validate", "build"):
        result = run_cli(command, "--config", str(config), *args, "--out", str(out))
        text = no_traceback(result)
        assert result.returncode == 2, (command, text)
        assert words in text
        assert_untouched(out)


def test_config_typo_exits_2(tmp_path: Path) -> None:
    config, data = tiny(tmp_path)
    write_config(config, data, extra="publishing:\n  supression_threshold: 5\n")
    result = run_cli("validate", "--config", str(config))
    text = no_traceback(result)
    assert result.returncode == 2
    assert "unknown key 'publishing.supression_threshold'" in text


def test_a_year_with_no_903_folder_exits_1(tmp_path: Path) -> None:
    config, _ = tiny(tmp_path)
    out = earlier_output(tmp_path)
    result = run_cli("build", "--config", str(config), "--year", "2025-26", "--out", str(out))
    text = no_traceback(result)
    assert result.returncode == 1
    assert "No SSDA903 folder for 2025-26" in text
    assert_untouched(out)
