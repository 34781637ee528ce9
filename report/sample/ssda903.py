"""The SSDA903 return, one folder a collection year: header, episodes, reviews, uasc."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from report.load.layouts import DFE_DERIVED, DFE_ORDER
from report.sample.dates import FIRST_YEAR, LAST_YEAR, age_on, birthday, fmt
from report.sample.files import write_csv
from report.sample.model import Child

SEX_LETTERS_FROM = 2025  # collection year from which SEX is M/F rather than 1/2
# The council's 903 export carries the items the DfE derives from the postcodes (PL_DISTANCE,
# PL_LA, PL_LOCATION) from this collection year (some exports do, most older ones do not).
DERIVED_FROM = 2024


HEADER_COLS = list(DFE_ORDER["header"])  # the DfE's column orders (load/layouts.py)
EPISODE_COLS = list(DFE_ORDER["episodes"])
DERIVED_COLS = list(DFE_DERIVED["episodes"])
REVIEW_COLS = list(DFE_ORDER["reviews"])
UASC_COLS = list(DFE_ORDER["uasc"])
# Made-up area codes of the fake postcode areas (XE is Exampleshire's own).
AREA_CODES = {"XE": "E99000001", "XF": "E99000002", "XG": "E99000003", "XH": "E99000004"}
AREA_CODES["XK"] = "E99000005"
# Made-up miles between the centres of the fake postcode areas, from XE.
AREA_MILES = {"XE": 0.0, "XF": 16.0, "XG": 27.0, "XH": 41.0, "XK": 63.0}


def derived_items(home_post: str, pl_post: str) -> list[str]:
    """PL_DISTANCE, PL_LA and PL_LOCATION as the DfE derives them from the two postcodes (here
    from the fake areas and districts, without drawing on the random stream); blank where
    a postcode is missing (an unaccompanied asylum-seeking child has no home postcode)."""
    if not pl_post:
        return ["", "", ""]
    area, district = pl_post[:2], int(pl_post.split()[0][2:])
    location = "IN" if area == "XE" else "OUT"
    if not home_post:
        return ["", AREA_CODES[area], location]
    home_area, home_district = home_post[:2], int(home_post.split()[0][2:])
    if area == home_area:
        miles = 0.6 + 1.7 * abs(district - home_district) + 0.1 * (ord(pl_post[-1]) % 7)
    else:
        miles = abs(AREA_MILES[area] - AREA_MILES[home_area]) or 12.0
        miles += 1.3 * district + 0.7 * home_district
    return [f"{miles:.1f}", AREA_CODES[area], location]


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
                                *(
                                    derived_items(ep.home_post, pl.post)
                                    if year >= DERIVED_FROM
                                    else []
                                ),
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
            EPISODE_COLS + (DERIVED_COLS if year >= DERIVED_FROM else []),
            [r for _, _, r in sorted(episodes, key=lambda x: x[:2])],
        )
        write_csv(
            folder / "reviews.csv",
            REVIEW_COLS,
            [r for _, _, r in sorted(reviews, key=lambda x: x[:2])],
        )
        write_csv(folder / "uasc.csv", UASC_COLS, uasc)
