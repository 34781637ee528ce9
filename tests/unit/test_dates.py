"""Reporting periods, working days, calendar months and ages (DOMAIN 2), worked by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from report.dates import (
    Period,
    add_days,
    add_months,
    add_months_to,
    add_working_days,
    ages_on,
    working_days_between,
)


def one(day: str) -> pd.Series:
    return pd.Series([pd.Timestamp(day)], dtype="datetime64[s]")


# --- reporting periods -------------------------------------------------------------------


def test_period_from_label_is_april_to_march_and_named_by_collection_year() -> None:
    period = Period.from_label("2024-25")
    assert (period.start, period.end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert period.collection_year == 2025  # collection 2025 = 2024-25
    assert period.label == "2024-25"
    assert period.previous == Period.from_label("2023-24")
    assert Period.from_label("1999-00").end == date(2000, 3, 31)


@pytest.mark.parametrize("label", ["2024-26", "2024/25", "24-25", "2024"])
def test_period_rejects_a_bad_label(label: str) -> None:
    with pytest.raises(ValueError, match="2024-25"):
        Period.from_label(label)


def test_month_ends_are_the_twelve_last_days() -> None:
    # 2023-24: 30 Apr 2023 ... 29 Feb 2024 (leap year), 31 Mar 2024.
    ends = Period.from_label("2023-24").month_ends()
    assert len(ends) == 12
    assert ends[0] == date(2023, 4, 30)
    assert ends[10] == date(2024, 2, 29)
    assert ends[-1] == date(2024, 3, 31)


# --- working days (England & Wales bank holidays) ---------------------------------------


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # Christmas: Fri 20 Dec 2024 is day 0. Mon 23 (1), Tue 24 (2), 25/26 Dec bank holidays,
        # Fri 27 (3), Mon 30 (4), Tue 31 (5), 1 Jan bank holiday, Thu 2 (6), Fri 3 (7),
        # 6-10 Jan (8-12), 13-17 Jan (13-17), Mon 20 (18), Tue 21 (19), Wed 22 (20).
        ("2024-12-20", "2025-01-22"),
        # Easter 2025: Mon 14 Apr is day 0. 15-17 Apr (1-3), Good Friday 18 and Easter Monday
        # 21 Apr, 22-25 Apr (4-7), 28-30 Apr (8-10), Thu 1 May (11), Fri 2 (12), Mon 5 May bank
        # holiday, 6-9 May (13-16), 12-15 May (17-20): Thu 15 May.
        ("2025-04-14", "2025-05-15"),
        # Easter 2024: Wed 20 Mar is day 0. 21-22 Mar (1-2), 25-28 Mar (3-6), Good Friday
        # 29 Mar and Easter Monday 1 Apr, 2-5 Apr (7-10), 8-12 Apr (11-15), 15-19 Apr (16-20).
        ("2024-03-20", "2024-04-19"),
        # 2023 one-off: Fri 28 Apr day 0. Mon 1 May bank holiday, 2-5 May (1-4), Mon 8 May
        # Coronation bank holiday, 9-12 May (5-8), 15-19 (9-13), 22-26 (14-18), Mon 29 May
        # spring bank holiday, Tue 30 (19), Wed 31 (20).
        ("2023-04-28", "2023-05-31"),
        # 2020: Christmas Fri 25 Dec, Boxing Day Sat 26 so Mon 28 Dec is the substitute day.
        # Wed 23 Dec day 0: Thu 24 (1), 25 and 28 Dec holidays, Tue 29 (2), Wed 30 (3),
        # Thu 31 (4), Fri 1 Jan holiday, 4-8 Jan (5-9), 11-15 (10-14), 18-22 (15-19), Mon 25 (20).
        ("2020-12-23", "2021-01-25"),
        # A weekend start: Sat 4 Jan 2025 counts from Fri 3; Mon 6 is day 1; 6-31 Jan has no
        # holidays: 4 weeks of 5 days = 20 on Fri 31 Jan.
        ("2025-01-04", "2025-01-31"),
        # A bank-holiday start: Wed 25 Dec 2024. Fri 27 (1), Mon 30 (2), Tue 31 (3), Thu 2 Jan
        # (4), Fri 3 (5), 6-10 (6-10), 13-17 (11-15), 20-24 (16-20): Fri 24 Jan.
        ("2024-12-25", "2025-01-24"),
    ],
)
def test_twenty_working_days(start: str, due: str) -> None:
    assert add_working_days(one(start), 20).iloc[0] == pd.Timestamp(due)


def test_working_days_keep_missing_dates_missing() -> None:
    starts = pd.Series([pd.Timestamp("2024-12-20"), pd.NaT], dtype="datetime64[s]")
    result = add_working_days(starts, 20)
    assert result.iloc[0] == pd.Timestamp("2025-01-22")
    assert pd.isna(result.iloc[1])


def test_working_days_between_counts_days_after_the_start() -> None:
    # Fri 20 Dec 2024 to Wed 22 Jan 2025 is 20 working days (see above); to itself 0; to
    # Fri 27 Dec: Mon 23, Tue 24, Fri 27 = 3.
    start = pd.Series([pd.Timestamp("2024-12-20")] * 3, dtype="datetime64[s]")
    end = pd.Series(pd.to_datetime(["2025-01-22", "2024-12-20", "2024-12-27"]))
    assert working_days_between(start, end).tolist() == [20, 0, 3]


# --- calendar months and days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        ("2025-01-31", 1, "2025-02-28"),  # 2025 is not a leap year: clamp to 28 Feb
        ("2024-01-31", 1, "2024-02-29"),  # 2024 is a leap year: 29 Feb
        ("2024-08-31", 6, "2025-02-28"),  # Sep, Oct, Nov, Dec, Jan, Feb: 31 Feb -> 28 Feb 2025
        ("2023-08-31", 6, "2024-02-29"),  # ... into leap-year February: 29 Feb 2024
        ("2024-11-30", 3, "2025-02-28"),  # 30 Feb does not exist: 28 Feb 2025
        ("2024-10-31", 6, "2025-04-30"),  # 31 Apr does not exist: 30 Apr
        ("2024-11-15", 3, "2025-02-15"),  # across the year end, day kept
        ("2024-12-31", 3, "2025-03-31"),
        ("2024-02-29", 6, "2024-08-29"),
        ("2024-02-29", 12, "2025-02-28"),
        # back in time (the children's care cut-offs before 31 March 2025)
        ("2025-03-31", -6, "2024-09-30"),  # September has 30 days
        ("2025-03-31", -30, "2022-09-30"),
        ("2025-03-31", -13, "2024-02-29"),  # 2024 is a leap year
        ("2025-03-31", -25, "2023-02-28"),
        ("2025-01-15", -1, "2024-12-15"),  # across a year end
    ],
)
def test_add_months_clamps_to_month_end(start: str, months: int, due: str) -> None:
    assert add_months(one(start), months).iloc[0] == pd.Timestamp(due)
    assert add_months_to(date.fromisoformat(start), months) == date.fromisoformat(due)


def test_add_months_keeps_missing_dates_missing() -> None:
    starts = pd.Series([pd.NaT, pd.Timestamp("2025-01-31")], dtype="datetime64[s]")
    result = add_months(starts, 1)
    assert pd.isna(result.iloc[0])
    assert result.iloc[1] == pd.Timestamp("2025-02-28")


def test_add_days_four_weeks_is_a_calendar_date() -> None:
    # 15 Oct 2024 + 28 days: 16 days to 31 Oct, 12 more = 12 Nov. 20 Dec 2024 + 28: 11 days to
    # 31 Dec, 17 more = 17 Jan 2025 (a Friday; weekends and holidays never move it).
    starts = pd.Series(pd.to_datetime(["2024-10-15", "2024-12-20"]))
    assert add_days(starts, 28).tolist() == [pd.Timestamp("2024-11-12"), pd.Timestamp("2025-01-17")]


# --- ages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        ("2012-02-29", "2023-02-28", 10),  # 2023 has no 29 Feb: not yet 11 on 28 Feb
        ("2012-02-29", "2023-03-01", 11),  # ... 11 on 1 March
        ("2012-02-29", "2024-02-28", 11),  # leap year: the day before the birthday
        ("2012-02-29", "2024-02-29", 12),  # leap year: the birthday itself
        ("2012-02-29", "2025-03-31", 13),  # at 31 March 2025
        ("2020-10-15", "2024-10-14", 3),  # the day before the 4th birthday
        ("2020-10-15", "2024-10-15", 4),  # the 4th birthday
        ("2024-04-01", "2025-03-31", 0),  # first birthday on 1 Apr 2025, not yet
        ("2024-03-31", "2025-03-31", 1),  # first birthday on 31 Mar 2025
    ],
)
def test_age_in_completed_years(dob: str, on: str, age: int) -> None:
    dobs = pd.Series([pd.Timestamp(dob)], dtype="datetime64[s]")
    ons = pd.Series([pd.Timestamp(on)], dtype="datetime64[s]")
    assert ages_on(dobs, ons).iloc[0] == age
    assert ages_on(dobs, pd.Timestamp(on).date()).iloc[0] == age


def test_age_is_missing_without_a_date_of_birth() -> None:
    dobs = pd.Series([pd.NaT, pd.Timestamp("2010-06-15")], dtype="datetime64[s]")
    ages = ages_on(dobs, date(2025, 3, 31))
    assert pd.isna(ages.iloc[0])
    assert ages.iloc[1] == 14
