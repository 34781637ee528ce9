# ruff: noqa: E501  (the catalogue tables read best one case per line)
"""A catalogue of bad inputs: each gets a clear answer naming file, row, column, value, expected.

Row numbers are as the user sees them in Excel (header = row 1); identifying values are masked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from report.config import load_config
from report.errors import EXIT_DATA, EXIT_USAGE, ReportError
from report.load.issues import MASK
from report.pipeline import check_data
from tests.builders import (
    ESCALATIONS,
    HEADER,
    IRO_ALLOCATIONS,
    IRO_STAFF,
    REVIEWS,
    child,
    episode,
    escalation,
    review,
    write_config,
    write_csv,
    write_local,
    write_year,
)

Y2025 = "ssda903/2025"
HEADER_CSV = f"{Y2025}/header.csv"
EPISODES_CSV = f"{Y2025}/episodes.csv"
REVIEWS_CSV = f"{Y2025}/reviews.csv"


def good_folder(tmp_path: Path) -> Path:
    """One child in care all year with one review: loads with no issues at all."""
    data = tmp_path / "data"
    write_year(
        data,
        2025,
        [child("ZQ9876", "15/06/2010", "M")],
        [episode("ZQ9876", "01/04/2024")],
        [review("ZQ9876", "15/04/2024")],
    )
    return data


def load(tmp_path: Path, data: Path, year: str = "2024-25") -> pd.DataFrame:
    config = load_config(write_config(tmp_path / "config.yaml", data, year))
    return check_data(config).data.issues.frame()


def load_fails(tmp_path: Path, data: Path, year: str = "2024-25") -> ReportError:
    with pytest.raises(ReportError) as caught:
        load(tmp_path, data, year)
    assert "Traceback" not in caught.value.message
    return caught.value


def rewrite(data: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (data / name).write_bytes(text.encode(encoding))


def reviews_text(*rows: str) -> str:
    return "\n".join([",".join(REVIEWS), *rows]) + "\n"


def test_the_good_folder_has_no_issues(tmp_path: Path) -> None:
    assert load(tmp_path, good_folder(tmp_path)).empty


# --- structural faults: one ReportError listing every problem --------------------------------

Mutation = Callable[[Path], object]


def _drop_reviews(data: Path) -> None:
    (data / REVIEWS_CSV).unlink()


def _empty_header(data: Path) -> None:
    rewrite(data, HEADER_CSV, "")


def _blank_lines_only(data: Path) -> None:
    rewrite(data, HEADER_CSV, "\n\n  \n")


def _reviews_without_code(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "CHILD,DOB,REVIEW\nZQ9876,15/06/2010,15/04/2024\n")


def _duplicated_column(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "CHILD,REVIEW,REVIEW,REVIEW_CODE\nZQ9876,15/04/2024,,PN1\n")


def _binary(data: Path) -> None:
    (data / EPISODES_CSV).write_bytes(bytes(range(256)) * 4)


def _html(data: Path) -> None:
    rewrite(data, EPISODES_CSV, "<!DOCTYPE html>\n<html><body>Sign in</body></html>\n")


def _xls(data: Path) -> None:
    (data / EPISODES_CSV).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def _cut_utf16(data: Path) -> None:
    (data / EPISODES_CSV).write_bytes(b"\xff\xfeC\x00H")


def _damaged_xlsx(data: Path) -> None:
    (data / EPISODES_CSV).write_bytes(b"PK\x03\x04" + b"junk" * 20)


def _staff_without_fte(data: Path) -> None:
    write_csv(data / "local" / "iro_staff.csv", ["IRO_ID", "START"], [{"IRO_ID": "A"}])


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        pytest.param(_drop_reviews, [f"{Y2025}/", "no 903 reviews file", "REVIEW_CODE"], id="missing-file"),
        pytest.param(_empty_header, [HEADER_CSV, "empty", "expected a header row"], id="empty-file"),
        pytest.param(_blank_lines_only, [HEADER_CSV, "empty"], id="blank-lines-only"),
        pytest.param(_reviews_without_code, [REVIEWS_CSV, "REVIEW_CODE", "missing"], id="column-missing"),
        pytest.param(_duplicated_column, [REVIEWS_CSV, "REVIEW", "more than once"], id="duplicated-column"),
        pytest.param(_binary, [EPISODES_CSV, "binary"], id="binary"),
        pytest.param(_html, [EPISODES_CSV, "HTML"], id="html"),
        pytest.param(_xls, [EPISODES_CSV, ".xls", "save it as CSV"], id="old-xls"),
        pytest.param(_cut_utf16, [EPISODES_CSV, "UTF-16", "cut short"], id="damaged-utf16"),
        pytest.param(_damaged_xlsx, [EPISODES_CSV, "Excel workbook"], id="damaged-xlsx"),
        pytest.param(_staff_without_fte, ["local/iro_staff.csv", "FTE", "missing"], id="local-column-missing"),
    ],
)  # fmt: skip
def test_a_structural_fault_is_one_clear_error(
    tmp_path: Path, mutate: Mutation, words: list[str]
) -> None:
    data = good_folder(tmp_path)
    mutate(data)
    error = load_fails(tmp_path, data)
    assert error.exit_code == EXIT_DATA
    for word in words:
        assert word in error.message


def test_every_structural_fault_is_listed_in_one_run(tmp_path: Path) -> None:
    data = good_folder(tmp_path)
    _empty_header(data)
    _html(data)
    _reviews_without_code(data)
    _staff_without_fte(data)
    message = load_fails(tmp_path, data).message
    for name in (HEADER_CSV, EPISODES_CSV, REVIEWS_CSV, "local/iro_staff.csv"):
        assert name in message


def test_a_reporting_year_with_no_903_folder(tmp_path: Path) -> None:
    error = load_fails(tmp_path, good_folder(tmp_path), year="2025-26")
    assert "No SSDA903 folder for 2025-26" in error.message
    assert "ssda903/2026" in error.message and "found: 2025" in error.message


def test_a_typo_in_a_config_key(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "config.yaml",
        good_folder(tmp_path),
        extra="rules:\n  wales_first_review_dayz: 20\n",
    )
    with pytest.raises(ReportError) as caught:
        load_config(config)
    assert caught.value.exit_code == EXIT_USAGE
    assert "unknown key 'rules.wales_first_review_dayz'" in caught.value.message  # fmt: skip


def test_a_data_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        load_config(write_config(tmp_path / "config.yaml", tmp_path / "nowhere"))
    assert caught.value.exit_code == EXIT_USAGE
    assert "Data folder not found" in caught.value.message
    assert "nowhere" in caught.value.message


# --- accepted variations: read with no errors (a warning where the user should know) ----------


def _header_only_reviews(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, reviews_text())


def _extra_columns(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "CHILD,REVIEW,REVIEW_CODE,NOTES,\nZQ9876,15/04/2024,PN1,fine,x\n")


def _other_order_and_case(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "review_code,Review,child\nPN1,15/04/2024,ZQ9876\n")


def _bom(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "\ufeff" + reviews_text("ZQ9876,15/06/2010,15/04/2024,PN1"))


def _cp1252(data: Path) -> None:
    text = "CHILD,REVIEW,REVIEW_CODE,NOTES\nZQ9876,15/04/2024,PN1,Café £5 – ok\n"
    rewrite(data, REVIEWS_CSV, text, "cp1252")


def _utf16(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, reviews_text("ZQ9876,15/06/2010,15/04/2024,PN1"), "utf-16")


def _utf16_no_bom(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, reviews_text("ZQ9876,15/06/2010,15/04/2024,PN1"), "utf-16-le")


def _semicolons(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "CHILD;REVIEW;REVIEW_CODE\nZQ9876;15/04/2024;PN1\n")


def _tabs(data: Path) -> None:
    rewrite(data, REVIEWS_CSV, "CHILD\tREVIEW\tREVIEW_CODE\r\nZQ9876\t15/04/2024\tPN1\r\n")


def _xlsx_named_csv(data: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["CHILD", "REVIEW", "REVIEW_CODE"])
    sheet.append(["ZQ9876", datetime(2024, 4, 15), "PN1"])
    book.save(data / REVIEWS_CSV)


def _xlsx_file(data: Path) -> None:
    (data / HEADER_CSV).unlink()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["CHILD", "SEX", "DOB", "ETHNIC"])
    sheet.append(["ZQ9876", "M", datetime(2010, 6, 15), "WBRI"])
    book.save(data / Y2025 / "header.xlsx")


@pytest.mark.parametrize(
    ("mutate", "warning"),
    [
        pytest.param(_header_only_reviews, "no-rows", id="header-only"),
        pytest.param(_extra_columns, None, id="extra-columns"),
        pytest.param(_other_order_and_case, None, id="other-order-and-case"),
        pytest.param(_bom, None, id="utf8-bom"),
        pytest.param(_cp1252, "encoding", id="cp1252"),
        pytest.param(_utf16, "encoding", id="utf16"),
        pytest.param(_utf16_no_bom, "encoding", id="utf16-without-bom"),
        pytest.param(_semicolons, None, id="semicolons"),
        pytest.param(_tabs, None, id="tabs"),
        pytest.param(_xlsx_named_csv, None, id="xlsx-named-csv"),
        pytest.param(_xlsx_file, None, id="xlsx-file"),
    ],
)
def test_an_accepted_variation_is_read(
    tmp_path: Path, mutate: Mutation, warning: str | None
) -> None:
    data = good_folder(tmp_path)
    mutate(data)
    config = load_config(write_config(tmp_path / "config.yaml", data))
    checked = check_data(config)
    issues = checked.data.issues.frame()
    assert list(issues["rule"]) == ([warning] if warning else [])
    assert (issues["severity"] == "warning").all()
    if warning != "no-rows":
        reviews = checked.data.reviews
        assert reviews["REVIEW"].tolist() == [pd.Timestamp("2024-04-15")]
        assert reviews["REVIEW_CODE"].tolist() == ["PN1"]
    assert checked.data.header["DOB"].tolist() == [pd.Timestamp("2010-06-15")]


def test_cp1252_is_read_not_misread(tmp_path: Path) -> None:
    data = good_folder(tmp_path)
    _cp1252(data)
    issues = load(tmp_path, data)
    (issue,) = issues.to_dict("records")
    assert issue["file"] == REVIEWS_CSV
    assert "Windows-1252" in str(issue["message"])


# --- row-level faults: one Issues row each --------------------------------------------------


def _reviews(*rows: dict[str, str]) -> Mutation:
    return lambda data: write_csv(data / REVIEWS_CSV, REVIEWS, rows)


def _episodes(*rows: dict[str, str]) -> Mutation:
    from tests.builders import EPISODES

    return lambda data: write_csv(data / EPISODES_CSV, EPISODES, rows)


def _header(*rows: dict[str, str]) -> Mutation:
    return lambda data: write_csv(data / HEADER_CSV, HEADER, rows)


def _both(*mutations: Mutation) -> Mutation:
    def apply(data: Path) -> None:
        for mutate in mutations:
            mutate(data)

    return apply


def _staff(*rows: dict[str, str]) -> Mutation:
    return lambda data: write_local(data, "iro_staff", IRO_STAFF, rows)


def _iro(iro_id: str, fte: str) -> dict[str, str]:
    return {"IRO_ID": iro_id, "FTE": fte, "START": "01/04/2020", "AGENCY": "N"}


OK = review("ZQ9876", "15/04/2024")
TODDLER = child("TT1111", "01/01/2023", "F")
Expect = tuple[str, int, str, str, str, str, str]  # file, row, column, value, rule, severity, words

CASES: list[tuple[str, Mutation, Expect]] = [
    ("two-digit-year", _reviews(OK, review("ZQ9876", "01/01/19")),
     (REVIEWS_CSV, 3, "REVIEW", "01/01/19", "date", "error", "two-digit year; expected a date as dd/mm/yyyy")),
    ("iso-in-903", _reviews(OK, review("ZQ9876", "2024-01-05")),
     (REVIEWS_CSV, 3, "REVIEW", "2024-01-05", "date", "error", "ISO date; expected a date as dd/mm/yyyy")),
    ("no-such-date", _reviews(OK, review("ZQ9876", "31/02/2024")),
     (REVIEWS_CSV, 3, "REVIEW", "31/02/2024", "date", "error", "no such date")),
    ("excel-serial", _reviews(OK, review("ZQ9876", "45292")),
     (REVIEWS_CSV, 3, "REVIEW", "45292", "date", "error", "Excel date serial")),
    ("blank-required-date", _reviews(OK, review("ZQ9876", "")),
     (REVIEWS_CSV, 3, "REVIEW", "", "required", "error", "REVIEW is blank; expected a date as dd/mm/yyyy")),
    ("masked-dob", _header(child("ZQ9876", "31/02/2010", "M")),
     (HEADER_CSV, 2, "DOB", MASK, "date", "error", "no such date")),
    ("lower-case-code", _reviews(review("ZQ9876", "15/04/2024", "pn1")),
     (REVIEWS_CSV, 2, "REVIEW_CODE", "pn1", "code-normalised", "warning", "read as upper case")),
    ("code-with-spaces", _reviews(review("ZQ9876", "15/04/2024", "PN 1")),
     (REVIEWS_CSV, 2, "REVIEW_CODE", "PN 1", "code-normalised", "warning", "without spaces")),
    ("unknown-code", _reviews(OK, review("ZQ9876", "15/05/2024", "PN9")),
     (REVIEWS_CSV, 3, "REVIEW_CODE", "PN9", "code-unknown", "error", "expected one of PN0, PN1")),
    ("old-sex-code-in-2025", _header(child("ZQ9876", "15/06/2010", "1")),
     (HEADER_CSV, 2, "SEX", "1", "code-unknown", "error", "M, F or U from 2024-25")),
    ("pn0-teenager", _reviews(review("ZQ9876", "15/04/2024", "PN0")),
     (REVIEWS_CSV, 2, "REVIEW_CODE", "PN0", "pn0-age", "error", "under 4")),
    ("pn1-toddler", _both(
        _header(child("ZQ9876", "15/06/2010", "M"), TODDLER),
        _episodes(episode("ZQ9876", "01/04/2024"), episode("TT1111", "01/04/2024")),
        _reviews(OK, review("TT1111", "15/04/2024", "PN1"))),
     (REVIEWS_CSV, 3, "REVIEW_CODE", "PN1", "pn-under4", "error", "expected PN0")),
    ("review-outside-episode", _reviews(OK, review("ZQ9876", "01/02/2024")),
     (REVIEWS_CSV, 3, "REVIEW", "01/02/2024", "review-outside-care", "error", "outside any period of care")),
    ("review-after-period", _reviews(OK, review("ZQ9876", "15/04/2025")),
     (REVIEWS_CSV, 3, "REVIEW", "15/04/2025", "after-collection-year", "error", "after 31/03/2025")),
    ("overlapping-episodes", _episodes(episode("ZQ9876", "01/04/2024", "01/09/2024", "E13"), episode("ZQ9876", "01/08/2024")),
     (EPISODES_CSV, 3, "DECOM", "01/08/2024", "overlapping-episodes", "error", "before the child's previous episode ended")),
    ("episode-ends-before-start", _episodes(episode("ZQ9876", "01/04/2024"), episode("ZQ9876", "01/09/2024", "01/08/2024", "E13")),
     (EPISODES_CSV, 3, "DEC", "01/08/2024", "episode-ends-before-start", "error", "before it starts (DECOM)")),
    ("duplicated-row", _reviews(OK, OK),
     (REVIEWS_CSV, 3, "REVIEW", "15/04/2024", "duplicate", "warning", "duplicated review")),
    ("two-dates-of-birth", _header(child("ZQ9876", "15/06/2010", "M"), child("ZQ9876", "16/06/2010", "M")),
     (HEADER_CSV, 3, "DOB", MASK, "dob-conflict", "warning", "different date of birth")),
    ("child-not-in-header", _reviews(OK, review("NH4444", "15/04/2024")),
     (REVIEWS_CSV, 3, "CHILD", MASK, "child-not-in-header", "error", "not in any 903 header")),
    ("review-for-short-break", _both(
        _header(child("ZQ9876", "15/06/2010", "M"), child("SB2222", "01/01/2012", "F")),
        _episodes(episode("ZQ9876", "01/04/2024"), episode("SB2222", "01/04/2024", ls="V3")),
        _reviews(OK, review("SB2222", "15/05/2024"))),
     (REVIEWS_CSV, 3, "REVIEW", "15/05/2024", "review-short-break", "error", "short break")),
    ("resolved-before-raised", lambda data: write_local(
        data, "escalations", ESCALATIONS, [escalation("E1", "10/05/2024", resolved="01/05/2024", outcome="RESOLVED")]),
     ("local/escalations.csv", 2, "RESOLVED", "01/05/2024", "resolved-before-raised", "error", "resolved before it was raised")),
    ("local-date-as-text", lambda data: write_local(
        data, "escalations", ESCALATIONS, [escalation("E1", "May 2024")]),
     ("local/escalations.csv", 2, "RAISED", "May 2024", "date", "error", "expected a date as dd/mm/yyyy or yyyy-mm-dd")),
    ("fte-zero", _staff(_iro("A", "1"), _iro("B", "0")),
     ("local/iro_staff.csv", 3, "FTE", "0", "fte-range", "error", "more than 0 and at most 1")),
    ("fte-one-and-a-half", _staff(_iro("A", "1.5")),
     ("local/iro_staff.csv", 2, "FTE", "1.5", "fte-range", "error", "more than 0 and at most 1")),
    ("fte-not-a-number", _staff(_iro("A", "full")),
     ("local/iro_staff.csv", 2, "FTE", "full", "number", "error", "a number greater than 0")),
    ("iro-not-in-staff", _both(
        _staff(_iro("A", "1")),
        lambda data: write_local(data, "iro_allocations", IRO_ALLOCATIONS, [
            {"CHILD": "ZQ9876", "IRO_ID": "A", "START": "01/04/2024", "END": "30/04/2024"},
            {"CHILD": "ZQ9876", "IRO_ID": "GHOST", "START": "01/05/2024"}])),
     ("local/iro_allocations.csv", 3, "IRO_ID", "GHOST", "iro-not-in-staff", "error", "not in local/iro_staff.csv")),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "expect"), [pytest.param(m, e, id=i) for i, m, e in CASES])
def test_a_row_level_fault_is_one_clear_issue(
    tmp_path: Path, mutate: Mutation, expect: Expect
) -> None:
    data = good_folder(tmp_path)
    mutate(data)
    issues = load(tmp_path, data)
    file, row, column, value, rule, severity, words = expect
    found = issues.loc[issues["rule"] == rule].to_dict("records")
    assert len(found) == 1, issues.to_string()
    issue = found[0]
    assert (issue["file"], issue["row"], issue["column"]) == (file, row, column)
    assert (issue["value"], issue["severity"]) == (value, severity)
    assert words in str(issue["message"])
    for identifier in ("ZQ9876", "TT1111", "SB2222", "NH4444", "15/06/2010", "01/01/2023"):
        assert identifier not in issues.to_string()


def test_a_row_with_more_cells_than_the_header_is_a_warning(tmp_path: Path) -> None:
    data = good_folder(tmp_path)
    rewrite(
        data,
        REVIEWS_CSV,
        "CHILD,REVIEW,REVIEW_CODE\nZQ9876,15/04/2024,PN1,,\nZQ9876,15/05/2024,PN1,oops\n",
    )
    (issue,) = load(tmp_path, data).to_dict("records")
    assert (issue["file"], issue["row"], issue["rule"]) == (REVIEWS_CSV, 3, "extra-cells")
    assert "4 cells but the header has 3" in str(issue["message"])


def test_every_row_level_fault_is_listed_in_one_run(tmp_path: Path) -> None:
    data = good_folder(tmp_path)
    _reviews(review("ZQ9876", "01/01/19"), review("ZQ9876", "15/04/2024", "PN9"))(data)
    _staff(_iro("A", "1.5"))(data)
    issues = load(tmp_path, data)
    assert set(issues["rule"]) >= {"date", "code-unknown", "fte-range"}
