"""The CLI on the bundled sample: every output, stable bytes, no identifiers, clean failures."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from tests.design_contract import DESIGN_BREAKDOWNS, DESIGN_FIGURES
from tests.e2e.conftest import ROOT, office_text, run_cli


def test_build_writes_every_output(sample_build: Path) -> None:
    for name in ("report.pdf", "report.html", "figures.json", "manifest.json", "validation.csv"):
        assert (sample_build / name).stat().st_size > 0, name
    tables = {p.stem for p in (sample_build / "tables").glob("*.csv")}
    assert set(DESIGN_BREAKDOWNS) - tables == set()


def test_figures_json_has_the_contract(sample_build: Path) -> None:
    data = json.loads((sample_build / "figures.json").read_text())
    assert data["not_for_publication"] is True
    by_id = {f["id"]: f for f in data["figures"]}
    # every figure and table of the design (the sample has every optional extract)
    assert [fid for fid in DESIGN_FIGURES if fid not in by_id] == []
    for fid in DESIGN_FIGURES:
        figure = by_id[fid]
        assert {"label", "value", "unit", "definition", "method"} <= set(figure), fid
        assert figure["definition"] and figure["label"], fid
        if figure["unit"] == "percent":
            assert figure["numerator"] is not None and figure["denominator"], fid
    cells = {f["table"] for f in data["figures"] if "table" in f}
    assert [tid for tid in DESIGN_BREAKDOWNS if tid not in cells] == []
    assert 300 <= by_id["cla.at_period_end"]["value"] <= 500
    on_time = by_id["reviews.on_time"]
    assert on_time["value"] == 100 * on_time["numerator"] / on_time["denominator"]
    assert by_id["cla.at_period_end"]["previous"] is not None
    assert any(k.startswith("cla.by_age_band/") for k in by_id)


def test_pdf_is_a_tagged_a4_report(sample_build: Path) -> None:
    reader = PdfReader(sample_build / "report.pdf")
    assert len(reader.pages) >= 8
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert round(width) == 595 and round(height) == 842  # A4 in points
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("en")
    assert reader.metadata is not None and "annual report" in str(reader.metadata.title).lower()
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Reviews" in text and "Page 2 of" in text


def test_same_inputs_give_identical_bytes(sample_build: Path, tmp_path: Path) -> None:
    # a cold build (no cache), seconds after the first: nothing of the clock may reach a file
    again = tmp_path / "again"
    result = run_cli(
        "build", "--config", str(ROOT / "config.yaml"), "--out", str(again), "--no-cache", "--quiet"
    )
    assert result.returncode == 0, result.stderr
    for path in sorted(p for p in sample_build.rglob("*") if p.is_file()):
        rel = path.relative_to(sample_build)
        assert (again / rel).read_bytes() == path.read_bytes(), f"{rel} differs between builds"


def _identifiers() -> set[str]:
    """Child ids, dates of birth and postcodes in the sample's inputs."""
    found: set[str] = set()
    for path in (ROOT / "data" / "sample").rglob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in ("CHILD", "DOB", "HOME_POST", "PL_POST", "UPN", "MC_DOB"):
                    value = (row.get(column) or "").strip()
                    if len(value) >= 4:
                        found.add(value)
    return found


def test_no_child_identifier_is_published(sample_build: Path) -> None:
    identifiers = _identifiers()
    assert len(identifiers) > 100
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(sample_build / "report.pdf").pages)
    published = {
        "report.pdf": pdf_text,
        "report.html": (sample_build / "report.html").read_text(encoding="utf-8"),
        "validation.csv": (sample_build / "validation.csv").read_text(encoding="utf-8"),
        "manifest.json": (sample_build / "manifest.json").read_text(encoding="utf-8"),
    }
    for table in (sample_build / "tables").glob("*.csv"):
        published[table.name] = table.read_text(encoding="utf-8")
    for office in ("report.docx", "tables.xlsx"):
        published[office] = office_text(sample_build / office)
    for name, text in published.items():
        tokens = set(re.findall(r"[A-Z0-9/ ]{4,}", text)) | set(re.findall(r"\w+", text))
        leaked = {i for i in identifiers if i in tokens or (("/" in i or " " in i) and i in text)}
        assert not leaked, f"{name} shows identifiers: {sorted(leaked)[:3]}"


def test_sections_lists_the_registry() -> None:
    result = run_cli("sections")
    assert result.returncode == 0
    assert "reviews" in result.stdout and "participation" in result.stdout


def test_validate_sample_exits_zero(tmp_path: Path) -> None:
    result = run_cli("validate", "--config", str(ROOT / "config.yaml"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "validation.csv").is_file()


def test_config_typo_is_refused_by_key(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    text = (ROOT / "config.yaml").read_text().replace("  nation:", "  natoin:")
    config.write_text(text.replace("data: data/sample", f"data: {ROOT / 'data' / 'sample'}"))
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 2
    assert "council.natoin" in result.stderr and "Traceback" not in result.stderr


def test_bad_data_fails_cleanly_and_keeps_earlier_outputs(
    sample_build: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", data)
    reviews = data / "ssda903" / "2025" / "reviews.csv"
    lines = reviews.read_text().splitlines()
    first = lines[1].split(",")
    first[2] = "2024-06-31"
    lines[1] = ",".join(first)
    reviews.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    shutil.copytree(sample_build, out)
    before = (out / "report.pdf").read_bytes()
    result = run_cli(
        "build",
        "--config",
        str(ROOT / "config.yaml"),
        "--data",
        str(data),
        "--out",
        str(out),
        "--quiet",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "reviews.csv" in result.stderr and "date" in result.stderr
    assert (out / "report.pdf").read_bytes() == before
    assert first[0] not in result.stderr  # the child id is never echoed


def test_every_declared_figure_is_in_the_sample(sample_build: Path) -> None:
    from report.sections import registry_figures

    data = json.loads((sample_build / "figures.json").read_text())
    published = {f["id"] for f in data["figures"]}
    missing = [d.id for d in registry_figures() if not d.conditional and d.id not in published]
    assert missing == []


def test_every_published_figure_is_declared(sample_build: Path) -> None:
    # the converse: no figure reaches figures.json without a declaration (table cells, which
    # carry their table's id, are the tables' own); a family (`feedback.positive/{code}`)
    # covers its members, and the sample has members of every family
    from report.sections import registry_figures

    data = json.loads((sample_build / "figures.json").read_text())
    published = {f["id"] for f in data["figures"] if "table" not in f}
    declared = registry_figures()
    exact = {d.id for d in declared if not d.family}
    families = {
        d.id: re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(d.id)))
        for d in declared
        if d.family
    }
    undeclared = sorted(
        fid
        for fid in published - exact
        if not any(pattern.fullmatch(fid) for pattern in families.values())
    )
    assert undeclared == []
    assert families and all(
        any(pattern.fullmatch(fid) for fid in published) for pattern in families.values()
    )
