"""A third-party 903 year (the DfE validator's fake data, CSV and XML) built end to end; the
report's counts checked against an independent count of the return in plain csv/xml code."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.builders import write_config
from tests.e2e.conftest import run_cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "d2i-903-fake"
FIRST, LAST = date(2017, 4, 1), date(2018, 3, 31)  # collection 2018 = 2017-18
COUNTS = ("cla.at_period_end", "cla.started", "cla.ceased", "cla.during_year", "reviews.held")


def _day(text: str | None) -> date | None:
    try:
        return datetime.strptime((text or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def independent_counts(episodes: list[dict[str, str]], reviews: list[dict[str, str]]) -> dict:
    """The DfE counts of one return, written from the definitions, not from our loader:
    episodes of care (legal status not V3/V4); children counted once; reviews once per child
    and date, and only those held while the child was in an episode of care."""
    eps = [
        (e["CHILD"], _day(e["DECOM"]), _day(e["DEC"]), e["RNE"], e["REC"])
        for e in episodes
        if e["LS"] not in ("V3", "V4") and _day(e["DECOM"])
    ]
    spans: dict[str, list[tuple[date, date]]] = {}
    for child, start, end, _, _ in eps:
        spans.setdefault(child, []).append((start, end or date.max))  # type: ignore[arg-type]
    held = {
        (r["CHILD"], day) for r in reviews if (day := _day(r["REVIEW"])) and FIRST <= day <= LAST
    }
    return {
        "cla.at_period_end": len({c for c, s, e, _, _ in eps if s <= LAST and (not e or e > LAST)}),
        "cla.started": len({c for c, s, _, rne, _ in eps if rne == "S" and FIRST <= s <= LAST}),
        "cla.ceased": len(
            {c for c, _, e, _, rec in eps if e and FIRST <= e <= LAST and rec not in ("", "X1")}
        ),
        "cla.during_year": len({c for c, s, e, _, _ in eps if s <= LAST and (not e or e >= FIRST)}),
        "reviews.held": len(
            {(c, d) for c, d in held if any(a <= d <= b for a, b in spans.get(c, []))}
        ),
        "reviews in the return": sum(
            1 for r in reviews if (day := _day(r["REVIEW"])) and FIRST <= day <= LAST
        ),
    }


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def xml_rows(path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    root = ET.parse(path).getroot()  # our own fixture: the stdlib parser is fine here
    episodes, reviews = [], []
    for child in root.iter("CHILD"):
        who = child.findtext("HEADER/CHILDID") or ""
        for e in child.iter("EPISODE"):
            row = {t: e.findtext(t) or "" for t in ("DECOM", "DEC", "RNE", "REC", "LS")}
            episodes.append({"CHILD": who, **row})
        for r in child.iter("AREVIEW"):
            reviews.append({"CHILD": who, "REVIEW": r.findtext("REVIEW") or ""})
    return episodes, reviews


def build(tmp_path: Path, form: str) -> tuple[Path, dict[str, float], list[dict[str, str]]]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / form / "2018", data / "ssda903" / "2018")
    config = write_config(tmp_path / "config.yaml", data, "2017-18")
    out = tmp_path / "out"
    result = run_cli("build", "--config", str(config), "--out", str(out), "--allow-errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))["figures"]
    values = {f["id"]: f["value"] for f in figures if f["id"] in COUNTS}
    return out, values, csv_rows(out / "reconciliation.csv")


@pytest.mark.parametrize("form", ["csv", "xml"])
def test_the_fixture_builds_and_its_counts_agree_with_an_independent_count(
    tmp_path: Path, form: str
) -> None:
    if form == "csv":
        folder = FIXTURE / "csv" / "2018"
        expected = independent_counts(
            csv_rows(folder / "episodes.csv"), csv_rows(folder / "reviews.csv")
        )
    else:
        expected = independent_counts(*xml_rows(FIXTURE / "xml" / "2018" / "fake_903.xml"))
    out, values, reconciliation = build(tmp_path, form)
    # The independent counts, printed for the record (pytest -s):
    print(form, expected)
    assert values == {fid: float(expected[fid]) for fid in COUNTS}
    by_figure = {row["figure"]: row for row in reconciliation}
    for fid in COUNTS[:4]:  # the return alone and the report agree: no cause
        row = by_figure[fid]
        assert (int(row["from_return"]), int(row["report"]), row["cause"]) == (
            expected[fid],
            expected[fid],
            "",
        )
    reviews = by_figure["reviews.held"]
    assert int(reviews["from_return"]) == expected["reviews in the return"]
    # Reviews outside any episode of care (or in a short break) are data errors (DOMAIN 4).
    assert "review-outside-care" in reviews["cause"]
    assert int(reviews["change"]) == expected["reviews.held"] - expected["reviews in the return"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "the 2017-18 return alone and the report" in html
    validation = (out / "validation.csv").read_text(encoding="utf-8")
    assert "not-needed" in validation  # the tables the report does not use, listed


def test_the_csv_fixture_lists_every_table_it_does_not_need(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "csv" / "2018", data / "ssda903" / "2018")
    config = write_config(tmp_path / "config.yaml", data, "2017-18")
    result = run_cli("validate", "--config", str(config), "--out", str(tmp_path / "out"))
    assert result.returncode == 1  # error-laden by design
    rows = csv_rows(tmp_path / "out" / "validation.csv")
    info = sorted(r["file"] for r in rows if r["rule"] == "not-needed")
    assert all(r["severity"] == "info" for r in rows if r["rule"] == "not-needed")
    names = ["DoLo", "ad1", "missing", "oc2", "oc3", "placed_for_adoption"]
    names += ["previous_permanence", "sw_episodes"]
    assert info == [f"ssda903/2018/{n}.csv" for n in names]
    assert (tmp_path / "out" / "reconciliation.csv").is_file()
