"""Seeded synthetic data generator for the bundled sample council "Exampleshire"."""

# Feedback questions used in local/feedback.csv (for config.yaml; positive answer: "Yes"):
#   Q1  "Did your IRO speak with you before the review?"
#   Q2  "Did you feel listened to at the review?"
#   Q3  "Did you understand what was decided at the review?"
#   Q4  "Was the review helpful?"
# Answers are "Yes", "Partly" or "No". Respondents: CHILD, PARENT, CARER, PROFESSIONAL.
# Sources: "Review feedback form", "Mind of My Own app", "Survey".
# Everything here is invented: ids, dates, postcodes (fake areas XE/XF/XG/XH/XK) and URNs.
# Suggested config setting for the sample: under-18 population 66,500 (rate per 10,000 ~ 60).

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import holidays
import numpy as np

# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------

FIRST_YEAR = 2021  # first collection year written
LAST_YEAR = 2025  # last collection year written
WINDOW_START = date(FIRST_YEAR - 1, 4, 1)
WINDOW_END = date(LAST_YEAR, 3, 31)
SIM_START = date(2002, 4, 1)
P2_LAST_START = date(2023, 10, 27)  # P2 not valid for episodes starting on/after 28 Oct 2023
SEX_LETTERS_FROM = 2025  # collection year from which SEX is M/F rather than 1/2


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


# ---------------------------------------------------------------------------------------------
# Random helpers
# ---------------------------------------------------------------------------------------------


