"""Files that are not regular files are refused; workbooks are read within size and time bounds."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from report.errors import ReportError
from report.load import tables
from report.load.issues import Issues
from report.load.tables import TableError, read_table
from tests.builders import IRO_STAFF, build, child, episode, review, write_local
from tests.e2e.conftest import run_cli

YEAR = {
    2025: (
        [child("ZQ9876", "15/06/2010", "M")],
        [episode("ZQ9876", "01/04/2024")],
        [review("ZQ9876", "15/04/2024")],
    )
}


def load_fails(tmp_path: Path, plant: object) -> str:
    build(tmp_path, YEAR)  # a valid folder first
    assert callable(plant)
    plant(tmp_path / "data")
    with pytest.raises(ReportError) as caught:
        build(tmp_path, YEAR)
    return caught.value.message


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    message = load_fails(tmp_path, lambda d: os.mkfifo(d / "ssda903" / "2025" / "notes.csv"))
    assert "ssda903/2025/notes.csv: a named pipe, not a regular file" in message


def test_a_pipe_as_a_local_extract_or_narrative_is_refused(tmp_path: Path) -> None:
    def plant(data: Path) -> None:
        (data / "local").mkdir()
        os.mkfifo(data / "local" / "iro_staff.csv")

    assert "local/iro_staff.csv: a named pipe" in load_fails(tmp_path, plant)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused(tmp_path: Path) -> None:
    def plant(data: Path) -> None:
        os.mknod(data / "ssda903" / "2025" / "dev.csv", 0o600 | 0o020000, os.makedev(1, 3))

    assert "ssda903/2025/dev.csv: a device, not a regular file" in load_fails(tmp_path, plant)


def test_a_link_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.csv"
    secret.parent.mkdir()
    secret.write_text("IRO_ID,FTE,START,END,AGENCY\n")

    def plant(data: Path) -> None:
        (data / "local").mkdir()
        (data / "local" / "iro_staff.csv").symlink_to(secret)

    message = load_fails(tmp_path, plant)
    assert f"local/iro_staff.csv: a link to {secret}, outside the data folder" in message


def test_a_link_inside_the_data_folder_is_read(tmp_path: Path) -> None:
    built = build(tmp_path, YEAR)
    data = tmp_path / "data"
    write_local(data, "real_staff", IRO_STAFF, [{"IRO_ID": "A", "FTE": "1", "START": "01/04/2020"}])
    (data / "local" / "iro_staff.csv").symlink_to(data / "local" / "real_staff.csv")
    built = build(tmp_path, YEAR)
    assert len(built.checked.data.local["iro_staff"]) == 1


def test_build_refuses_a_pipe_anywhere_in_the_data_folder(tmp_path: Path) -> None:
    built = build(tmp_path, YEAR)
    os.mkfifo(tmp_path / "data" / "stray")
    result = run_cli("build", "--config", str(built.config.source), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "stray: a named pipe, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def workbook() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame({"IRO_ID": ["A"], "FTE": ["1"]}).to_excel(buffer, index=False)
    return buffer.getvalue()


def read(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    read_table(path, "book.xlsx", Issues())


def test_a_workbook_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(tmp_path, workbook())  # within the limits
    monkeypatch.setattr(tables, "MAX_XLSX_BYTES", 1000)
    with pytest.raises(TableError, match=r"book.xlsx: the workbook is [\d,]+ bytes, more than"):
        read(tmp_path, workbook())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b" " * 1_000_000
            for _ in range(260):  # 260 MB of spaces: about 250 kB packed
                member.write(block)
    assert len(buffer.getvalue()) < tables.MAX_XLSX_BYTES
    with pytest.raises(TableError, match="unpacks to 260,0"):
        read(tmp_path, buffer.getvalue())


def test_a_workbook_that_takes_too_long_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    never = threading.Event()

    def slow(_data: bytes, _name: str) -> pd.DataFrame:
        never.wait()
        return pd.DataFrame()

    monkeypatch.setattr(tables, "_parse_xlsx", slow)
    monkeypatch.setattr(tables, "MAX_XLSX_SECONDS", 0.01)
    try:
        with pytest.raises(TableError, match="reading the workbook took over"):
            read(tmp_path, workbook())
    finally:
        never.set()
