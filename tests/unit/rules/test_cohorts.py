"""Periods of care and who was looked after when (DOMAIN 3, 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from report.dates import Period
from report.load.dataset import add_child_keys
from report.rules.cohorts import (
    build_periods,
    looked_after_during,
    looked_after_on,
    open_on,
    overlapping,
    split_short_breaks,
    within,
)
from tests.builders import build, child, episode, review, ts


def episodes(*rows: tuple[str, str, str, str] | tuple[str, str, str, str, str]) -> pd.DataFrame:
    """(CHILD, DECOM, DEC, REC[, LS]) rows as a parsed episodes frame, keyed as the loader
    keys it (CHILD_KEY)."""
    frame = pd.DataFrame(
        [(*r, "C2") if len(r) == 4 else r for r in rows],
        columns=["CHILD", "DECOM", "DEC", "REC", "LS"],
    )
    for column in ("DECOM", "DEC"):
        frame[column] = pd.to_datetime(frame[column], format="%d/%m/%Y").astype("datetime64[s]")
    frame["REC"] = frame["REC"].replace("", None)
    frame["_ROW"] = range(2, len(frame) + 2)
    add_child_keys([frame])
    return frame


def test_episodes_joined_by_x1_make_one_period_open_while_the_last_is_open() -> None:
    # A moves placement on 01/03/2024 (X1) and is still looked after: one open period.
    _, periods = build_periods(
        episodes(("A", "01/01/2024", "01/03/2024", "X1"), ("A", "01/03/2024", "", ""))
    )
    assert periods[["CHILD", "START"]].values.tolist() == [["A", ts("01/01/2024")]]
    assert pd.isna(periods["END"].iloc[0]) and pd.isna(periods["END_REC"].iloc[0])


def test_a_reason_other_than_x1_or_a_gap_ends_the_period() -> None:
    # B: 01/01-01/02/2024 E13 (home), back 01/05/2024, moves 01/06 (X1), leaves 01/07 (E11).
    # C: 01/01-01/02/2024 X1 but the next episode starts 05/02/2024: a gap, two periods.
    # The rows are given out of order.
    eps, periods = build_periods(
        episodes(
            ("B", "01/06/2024", "01/07/2024", "E11"),
            ("C", "05/02/2024", "", ""),
            ("B", "01/01/2024", "01/02/2024", "E13"),
            ("C", "01/01/2024", "01/02/2024", "X1"),
            ("B", "01/05/2024", "01/06/2024", "X1"),
        )
    )
    rows = periods[["CHILD", "START", "END", "END_REC"]].astype(object)
    assert rows.where(rows.notna(), None).values.tolist() == [
        ["B", ts("01/01/2024"), ts("01/02/2024"), "E13"],
        ["B", ts("01/05/2024"), ts("01/07/2024"), "E11"],
        ["C", ts("01/01/2024"), ts("01/02/2024"), "X1"],
        ["C", ts("05/02/2024"), None, None],
    ]
    # Every episode carries its period.
    assert eps.groupby("PERIOD_ID").size().tolist() == [1, 2, 1, 1]


def test_short_breaks_are_split_off_episode_by_episode() -> None:
    care, short = split_short_breaks(
        episodes(
            ("A", "01/01/2024", "03/01/2024", "E13", "V3"),
            ("A", "01/02/2024", "", "", "C2"),
            ("A", "01/03/2024", "", "", "V4"),
        )
    )
    assert care["LS"].tolist() == ["C2"]
    assert short["LS"].tolist() == ["V3", "V4"]


@pytest.mark.parametrize(
    ("decom", "dec", "at_31_march"),
    [
        ("01/01/2025", "31/03/2025", False),  # ends on 31 March: not looked after that day
        ("31/03/2025", "", True),  # starts on 31 March
        ("01/01/2020", "", True),  # open
        ("01/01/2025", "01/04/2025", True),  # ends the day after
        ("01/04/2025", "", False),  # starts the day after
    ],
)
def test_open_on_31_march(decom: str, dec: str, at_31_march: bool) -> None:
    frame = episodes(("A", decom, dec, "E13" if dec else ""))
    assert bool(open_on(frame, date(2025, 3, 31)).iloc[0]) is at_31_march
    assert len(looked_after_on(frame, date(2025, 3, 31))) == int(at_31_march)


@pytest.mark.parametrize(
    ("decom", "dec", "in_year"),
    [
        ("01/01/2024", "01/04/2024", True),  # ceased on the year's first day
        ("01/01/2024", "31/03/2024", False),  # ceased the day before the year
        ("31/03/2025", "", True),  # started on the year's last day
        ("01/04/2025", "", False),  # started after the year
        ("01/01/2020", "", True),  # open throughout
    ],
)
def test_overlapping_the_reporting_year(decom: str, dec: str, in_year: bool) -> None:
    frame = episodes(("A", decom, dec, "E13" if dec else ""))
    assert bool(overlapping(frame, Period.from_label("2024-25")).iloc[0]) is in_year


def test_within_the_year_includes_both_ends() -> None:
    days = pd.Series(pd.to_datetime(["2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01"]))
    assert within(days, Period.from_label("2024-25")).tolist() == [False, True, True, False]


def test_looked_after_on_gives_one_row_per_child() -> None:
    # Two open episodes (an overlap, reported elsewhere): the later one is used.
    frame = episodes(("A", "01/01/2024", "", ""), ("A", "01/06/2024", "", ""))
    rows = looked_after_on(frame, date(2025, 3, 31))
    assert rows["DECOM"].tolist() == [ts("01/06/2024")]


def test_looked_after_during_counts_each_child_once() -> None:
    # 2024-25: A has two episodes in the year (counted once); B ceased on 1 April 2024, the
    # year's first day (counted); C ceased on 31 March 2024 (not); D started on 1 April 2025
    # (not). Children during the year: A and B = 2.
    frame = episodes(
        ("A", "01/01/2024", "01/06/2024", "X1"),
        ("A", "01/06/2024", "", ""),
        ("B", "01/01/2024", "01/04/2024", "E13"),
        ("C", "01/01/2024", "31/03/2024", "E13"),
        ("D", "01/04/2025", "", ""),
    )
    year = Period.from_label("2024-25")
    assert len(looked_after_during(frame, year)) == 2
    assert sorted(looked_after_during(frame, year, "CHILD")) == ["A", "B"]


# --- episode checks (errors as issues) ----------------------------------------------------


def test_overlapping_episodes_are_an_error(tmp_path: Path) -> None:
    # O: 01/05/2024 - 01/08/2024 (E13), then 15/07/2024 (row 3) starts before that ended.
    built = build(
        tmp_path,
        {
            2025: (
                [child("O", "01/01/2012", "F")],
                [episode("O", "01/05/2024", "01/08/2024", "E13"), episode("O", "15/07/2024")],
                [],
            )
        },
    )
    assert built.errors[["file", "row", "column", "rule", "severity"]].values.tolist() == [
        ["ssda903/2025/episodes.csv", 3, "DECOM", "overlapping-episodes", "error"]
    ]


def test_an_episode_ending_before_it_starts_is_an_error_and_left_out(tmp_path: Path) -> None:
    # B: DECOM 01/09/2024, DEC 01/08/2024 (row 2). K: fine (row 3).
    built = build(
        tmp_path,
        {
            2025: (
                [child("B", "01/01/2012", "F"), child("K", "01/01/2012", "F")],
                [episode("B", "01/09/2024", "01/08/2024", "E13"), episode("K", "01/09/2024")],
                [],
            )
        },
    )
    assert built.errors[["row", "column", "rule", "severity"]].values.tolist() == [
        [2, "DEC", "episode-ends-before-start", "error"]
    ]
    assert set(built.history.care["CHILD"]) == {"K"}
    assert built.figure("children", "cla.during_year").value == 1


def test_an_open_episode_the_next_return_does_not_carry_is_not_kept_open(tmp_path: Path) -> None:
    # DOMAIN 11. M is open at 31/03/2024 in the 2024 return (2023-24) and absent from the
    # 2025 return (2024-25); K starts (RNE S) on 01/06/2024 in the 2025 return.
    # By hand: 2023-24 has M looked after at 31 March, started (RNE S 01/06/2023), none
    # ceased, one review. 2024-25 has only K: the later return wins, absence included,
    # so M is neither looked after during 2024-25 nor ceased (no REC was ever given).
    header = [child("M", "01/01/2012", "2")]
    built = build(
        tmp_path,
        {
            2024: (header, [episode("M", "01/06/2023")], [review("M", "15/02/2024")]),
            2025: ([child("K", "01/01/2012", "F")], [episode("K", "01/06/2024")], []),
        },
    )
    issues = built.issues.loc[built.issues["rule"] != "no-rows"]
    assert issues[["file", "row", "rule", "severity"]].values.tolist() == [
        ["ssda903/2024/episodes.csv", 2, "open-episode-not-carried", "warning"]
    ]
    assert "2024-25 return does not carry it" in issues["message"].iloc[0]
    figures = ("cla.at_period_end", "cla.during_year", "cla.started", "cla.ceased")
    got = {
        y: [built.figure("children", f, y).value for f in figures] for y in ("2023-24", "2024-25")
    }
    assert got == {"2023-24": [1, 1, 1, 0], "2024-25": [1, 1, 1, 0]}
    assert built.figure("reviews", "reviews.held", "2023-24").value == 1
    m = built.history.care.loc[built.history.care["CHILD"] == "M"].iloc[0]
    assert (m["DEC"], pd.isna(m["REC"]), bool(m["CUT"])) == (ts("01/04/2024"), True, True)


def test_an_episode_the_next_return_carries_is_not_cut(tmp_path: Path) -> None:
    # M open at 31/03/2024 in 2024; the 2025 return carries it (same DECOM), ended 10/05/2024
    # with E13: one child ceased in 2024-25, none looked after at 31/03/2025; no warning.
    built = build(
        tmp_path,
        {
            2024: ([child("M", "01/01/2012", "2")], [episode("M", "01/06/2023")], []),
            2025: (
                [child("M", "01/01/2012", "F")],
                [episode("M", "01/06/2023", "10/05/2024", "E13")],
                [],
            ),
        },
    )
    assert built.rules("open-episode-not-carried") == []
    assert built.figure("children", "cla.ceased").value == 1
    assert built.figure("children", "cla.at_period_end").value == 0
    assert built.figure("children", "cla.during_year").value == 1