def pick(rng: np.random.Generator, options: dict[str, float]) -> str:
    keys = list(options)
    p = np.asarray([options[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def uni(rng: np.random.Generator, lo: int, hi: int) -> int:
    """Uniform integer in [lo, hi]."""
    return int(rng.integers(lo, hi + 1)) if hi > lo else lo


def chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


# ---------------------------------------------------------------------------------------------
# Code lists and distributions
# ---------------------------------------------------------------------------------------------

ETHNIC = {
    "WBRI": 70.0,
    "WIRI": 0.5,
    "WOTH": 3.5,
    "WIRT": 1.0,
    "WROM": 1.0,
    "MWBC": 4.5,
    "MWBA": 1.5,
    "MWAS": 1.5,
    "MOTH": 2.5,
    "AIND": 0.5,
    "APKN": 1.5,
    "ABAN": 0.5,
    "AOTH": 1.0,
    "CHNE": 0.2,
    "BCRB": 1.0,
    "BAFR": 2.0,
    "BOTH": 0.8,
    "OOTH": 1.0,
    "REFU": 0.5,
    "NOBT": 1.0,
}
ETHNIC_UASC = {"AOTH": 30.0, "BAFR": 25.0, "OOTH": 20.0, "WOTH": 15.0, "BOTH": 5.0, "NOBT": 5.0}
CIN = {"N1": 64.0, "N2": 2.0, "N3": 3.0, "N4": 8.0, "N5": 15.0, "N6": 3.0, "N7": 0.5, "N8": 2.5}
ENTRY_AGE = {"0": 17.0, "1-4": 13.0, "5-9": 15.0, "10-15": 37.0, "16-17": 18.0}
PATHWAYS: dict[str, dict[str, float]] = {
    "0": {"brief": 5, "short": 10, "home": 15, "sgo": 15, "adoption": 35, "long": 20},
    "1-4": {"brief": 6, "short": 16, "home": 18, "sgo": 14, "adoption": 22, "long": 24},
    "5-9": {"brief": 8, "short": 22, "home": 22, "sgo": 10, "adoption": 2, "long": 36},
    "10-15": {"brief": 12, "short": 24, "home": 10, "sgo": 4, "long": 45, "yj": 5},
    "16-17": {"brief": 14, "short": 26, "home": 3, "long": 52, "yj": 5},
}
MOVE_REASONS = {
    "CARPL": 25.0,
    "CREQB": 18.0,
    "CREQO": 12.0,
    "CHILD": 7.0,
    "LAREQ": 8.0,
    "STAND": 5.0,
    "ALLEG": 4.0,
    "CLOSE": 4.0,
    "APPRR": 2.0,
    "OTHER": 15.0,
}
PN_YOUNG = {"PN1": 25.0, "PN2": 3.0, "PN3": 8.0, "PN4": 6.0, "PN5": 8.0, "PN6": 42.0, "PN7": 8.0}
PN_OLDER = {"PN1": 50.0, "PN2": 5.0, "PN3": 4.0, "PN4": 3.5, "PN5": 11.0, "PN6": 20.5, "PN7": 6.0}
THEMES = {
    "Care planning drift": 20.0,
    "Placement stability": 14.0,
    "Permanence planning": 14.0,
    "Health assessments": 12.0,
    "Education (PEP)": 11.0,
    "Contact with family": 10.0,
    "Pathway planning": 9.0,
    "Statutory visits": 10.0,
}
QUESTIONS = ("Q1", "Q2", "Q3", "Q4")
ANSWERS: dict[str, dict[str, float]] = {
    "Q1": {"Yes": 84.0, "Partly": 6.0, "No": 10.0},
    "Q2": {"Yes": 78.0, "Partly": 15.0, "No": 7.0},
    "Q3": {"Yes": 74.0, "Partly": 18.0, "No": 8.0},
    "Q4": {"Yes": 70.0, "Partly": 20.0, "No": 10.0},
}
MOMO_SHARE = {2023: 0.32, 2024: 0.48}  # children's answers given through the app, by year
STARTERS = 175  # mean periods of care starting in 2024-25 (before returns)
STARTERS_TREND = 0.012  # yearly growth in starters (England's numbers rose over the 2010s)
SHORT_BREAK_STARTS = 8.0  # short-break arrangements starting a year
ADOPTION_PLACES = ("A3", "A4", "A5", "A6")
FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# IRO team: id, FTE, start, end (last day in post), agency
IRO_TEAM: list[tuple[str, float, date, date | None, str]] = [
    ("IRO01", 1.0, date(2012, 9, 3), None, "N"),
    ("IRO02", 1.0, date(2016, 4, 4), None, "N"),
    ("IRO03", 0.8, date(2018, 2, 5), None, "N"),
    ("IRO04", 0.8, date(2019, 6, 3), None, "N"),
    ("IRO05", 1.0, date(2017, 5, 2), date(2021, 12, 31), "N"),
    ("IRO06", 1.0, date(2022, 2, 14), None, "N"),
    ("IRO07", 1.0, date(2019, 9, 2), date(2024, 10, 31), "N"),
    ("IRO08", 1.0, date(2024, 11, 1), None, "Y"),
    ("IRO09", 0.6, date(2021, 9, 6), None, "N"),
]


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    place: str
    provider: str
    urn: str
    post: str


@dataclass
class Episode:
    decom: date
    dec: date
    rne: str
    ls: str
    cin: str
    placement: Placement
    rec: str
    reason: str
    home_post: str


@dataclass
class Period:
    start: date
    end: date  # may lie after WINDOW_END (then still open in the data)
    rec: str
    pathway: str
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[date] = field(default_factory=list)

    @property
    def short_break(self) -> bool:
        return self.pathway == "short_break"

    def adoption_placements(self) -> list[date]:
        out: list[date] = []
        prev = ""
        for ep in self.episodes:
            if ep.placement.place in ADOPTION_PLACES and prev not in ADOPTION_PLACES:
                out.append(ep.decom)
            prev = ep.placement.place
        return out


@dataclass
class Child:
    child_id: str
    sex: str  # M or F
    dob: date
    ethnic: str
    upn: str
    uasc: bool = False
    short_break: bool = False
    baby_dob: date | None = None
    pn_young: str = "PN6"
    pn_older: str = "PN1"
    periods: list[Period] = field(default_factory=list)


Timeline = list[tuple[date, str]]
PlaceTimeline = list[tuple[date, Placement, str]]


# ---------------------------------------------------------------------------------------------
# Care episodes
# ---------------------------------------------------------------------------------------------


class Council:
    """Providers, postcodes and the rules that turn a care pathway into 903 episodes."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self._urns: set[str] = set()
        self.la_fostering = self._sc()
        self.ifa = [self._sc() for _ in range(8)]
        self.la_homes = [(self._sc(), self.postcode(True)) for _ in range(3)]
        self.private_homes = [(self._sc(), self.postcode(chance(rng, 0.4))) for _ in range(24)]
        self.secure_homes = [(self._sc(), self.postcode(False)) for _ in range(3)]
        self.family_centres = [(self._sc(), self.postcode(chance(rng, 0.5))) for _ in range(3)]
        self.sb_unit = (self._sc(), self.postcode(True))
        self.supported = [(self._seven(), self.postcode(chance(rng, 0.6))) for _ in range(8)]
        self.fixed_sites = {k: self.postcode(False) for k in ("R1", "R2", "R5", "S1")}

    def _sc(self) -> str:
        while True:
            urn = f"SC{uni(self.rng, 100000, 999999)}"
            if urn not in self._urns:
                self._urns.add(urn)
                return urn

    def _seven(self) -> str:
        while True:
            urn = f"{uni(self.rng, 2000000, 2999999)}"
            if urn not in self._urns:
                self._urns.add(urn)
                return urn

    def postcode(self, in_area: bool = True) -> str:
        rng = self.rng
        area = "XE" if in_area else pick(rng, {"XF": 4.0, "XG": 3.0, "XH": 2.0, "XK": 1.0})
        district = uni(rng, 1, 14 if in_area else 9)
        inward = (
            f"{uni(rng, 1, 9)}{INWARD_LETTERS[uni(rng, 0, 19)]}{INWARD_LETTERS[uni(rng, 0, 19)]}"
        )
        return f"{area}{district} {inward}"

    def placement(self, place: str, on: date, home_post: str) -> Placement:
        rng = self.rng
        if place == "P2" and on > P2_LAST_START:
            place = "H5"
        if place in ("U1", "U2", "U3"):
            return Placement(place, "PR1", self.la_fostering, self.postcode(chance(rng, 0.8)))
        if place in ("U4", "U5", "U6"):
            prov = pick(rng, {"PR1": 58.0, "PR4": 36.0, "PR5": 6.0})
            urn = self.la_fostering if prov == "PR1" else self.ifa[uni(rng, 0, len(self.ifa) - 1)]
            return Placement(
                place, prov, urn, self.postcode(chance(rng, 0.85 if prov == "PR1" else 0.55))
            )
        if place == "K2":
            if chance(rng, 0.2):
                urn, post = self.la_homes[uni(rng, 0, len(self.la_homes) - 1)]
                return Placement(place, "PR1", urn, post)
            urn, post = self.private_homes[uni(rng, 0, len(self.private_homes) - 1)]
            return Placement(place, pick(rng, {"PR4": 92.0, "PR5": 8.0}), urn, post)
        if place == "K1":
            urn, post = self.secure_homes[uni(rng, 0, len(self.secure_homes) - 1)]
            return Placement(place, pick(rng, {"PR2": 60.0, "PR3": 40.0}), urn, post)
        if place == "R3":
            urn, post = self.family_centres[uni(rng, 0, len(self.family_centres) - 1)]
            return Placement(place, pick(rng, {"PR4": 70.0, "PR5": 30.0}), urn, post)
        if place == "H5":
            urn, post = self.supported[uni(rng, 0, len(self.supported) - 1)]
            prov = pick(rng, {"PR4": 80.0, "PR1": 12.0, "PR5": 8.0})
            return Placement(place, prov, urn if on > P2_LAST_START else "XXXXXXX", post)
        if place == "P1":
            return Placement(place, "PR0", "XXXXXXX", home_post or self.postcode(True))
        if place == "P2":
            return Placement(
                place, pick(rng, {"PR1": 40.0, "PR4": 60.0}), "XXXXXXX", self.postcode(True)
            )
        if place in ADOPTION_PLACES:
            return Placement(
                place,
                pick(rng, {"PR1": 85.0, "PR5": 15.0}),
                "XXXXXXX",
                self.postcode(chance(rng, 0.5)),
            )
        if place in self.fixed_sites:
            prov = {"R1": "PR4", "R2": "PR3", "R5": "PR3", "S1": "PR5"}[place]
            return Placement(place, prov, "XXXXXXX", self.fixed_sites[place])
        # temporary placements T0-T4 and anything else
        return Placement(place, "PR1", "XXXXXXX", self.postcode(True))

    # -- choices of placement ---------------------------------------------------------------

    def first_place(self, age: int, pathway: str) -> str:
        rng = self.rng
        if pathway == "uasc":
            return "U6" if age < 16 else pick(rng, {"H5": 45.0, "P2": 20.0, "U6": 35.0})
        if age < 1:
            opts = {"U6": 74.0, "U3": 10.0, "R3": 6.0, "U5": 10.0 if pathway == "adoption" else 0.0}
            return pick(rng, opts)
        if age < 8:
            return pick(rng, {"U6": 78.0, "U3": 22.0})
        if age < 10:
            return pick(rng, {"U6": 74.0, "U3": 20.0, "K2": 6.0})
        if age < 16:
            return pick(rng, {"U6": 60.0, "U3": 12.0, "K2": 25.0, "S1": 2.0, "R1": 1.0})
        return pick(rng, {"U6": 42.0, "U3": 8.0, "K2": 22.0, "H5": 20.0, "P2": 8.0})

    def next_place(self, age: int) -> str:
        rng = self.rng
        if age < 8:
            return pick(rng, {"U6": 76.0, "U3": 12.0, "U4": 12.0})
        if age < 10:
            return pick(rng, {"U6": 72.0, "U3": 10.0, "U4": 10.0, "K2": 8.0})
        if age < 16:
            return pick(rng, {"U6": 55.0, "K2": 30.0, "U3": 6.0, "U4": 6.0, "S1": 2.0, "R1": 1.0})
        return pick(rng, {"U6": 35.0, "K2": 25.0, "H5": 22.0, "P2": 8.0, "U3": 5.0, "U4": 5.0})


class CareBuilder:
    """Turns a child, a start date and a pathway into a period of care with episodes."""

    def __init__(self, rng: np.random.Generator, council: Council) -> None:
        self.rng = rng
        self.c = council

    def _random_moves(
        self,
        child: Child,
        start: date,
        stop: date,
        first: Placement,
        home_post: str,
        rate_scale: float = 1.0,
    ) -> PlaceTimeline:
        """Placement moves (and long-term matches, temporary moves) from start until stop."""
        rng, c = self.rng, self.c
        tl: PlaceTimeline = [(start, first, "")]
        t = start
        cur = first
        since = start
        while True:
            age = age_on(child.dob, t)
            rate = (0.22 if age < 5 else 0.3 if age < 12 else 0.5) * rate_scale
            gap = max(21, int(rng.exponential(365.0 / rate)))
            nxt = t + timedelta(days=gap)
            # a long-term match (same carers) or a short temporary move may come first
            if cur.place in ("U6", "U3") and (nxt - since).days > 400 and chance(rng, 0.5):
                match = since + timedelta(days=uni(rng, 240, 540))
                if match < nxt - timedelta(days=30) and match < stop - timedelta(days=30):
                    new = Placement(
                        "U4" if cur.place == "U6" else "U1", cur.provider, cur.urn, cur.post
                    )
                    tl.append((match, new, "PLACE"))
                    cur = new
            if cur.place in FOSTER and chance(rng, 0.05 * gap / 365):
                tdate = t + timedelta(days=uni(rng, 30, max(31, gap - 30)))
                back = tdate + timedelta(days=uni(rng, 2, 10))
                if (
                    back < nxt - timedelta(days=14)
                    and back < stop - timedelta(days=14)
                    and tdate > tl[-1][0]
                ):
                    temp = c.placement(
                        pick(rng, {"T4": 70.0, "T3": 20.0, "T1": 10.0}), tdate, home_post
                    )
                    tl.append((tdate, temp, "OTHER"))
                    tl.append((back, cur, "OTHER"))
            if nxt >= stop - timedelta(days=14):
                break
            new = c.placement(c.next_place(age_on(child.dob, nxt)), nxt, home_post)
            tl.append((nxt, new, pick(rng, MOVE_REASONS)))
            cur, since, t = new, nxt, nxt
        return tl

    def _care_order_ls(self, start: date, end: date, emergency: float, v2_first: float) -> Timeline:
        rng = self.rng
        tl: Timeline = []
        t = start
        if chance(rng, emergency):
            tl.append((t, pick(rng, {"L1": 60.0, "L2": 40.0})))
            t = t + timedelta(days=uni(rng, 1, 8))
        if chance(rng, v2_first):
            tl.append((t, "V2"))
            t = t + timedelta(days=uni(rng, 20, 150))
        tl.append((t, "C1"))
        c2 = t + timedelta(days=uni(rng, 140, 330))
        if c2 < end - timedelta(days=20):
            tl.append((c2, "C2"))
        return [(d, s) for d, s in tl if d < end] or [(start, "V2")]

    def _rec_at_18(self, place: str) -> str:
        if place in FOSTER:
            return pick(
                self.rng, {"E17": 40.0, "E5": 25.0, "E13": 15.0, "E8": 10.0, "E4A": 5.0, "E6": 5.0}
            )
        if place in ("H5", "P2"):
            return pick(self.rng, {"E5": 55.0, "E6": 25.0, "E8": 15.0, "E13": 5.0})
        return pick(self.rng, {"E5": 40.0, "E7": 15.0, "E13": 20.0, "E8": 15.0, "E4A": 10.0})

    def period(self, child: Child, start: date, pathway: str) -> Period:
        """Plan one period of care: legal statuses, placements, end date and reason."""
        rng, c = self.rng, self.c
        age = age_on(child.dob, start)
        eighteen = birthday(child.dob, 18)
        home_post = "" if child.uasc else c.postcode(chance(rng, 0.93))
        cin = "N8" if pathway == "uasc" else "N6" if pathway == "yj" else pick(rng, CIN)
        ls: Timeline
        pl: PlaceTimeline
        rec: str
        if pathway == "brief":
            first = pick(
                rng, {"L1": 35.0, "L2": 15.0, "V2": 40.0, "J2": 10.0 if age >= 10 else 0.0}
            )
            days = {
                "L1": uni(rng, 1, 12),
                "L2": uni(rng, 2, 8),
                "V2": uni(rng, 1, 20),
                "J2": uni(rng, 1, 2),
            }[first]
            end = start + timedelta(days=days)
            ls = [(start, first)]
            if first == "L1" and days > 3:
                ls.append((start + timedelta(days=uni(rng, 1, 3)), "V2"))
            place = "K2" if age >= 12 and chance(rng, 0.35) else pick(rng, {"U6": 80.0, "U3": 20.0})
            pl = [(start, c.placement(place, start, home_post), "")]
            rec = (
                pick(rng, {"E8": 50.0, "E13": 50.0})
                if first == "J2"
                else pick(rng, {"E13": 35.0, "E4A": 35.0, "E4B": 15.0, "E8": 15.0})
            )
        elif pathway == "short":
            end = start + timedelta(days=uni(rng, 25, 240))
            kind = pick(rng, {"V2": 75.0, "EV": 10.0, "C1": 15.0})
            ls = (
                [(start, "V2")]
                if kind == "V2"
                else [(start, "C1")]
                if kind == "C1"
                else [
                    (start, pick(rng, {"L1": 60.0, "L2": 40.0})),
                    (start + timedelta(days=uni(rng, 1, 8)), "V2"),
                ]
            )
            pl = self._random_moves(
                child,
                start,
                end,
                c.placement(c.first_place(age, pathway), start, home_post),
                home_post,
            )
            rec = pick(
                rng,
                {
                    "E4A": 55.0,
                    "E13": 18.0,
                    "E4B": 10.0,
                    "E8": 10.0,
                    "E3": 4.0,
                    "E16": 1.0,
                    "E41": 2.0 if kind == "C1" else 0.0,
                },
            )
        elif pathway in ("home", "sgo"):
            dur = uni(rng, 240, 1100) if pathway == "home" else uni(rng, 270, 900)
            end = start + timedelta(days=dur)
            ls = self._care_order_ls(start, end, 0.15, 0.25)
            if pathway == "home" and ls[-1][1] in ("C1", "C2") and chance(rng, 0.55):
                p1 = end - timedelta(days=uni(rng, 90, max(91, min(700, dur - 60))))
                pl = self._random_moves(
                    child,
                    start,
                    p1,
                    c.placement(c.first_place(age, pathway), start, home_post),
                    home_post,
                )
                pl.append((p1, c.placement("P1", p1, home_post), "CARPL"))
                rec = pick(rng, {"E4A": 80.0, "E13": 20.0})
            elif pathway == "home":
                pl = self._random_moves(
                    child,
                    start,
                    end,
                    c.placement(c.first_place(age, pathway), start, home_post),
                    home_post,
                )
                rec = pick(rng, {"E4A": 60.0, "E13": 20.0, "E41": 12.0, "E3": 3.0, "E4B": 5.0})
            else:
                if chance(rng, 0.5):
                    pl = [(start, c.placement("U3", start, home_post), "")]
                else:
                    kin = start + timedelta(days=int(dur * rng.uniform(0.25, 0.5)))
                    pl = self._random_moves(
                        child,
                        start,
                        kin,
                        c.placement(c.first_place(age, pathway), start, home_post),
                        home_post,
                    )
                    pl.append((kin, c.placement("U3", kin, home_post), "CARPL"))
                last = pl[-1][1].place
                rec = (
                    pick(rng, {"E45": 85.0, "E47": 15.0})
                    if last in ("U1", "U3")
                    else pick(rng, {"E46": 60.0, "E48": 40.0})
                )
        elif pathway == "adoption":
            if age < 1 and chance(rng, 0.05):  # relinquished baby, placed with consent
                place_date = start + timedelta(days=uni(rng, 20, 90))
                end = place_date + timedelta(days=uni(rng, 150, 300))
                ls = [(start, "V2")]
                pl = [
                    (start, c.placement("U6", start, home_post), ""),
                    (place_date, c.placement("A4", place_date, home_post), "CARPL"),
                ]
                rec = "E11"
            else:
                ls = self._care_order_ls(start, start + timedelta(days=3000), 0.1, 0.15)
                po = start + timedelta(days=uni(rng, 250, 500))
                ls = [(d, s) for d, s in ls if d < po - timedelta(days=20)] + [(po, "E1")]
                place_date = po + timedelta(days=uni(rng, 60, 330))
                carer = c.placement(c.first_place(age, pathway), start, home_post)
                if chance(
                    rng, 0.25
                ):  # no adopters found: stays in foster care on the placement order
                    end = po + timedelta(days=int(365 * (1.0 + rng.exponential(6.0))))
                    pl = self._random_moves(child, start, min(end, eighteen), carer, home_post)
                    rec = pick(rng, {"E46": 45.0, "E45": 25.0, "E41": 15.0, "E4A": 15.0})
                else:
                    end = place_date + timedelta(days=uni(rng, 120, 420))
                    pl = self._random_moves(child, start, place_date, carer, home_post, 0.6)
                    cur = pl[-1][1]
                    if cur.place in ("U5", "U6", "U4") and (cur.place == "U5" or chance(rng, 0.1)):
                        pl.append(
                            (place_date, Placement("A5", "PR1", "XXXXXXX", cur.post), "PLACE")
                        )
                    else:
                        pl.append((place_date, c.placement("A6", place_date, home_post), "CARPL"))
                    rec = pick(rng, {"E11": 60.0, "E12": 40.0})
        elif pathway == "uasc":
            kind = pick(rng, {"18": 85.0, "E15": 6.0, "E8": 5.0, "E3": 4.0})
            end = {
                "18": eighteen,
                "E15": start + timedelta(days=uni(rng, 20, 150)),
                "E8": start + timedelta(days=uni(rng, 30, 400)),
                "E3": start + timedelta(days=uni(rng, 5, 40)),
            }[kind]
            ls = [(start, "V2")]
            pl = self._random_moves(
                child,
                start,
                min(end, eighteen),
                c.placement(c.first_place(age, pathway), start, home_post),
                home_post,
                0.8,
            )
            sixteen = birthday(child.dob, 16) + timedelta(days=uni(rng, 60, 240))
            if (
                pl[-1][1].place == "U6"
                and pl[-1][0] < sixteen < end - timedelta(days=60)
                and chance(rng, 0.4)
            ):
                pl.append(
                    (
                        sixteen,
                        c.placement(pick(rng, {"H5": 75.0, "P2": 25.0}), sixteen, home_post),
                        "CARPL",
                    )
                )
            rec = kind if kind != "18" else ""
        elif pathway == "yj":
            if chance(rng, 0.85):
                ls = [(start, "J1")]
                end = start + timedelta(days=uni(rng, 10, 150))
                place = pick(rng, {"K1": 30.0, "R5": 25.0, "U6": 25.0, "K2": 20.0})
                rec = pick(rng, {"E14": 50.0, "E9": 30.0, "E13": 20.0})
            else:
                ls = [(start, "J3")]
                end = start + timedelta(days=uni(rng, 90, 240))
                place = pick(rng, {"K2": 60.0, "U6": 40.0})
                rec = pick(rng, {"E13": 60.0, "E4A": 30.0, "E8": 10.0})
            pl = [(start, c.placement(place, start, home_post), "")]
        else:  # long
            end = start + timedelta(days=int(365 * (1.0 + rng.exponential(7.0))))
            if age >= 12 and chance(rng, 0.4):
                ls = [(start, "V2")]
            else:
                ls = self._care_order_ls(start, min(end, eighteen), 0.1, 0.2)
            stop = min(end, eighteen)
            pl = self._random_moves(
                child,
                start,
                stop,
                c.placement(c.first_place(age, pathway), start, home_post),
                home_post,
            )
            sixteen = birthday(child.dob, 16) + timedelta(days=uni(rng, 120, 420))
            if (
                pl[-1][1].place not in ("H5", "P2")
                and pl[-1][0] < sixteen < stop - timedelta(days=60)
                and chance(rng, 0.3)
            ):
                pl.append(
                    (
                        sixteen,
                        c.placement(pick(rng, {"H5": 75.0, "P2": 25.0}), sixteen, home_post),
                        "CARPL",
                    )
                )
            if (
                end < eighteen and ls[-1][1] == "C2" and chance(rng, 0.2)
            ):  # home on a care order first
                p1 = end - timedelta(days=uni(rng, 180, 720))
                if p1 > start + timedelta(days=365) and p1 > pl[-1][0]:
                    pl.append((p1, c.placement("P1", p1, home_post), "CARPL"))
            if end < eighteen and pl[-1][1].place == "P1":
                rec = pick(rng, {"E4A": 70.0, "E13": 30.0})
            elif end < eighteen:
                end_age = age_on(child.dob, end)
                rec = pick(
                    rng,
                    {
                        "E45": 12.0,
                        "E46": 13.0,
                        "E41": 10.0,
                        "E4A": 30.0,
                        "E13": 15.0,
                        "E3": 5.0,
                        "E8": 10.0,
                        "E9": 5.0 if end_age >= 14 else 0.0,
                    },
                )
            else:
                rec = ""
        if pathway in ("short", "home", "sgo", "long"):
            pl = self._move_with_order(child, ls, pl, min(end, eighteen), home_post)
        # the 18th birthday ends every period
        if end >= eighteen:
            end = eighteen
            rec = ""
        ls = [(d, s) for d, s in ls if d < end] or [(start, "V2")]
        pl = [(d, p, r) for d, p, r in pl if d < end]
        if not rec:
            rec = self._rec_at_18(pl[-1][1].place)
        period = Period(start=start, end=end, rec=rec, pathway=pathway)
        period.episodes = self._merge(period, ls, pl, cin, home_post)
        return period

    def _move_with_order(
        self, child: Child, ls: Timeline, pl: PlaceTimeline, end: date, home_post: str
    ) -> PlaceTimeline:
        """Some changes of legal status come with a move on the same day (RNE T)."""
        for d, _ in ls[1:]:
            later = [r for pd_, _, r in pl if pd_ > d]
            if (
                d < end - timedelta(days=14)
                and "PLACE" not in later
                and chance(self.rng, 0.2)
                and all(abs((d - pd_).days) > 21 for pd_, _, _ in pl)
            ):
                new = self.c.placement(self.c.next_place(age_on(child.dob, d)), d, home_post)
                pl = sorted(
                    [*pl, (d, new, pick(self.rng, {"CARPL": 70.0, "CREQB": 15.0, "OTHER": 15.0}))],
                    key=lambda x: x[0],
                )
        return pl

    @staticmethod
    def _merge(
        period: Period, ls: Timeline, pl: PlaceTimeline, cin: str, home_post: str
    ) -> list[Episode]:
        ls_at = dict(ls)
        pl_at = {d: (p, r) for d, p, r in pl}
        dates = sorted(set(ls_at) | set(pl_at))
        eps: list[Episode] = []
        cur_ls, cur_pl = ls[0][1], pl[0][1]
        for i, d in enumerate(dates):
            new_ls = ls_at.get(d, cur_ls)
            new_pl, reason = pl_at.get(d, (cur_pl, ""))
            ls_changed, pl_changed = i > 0 and new_ls != cur_ls, i > 0 and new_pl != cur_pl
            if i > 0 and not ls_changed and not pl_changed:
                continue
            rne = (
                "S" if i == 0 else "T" if ls_changed and pl_changed else "L" if ls_changed else "P"
            )
            if eps:
                eps[-1].dec, eps[-1].rec = d, "X1"
            eps.append(
                Episode(
                    decom=d,
                    dec=period.end,
                    rne=rne,
                    ls=new_ls,
                    cin=cin,
                    placement=new_pl,
                    rec=period.rec,
                    reason=reason if rne in ("P", "T") else "",
                    home_post=home_post,
                )
            )
            cur_ls, cur_pl = new_ls, new_pl
        return eps


# ---------------------------------------------------------------------------------------------
# Population
# ---------------------------------------------------------------------------------------------


class Population:
    """All the children: each child draws from its own random stream, so that changing one
    distribution does not reshuffle everybody else."""

    def __init__(self, seed: int, scale: float = 1.0) -> None:
        self.seed = seed
        self.scale = scale
        self.rng = self.stream(0)
        self.council = Council(self.rng)
        self.builder = CareBuilder(self.rng, self.council)
        self._ids = [str(x) for x in self.rng.choice(700000, size=8000, replace=False) + 100000]
        self._next_id = 0
        self.children: list[Child] = []

    def stream(self, *key: int) -> np.random.Generator:
        return np.random.default_rng(np.random.SeedSequence(self.seed, spawn_key=key))

    def _use(self, rng: np.random.Generator) -> None:
        self.council.rng = rng
        self.builder.rng = rng

    def _new_child(self, rng: np.random.Generator, dob: date, sex: str, uasc: bool) -> Child:
        child_id = self._ids[self._next_id]
        self._next_id += 1
        upn = f"{UPN_LETTERS[uni(rng, 0, len(UPN_LETTERS) - 1)]}999{uni(rng, 0, 999999999):09d}"
        child = Child(
            child_id=child_id,
            sex=sex,
            dob=dob,
            ethnic=pick(rng, ETHNIC_UASC if uasc else ETHNIC),
            upn=upn,
            uasc=uasc,
            pn_young=pick(rng, PN_YOUNG),
            pn_older=pick(rng, PN_OLDER),
        )
        self.children.append(child)
        return child

    def generate_looked_after(self) -> None:
        for fy in range(SIM_START.year, LAST_YEAR):
            trend = 1.0 + STARTERS_TREND * (fy - LAST_YEAR + 1)
            n = round(STARTERS * self.scale * trend * float(np.exp(self.rng.normal(0.0, 0.07))))
            year_days = (date(fy + 1, 4, 1) - date(fy, 4, 1)).days
            for i in range(n):
                rng = self.stream(1, fy, i)
                self._use(rng)
                start = date(fy, 4, 1) + timedelta(days=uni(rng, 0, year_days - 1))
                uasc = chance(rng, 0.0 if fy < 2014 else 0.08 if fy < 2021 else 0.14)
                if uasc:
                    age_y = int(rng.choice([14, 15, 16, 17], p=[0.07, 0.15, 0.38, 0.40]))
                    age_d = age_y * 365 + uni(rng, 0, 364)
                    sex = "M" if chance(rng, 0.92) else "F"
                    pathway = "uasc"
                else:
                    band = pick(rng, ENTRY_AGE)
                    lo, hi = {
                        "0": (0, 364),
                        "1-4": (365, 5 * 365 - 1),
                        "5-9": (5 * 365, 10 * 365 - 1),
                        "10-15": (10 * 365, 16 * 365 - 1),
                        "16-17": (16 * 365, 18 * 365 - 30),
                    }[band]
                    age_d = (
                        uni(rng, 0, 6) if band == "0" and chance(rng, 0.45) else uni(rng, lo, hi)
                    )
                    sex = "M" if chance(rng, 0.53) else "F"
                    pathway = pick(rng, PATHWAYS[band])
                dob = start - timedelta(days=age_d)
                if age_on(dob, start) >= 18:
                    dob = dob + timedelta(days=10)
                child = self._new_child(rng, dob, sex, uasc)
                period = self.builder.period(child, start, pathway)
                child.periods.append(period)
                self._maybe_return(rng, child, period)
        # keep only children whose care touches the window
        self.children = [
            ch for ch in self.children if any(p.end >= WINDOW_START for p in ch.periods)
        ]
        for ch in self.children:
            ch.periods = [p for p in ch.periods if p.end >= WINDOW_START and p.start <= WINDOW_END]

    def _maybe_return(self, rng: np.random.Generator, child: Child, period: Period) -> None:
        while period.rec in ("E4A", "E4B", "E13", "E8") and chance(rng, 0.2):
            start = period.end + timedelta(days=uni(rng, 30, 730))
            age = age_on(child.dob, start)
            if age >= 17 or start > WINDOW_END:
                return
            band = (
                "0"
                if age < 1
                else "1-4"
                if age < 5
                else "5-9"
                if age < 10
                else "10-15"
                if age < 16
                else "16-17"
            )
            options = {k: v for k, v in PATHWAYS[band].items() if k != "adoption"}
            period = self.builder.period(child, start, pick(rng, options))
            child.periods.append(period)

    def generate_short_breaks(self) -> None:
        c = self.council
        for fy in range(2014, LAST_YEAR):
            for i in range(int(self.rng.poisson(SHORT_BREAK_STARTS * self.scale))):
                rng = self.stream(2, fy, i)
                self._use(rng)
                first = date(fy, 4, 1) + timedelta(days=uni(rng, 0, 364))
                age_d = uni(rng, 5 * 365, 15 * 365)
                dob = first - timedelta(days=age_d)
                last = min(
                    first + timedelta(days=uni(rng, 365, 5 * 365)),
                    birthday(dob, 18) - timedelta(days=1),
                )
                if last < WINDOW_START:
                    continue
                child = self._new_child(rng, dob, "M" if chance(rng, 0.62) else "F", False)
                child.short_break = True
                home_post = c.postcode(True)
                cin = "N2" if chance(rng, 0.85) else pick(rng, {"N3": 50.0, "N4": 50.0})
                if chance(rng, 0.6):
                    urn, post = c.sb_unit
                    carer = Placement("K2", "PR1", urn, post)
                else:
                    carer = Placement("U6", "PR1", c.la_fostering, c.postcode(True))
                if chance(rng, 0.55):  # V3: every stay is an episode
                    t = first
                    while t < last:
                        nights = uni(rng, 1, 3) if chance(rng, 0.9) else uni(rng, 4, 7)
                        stay_end = t + timedelta(days=nights)
                        p = Period(start=t, end=stay_end, rec="E8", pathway="short_break")
                        p.episodes = [
                            Episode(t, stay_end, "S", "V3", cin, carer, "E8", "", home_post)
                        ]
                        child.periods.append(p)
                        t = stay_end + timedelta(days=max(5, int(rng.exponential(22.0))))
                else:  # V4: one episode per agreement
                    t = first
                    whole = chance(rng, 0.5)
                    while t < last:
                        agr_end = (
                            last if whole else min(last, add_months(t, 12) - timedelta(days=1))
                        )
                        p = Period(start=t, end=agr_end, rec="E8", pathway="short_break")
                        p.episodes = [
                            Episode(t, agr_end, "S", "V4", cin, carer, "E8", "", home_post)
                        ]
                        child.periods.append(p)
                        t = agr_end + timedelta(days=1)
                child.periods = [
                    p for p in child.periods if p.end >= WINDOW_START and p.start <= WINDOW_END
                ]
                if not child.periods:
                    self.children.pop()

    def add_mothers(self) -> None:
        for ch in self.children:
            if ch.sex != "F" or ch.short_break:
                continue
            rng = self.stream(3, int(ch.child_id))
            for p in ch.periods:
                lo = max(p.start, birthday(ch.dob, 15), WINDOW_START)
                hi = min(p.end, WINDOW_END)
                if (hi - lo).days > 90 and chance(rng, 0.02):
                    ch.baby_dob = lo + timedelta(days=uni(rng, 30, (hi - lo).days))
                    break

    def leap_day_births(self) -> None:
        """Give a child born near 29 Feb 2008 / 2012 / 2020 that exact birthday."""
        for leap in (date(2008, 2, 29), date(2012, 2, 29), date(2020, 2, 29)):
            cands = [
                ch
                for ch in self.children
                if not ch.short_break
                and abs((ch.dob - leap).days) <= 150
                and all(p.start >= leap for p in ch.periods)
                and any(p.end > date(2024, 3, 1) for p in ch.periods)
            ]
            if cands:
                min(cands, key=lambda ch: (abs((ch.dob - leap).days), ch.child_id)).dob = leap


# ---------------------------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------------------------


def schedule_reviews(rng: np.random.Generator, period: Period) -> list[date]:
    """Draw actual review dates for one period of care following the England schedule."""
    adoptions = period.adoption_placements()
    out: list[date] = []
    last_event = period.start
    due = add_wd(period.start, 20)
    since_reset = 0
    while True:
        if adoptions and adoptions[0] <= due:
            last_event = adoptions.pop(0)
            due = last_event + timedelta(days=28)
            since_reset = 0
        floor = last_event + timedelta(days=10 if since_reset == 0 else 28)
        r = rng.random()
        if r < 0.10:
            actual = wd_forward(due + timedelta(days=uni(rng, 1, 30)))
        elif r < 0.13 and since_reset > 0:
            actual = wd_back(due - timedelta(days=uni(rng, 30, max(31, (due - floor).days))))
        else:
            actual = wd_back(due - timedelta(days=uni(rng, 0, 20)))
        if actual < floor:
            actual = wd_forward(floor)
        if adoptions and adoptions[0] < actual:
            # placed for adoption before this review was held: the schedule restarts
            last_event = adoptions.pop(0)
            due = last_event + timedelta(days=28)
            since_reset = 0
            continue
        if actual > period.end or actual > WINDOW_END:
            return out
        out.append(actual)
        since_reset += 1
        last_event = actual
        due = add_months(actual, 3 if since_reset == 1 else 6)


def review_code(rng: np.random.Generator, child: Child, on: date) -> str:
    age = age_on(child.dob, on)
    if age < 4:
        return "PN0"
    young = age < 8
    if chance(rng, 0.6):
        return child.pn_young if young else child.pn_older
    return pick(rng, PN_YOUNG if young else PN_OLDER)


def nudge_fourth_birthday_review(children: list[Child]) -> None:
    """Move one review onto a 4th birthday (the PN0/PN1-7 boundary), when it stays valid."""
    for ch in sorted(children, key=lambda c: (c.dob != date(2020, 2, 29), c.child_id)):
        target = birthday(ch.dob, 4)
        if not WINDOW_START <= target <= WINDOW_END or not is_wd(target):
            continue
        for p in ch.periods:
            for i, r in enumerate(p.reviews):
                lo = p.reviews[i - 1] if i else p.start
                hi = p.reviews[i + 1] if i + 1 < len(p.reviews) else p.end
                if 0 < abs((r - target).days) <= 10 and lo < target < hi and target <= p.end:
                    p.reviews[i] = target
                    return


# ---------------------------------------------------------------------------------------------
# IRO allocations
# ---------------------------------------------------------------------------------------------


@dataclass
class Allocation:
    child: str
    iro: str
    start: date
    end: date | None = None


class Allocator:
    """Day-by-day allocation of looked-after children to IROs, balancing caseload per FTE."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.team = IRO_TEAM
        self.fte = {i: f for i, f, _, _, _ in IRO_TEAM}
        self.loads: dict[str, dict[int, None]] = {i: {} for i, _, _, _, _ in IRO_TEAM}
        self.open: dict[int, Allocation] = {}
        self.rows: list[Allocation] = []

    def in_post(self, d: date, margin: int = 0) -> list[str]:
        return [
            i
            for i, _, s, e, _ in self.team
            if s <= d and (e is None or e >= d + timedelta(days=margin))
        ]

    def choose(self, d: date, exclude: str = "", prefer: str = "") -> str:
        cands = [i for i in self.in_post(d, 21) if i != exclude] or [
            i for i in self.in_post(d) if i != exclude
        ]
        if prefer in cands and chance(self.rng, 0.6):
            return prefer
        scores = [
            (len(self.loads[i]) + 1) / self.fte[i] * float(self.rng.uniform(0.92, 1.08))
            for i in cands
        ]
        return cands[int(np.argmin(scores))]

    def assign(self, key: int, child: str, iro: str, start: date) -> None:
        old = self.open.pop(key, None)
        if old is not None:
            old.end = start - timedelta(days=1)
            del self.loads[old.iro][key]
        alloc = Allocation(child, iro, start)
        self.rows.append(alloc)
        self.open[key] = alloc
        self.loads[iro][key] = None

    def release(self, key: int, end: date) -> None:
        alloc = self.open.pop(key)
        alloc.end = end
        del self.loads[alloc.iro][key]

    def run(self, periods: list[tuple[Child, Period]]) -> list[Allocation]:
        rng = self.rng
        starts: dict[date, list[int]] = {}
        ends: dict[date, list[int]] = {}
        last_iro: dict[str, str] = {}
        for key, (_ch, p) in enumerate(periods):
            if p.start < WINDOW_START:
                continue
            k = int(
                rng.choice(
                    [0, 1, 2, 3, 4, 5, 8, 12], p=[0.55, 0.12, 0.08, 0.07, 0.06, 0.04, 0.05, 0.03]
                )
            )
            alloc = max(p.start, add_wd(p.start, k))
            if alloc > min(p.end, WINDOW_END):
                alloc = p.start
            starts.setdefault(alloc, []).append(key)
        for key, (_ch, p) in enumerate(periods):
            ends.setdefault(p.end, []).append(key)
        # children already looked after on the first day: allocated at some earlier date
        for key, (ch, p) in enumerate(periods):
            if p.start < WINDOW_START:
                since = max(p.start, WINDOW_START - timedelta(days=uni(rng, 0, 1000)))
                cands = self.in_post(since) or self.in_post(WINDOW_START)
                iro = min(
                    cands,
                    key=lambda i: (
                        (len(self.loads[i]) + 1) / self.fte[i] * float(rng.uniform(0.9, 1.1))
                    ),
                )
                self.assign(key, ch.child_id, iro, since)
        d = WINDOW_START
        while d <= WINDOW_END:
            for i, _, s, e, _ in self.team:
                if s == d and d > WINDOW_START:  # a new IRO takes a share of the caseload
                    total = sum(len(v) for v in self.loads.values())
                    fte = sum(self.fte[j] for j in self.in_post(d))
                    target = int(total / fte * self.fte[i] * 0.85)
                    while len(self.loads[i]) < target:
                        donors = [j for j in self.in_post(d) if j != i and self.loads[j]]
                        donor = max(donors, key=lambda j: len(self.loads[j]) / self.fte[j])
                        keys = list(self.loads[donor])
                        key = keys[uni(rng, 0, len(keys) - 1)]
                        self.assign(key, periods[key][0].child_id, i, d)
                if e is not None and e == d - timedelta(days=1):  # a leaver's children move on
                    for key in sorted(self.loads[i]):
                        self.assign(key, periods[key][0].child_id, self.choose(d, exclude=i), d)
            for key in starts.get(d, []):
                ch = periods[key][0]
                iro = self.choose(d, prefer=last_iro.get(ch.child_id, ""))
                self.assign(key, ch.child_id, iro, d)
            # occasional changes of IRO for other reasons (conflict, rebalancing, request)
            n_change = int(rng.poisson(len(self.open) * 0.07 / 365))
            keys = sorted(self.open)
            for _ in range(n_change):
                key = keys[uni(rng, 0, len(keys) - 1)]
                if key in self.open and self.open[key].start < d:
                    self.assign(
                        key, periods[key][0].child_id, self.choose(d, exclude=self.open[key].iro), d
                    )
            for key in ends.get(d, []):
                if key in self.open:
                    last_iro[periods[key][0].child_id] = self.open[key].iro
                    self.release(key, d)
            d += timedelta(days=1)
        return self.rows


def iro_on(allocs: dict[str, list[Allocation]], child: str, d: date) -> str:
    rows = allocs.get(child, [])
    for a in rows:
        if a.start <= d and (a.end is None or a.end >= d):
            return a.iro
    later = [a for a in rows if a.start > d]
    return later[0].iro if later else rows[-1].iro if rows else "IRO01"


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def write_csv(path: Path, header: Sequence[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


HEADER_COLS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLS = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
]
REVIEW_COLS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
UASC_COLS = ["CHILD", "SEX", "DOB", "DUC"]


def write_903(dest: Path, children: list[Child], codes: dict[tuple[str, date], str]) -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        y_start, y_end = date(year - 1, 4, 1), date(year, 3, 31)
        episodes: list[tuple[str, date, list[str]]] = []
        reviews: list[tuple[str, date, list[str]]] = []
        in_year: dict[str, Child] = {}
        for ch in children:
            for p in ch.periods:
                for ep in p.episodes:
                    if ep.decom > y_end or ep.dec < y_start:
                        continue
                    closed = ep.dec <= y_end
                    pl = ep.placement
                    episodes.append(
                        (
                            ch.child_id,
                            ep.decom,
                            [
                                ch.child_id,
                                fmt(ep.decom),
                                ep.rne,
                                ep.ls,
                                ep.cin,
                                pl.place,
                                pl.provider,
                                fmt(ep.dec) if closed else "",
                                ep.rec if closed else "",
                                ep.reason,
                                ep.home_post,
                                pl.post,
                                pl.urn,
                            ],
                        )
                    )
                    in_year[ch.child_id] = ch
                for r in p.reviews:
                    if y_start <= r <= y_end:
                        reviews.append(
                            (
                                ch.child_id,
                                r,
                                [ch.child_id, fmt(ch.dob), fmt(r), codes[(ch.child_id, r)]],
                            )
                        )
                        in_year[ch.child_id] = ch
        header: list[list[str]] = []
        uasc: list[list[str]] = []
        for cid in sorted(in_year):
            ch = in_year[cid]
            sex = ch.sex if year >= SEX_LETTERS_FROM else {"M": "1", "F": "2"}[ch.sex]
            age = age_on(ch.dob, y_end)
            mother = mc_dob = ""
            if ch.sex == "F" and age >= 12:
                is_mother = ch.baby_dob is not None and ch.baby_dob <= y_end
                mother = "1" if is_mother else "0"
                mc_dob = fmt(ch.baby_dob) if is_mother else ""
            upn = "UN1" if age < 5 else ch.upn
            if ch.uasc and ch.periods[0].start > date(year - 2, 3, 31):
                upn = "UN2"
            header.append([cid, sex, fmt(ch.dob), ch.ethnic, upn, mother, mc_dob])
            if ch.uasc:
                duc = min([birthday(ch.dob, 18), *(p.end for p in ch.periods if p.rec == "E15")])
                uasc.append([cid, sex, fmt(ch.dob), fmt(duc) if duc <= y_end else ""])
        folder = dest / "ssda903" / str(year)
        write_csv(folder / "header.csv", HEADER_COLS, header)
        write_csv(
            folder / "episodes.csv",
            EPISODE_COLS,
            [r for _, _, r in sorted(episodes, key=lambda x: x[:2])],
        )
        write_csv(
            folder / "reviews.csv",
            REVIEW_COLS,
            [r for _, _, r in sorted(reviews, key=lambda x: x[:2])],
        )
        write_csv(folder / "uasc.csv", UASC_COLS, uasc)


def looked_after_on(children: list[Child], d: date) -> list[tuple[Child, Period]]:
    return [
        (ch, p)
        for ch in children
        if not ch.short_break
        for p in ch.periods
        if p.start <= d <= p.end
    ]


def write_local(
    dest: Path, rng: np.random.Generator, children: list[Child], allocations: list[Allocation]
) -> None:
    local = dest / "local"
    write_csv(
        local / "iro_staff.csv",
        ["IRO_ID", "FTE", "START", "END", "AGENCY"],
        [[i, f"{f:.1f}", fmt(s), fmt(e), a] for i, f, s, e, a in IRO_TEAM],
    )
    allocs = sorted(allocations, key=lambda a: (a.child, a.start))
    write_csv(
        local / "iro_allocations.csv",
        ["CHILD", "IRO_ID", "START", "END"],
        [
            [
                a.child,
                a.iro,
                fmt(a.start),
                fmt(a.end if a.end is not None and a.end <= WINDOW_END else None),
            ]
            for a in allocs
        ],
    )
    by_child: dict[str, list[Allocation]] = {}
    for a in allocs:
        by_child.setdefault(a.child, []).append(a)
    cla = [ch for ch in children if not ch.short_break]

    # review extras and midway reviews
    extras: list[list[str]] = []
    midway: list[tuple[str, date, str]] = []
    extras_from = date(LAST_YEAR - 2, 4, 1)
    midway_rate = {LAST_YEAR - 3: 0.45, LAST_YEAR - 2: 0.6, LAST_YEAR - 1: 0.72}
    for ch in cla:
        for p in ch.periods:
            for r in p.reviews:
                if r >= extras_from and chance(rng, 0.97):
                    iro = iro_on(by_child, ch.child_id, r)
                    na = ch.uasc or p.rec in ("E11", "E12") or chance(rng, 0.08)
                    parent = "NA" if na else "Y" if chance(rng, 0.7) else "N"
                    seen = "Y" if chance(rng, 0.78 if iro == "IRO08" else 0.87) else "N"
                    extras.append([ch.child_id, fmt(r), iro, parent, seen])
            marks = [p.start, *p.reviews]
            nexts = [*p.reviews, min(p.end, add_months(marks[-1], 6))]
            for prev, nxt in zip(marks, nexts, strict=True):
                if (nxt - prev).days < 60:
                    continue
                mid = wd_back(prev + timedelta(days=(nxt - prev).days // 2 + uni(rng, -10, 10)))
                rate = midway_rate.get(fy_start(mid), 0.0)
                if mid <= min(p.end, WINDOW_END) and chance(rng, rate):
                    midway.append((ch.child_id, mid, iro_on(by_child, ch.child_id, mid)))
    write_csv(
        local / "review_extras.csv",
        ["CHILD", "REVIEW", "IRO_ID", "PARENT_PARTICIPATION", "SEEN_BEFORE"],
        extras,
    )
    write_csv(
        local / "midway_reviews.csv",
        ["CHILD", "DATE", "IRO_ID"],
        [[c, fmt(d), i] for c, d, i in sorted(midway)],
    )

    # escalations
    esc: list[tuple[date, str, list[str]]] = []
    for fy in range(LAST_YEAR - 3, LAST_YEAR):
        y0, y1 = date(fy, 4, 1), date(fy + 1, 3, 31)
        days = [y0 + timedelta(days=i) for i in range((y1 - y0).days + 1)]
        days = [d for d in days if is_wd(d)]
        for kind, n in (("CONCERN", int(rng.poisson(75))), ("GOOD_PRACTICE", int(rng.poisson(30)))):
            for _ in range(n):
                raised = days[uni(rng, 0, len(days) - 1)]
                pool = looked_after_on(children, raised)
                ch, _p = pool[uni(rng, 0, len(pool) - 1)]
                iro = iro_on(by_child, ch.child_id, raised)
                theme = pick(rng, THEMES)
                resolved: date | None
                if kind == "GOOD_PRACTICE":
                    stage, resolved, outcome, cafcass = "INFORMAL", raised, "RESOLVED", "N"
                else:
                    stage = pick(
                        rng,
                        {
                            "INFORMAL": 70.0,
                            "STAGE1": 16.0,
                            "STAGE2": 8.0,
                            "STAGE3": 4.0,
                            "STAGE4": 2.0,
                        },
                    )
                    lo, hi = {
                        "INFORMAL": (3, 28),
                        "STAGE1": (10, 35),
                        "STAGE2": (18, 60),
                        "STAGE3": (28, 90),
                        "STAGE4": (40, 120),
                    }[stage]
                    if chance(rng, 0.04):  # drags on, e.g. while a court or another agency acts
                        lo, hi = 60, 150
                    resolved = add_wd(raised, uni(rng, lo, hi))
                    outcome = pick(
                        rng,
                        {"RESOLVED": 75.0, "PARTIAL": 12.0, "UNRESOLVED": 5.0, "WITHDRAWN": 8.0},
                    )
                    # the last resort: a referral to Cafcass when the final stage fails
                    final = stage == "STAGE4" or (stage == "STAGE3" and outcome == "UNRESOLVED")
                    cafcass = "Y" if final and chance(rng, 0.6) else "N"
                    if resolved is not None and resolved > WINDOW_END:
                        resolved, outcome = None, ""
                esc.append(
                    (
                        raised,
                        ch.child_id,
                        [
                            ch.child_id,
                            iro,
                            kind,
                            fmt(raised),
                            theme,
                            stage,
                            fmt(resolved),
                            outcome,
                            cafcass,
                        ],
                    )
                )
    esc.sort(key=lambda x: (x[0], x[1], x[2][2]))
    write_csv(
        local / "escalations.csv",
        [
            "ESCALATION_ID",
            "CHILD",
            "IRO_ID",
            "KIND",
            "RAISED",
            "THEME",
            "STAGE_REACHED",
            "RESOLVED",
            "OUTCOME",
            "CAFCASS",
        ],
        [[f"ESC{n:04d}", *row] for n, (_, _, row) in enumerate(esc, start=1)],
    )

    write_feedback(local, rng, cla)


# Why reviews were late (LATE_REASON codes, as config.yaml lists them; XX is not listed) and
# how many working days the review record took (issue 12: reviews in detail).
LATE_REASONS = {"SW": 30.0, "CHILD": 22.0, "IRO": 14.0, "ADMIN": 12.0, "CRT": 6.0, "XX": 2.0}
RECORD_DAYS = {"5": 30.0, "10": 28.0, "15": 20.0, "20": 10.0, "30": 8.0, "45": 4.0}


def add_review_detail(local: Path, children: list[Child], seed: int) -> None:
    """Add LATE_REASON and RECORD_DATE to review_extras.csv (its own random stream, so the
    rest of the sample is unchanged). A review held after its due date (first 20 working days
    after the start, then 3 months, then 6 months; adoption restarts ignored) gets a reason
    most of the time; most records are completed within 20 working days."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(12, 3)))
    late: set[tuple[str, str]] = set()
    for ch in children:
        for p in ch.periods:
            due = add_wd(p.start, 20)
            for i, r in enumerate(p.reviews):
                if r > due:
                    late.add((ch.child_id, fmt(r)))
                due = add_months(r, 3 if i == 0 else 6)
    path = local / "review_extras.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = []
    for row in rows[1:]:
        reviewed = date(int(row[1][6:]), int(row[1][3:5]), int(row[1][:2]))
        reason = ""
        if (row[0], row[1]) in late and chance(rng, 0.85):
            reason = pick(rng, LATE_REASONS)
        days = int(pick(rng, RECORD_DAYS)) + uni(rng, -2, 2)
        record = "" if chance(rng, 0.04) else fmt(add_wd(reviewed, max(days, 1)))
        out.append([*row, reason, record])
    write_csv(path, [*rows[0], "LATE_REASON", "RECORD_DATE"], out)


# The service each concern was raised with (RAISED_WITH codes as config.yaml lists them) and
# how the formal stages were dated (issue 12 item 6: disputes in detail).
RAISED_WITH = {
    "SWT": 46.0,
    "FOST": 12.0,
    "PLAC": 12.0,
    "LEGAL": 6.0,
    "HEALTH": 10.0,
    "EDU": 8.0,
    "LC": 5.0,
}


def add_escalation_detail(local: Path, seed: int) -> None:
    """Add RAISED_WITH, STAGE1_DATE-STAGE4_DATE and LEGAL_ADVICE to escalations.csv (its own
    random stream, so the rest of the sample is unchanged). A concern that reached formal stage
    n gets a date for each stage it went through, spread between RAISED and RESOLVED (now and
    then a stage is skipped); a few go to legal advice, most of them at the later stages."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(12, 6)))
    path = local / "escalations.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    head = rows[0]
    at = {name: i for i, name in enumerate(head)}
    out = []
    for row in rows[1:]:
        kind, stage = row[at["KIND"]], row[at["STAGE_REACHED"]]
        raised = _dmy(row[at["RAISED"]])
        resolved = _dmy(row[at["RESOLVED"]]) if row[at["RESOLVED"]] else None
        dates = [""] * 4
        service, legal = "", ""
        if kind == "CONCERN":
            service = "" if chance(rng, 0.03) else pick(rng, RAISED_WITH)
            formal = int(stage[-1]) if stage.startswith("STAGE") else 0
            legal = "Y" if chance(rng, 0.02 + 0.08 * formal) else "N"
            last = resolved or min(WINDOW_END, add_wd(raised, 60))
            span = max(wd_count(raised, last), formal + 1)
            day = raised
            for n in range(1, formal + 1):
                # each stage takes its share of the time; stage 1 skipped now and then
                step = max(1, span // (formal + 1) + uni(rng, -2, 2))
                day = min(add_wd(day, step), last)
                if n == 1 and formal > 1 and chance(rng, 0.1):
                    continue
                dates[n - 1] = fmt(day)
        out.append([*row, service, *dates, legal])
    write_csv(
        path, [*head, "RAISED_WITH", *(f"STAGE{n}_DATE" for n in range(1, 5)), "LEGAL_ADVICE"], out
    )


def _dmy(text: str) -> date:
    return date(int(text[6:]), int(text[3:5]), int(text[:2]))


def wd_count(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        n += is_wd(day)
    return n


def write_contacts(
    local: Path, children: list[Child], allocations: list[Allocation], seed: int
) -> None:
    """iro_contacts.csv and child_support.csv (issue 12 item 4), from 2022-23 on, each from its
    own random stream. Before most reviews the IRO visits or calls the child (BEFORE_REVIEW Y);
    between reviews more children each year are visited or called. Some children are referred
    for advocacy each year, older ones more often; a few are matched with an independent
    visitor for a year or two."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(12, 4)))
    by_child: dict[str, list[Allocation]] = {}
    for a in sorted(allocations, key=lambda a: (a.child, a.start)):
        by_child.setdefault(a.child, []).append(a)
    # mostly as the IRO recorded it for the review (SEEN_BEFORE), now and then not logged
    extras = list(csv.reader(io.StringIO((local / "review_extras.csv").read_text("utf-8"))))
    seen = {(row[0], row[1]): row[4] for row in extras[1:]}
    odds = {"Y": 0.95, "N": 0.03}
    first = date(LAST_YEAR - 3, 4, 1)
    between_rate = {LAST_YEAR - 3: 0.35, LAST_YEAR - 2: 0.45, LAST_YEAR - 1: 0.55}
    contacts: list[tuple[str, date, str, str, str]] = []
    support: list[tuple[str, str, date, date | None]] = []
    for ch in children:
        if ch.short_break:
            continue
        for p in ch.periods:
            end = min(p.end, WINDOW_END)
            if end < first:
                continue
            marks = [p.start, *p.reviews]
            for prev, r in zip(marks, p.reviews, strict=False):
                said = seen.get((ch.child_id, fmt(r)), "")
                if first <= r <= WINDOW_END and chance(rng, odds.get(said, 0.84)):
                    day = max(
                        prev + timedelta(days=1),
                        first,
                        wd_back(r - timedelta(days=uni(rng, 3, 20))),
                    )
                    kind = "VISIT" if chance(rng, 0.7) else "CONTACT"
                    contacts.append(
                        (ch.child_id, day, iro_on(by_child, ch.child_id, day), kind, "Y")
                    )
            for prev, nxt in zip(marks, [*p.reviews, end], strict=True):
                if (nxt - prev).days < 50:
                    continue
                mid = wd_back(prev + timedelta(days=(nxt - prev).days // 2 + uni(rng, -15, 15)))
                if first <= mid <= end and chance(rng, between_rate.get(fy_start(mid), 0.0)):
                    kind = "VISIT" if chance(rng, 0.45) else "CONTACT"
                    contacts.append(
                        (ch.child_id, mid, iro_on(by_child, ch.child_id, mid), kind, "N")
                    )
            for fy in range(LAST_YEAR - 3, LAST_YEAR):
                y0, y1 = max(date(fy, 4, 1), p.start), min(date(fy + 1, 3, 31), end)
                if y0 > y1:
                    continue
                older = age_on(ch.dob, y0) >= 10
                if chance(rng, 0.09 if older else 0.03):
                    day = y0 + timedelta(days=uni(rng, 0, (y1 - y0).days))
                    support.append((ch.child_id, "ADVOCACY_REFERRAL", day, None))
                if older and chance(rng, 0.035):
                    day = y0 + timedelta(days=uni(rng, 0, (y1 - y0).days))
                    stop = day + timedelta(days=uni(rng, 200, 800))
                    support.append((ch.child_id, "IV_MATCH", day, stop if stop <= end else None))
    write_csv(
        local / "iro_contacts.csv",
        ["CHILD", "DATE", "IRO_ID", "KIND", "BEFORE_REVIEW"],
        [[c, fmt(d), i, k, b] for c, d, i, k, b in sorted(contacts)],
    )
    write_csv(
        local / "child_support.csv",
        ["CHILD", "KIND", "DATE", "END"],
        [
            [c, k, fmt(d), fmt(e)]
            for c, k, d, e in sorted(support, key=lambda r: (r[0], r[2], r[1]))
        ],
    )


def write_feedback(local: Path, rng: np.random.Generator, cla: list[Child]) -> None:
    responses: list[tuple[date, str, str, str, list[tuple[str, str]]]] = []

    def answers() -> list[tuple[str, str]]:
        return [(q, pick(rng, ANSWERS[q])) for q in QUESTIONS if chance(rng, 0.95)]

    for fy in range(LAST_YEAR - 2, LAST_YEAR):
        y0, y1 = date(fy, 4, 1), date(fy + 1, 3, 31)
        by_child: dict[str, list[date]] = {}
        for ch in cla:
            for p in ch.periods:
                for r in p.reviews:
                    if y0 <= r <= y1 and age_on(ch.dob, r) >= 6:
                        by_child.setdefault(ch.child_id, []).append(r)
        eligible = sorted(by_child)
        target = min(len(eligible), int(rng.normal(120, 8)))
        for idx in sorted(int(i) for i in rng.choice(len(eligible), size=target, replace=False)):
            cid = eligible[idx]
            dates = by_child[cid]
            picks = [dates[uni(rng, 0, len(dates) - 1)]]
            if len(dates) > 1 and chance(rng, 0.15):
                picks = sorted({*picks, dates[uni(rng, 0, len(dates) - 1)]})
            for r in picks:
                when = min(wd_forward(r + timedelta(days=uni(rng, 0, 10))), y1)
                momo = MOMO_SHARE.get(fy, 0.4) * 100
                source = pick(
                    rng,
                    {
                        "Review feedback form": 92.0 - momo,
                        "Mind of My Own app": momo,
                        "Survey": 8.0,
                    },
                )
                responses.append((when, source, "CHILD", cid, answers()))
        days = [
            y0 + timedelta(days=i)
            for i in range((y1 - y0).days + 1)
            if is_wd(y0 + timedelta(days=i))
        ]
        for who, mean in (("PARENT", 45.0), ("CARER", 55.0), ("PROFESSIONAL", 35.0)):
            for _ in range(int(rng.poisson(mean))):
                when = days[uni(rng, 0, len(days) - 1)]
                source = pick(rng, {"Review feedback form": 75.0, "Survey": 25.0})
                responses.append((when, source, who, "", answers()))
    responses.sort(key=lambda x: (x[0], x[2], x[3], x[1]))
    rows: list[list[str]] = []
    for n, (when, source, who, child, ans) in enumerate(responses, start=1):
        for q, a in ans:
            rows.append([f"FB{n:05d}", fmt(when), source, who, child, q, a])
    write_csv(
        local / "feedback.csv",
        ["RESPONSE_ID", "DATE", "SOURCE", "RESPONDENT", "CHILD", "QUESTION", "ANSWER"],
        rows,
    )


def write_cp(local: Path, rng: np.random.Generator) -> None:
    """Child protection conferences for a separate cohort (ids 800000-899999), from April 2019."""
    ids = [str(x) for x in rng.choice(100000, size=3000, replace=False) + 800000]
    nxt = 0
    rows: list[tuple[str, date, list[str]]] = []
    t0 = date(WINDOW_START.year - 1, 4, 1)
    days = [t0 + timedelta(days=i) for i in range((WINDOW_END - t0).days + 1)]
    days = [d for d in days if is_wd(d)]
    n_families = int(rng.poisson(88 * (len(days) / 253)))
    for _ in range(n_families):
        anchor = days[uni(rng, 0, len(days) - 1)]
        icpc = add_wd(anchor, uni(rng, 5, 15) if chance(rng, 0.8) else uni(rng, 16, 30))
        if icpc > WINDOW_END:
            continue
        size = int(rng.choice([1, 2, 3, 4], p=[0.55, 0.25, 0.13, 0.07]))
        kids = ids[nxt : nxt + size]
        nxt += size
        plan = chance(rng, 0.85)
        category = pick(rng, {"N": 50.0, "E": 36.0, "P": 7.0, "S": 5.0, "M": 2.0}) if plan else ""
        confs: list[tuple[str, date, str, str, str]] = [
            ("ICPC", icpc, fmt(anchor), category, "Y" if plan else "N")
        ]
        last, k = icpc, 0
        while plan:
            due = add_months(last, 3 if k == 0 else 6)
            held = (
                wd_forward(due + timedelta(days=uni(rng, 1, 20)))
                if chance(rng, 0.08)
                else wd_back(due - timedelta(days=uni(rng, 0, 14)))
            )
            if held > WINDOW_END:
                break
            k += 1
            plan = not chance(rng, [0.3, 0.45, 0.5, 0.6][min(k - 1, 3)])
            if plan and chance(rng, 0.05):
                category = pick(rng, {"N": 50.0, "E": 36.0, "P": 7.0, "S": 5.0, "M": 2.0})
            confs.append(("RCPC", held, "", category if plan else "", "Y" if plan else "N"))
            last = held
        for kid in kids:
            for typ, d, anc, cat, pl in confs:
                rows.append((kid, d, [kid, typ, fmt(d), anc, cat, pl]))
    rows.sort(key=lambda x: (x[0], x[1]))
    write_csv(
        local / "cp_conferences.csv",
        ["CHILD", "TYPE", "DATE", "ANCHOR_DATE", "CATEGORY", "PLAN"],
        [r for _, _, r in rows],
    )


# ---------------------------------------------------------------------------------------------
# Text: narrative, priorities, benchmarks
# ---------------------------------------------------------------------------------------------

NARRATIVE: dict[str, str] = {
    "introduction": """\
This year the service has focused on holding every review on time and on hearing more
directly from children about what their reviews are like.

During the year the council looked after {{ figures["cla.during_year"].value }} children at some
point. I am grateful to the children, families, carers and colleagues who took part in reviews
and told us what they thought of them.
""",
    "service": """\
The IRO service sits within the Quality Assurance team and is independent of the line management
of the children's cases. The team was stable for most of the year. One experienced IRO left in
October and we covered the post with an agency IRO from November, so that no child waited for a
new IRO. Caseloads remained at the upper end of the range the IRO Handbook suggests (50 to 70
children per full-time IRO), and reducing them is one of our priorities for next year.
""",
    "children": """\
At 31 March 2025 Exampleshire looked after {{ figures["cla.at_period_end"].value }} children,
compared with {{ figures["cla.at_period_end"].previous }} a year earlier.
{{ figures["cla.started"].value }} children started to be looked after during the year and
{{ figures["cla.ceased"].value }} stopped being looked after. Most children live with foster
carers; some older young people, including unaccompanied asylum-seeking children, live in
supported accommodation.
""",
    "reviews": """\
IROs chaired {{ figures["reviews.held"].value }} reviews during the year.
{{ figures["reviews.on_time"].pct }} of reviews were held on time, and
{{ figures["reviews.children_all_on_time"].pct }} of children had every review that was due in
the year on time. Most late reviews were moved at the request of the child or family, or because
of the availability of key professionals around the Christmas and Easter holidays. We track the
reasons for every late review each month.
""",
    "participation": """\
Children aged four and over took part in {{ figures["participation.participated"].pct }} of
their reviews, in person or by sharing their views in another way. IROs offer to meet children
in a place and at a time that suits them, and more young people now use the Mind of My Own app
to tell us what they think before their review.
""",
    "voice": """\
We asked children, parents, carers and professionals what they thought of their reviews, using
the review feedback form, the Mind of My Own app and our annual survey. Most children told us
that they felt listened to. Some said that meetings were too long and had too many people in
them, and we have changed how we plan reviews as a result.

> "My IRO always asks me what I want to talk about first and explains what the grown-ups
> decided in a way I understand." (a young person, aged 14)
""",
    "escalations": """\
IROs raise concerns when a child's plan drifts or their needs are not met. Most concerns were
resolved informally within a few weeks, through conversations with social workers and team
managers. A small number went through the formal stages of the dispute resolution process; an
IRO may also refer a child's case to Cafcass at any stage. IROs also sent good-practice alerts
to recognise work that made a real difference to children.

## Impact of IRO challenge

### Brothers back together
Two brothers had been placed apart in an emergency. Their IRO challenged the delay in the
sibling assessment at the informal stage; it was completed within a month and the brothers now
live together with the same foster carers.

### A plan for permanence
A young child's plan for adoption had drifted for six months. The IRO escalated to stage 2 and
the head of service agreed a timetable; the placement order application was made within
eight weeks.

### Help with school
A young person had been without a school place since moving placement. After the IRO raised
it with the virtual school, a place was found and a personal education plan agreed within
three weeks.
""",
    "contact": """\
IROs keep in touch with children between their reviews, by visiting them or by a call or video
call, and meet or speak with most children before each review so that the review starts from
what the child wants to say. {{ figures["contact.between_reviews"].pct }} of children looked
after had contact with their IRO between reviews this year. IROs make sure children know they
can have an advocate and, where a child would like one, ask for an independent visitor.
""",
    "quality": """\
IROs keep in touch with children between reviews. We increased the number of midway reviews this
year, so that IROs check that the actions agreed at the last review are being carried out. Most
children and young people met or spoke with their IRO before their review.
""",
    "child_protection": """\
IROs in Exampleshire also chair child protection conferences. Most initial conferences were held
within 15 working days of the strategy discussion, and review conferences were held on time in
nearly all cases. Where a conference was late, this was usually to allow key partners to attend.
""",
    "priorities": """\
We made good progress on most of last year's priorities. Next year we will focus on reducing
caseloads, increasing the number of reviews held on time, and making sure that children's views
shape their plans.
""",
}

# narrative/at_a_glance.md: the manager's three parts beside the figures that moved most.
GLANCE_NARRATIVE = """\
## What is working well

{{ figures["reviews.on_time"].pct }} of reviews were held on time, and
{{ figures["participation.participated"].pct }} of reviews of children aged 4 and over had
the child's participation. Children new to care are allocated an IRO quickly.

## What we are worried about

Caseloads remain at the top of the range the IRO Handbook suggests (the highest at 31 March
was {{ figures["iro.caseload_highest"].value }} children per full-time IRO), and
{{ figures["iro.vacant_fte"].value }} FTE of IRO posts were vacant. Too many children still
have three or more placements in a year.

## What we will do next

Recruit to the vacant posts, bring caseloads down to the middle of the range, and work with
social work teams so that review records are completed within 20 working days.
"""

PRIORITIES_YAML = """\
last_year:
  - title: Improve the timeliness of reviews
    status: partly
    commentary: >-
      Most reviews were held on time, but the share did not rise as much as we hoped; reviews
      around the Christmas and Easter holidays remain a challenge.
  - title: Help more children share their views through the Mind of My Own app
    status: achieved
    commentary: >-
      More children used the app to tell us what they thought of their review than in the
      year before.
  - title: Introduce midway reviews for every child
    status: partly
    commentary: >-
      Midway reviews are now routine for most children; we have not yet reached every child.
  - title: Recruit to every permanent IRO post
    status: not_achieved
    commentary: >-
      An IRO left in October and an agency IRO is covering the post while we recruit.
next_year:
  - title: Keep caseloads within the range the IRO Handbook suggests
    detail: Recruit to the vacant permanent post and review how cases are allocated.
  - title: Hold every review on time
    detail: Plan review dates around bank holidays and monitor late reviews each month.
  - title: Hear from more parents and carers
    detail: Offer the feedback form online and by text message after each review.
  - title: Strengthen the dispute resolution process
    detail: Report themes from escalations to the Corporate Parenting Panel every quarter.
"""

BENCHMARKS_YAML = """\
- figure: cla.at_period_end
  area: England
  nation: england
  year: "2023-24"
  value: 83630
  source: DfE, Children looked after in England including adoptions, 2024
- figure: cla.rate_per_10k
  area: England
  nation: england
  year: "2023-24"
  value: 70
  source: DfE, Children looked after in England including adoptions, 2024
"""


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------


def generate(dest: Path, seed: int = 20250331, scale: float = 1.0) -> None:
    """Write the whole synthetic sample council into dest (overwriting its known files).

    `scale` multiplies the children coming into care (1.0, the sample, has about 400 looked
    after at 31 March; 0.1 about 40): for testing smaller and larger councils.
    """
    dest = Path(dest)
    rng_rev, rng_alloc, rng_local, rng_cp, rng_codes = (
        np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(9, k))) for k in range(5)
    )

    pop = Population(seed, scale)
    pop.generate_looked_after()
    pop.generate_short_breaks()
    pop.add_mothers()
    pop.leap_day_births()
    children = sorted(pop.children, key=lambda c: c.child_id)

    for ch in children:
        for p in ch.periods:
            if not p.short_break:
                p.reviews = schedule_reviews(rng_rev, p)
    nudge_fourth_birthday_review(children)
    codes = {
        (ch.child_id, r): review_code(rng_codes, ch, r)
        for ch in children
        for p in ch.periods
        for r in p.reviews
    }

    cla_periods = [(ch, p) for ch in children if not ch.short_break for p in ch.periods]
    cla_periods.sort(key=lambda cp: (cp[1].start, cp[0].child_id))
    allocations = Allocator(rng_alloc).run(cla_periods)

    write_903(dest, children, codes)
    write_local(dest, rng_local, children, allocations)
    add_review_detail(dest / "local", children, seed)
    add_escalation_detail(dest / "local", seed)
    write_contacts(dest / "local", children, allocations, seed)
    write_cp(dest / "local", rng_cp)
    for key, text in NARRATIVE.items():
        write_text(dest / "narrative" / f"{key}.md", text)
    write_text(dest / "narrative" / "at_a_glance.md", GLANCE_NARRATIVE)
    write_text(dest / "priorities.yaml", PRIORITIES_YAML)
    write_text(dest / "benchmarks.yaml", BENCHMARKS_YAML)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m report.sample_data DEST_FOLDER")
    generate(Path(sys.argv[1]))
