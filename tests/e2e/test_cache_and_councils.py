"""The build cache never changes the outputs, and several councils build at once."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, run_cli
from tests.e2e.test_build import _identifiers


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_config(path: Path, data: Path, output: Path, slug: str = "exampleshire") -> Path:
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("data: data/sample", f"data: {data}")
    text = re.sub(r"(?m)^(\s*)output:.*$", rf"\g<1>output: {output}", text)
    text = re.sub(r"(?m)^(\s*)slug:.*$", rf"\g<1>slug: {slug}", text)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own build cache folder (the CLI runs inherit the environment)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home" / "iro-report"


def entries(cache: Path) -> list[Path]:
    return [p for kind in ("compute", "charts", "pdf") for p in sorted((cache / kind).iterdir())]


def build(config: Path, out: Path, *extra: str) -> None:
    result = run_cli("build", "--config", str(config), "--out", str(out), "--quiet", *extra)
    assert result.returncode == 0, result.stderr


def test_cache_cold_warm_corrupt_and_off_give_identical_bytes(
    data: Path, tmp_path: Path, cache: Path
) -> None:
    config = write_config(tmp_path / "config.yaml", data, tmp_path / "out")
    outs = tmp_path / "out"
    build(config, outs / "cold")
    assert len(list((cache / "compute").iterdir())) == 1
    # each chart on the page drawn once at page width and once for phones
    charts = (
        (outs / "cold" / "report.html").read_text(encoding="utf-8").count('<figure class="chart"')
    )
    assert charts >= 16
    assert len(list((cache / "charts").iterdir())) == 2 * charts
    assert len(list((cache / "pdf").iterdir())) == 1
    build(config, outs / "warm")
    build(config, outs / "off", "--no-cache")
    for entry in entries(cache):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])  # truncated
    build(config, outs / "corrupt")
    for entry in entries(cache):  # forged: what the old unsigned format would have accepted
        forged = b"<svg>FORGED</svg>" if entry.parent.name != "pdf" else b"%PDF-1.7 FORGED"
        entry.write_bytes(hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    build(config, outs / "forged")
    expected = tree(outs / "off")
    for name in ("cold", "warm", "corrupt", "forged"):
        assert tree(outs / name) == expected, f"{name} differs from a build without a cache"
    assert not list(cache.rglob(".*partial*"))


def test_cache_holds_no_child_identifiers(data: Path, tmp_path: Path, cache: Path) -> None:
    config = write_config(tmp_path / "config.yaml", data, tmp_path / "out")
    build(config, tmp_path / "out" / "report")
    assert not (tmp_path / "out" / ".cache").exists()  # never beside the outputs
    assert sorted(p.name for p in cache.iterdir()) == ["charts", "compute", "key", "pdf", "png"]
    identifiers = _identifiers()
    for entry in entries(cache):
        if entry.parent.name in ("pdf", "png"):
            continue  # the published report (checked by test_build) and its charts as pictures
        payload = entry.read_bytes().partition(b"\n")[2]  # after the signature line
        if entry.parent.name == "charts":  # whole tokens, leaving out decimal coordinates
            text = re.sub(r"\d+\.\d+", " ", payload.decode("utf-8"))
            tokens = set(re.findall(r"[A-Z0-9/ ]{4,}", text)) | set(re.findall(r"\w+", text))
            leaked = [i for i in identifiers if i in tokens]
        else:  # JSON: any occurrence
            leaked = [i for i in identifiers if i.encode() in payload]
        assert not leaked, f"{entry.parent.name} entry holds identifiers: {leaked[:3]}"


def test_narrative_edit_reuses_figures_and_data_edit_does_not(
    data: Path, tmp_path: Path, cache: Path
) -> None:
    config = write_config(tmp_path / "config.yaml", data, tmp_path / "out")
    out = tmp_path / "out" / "report"
    compute = cache / "compute"
    build(config, out)
    first = sorted(p.name for p in compute.iterdir())

    # Nothing changed: nothing is written (every output keeps its inode and modification time).
    before = stats(out)
    again = run_cli("build", "--config", str(config), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert "Nothing changed since the last build" in again.stderr
    assert stats(out) == before

    with (data / "narrative" / "reviews.md").open("a", encoding="utf-8") as handle:
        handle.write("\nA sentence added for the meeting.\n")
    build(config, out)
    assert sorted(p.name for p in compute.iterdir()) == first  # same figures, reused
    assert "A sentence added for the meeting." in (out / "report.html").read_text("utf-8")

    staff = data / "local" / "iro_staff.csv"  # one byte changed (N to Y): built again
    before = stats(out)
    staff.write_text(staff.read_text("utf-8").replace(",N\n", ",Y\n", 1), encoding="utf-8")
    build(config, out)
    assert len(list(compute.iterdir())) == 2  # a changed input: computed afresh
    assert stats(out)["manifest.json"] != before["manifest.json"]


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, modification time) of the folder and of every file in it."""
    found = {p.relative_to(folder).as_posix(): p.stat() for p in folder.rglob("*")}
    found["."] = folder.stat()
    return {name: (s.st_ino, s.st_mtime_ns) for name, s in found.items()}


def test_several_councils_build_and_one_failure_stops_no_other(data: Path, tmp_path: Path) -> None:
    good = write_config(tmp_path / "good.yaml", data, tmp_path / "out", "goodshire")
    missing = write_config(tmp_path / "missing.yaml", tmp_path / "nowhere", tmp_path / "out", "m")
    broken_data = tmp_path / "broken"
    shutil.copytree(data, broken_data)
    reviews = broken_data / "ssda903" / "2025" / "reviews.csv"
    lines = reviews.read_text("utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "2024-06-31"
    lines[1] = ",".join(cells)
    reviews.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = write_config(tmp_path / "broken.yaml", broken_data, tmp_path / "out", "brokenshire")

    result = run_cli(
        "build", "--config", str(good), "--config", str(missing), "--config", str(broken)
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"(?m)^Built .*good\.yaml", result.stdout)
    assert re.search(r"(?m)^FAILED .*missing\.yaml.*Data folder not found", result.stderr)
    assert re.search(r"(?m)^FAILED .*broken\.yaml.*error", result.stderr)
    assert "1 of 3 council(s) built; 2 failed." in result.stdout
    assert (tmp_path / "out" / "goodshire-2024-25" / "report.pdf").is_file()
    assert not (tmp_path / "out" / "brokenshire-2024-25").exists()
    assert cells[0] not in result.stderr  # the child id is never echoed


def test_several_councils_refuse_one_out_folder(tmp_path: Path) -> None:
    config = str(ROOT / "config.yaml")
    result = run_cli("build", "--config", config, "--config", config, "--out", str(tmp_path))
    assert result.returncode == 2 and "--out" in result.stderr
