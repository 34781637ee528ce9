"""Nothing lost, nothing leaks: stopped and killed builds keep the earlier outputs, inputs are
never modified, --allow-errors marks a DRAFT, and no message shows a child's details."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from report import cli, outdir
from report.publish import pdf
from tests.e2e.conftest import ROOT, office_text, run_cli

CONFIG = str(ROOT / "config.yaml")
MARKER = outdir.MARKER
MARKED = (
    b'{\n "tag": "written by iro-report: the files listed here are its outputs",\n'
    b' "files": [\n  "report.pdf"\n ]\n}\n'
)
IDENTIFYING = ("CHILD", "DOB", "HOME_POST", "PL_POST", "UPN", "MC_DOB")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def hashes(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in tree(folder).items()}


def children_of(pid: int) -> set[int]:
    """Live child processes of `pid` (Linux /proc; empty elsewhere)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def wait_until(condition: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


# ---------------------------------------------------------------- stopped and killed builds


def start_build(out: Path, scratch: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONUNBUFFERED": "1"}
    env.pop("IRO_REPORT_DEBUG", None)
    return subprocess.Popen(
        # --no-cache: the PDF must be rendered (a cached one would leave nothing to stop)
        [
            sys.executable,
            "-m",
            "report",
            "build",
            "--config",
            CONFIG,
            "--out",
            str(out),
            "--quiet",
            "--no-cache",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def signal_while_rendering(out: Path, scratch: Path, signum: int) -> tuple[Any, str, set[int]]:
    """Start a build over `out`, send `signum` while the PDF child renders; (process, stderr,
    the PDF child's pid)."""
    process = start_build(out, scratch)
    staged = out.parent.glob
    wait_until(
        lambda: any(staged(f".{out.name}.partial-*/.iro-pdf-*")) or process.poll() is not None
    )
    assert process.poll() is None, process.communicate()
    wait_until(lambda: bool(children_of(process.pid)), 10)
    renderers = children_of(process.pid)
    time.sleep(0.3)
    assert not list(staged(f".{out.name}.partial-*/report.pdf")), "signal came too late"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    return process, stderr, renderers


@pytest.mark.skipif(sys.platform != "linux", reason="signals and /proc as on Linux")
def test_sigterm_while_rendering_keeps_earlier_outputs(sample_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample_build, out)
    before = tree(out)
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    process, stderr, renderers = signal_while_rendering(out, scratch, signal.SIGTERM)

    assert process.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr and "stopped; earlier outputs are untouched" in stderr
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tmp"]  # no .partial-* left
    assert not list(scratch.iterdir())  # no temporary files
    assert renderers and not any(children_of(process.pid) | {p for p in renderers if alive(p)})


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="signals and /proc as on Linux")
def test_sigkill_keeps_earlier_outputs_and_next_run_clears_up(
    sample_build: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample_build, out)
    (out / "papers.pdf").write_bytes(b"%PDF papers of an earlier run")  # ours, listed
    outdir.write_marker(out, [*tree(sample_build), "papers.pdf"])
    before = tree(out)
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    process, _, renderers = signal_while_rendering(out, scratch, signal.SIGKILL)

    assert process.returncode == -signal.SIGKILL
    assert tree(out) == before
    wait_until(lambda: not any(alive(p) for p in renderers), 10)  # the orphan renderer stops
    stale = list(tmp_path.glob(".out.partial-*"))
    assert len(stale) == 1  # hidden, beside the outputs

    again = run_cli("build", "--config", CONFIG, "--out", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    # no .partial-* or lock left; the cache is in the user's cache folder, not beside the outputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tmp"]
    assert tree(out) == tree(sample_build)  # complete, and the earlier run's papers are gone
    assert not list(scratch.iterdir())


# ---------------------------------------------------------------- a sample with errors


def _edit(path: Path, change: Any) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    changed = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return changed  # type: ignore[no-any-return]


def identifiers(data: Path) -> set[str]:
    """Every child id, date of birth, UPN and postcode in the data folder."""
    found: set[str] = set()
    for path in data.rglob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                found |= {(row.get(c) or "").strip() for c in IDENTIFYING}
    return {value for value in found if len(value) >= 4}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample with a bad review date, a bad date of birth and a review of an unknown child;
    validate, build and build --allow-errors run once over it."""
    root = tmp_path_factory.mktemp("broken")
    data = root / "data"
    shutil.copytree(ROOT / "data" / "sample", data)
    year = data / "ssda903" / "2025"

    def reviews(rows: list[list[str]]) -> list[str]:
        rows[1][2] = "31/06/2024"  # no such date
        rows[3][0] = "999123"  # a child in no header
        return [rows[1][0], rows[1][1], rows[3][0], rows[3][1]]  # CHILD, DOB

    def header(rows: list[list[str]]) -> list[str]:
        rows[2][2] = "2011-99-99"  # not a date (a bad value in an identifying column)
        return [rows[2][0], rows[2][2], rows[2][4]]  # CHILD, DOB, UPN

    touched = _edit(year / "reviews.csv", reviews) + _edit(year / "header.csv", header)
    original = hashes(data)
    runs = {
        "validate": run_cli(
            "validate", "--config", CONFIG, "--data", str(data), "--out", str(root / "v")
        ),
        "refused": run_cli(
            "build", "--config", CONFIG, "--data", str(data), "--out", str(root / "r")
        ),
        "draft": run_cli(
            "build",
            "--config",
            CONFIG,
            "--data",
            str(data),
            "--out",
            str(root / "d"),
            "--allow-errors",
        ),
    }
    return {
        "root": root,
        "data": data,
        "original": original,
        "runs": runs,
        "touched": set(touched),
        "identifiers": identifiers(data),
    }


def test_inputs_are_never_modified(broken: dict[str, Any]) -> None:
    assert broken["runs"]["validate"].returncode == 1
    assert broken["runs"]["draft"].returncode == 0
    assert hashes(broken["data"]) == broken["original"]


def test_errors_refuse_the_build_without_allow_errors(broken: dict[str, Any]) -> None:
    refused = broken["runs"]["refused"]
    assert refused.returncode == 1
    assert "4 error(s); the report was not built" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (broken["root"] / "r").exists()


def test_allow_errors_marks_every_page_draft(broken: dict[str, Any]) -> None:
    draft = broken["runs"]["draft"]
    out = broken["root"] / "d"
    assert draft.returncode == 0, draft.stderr
    assert "DRAFT" in draft.stderr
    pages = [page.extract_text() for page in PdfReader(out / "report.pdf").pages]
    assert [i for i, text in enumerate(pages, start=1) if "DRAFT" not in text] == []
    text = "\n".join(pages)
    appendix = text[text.rindex("Appendix B. Data quality") :]
    words = " ".join(appendix.split())  # the PDF's line breaks fall anywhere
    assert "left out" in words and "nothing is guessed" in words
    assert re.search(r"reviews\.csv\s+date\s+error\s+1", appendix)
    assert re.search(r"reviews\.csv\s+child-not-\s*in-header\s+error\s+1", appendix)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<title>" in html and "(DRAFT)</title>" in html
    assert "<strong>DRAFT</strong>: this version is not for publication." in html


def test_no_child_details_in_messages_or_validation_csv(broken: dict[str, Any]) -> None:
    every = broken["identifiers"]
    touched = broken["touched"]
    assert {"999123", "2011-99-99"} <= touched and len(every) > 100
    texts = {name: run.stdout + run.stderr for name, run in broken["runs"].items()}
    for folder in ("v", "d"):
        texts[f"{folder}/validation.csv"] = (broken["root"] / folder / "validation.csv").read_text()
    texts["d/report.html"] = (broken["root"] / "d" / "report.html").read_text(encoding="utf-8")
    for office in ("report.docx", "tables.xlsx"):
        texts[f"d/{office}"] = office_text(broken["root"] / "d" / office)
    assert "(hidden: identifying)" in texts["validate"]
    for name, text in texts.items():
        tokens = set(re.findall(r"[\w/]+", text))
        leaked = {i for i in every if i in tokens or (" " in i and i in text)}
        assert not leaked, f"{name} shows {sorted(leaked)[:3]}"
        assert not {t for t in touched if t in text}, name


# ---------------------------------------------------------------- failures inside the process


def earlier(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"%PDF earlier")
    outdir.write_marker(out, ["report.pdf"])
    return out


def test_internal_error_shows_no_traceback_and_no_details(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from report import assembly

    def broken_section(*_args: object) -> object:
        raise RuntimeError("child 100829 born 11/03/2019 at XE14 7LG")

    monkeypatch.delenv("IRO_REPORT_DEBUG", raising=False)
    monkeypatch.setattr(assembly, "_compute_years", broken_section)
    out = earlier(tmp_path)
    # --no-cache: cached figures would not be computed at all
    code = cli.main(["build", "--config", CONFIG, "--out", str(out), "--quiet", "--no-cache"])
    captured = capsys.readouterr()
    assert code == 1
    assert "internal error (RuntimeError)" in captured.err
    text = captured.out + captured.err
    assert "Traceback" not in text and "100829" not in text and "XE14" not in text
    assert tree(out) == {"report.pdf": b"%PDF earlier", MARKER: MARKED}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_pdf_time_limit_stops_the_build_and_keeps_earlier_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = re.sub(r"pdf_timeout_seconds: \d+", "pdf_timeout_seconds: 1", text)
    config.write_text(text.replace("data: data/sample", f"data: {ROOT / 'data' / 'sample'}"))
    monkeypatch.setattr(pdf, "render_to_file", lambda **_: time.sleep(60))  # the forked child
    out = earlier(tmp_path)
    args = ["build", "--config", str(config), "--out", str(out), "--quiet", "--no-cache"]
    code = cli.main(args)  # --no-cache: a cached PDF would not be rendered at all
    err = capsys.readouterr().err
    assert code == 1
    assert "PDF rendering took longer than 1 seconds and was stopped" in err
    assert "pdf_timeout_seconds" in err and "Traceback" not in err
    assert tree(out) == {"report.pdf": b"%PDF earlier", MARKER: MARKED}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "out"]
