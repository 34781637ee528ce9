"""Reporting periods, working days (England & Wales bank holidays) and calendar months."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used, so reading the config (Period) needs no pandas
    import numpy as np
    import pandas as pd

YEAR_LABEL = re.compile(r"^(\d{4})-(\d{2})$")
WEEKMASK = "1111100"


@dataclass(frozen=True, order=True)
class Period:
    """A reporting year, 1 April to 31 March; "2024-25" is collection year 2025."""

    start: date
    end: date

    @classmethod
    def from_label(cls, label: str) -> Period:
        match = YEAR_LABEL.match(label.strip())
        if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            raise ValueError(f"expected a reporting year like 2024-25, got {label!r}")
        return cls.for_collection(int(match.group(1)) + 1)

    @classmethod
    def for_collection(cls, collection_year: int) -> Period:
        return cls(date(collection_year - 1, 4, 1), date(collection_year, 3, 31))

    @property
    def collection_year(self) -> int:
        return self.end.year

    @property
    def label(self) -> str:
        return f"{self.start.year}-{self.end.year % 100:02d}"

    @property
    def previous(self) -> Period:
        return Period.for_collection(self.collection_year - 1)

    def month_ends(self) -> list[date]:
        """The last day of each of the twelve months of the year."""
        import pandas as pd

        ends = pd.date_range(self.start, self.end, freq="ME")
        return [d.date() for d in ends]


@lru_cache(maxsize=1)
def bank_holidays() -> np.ndarray:
    """England & Wales bank holidays (one list for both nations) from the holidays library."""
    import holidays
    import numpy as np

    years = range(1990, 2061)
    days = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return np.array(sorted(days.keys()), dtype="datetime64[D]")


def add_working_days(start: pd.Series, n: int) -> pd.Series:
    """Day `n` working days after each start (the start itself is day 0); NaT stays NaT.

    A start on a weekend or holiday counts from the working day before it, so the
    first working day after it is day 1.
    """
    import numpy as np
    import pandas as pd

    result = pd.Series(pd.NaT, index=start.index, dtype="datetime64[s]")
    ok = start.notna()
    if ok.any():
        days = np.asarray(start[ok].to_numpy(dtype="datetime64[D]"))
        due = np.busday_offset(
            days, n, roll="backward", weekmask=WEEKMASK, holidays=bank_holidays()
        )
        result[ok] = due.astype("datetime64[s]")
    return result


def working_days_between(start: pd.Series, end: pd.Series) -> pd.Series:
    """Working days after `start` up to and including `end` (0 when end == start).

    `end` is within N working days of `start` exactly when this is <= N.
    """
    import numpy as np
    import pandas as pd

    result = pd.Series(pd.NA, index=start.index, dtype="Int64")
    ok = start.notna() & end.notna()
    if ok.any():
        s = start[ok].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
        e = end[ok].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
        counts = np.busday_count(s, e, weekmask=WEEKMASK, holidays=bank_holidays())
        result[ok] = counts
    return result


def add_months(start: pd.Series, n: int) -> pd.Series:
    """Calendar months after each start, clamped to month end (31 Jan + 1 month = 28/29 Feb)."""
    import numpy as np
    import pandas as pd

    result = pd.Series(pd.NaT, index=start.index, dtype="datetime64[s]")
    ok = start.notna()
    if ok.any():
        s = pd.DatetimeIndex(start[ok])
        months = s.year * 12 + (s.month - 1) + n
        year, month0 = np.divmod(np.asarray(months), 12)
        first = pd.to_datetime(pd.DataFrame({"year": year, "month": month0 + 1, "day": 1}))
        last_day = np.asarray(first.dt.days_in_month)
        day = np.minimum(np.asarray(s.day), last_day)
        due = first + pd.to_timedelta(day - 1, unit="D")
        result[ok] = due.to_numpy(dtype="datetime64[s]")
    return result


def add_months_to(day: date, n: int) -> date:
    """`add_months` for one date: n calendar months after `day` (n < 0: before), clamped to
    month end (31 March less one month is 28 or 29 February)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + n, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def add_days(start: pd.Series, n: int) -> pd.Series:
    """Calendar days after each start (4 weeks = 28 days)."""
    import pandas as pd

    return (start + pd.Timedelta(days=n)).astype("datetime64[s]")


def ages_on(dob: pd.Series, on: pd.Series | date) -> pd.Series:
    """Completed years of age on a date; a 29 February birthday falls on 1 March in other years."""
    import numpy as np
    import pandas as pd

    dob_i = pd.DatetimeIndex(dob)
    if isinstance(on, date):
        on_i = pd.DatetimeIndex([pd.Timestamp(on)] * len(dob), dtype="datetime64[s]")
    else:
        on_i = pd.DatetimeIndex(on)
    years = on_i.year - dob_i.year
    # Birthday not yet reached this year: (month, day) of `on` before (month, day) of birth.
    # Comparing (month, day) pairs puts a 29 Feb birthday after 28 Feb, i.e. on 1 March.
    before = (on_i.month < dob_i.month) | ((on_i.month == dob_i.month) & (on_i.day < dob_i.day))
    age = pd.Series(np.asarray(years) - np.asarray(before, dtype=int), index=dob.index)
    return age.where(dob.notna() & pd.Series(np.asarray(on_i.notna()), index=dob.index)).astype(
        "Int64"
    )
