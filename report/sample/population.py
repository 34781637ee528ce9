"""Every child of the sample: who comes into care, when, how often, and short breaks."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from report.sample.care import CareBuilder
from report.sample.council import Council
from report.sample.dates import (
    LAST_YEAR,
    SIM_START,
    WINDOW_END,
    WINDOW_START,
    add_months,
    age_on,
    birthday,
)
from report.sample.draws import chance, pick, uni
from report.sample.model import Child, Episode, Period, Placement
from report.sample.weights import (
    ENTRY_AGE,
    ETHNIC,
    ETHNIC_UASC,
    PATHWAYS,
    PN_OLDER,
    PN_YOUNG,
    SHORT_BREAK_STARTS,
    STARTERS,
    STARTERS_TREND,
    UPN_LETTERS,
)


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
