"""The simulated children: a child's periods of care, their episodes and placements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from report.sample.weights import ADOPTION_PLACES


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
