"""The sample council's providers and postcodes, and the placements a child is given."""

from __future__ import annotations

from datetime import date

import numpy as np

from report.sample.draws import chance, pick, uni
from report.sample.model import Placement
from report.sample.weights import ADOPTION_PLACES, INWARD_LETTERS, P2_LAST_START


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
