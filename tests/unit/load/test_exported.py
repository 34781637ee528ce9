"""Local extracts as systems export them: mapped headers, midnight datetimes, wide surveys,
several sheets in one workbook, and CHILD ids that match none of the 903's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from report.errors import ReportError
from tests.builders import Built, build, child, episode, review, write_csv

HEADER = [child("A1", "01/01/2012", sex="M"), child("B2", "01/01/2013", sex="F")]
EPISODES = [episode("A1", "01/05/2024"), episode("B2", "01/06/2024")]
REVIEWS = [review("A1", "20/05/2024"), review("B2", "20/06/2024")]


def _built(tmp: Path, extra: str = "") -> Built:
    return build(tmp, {2025: (HEADER, EPISODES, REVIEWS)}, extra=extra)


def _local(tmp: Path, name: str, columns: list[str], rows: list[list[str]]) -> None:
    write_csv(
        tmp / "data" / "local" / name, columns, [dict(zip(columns, r, strict=True)) for r in rows]
    )


def _alloc(tmp: Path, rows: list[list[str]]) -> None:
    _local(tmp, "iro_allocations.csv", ["CHILD", "IRO_ID", "START", "END"], rows)


def _issues(built: Built, rule: str) -> pd.DataFrame:
    issues = built.issues
    return issues.loc[issues["rule"] == rule].reset_index(drop=True)


MAPPING = """local:
  iro_allocations:
    columns:
      Child ID: CHILD
      Worker: IRO_ID
      Start Date: START
      End Date: END
"""


def test_headers_are_mapped_to_ours_and_sql_server_datetimes_read_as_dates(tmp_path: Path) -> None:
    _local(
        tmp_path,
        "iro_allocations.csv",
        ["Child ID", "Worker", "Start Date", "End Date"],
        [
            ["A1", "IRO1", "2024-05-01 00:00:00.000", ""],
            ["B2", "IRO1", "01/06/2024 00:00", "2024-09-30T00:00:00"],
        ],
    )
    built = _built(tmp_path, MAPPING)
    alloc = built.checked.data.local["iro_allocations"]
    assert list(alloc["CHILD"]) == ["A1", "B2"]
    assert list(alloc["START"]) == [pd.Timestamp(2024, 5, 1), pd.Timestamp(2024, 6, 1)]
    assert alloc["END"].iloc[0] is pd.NaT and alloc["END"].iloc[1] == pd.Timestamp(2024, 9, 30)
    assert not len(_issues(built, "date")) and not len(_issues(built, "date-time"))


def test_a_time_of_day_is_a_warning_and_the_date_is_used(tmp_path: Path) -> None:
    _alloc(
        tmp_path,
        [["A1", "IRO1", "2024-05-01 14:30:00", ""], ["B2", "IRO1", "01/06/2024 9:05", ""]],
    )
    built = _built(tmp_path)
    found = _issues(built, "date-time")
    assert list(found["row"]) == [2, 3] and set(found["severity"]) == {"warning"}
    assert list(built.checked.data.local["iro_allocations"]["START"]) == [
        pd.Timestamp(2024, 5, 1),
        pd.Timestamp(2024, 6, 1),
    ]


def test_a_903_date_with_a_time_is_still_an_error(tmp_path: Path) -> None:
    eps = [episode("A1", "01/05/2024 00:00"), EPISODES[1]]
    built = build(tmp_path, {2025: (HEADER, eps, REVIEWS)})
    assert list(_issues(built, "date")["column"]) == ["DECOM"]


def test_a_mapping_to_a_column_we_do_not_have_is_refused(tmp_path: Path) -> None:
    _local(tmp_path, "iro_allocations.csv", ["Child ID", "IRO_ID", "START", "END"], [])
    extra = "local:\n  iro_allocations:\n    columns:\n      Child ID: PUPIL\n"
    with pytest.raises(ReportError, match="CHILD ID -> PUPIL"):
        _built(tmp_path, extra)


WIDE = """local:
  feedback:
    columns:
      Response ID: RESPONSE_ID
      Submitted: DATE
      I am a: RESPONDENT
    questions:
      Did you feel listened to?: Q2
      Was the review helpful?: Q4
