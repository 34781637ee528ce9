"""A sample-report build shared by the end-to-end tests (it takes seconds, so build once)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

# The sample council's own words (config.yaml) in Welsh, as a Welsh council gives them in
# welsh_text, and its names: the Welsh build then has no English but the manager's narrative.
WELSH_TEXT = {
    "Care planning drift": "Llithriant cynllunio gofal",
    "Placement stability": "Sefydlogrwydd lleoliadau",
    "Permanence planning": "Cynllunio sefydlogrwydd parhaol",
    "Health assessments": "Asesiadau iechyd",
    "Education (PEP)": "Addysg (PEP)",
    "Contact with family": "Cyswllt â’r teulu",
    "Pathway planning": "Cynllunio llwybr",
    "Statutory visits": "Ymweliadau statudol",
    "Social work team": "Tîm gwaith cymdeithasol",
    "Fostering service": "Gwasanaeth maethu",
    "Placements and commissioning": "Lleoliadau a chomisiynu",
    "Legal services": "Gwasanaethau cyfreithiol",
    "Health (looked-after children's health)": "Iechyd (iechyd plant sy’n derbyn gofal)",
    "Education (virtual school)": "Addysg (ysgol rithwir)",
    "Leaving care": "Gadael gofal",
    "Review feedback form": "Ffurflen adborth adolygu",
    "Mind of My Own app": "Ap Mind of My Own",
    "Survey": "Arolwg",
    "Social worker not available": "Gweithiwr cymdeithasol ddim ar gael",
    "Child, family or carer not available": "Plentyn, teulu neu ofalwr ddim ar gael",
    "IRO not available": "IRO ddim ar gael",
    "Booking or administrative error": "Gwall archebu neu weinyddol",
    "Moved to fit a court timetable": "Symudwyd i gyd-fynd ag amserlen llys",
    "Did your IRO speak with you before the review?": (
        "A siaradodd eich IRO â chi cyn yr adolygiad?"
    ),
    "Did you feel listened to at the review?": (
        "Oeddech chi’n teimlo bod rhywun yn gwrando arnoch chi yn yr adolygiad?"
    ),
    "Did you understand what was decided at the review?": (
        "Oeddech chi’n deall beth a benderfynwyd yn yr adolygiad?"
    ),
    "Was the review helpful?": "Oedd yr adolygiad yn ddefnyddiol?",
    "Yes": "Ie",
    "IRO Service Manager": "Rheolwr Gwasanaeth IRO",
    "Director of Children's Services": "Cyfarwyddwr Gwasanaethau Plant",
    "The report and these papers are published in Welsh and English.": (
        "Mae’r adroddiad a’r papurau hyn wedi’u cyhoeddi yn Gymraeg ac yn Saesneg."
    ),
}
WELSH_NAMES = {
    "name_cy": "Cyngor Sir Enghraifft",
    "service_name_cy": "Gwasanaeth Adolygu Annibynnol",
    "panel_name_cy": "Panel Rhianta Corfforaethol",
}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "report", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def office_text(path: Path) -> str:
    """The words of a Word or Excel file: every XML part of the package, tags removed."""
    with zipfile.ZipFile(path) as package:
        parts = [package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")]
    assert parts, path
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", " ", part)) for part in parts)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "exampleshire"
    result = run_cli("build", "--config", str(ROOT / "config.yaml"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def sample_papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """papers.pdf of the sample (England), in a folder of its own."""
    out = tmp_path_factory.mktemp("papers") / "exampleshire"
    result = run_cli("papers", "--config", str(ROOT / "config.yaml"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out / "papers.pdf"


@pytest.fixture(scope="session")
def wales_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built as a Welsh council (config override nation: wales): report and papers."""
    folder = tmp_path_factory.mktemp("wales")
    settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings["council"]["nation"] = "wales"
    # four PDFs (English and Welsh, report and papers) on a shared machine: time enough
    settings["publishing"]["pdf_timeout_seconds"] = 900
    settings["meeting"]["implications"] = {
        "welsh_language": "The report and these papers are published in Welsh and English."
    }
    settings["report"]["data"] = str(ROOT / "data" / "sample")
    settings["council"].update(WELSH_NAMES)
    settings["welsh_text"] = WELSH_TEXT
    config = folder / "config.yaml"
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    out = folder / "out"
    for command in ("build", "papers"):  # papers last: a build replaces the folder
        result = run_cli(command, "--config", str(config), "--out", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
    return out
