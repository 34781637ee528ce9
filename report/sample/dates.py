"""The sample's calendar: the years it covers, working days and date arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import numpy as np

FIRST_YEAR = 2021  # first collection year written
LAST_YEAR = 2025  # last collection year written
WINDOW_START = date(FIRST_YEAR - 1, 4, 1)
WINDOW_END = date(LAST_YEAR, 3, 31)
SIM_START = date(2002, 4, 1)


def bank_holidays(first: int, last: int) -> list[date]:
    """England and Wales bank holidays from the maintained `holidays` library."""
    cal = holidays.country_holidays("GB", subdiv="ENG", years=range(first, last + 1))
    return sorted(d for d in cal)


_CAL = np.busdaycalendar(holidays=bank_holidays(SIM_START.year - 1, LAST_YEAR + 2))


def add_wd(d: date, n: int) -> date:
    """D plus n working days (D itself is day 0; a non-working D counts from the day before)."""
    out = np.busday_offset(np.datetime64(d, "D"), n, roll="backward", busdaycal=_CAL)
    return date.fromisoformat(str(out))


def is_wd(d: date) -> bool:
    return bool(np.is_busday(np.datetime64(d, "D"), busdaycal=_CAL))


def wd_back(d: date) -> date:
    """The working day on or before d."""
    return add_wd(d, 0)


def wd_forward(d: date) -> date:
    """The working day on or after d."""
    out = np.busday_offset(np.datetime64(d, "D"), 0, roll="forward", busdaycal=_CAL)
    return date.fromisoformat(str(out))


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def birthday(dob: date, years: int) -> date:
    """The date a child born on dob reaches the given age (29 Feb -> 1 Mar in common years)."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return date(dob.year + years, 3, 1)


def age_on(dob: date, d: date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def fmt(d: date | None) -> str:
    return "" if d is None else d.strftime("%d/%m/%Y")


def fy_start(d: date) -> int:
    """The year of the 1 April that starts d's financial year."""
    return d.year if d.month >= 4 else d.year - 1


def parse_dmy(text: str) -> date:
    """A date written dd/mm/yyyy (as `fmt` writes it)."""
    return date(int(text[6:]), int(text[3:5]), int(text[:2]))


def wd_count(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        n += is_wd(day)
    return n


def working_days(first: date, last: date) -> list[date]:
    """The working days from first to last, both included."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if is_wd(d)]