feedback:
  questions:
    - {code: Q2, text: "Did you feel listened to?", positive: ["Yes"]}
    - {code: Q4, text: "Was the review helpful?", positive: ["Yes"]}
"""


def test_a_wide_survey_export_becomes_one_row_per_answer(tmp_path: Path) -> None:
    _local(
        tmp_path,
        "feedback.csv",
        [
            "Response ID",
            "Submitted",
            "I am a",
            "Did you feel listened to?",
            "Was the review helpful?",
        ],
        [
            ["R1", "2024-06-01 00:00:00", "CHILD", "Yes", "No"],
            ["R2", "02/07/2024", "PARENT", "No", ""],  # question 2 not answered
        ],
    )
    built = _built(tmp_path, WIDE)
    fb = built.checked.data.local["feedback"]
    got = list(zip(fb["RESPONSE_ID"], fb["QUESTION"], fb["ANSWER"], fb["_ROW"], strict=True))
    assert got == [("R1", "Q2", "Yes", 2), ("R1", "Q4", "No", 2), ("R2", "Q2", "No", 3)]
    # 2 responses: 1 child, 1 parent; Q2 answered "Yes" by 1 of 2 respondents
    assert built.figure("voice", "feedback.respondents").value == 2


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for title, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=title, header=False, index=False)


STAFF = [["IRO_ID", "FTE", "START", "END", "AGENCY"], ["IRO1", 0.8, datetime(2020, 4, 1), "", "N"]]
ALLOC = [
    ["CHILD", "IRO_ID", "START", "END"],
    ["A1", "IRO1", datetime(2024, 5, 1), ""],
    ["B2", "IRO1", datetime(2024, 6, 1, 10, 15), ""],
]


def test_sheets_of_one_workbook_are_recognised_by_their_columns(tmp_path: Path) -> None:
    _workbook(tmp_path / "data" / "local" / "iro.xlsx", {"Staff": STAFF, "Allocations": ALLOC})
    built = _built(tmp_path)
    local = built.checked.data.local
    assert list(local["iro_staff"]["FTE"]) == [0.8]
    assert list(local["iro_allocations"]["CHILD"]) == ["A1", "B2"]
    timed = _issues(built, "date-time")  # the 10:15 start, a warning pointing at the sheet
    assert list(zip(timed["file"], timed["row"], strict=True)) == [
        ("local/iro.xlsx (sheet Allocations)", 3)
    ]


def test_the_config_names_the_sheet(tmp_path: Path) -> None:
    two = {"Old": ALLOC[:2], "Current": ALLOC}
    _workbook(tmp_path / "data" / "local" / "iro.xlsx", two)
    with pytest.raises(ReportError, match="name the sheet"):
        _built(tmp_path)
    extra = "local:\n  iro_allocations:\n    file: iro.xlsx\n    sheet: Current\n"
    built = _built(tmp_path, extra)
    assert list(built.checked.data.local["iro_allocations"]["CHILD"]) == ["A1", "B2"]


def test_local_child_ids_matching_none_of_the_903_are_named(tmp_path: Path) -> None:
    _alloc(
        tmp_path,
        [["X9000001", "IRO1", "01/05/2024", ""], ["X9000002", "IRO1", "01/06/2024", ""]],
    )
    built = _built(tmp_path)
    found = _issues(built, "child-ids-unmatched")
    assert list(found["severity"]) == ["error"]
    message = found["message"].iloc[0]
    assert message.startswith(
        "none of the 2 CHILD ids in local/iro_allocations.csv are in the 903 return: "
        "is one of them pseudonymised?"
    )
    assert "ids of 8 characters here; ids of 2 characters in the 903 return" in message
    assert "X9000001" not in message


def test_some_ids_matching_is_not_that_error(tmp_path: Path) -> None:
    _alloc(
        tmp_path,
        [["A1", "IRO1", "01/05/2024", ""], ["Z9", "IRO1", "01/06/2024", ""]],
    )
    assert not len(_issues(_built(tmp_path), "child-ids-unmatched"))
