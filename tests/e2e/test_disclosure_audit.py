"""The disclosure audit (tests/audit.py) on the sample build and on generated councils."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.assembly import assemble
from report.config import load_config
from report.dates import Period
from report.pipeline import check_data
from report.publish.html import render_report
from report.sample import generate
from tests.audit import audit, domain_equations, read

ROOT = Path(__file__).resolve().parents[2]
YEAR = "2024-25"
YEARS = ["2020-21", "2021-22", "2022-23", "2023-24", YEAR]


def findings(out: Path) -> list[str]:
    pub, ids = read(out, YEAR, Period.from_label(YEAR).previous.label)
    domain_equations(pub, ids, YEARS, YEAR)
    return [str(f) for f in audit(pub)]


def publish(data: Path, out: Path) -> Path:
    """report.html and tables/*.csv as the build writes them, for the council in `data`."""
    config = load_config(ROOT / "config.yaml", {"report.data": str(data)})
    published = render_report(assemble(config, check_data(config), draft=False), for_pdf=False)
    (out / "tables").mkdir(parents=True)
    (out / "report.html").write_text(published.html, encoding="utf-8")
    for table_id, text in published.tables.items():
        (out / "tables" / f"{table_id}.csv").write_text(text, encoding="utf-8")
    return out


def test_no_suppressed_number_of_the_sample_can_be_worked_out(sample_build: Path) -> None:
    assert findings(sample_build) == []


@pytest.mark.parametrize(("seed", "scale"), [(11, 0.08), (12, 0.3), (13, 1.0)])
def test_no_suppressed_number_of_a_generated_council_can_be_worked_out(
    tmp_path: Path, seed: int, scale: float
) -> None:
    generate(tmp_path / "data", seed=seed, scale=scale)
    assert findings(publish(tmp_path / "data", tmp_path / "out")) == []
