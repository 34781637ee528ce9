"""Every failure has words: a second run into one folder, a full disk or a read-only folder,
a `$` in a label, a quoted line break, a quote never closed."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from report import cli, outdir, pipeline
from report.errors import ReportError
from report.model import ChartSpec
from report.publish import charts
from tests.builders import REVIEWS, child, episode, write_config, write_csv, write_year
from tests.e2e.conftest import ROOT, run_cli

CONFIG = str(ROOT / "config.yaml")


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with outdir.locked(out):  # as a first build holds it while it runs
        for command in ("build", "papers", "validate"):
            result = run_cli(command, "--config", CONFIG, "--out", str(out))
            assert result.returncode == 2, result.stderr
            assert "another iro-report run is writing to it" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.iterdir())  # the lock file goes with the run


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_a_write_that_fails_says_where_and_leaves_nothing_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    words: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"%PDF earlier")
    outdir.write_marker(out, ["report.pdf"])
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(path: Path, _value: object) -> None:
        raise OSError(code, words, str(path))

    monkeypatch.setattr(pipeline, "write_json", full)
    status = cli.main(["build", "--config", CONFIG, "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"cannot write {tmp_path}/.out.partial-" in err and f"figures.json: {words}" in err
    assert "Traceback" not in err and "internal error" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no partial folder, no lock


def test_a_dollar_in_a_label_is_text_not_mathematics() -> None:
    data = charts.ChartData(
        ["Cost $5 to $10", "Other"],
        [charts.Series("Children", [21.0, 30.0], ["21", "30"])],
    )
    svg = charts.draw(ChartSpec("c", "Fees of $5 and $6", "hbar"), data).svg.decode()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Cost $5 to $10" in texts  # one text element, the dollars kept (not mathtext)


def test_row_numbers_count_records_not_lines(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_year(data, 2025, [child("ZQ9876", "15/06/2010", "M")], [episode("ZQ9876", "01/04/2024")])
    (data / "ssda903" / "2025" / "reviews.csv").write_text(
        'CHILD,REVIEW,REVIEW_CODE\nZQ9876,15/04/2024,"PN\n1"\nZQ9876,31/02/2025,PN1\n'
    )
    built = build_from(tmp_path, data)
    issues = built.frame()
    rows = dict(zip(issues["column"], issues["row"], strict=False))
    assert rows["REVIEW_CODE"] == 2  # the record with a line break in its quoted cell
    assert rows["REVIEW"] == 3  # the next record: row 3, though it is on line 4


def test_a_quote_never_closed_is_reported_where_it_opened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_year(data, 2025, [child("ZQ9876", "15/06/2010", "M")], [episode("ZQ9876", "01/04/2024")])
    write_csv(data / "ssda903" / "2025" / "reviews.csv", REVIEWS, [])
    (data / "ssda903" / "2025" / "reviews.csv").write_text(
        "CHILD,REVIEW,REVIEW_CODE\nZQ9876,15/04/2024,PN1\n"
        'ZQ9876,"15/05/2024,PN1\nZQ9876,15/06/2024,PN1\nZQ9876,15/07/2024,PN1\n'
    )
    with pytest.raises(ReportError) as caught:
        build_from(tmp_path, data)
    assert (
        'ssda903/2025/reviews.csv: row 3 (line 3) opens a quote (") that is never closed'
        in caught.value.message
    )


def build_from(tmp_path: Path, data: Path) -> pipeline.Issues:
    from report.config import load_config

    config = load_config(write_config(tmp_path / "config.yaml", data))
    return pipeline.check_data(config).data.issues
