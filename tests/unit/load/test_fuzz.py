"""Whatever is in the data folder, `validate` answers with an exit code, never an exception."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from report.cli import main
from tests.builders import (
    ESCALATIONS,
    IRO_ALLOCATIONS,
    IRO_STAFF,
    child,
    episode,
    escalation,
    review,
    write_config,
    write_local,
    write_year,
)

FILES = (
    "ssda903/2025/header.csv",
    "ssda903/2025/episodes.csv",
    "ssda903/2025/reviews.csv",
    "ssda903/2024/episodes.csv",
    "local/iro_staff.csv",
    "local/iro_allocations.csv",
    "local/escalations.csv",
)


def valid_folder(data: Path) -> None:
    """Two collection years and three local extracts, all valid."""
    header = [child("ZQ9876", "15/06/2010", "M"), child("TT1111", "01/01/2023", "F")]
    episodes = [
        episode("ZQ9876", "01/04/2023", "01/09/2024", "E13"),
        episode("TT1111", "01/06/2024"),
    ]
    write_year(
        data,
        2025,
        header,
        episodes,
        [review("ZQ9876", "15/04/2024"), review("TT1111", "20/06/2024", "PN0")],
    )
    old_header = [{**h, "SEX": "1"} for h in header[:1]]
    write_year(data, 2024, old_header, [{**episodes[0], "DEC": "", "REC": ""}], [])
    staff = [{"IRO_ID": "A", "FTE": "0.8", "START": "01/04/2020", "END": "", "AGENCY": "N"}]
    write_local(data, "iro_staff", IRO_STAFF, staff)
    allocations = [{"CHILD": "ZQ9876", "IRO_ID": "A", "START": "01/04/2023", "END": ""}]
    write_local(data, "iro_allocations", IRO_ALLOCATIONS, allocations)
    escalations = [escalation("E1", "10/05/2024", resolved="20/05/2024", outcome="RESOLVED")]
    write_local(data, "escalations", ESCALATIONS, escalations)


JUNK = st.sampled_from(
    ["", ",,,,", "<html>", "\x00\x01", "END OF REPORT", '"unclosed', ";;\t|", "31/02/2024"]
)
CELLS = st.sampled_from(["", " ", "pn1", "45292", "2024-01-05", "1.5", "x" * 70, "V3", '"', "é"])


KINDS = ("bytes", "cells", "truncate", "junk", "delimiter", "encode", "remove")


def apply(data: Path, name: str, kind: str, drawer: st.DataObject) -> None:
    """Mutate one file of a valid folder: random bytes, cells, truncation, junk, delimiter..."""
    path = data / name
    if kind == "remove":
        path.unlink(missing_ok=True)
        return
    if kind == "bytes" or not path.is_file():
        path.write_bytes(drawer.draw(st.binary(max_size=300)))
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = [line.split(",") for line in text.splitlines()] or [[""]]
    if kind == "cells":
        for _ in range(drawer.draw(st.integers(1, 4))):
            row = drawer.draw(st.integers(0, len(lines) - 1))
            col = drawer.draw(st.integers(0, len(lines[row]) - 1))
            if drawer.draw(st.booleans()):
                lines[row][col] = drawer.draw(CELLS)
            else:
                other = drawer.draw(st.integers(0, len(lines[row]) - 1))
                lines[row][col], lines[row][other] = lines[row][other], lines[row][col]
        path.write_text("\n".join(",".join(r) for r in lines) + "\n", encoding="utf-8")
    elif kind == "truncate":
        raw = path.read_bytes()
        path.write_bytes(raw[: drawer.draw(st.integers(0, len(raw)))])
    elif kind == "junk":
        rows = [",".join(r) for r in lines]
        for _ in range(drawer.draw(st.integers(1, 3))):
            rows.insert(drawer.draw(st.integers(0, len(rows))), drawer.draw(JUNK))
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    elif kind == "delimiter":
        sep = drawer.draw(st.sampled_from([";", "\t", "|", " "]))
        path.write_text(text.replace(",", sep), encoding="utf-8")
    elif kind == "encode":
        codec = drawer.draw(st.sampled_from(["utf-16", "utf-8-sig", "cp1252", "utf-16-le"]))
        path.write_bytes(text.encode(codec, errors="replace"))


@contextmanager
def debug_mode() -> Iterator[None]:
    """Let an internal error propagate (the CLI would otherwise turn it into exit 1)."""
    before = os.environ.get("IRO_REPORT_DEBUG")
    os.environ["IRO_REPORT_DEBUG"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["IRO_REPORT_DEBUG"]
        else:
            os.environ["IRO_REPORT_DEBUG"] = before


@settings(max_examples=300, deadline=None)
@given(
    changes=st.lists(st.tuples(st.sampled_from(FILES), st.sampled_from(KINDS)), max_size=3),
    drawer=st.data(),
)
def test_validate_never_raises(changes: list[tuple[str, str]], drawer: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp, debug_mode():
        root = Path(tmp)
        data = root / "data"
        valid_folder(data)
        for name, kind in changes:
            apply(data, name, kind, drawer)
        config = write_config(root / "config.yaml", data)
        code = main(["validate", "--config", str(config), "--out", str(root / "out")])
        assert code in (0, 1, 2)
