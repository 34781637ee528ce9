"""The whole 903 in any form: every DfE table recognised, the XML return, workbook sheets,
two sources for one table, and folders named by their start year."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from report.config import load_config
from report.errors import ReportError
from report.load.issues import describe
from report.load.layouts import recognise
from report.pipeline import check_data
from tests.builders import (
    EPISODES,
    HEADER,
    REVIEWS,
    Built,
    build,
    child,
    episode,
    review,
    write_config,
    write_csv,
)


def year_folder(tmp_path: Path, year: int = 2025) -> Path:
    return tmp_path / "data" / "ssda903" / str(year)


# --- recognition by columns -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "kind"),
    [
        ("CHILD DOB SW_ID SW_DECOM SW_DEC SW_REASON", "sw_episodes"),
        ("CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC REASON_PLACE_CHANGE", "episodes"),
        ("CHILD SEX DOB ETHNIC UPN MOTHER MC_DOB", "header"),
        ("CHILD SEX DOB ETHNIC UPN UASC DUC", "header"),  # a header holding the UASC columns
        ("CHILD SEX DOB DUC", "uasc"),
        ("CHILD DOB REVIEW REVIEW_CODE", "reviews"),
        ("CHILD DOB MISSING MIS_START MIS_END", "missing"),
        ("CHILD DOB IN_TOUCH ACTIV ACCOM", "oc3"),
        ("CHILD DOB DOLO_START DOLO_END", "dolo"),
        ("CHILD DOB PREV_PERM LA_PERM DATE_PERM", "previous_permanence"),
        ("CHILD DOB DATE_PLACED DATE_PLACED_CEASED REASON_PLACED_CEASED", "placed_for_adoption"),
    ],
)
def test_each_dfe_table_is_recognised_by_its_best_matching_layout(columns: str, kind: str) -> None:
    layout = recognise(set(columns.split()))
    assert layout is not None and layout.kind == kind


def test_tables_the_report_does_not_need_are_listed_as_info_not_errors(tmp_path: Path) -> None:
    folder = year_folder(tmp_path)
    write_csv(
        folder / "sw_episodes.csv",
        ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
        [{"CHILD": "A1", "DOB": "01/01/2012", "SW_ID": "SW1", "SW_DECOM": "01/05/2024"}],
    )
    write_csv(folder / "DoLo.csv", ["CHILD", "DOB", "DOLO_START", "DOLO_END"], [])
    built = one_child(tmp_path)
    found = built.issues.loc[built.issues["rule"] == "not-needed"]
    assert found[["file", "severity"]].values.tolist() == [
        ["ssda903/2025/DoLo.csv", "info"],
        ["ssda903/2025/sw_episodes.csv", "info"],
    ]
    assert built.errors.empty
    assert built.figure("children", "cla.at_period_end").value == 1


def one_child(tmp_path: Path, year: int = 2025) -> Built:
    return build(
        tmp_path,
        {
            year: (
                [child("A1", "01/01/2012", "F" if year > 2024 else "2")],
                [episode("A1", f"01/05/{year - 1}")],
                [review("A1", f"20/05/{year - 1}")],
            )
        },
        year=f"{year - 1}-{year % 100:02d}",
    )


# --- two sources for one table --------------------------------------------------------------


def test_two_sources_for_one_table_is_an_error_naming_both(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EPISODES)
    sheet.append([episode("A1", "01/05/2024").get(c, "") for c in EPISODES])
    year_folder(tmp_path).mkdir(parents=True)
    book.save(year_folder(tmp_path) / "episodes.xlsx")
    with pytest.raises(ReportError) as caught:
        one_child(tmp_path)
    message = caught.value.message
    assert "a second source for the 903 episodes table in 2025/" in message
    assert "ssda903/2025/episodes.csv" in message and "ssda903/2025/episodes.xlsx" in message


# --- a workbook with one sheet per table ----------------------------------------------------


def test_a_workbook_with_one_sheet_per_table_is_read_sheet_by_sheet(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Header"
    first.append(HEADER)
    first.append([child("A1", "01/01/2012", "F").get(c, "") for c in HEADER])
    first.append([child("B2", "01/01/2013", "M").get(c, "") for c in HEADER])
    eps = book.create_sheet("Episodes")
    eps.append(EPISODES)
    eps.append([episode("A1", "01/05/2024").get(c, "") for c in EPISODES])
    eps.append([episode("B2", "01/06/2024", "01/07/2024", "E13").get(c, "") for c in EPISODES])
    revs = book.create_sheet("Reviews")
    revs.append(REVIEWS)
    revs.append([review("A1", "20/05/2024").get(c, "") for c in REVIEWS])
    revs.append([review("A1", "31/02/2025").get(c, "") for c in REVIEWS])  # row 3: bad date
    book.create_sheet("Notes")  # empty: skipped
    folder = year_folder(tmp_path)
    folder.mkdir(parents=True)
    book.save(folder / "return.xlsx")
    built = loaded(tmp_path)
    # By hand: A1 open at 31/03/2025, B2 started and ceased in the year; one usable review.
    assert built.figure("children", "cla.at_period_end").value == 1
    assert built.figure("children", "cla.started").value == 2
    assert built.figure("children", "cla.ceased").value == 1
    assert built.figure("reviews", "reviews.held").value == 1
    bad = built.errors.loc[built.errors["rule"] == "date"]
    assert bad[["file", "row", "column"]].values.tolist() == [
        ["ssda903/2025/return.xlsx (sheet Reviews)", 3, "REVIEW"]
    ]


# --- a folder named by its start year -------------------------------------------------------


def test_a_folder_named_by_its_start_year_gets_a_hint_naming_the_right_folder(
    tmp_path: Path,
) -> None:
    # The 2021-22 return put in ssda903/2021/ (2021 = 2020-21): its three dates (DECOM
    # 01/05/2021, reviews 20/05/2021 and 15/01/2022) all fall after 31/03/2021, in 2021-22.
    built = build(
        tmp_path,
        {
            2021: (
                [child("A1", "01/01/2012", "2")],
                [episode("A1", "01/05/2021")],
                [review("A1", "20/05/2021"), review("A1", "15/01/2022")],
            )
        },
        year="2020-21",
    )
    hint = built.issues.loc[built.issues["rule"] == "folder-year"]
    assert hint["file"].tolist() == ["ssda903/2021"]
    message = hint["message"].iloc[0]
    assert "3 of the 3 episode and review dates" in message
    assert "belongs in ssda903/2022/" in message
    assert built.rules("after-collection-year") == ["after-collection-year"] * 3


def test_a_rightly_named_folder_with_a_few_late_dates_gets_no_hint(tmp_path: Path) -> None:
    built = build(
        tmp_path,
        {
            2025: (
                [child("A1", "01/01/2012", "F")],
                [episode("A1", "01/05/2024")],
                [review("A1", "20/05/2024"), review("A1", "15/05/2025")],
            )
        },
    )
    assert built.rules("folder-year") == []
    assert built.rules("after-collection-year") == ["after-collection-year"]


# --- the DfE XML return ---------------------------------------------------------------------

XML = """<?xml version="1.0" encoding="utf-8"?>
<EXPSSDA903>
<CHILD><HEADER><CHILDID>A1</CHILDID><UPN>X</UPN><SEX>F</SEX><DOB>01/01/2012</DOB>
<ETHNIC>WBRI</ETHNIC><UASC>1</UASC><DUC>01/01/2030</DUC>
<AREVIEW><REVIEW>20/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
<OC2><CONVICTED>0</CONVICTED></OC2></HEADER>
<EPISODE><DECOM>01/05/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
<DEC /><REC /></EPISODE></CHILD>
<CHILD><HEADER><CHILDID>B2</CHILDID><UPN /><SEX>M</SEX><DOB>01/01/2013</DOB>
<ETHNIC>WBRI</ETHNIC><UASC /></HEADER>
<EPISODE><DECOM>01/06/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
<DEC>01/07/2024</DEC><REC>E13</REC></EPISODE>
<EPISODE><DECOM>2024-08-01</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
<DEC /><REC /></EPISODE></CHILD>
</EXPSSDA903>
"""


def xml_built(tmp_path: Path, text: str = XML) -> Built:
    folder = year_folder(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "return.xml").write_text(text, encoding="utf-8")
    return loaded(tmp_path)


def loaded(tmp_path: Path) -> Built:
    """The data folder as written, loaded for 2024-25."""
    config = load_config(write_config(tmp_path / "config.yaml", tmp_path / "data"))
    return Built(config, check_data(config))


def test_the_xml_return_reads_into_the_same_tables_with_issues_at_the_element(
    tmp_path: Path,
) -> None:
    built = xml_built(tmp_path)
    # By hand: A1 open at 31/03/2025 and UASC; B2 started and ceased; B2's second episode
    # has an ISO DECOM: an error at CHILD 2 > EPISODE 2, left out.
    assert built.figure("children", "cla.at_period_end").value == 1
    assert built.figure("children", "cla.started").value == 2
    assert built.figure("children", "cla.ceased").value == 1
    assert built.figure("children", "cla.uasc").value == 1
    assert built.figure("reviews", "reviews.held").value == 1
    bad = built.errors[["file", "row", "column", "rule"]].values.tolist()
    assert bad == [["ssda903/2025/return.xml", "CHILD 2 > EPISODE 2", "DECOM", "date"]]
    info = built.issues.loc[built.issues["rule"] == "not-needed", "message"].tolist()
    assert len(info) == 1 and "oc2" in info[0]
    line = describe(built.checked.data.issues.sorted_rows()[-1])
    assert line.startswith("ERROR: ssda903/2025/return.xml, CHILD 2 > EPISODE 2, column DECOM")


def test_xml_with_a_dtd_or_entities_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><EXPSSDA903>&b;</EXPSSDA903>'
    )
    with pytest.raises(ReportError) as caught:
        xml_built(tmp_path, bomb)
    assert "DTD or entities" in caught.value.message


def test_xml_and_csv_for_the_same_table_is_an_error_naming_both(tmp_path: Path) -> None:
    write_csv(year_folder(tmp_path) / "reviews.csv", REVIEWS, [review("A1", "20/05/2024")])
    with pytest.raises(ReportError) as caught:
        xml_built(tmp_path)
    message = caught.value.message
    assert "ssda903/2025/return.xml and ssda903/2025/reviews.csv both hold it" in message
