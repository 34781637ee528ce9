"""SSDA903 code lists by collection year, and the DfE groupings used in the report."""

from __future__ import annotations

from report.i18n import N_

NOT_KNOWN = N_("Not known")

LEGAL_STATUS = frozenset(
    {"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"}
)
SHORT_BREAK = frozenset({"V3", "V4"})
RNE = frozenset({"S", "P", "L", "T", "B", "U"})
CIN = frozenset({f"N{i}" for i in range(1, 9)})
REC = frozenset(
    {
        "X1",
        "E11",
        "E12",
        "E13",
        "E14",
        "E15",
        "E16",
        "E17",
        "E2",
        "E3",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E4A",
        "E4B",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
    }
)
REVIEW_CODE = frozenset({f"PN{i}" for i in range(8)})
PL_LOCATION = frozenset({"IN", "OUT"})  # placed inside or outside the council's area (derived)
MAX_DISTANCE = 999.9  # PL_DISTANCE, miles: DfE validation rule 164
SEX_OLD = {"1": "M", "2": "F"}  # collections up to 2024
SEX_NEW = frozenset({"M", "F", "U"})  # from collection 2025 (2024-25)
ETHNIC_GROUPS: dict[str, tuple[str, ...]] = {
    N_("White"): ("WBRI", "WIRI", "WOTH", "WIRT", "WROM"),
    N_("Mixed"): ("MWBC", "MWBA", "MWAS", "MOTH"),
    N_("Asian"): ("AIND", "APKN", "ABAN", "AOTH", "CHNE"),
    N_("Black"): ("BCRB", "BAFR", "BOTH"),
    N_("Other"): ("OOTH",),
    N_("Refused or not obtained"): ("REFU", "NOBT"),
}
ETHNIC = frozenset(code for codes in ETHNIC_GROUPS.values() for code in codes)

_PLACE_BASE = frozenset(
    {
        "A3",
        "A4",
        "A5",
        "A6",
        "H5",
        "K1",
        "K2",
        "P1",
        "P2",
        "P3",
        "R1",
        "R2",
        "R3",
        "R5",
        "S1",
        "T0",
        "T1",
        "T2",
        "T3",
        "T4",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "Z1",
    }
)
# 2025-26 (collection 2026): H5, P2 and Z1 removed; K3 and Z11-Z14 added.
_PLACE_2026 = (_PLACE_BASE - {"H5", "P2", "Z1"}) | {"K3", "Z11", "Z12", "Z13", "Z14"}
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})

PLACEMENT_GROUPS: dict[str, tuple[str, ...]] = {
    N_("Foster placements"): ("U1", "U2", "U3", "U4", "U5", "U6"),
    N_("Placed for adoption"): ("A3", "A4", "A5", "A6"),
    N_("Placed with parents"): ("P1",),
    N_("Independent or supported living"): ("P2", "H5", "K3"),
    N_("Children's homes and secure units"): ("K1", "K2"),
    N_("Other residential settings"): ("R1", "R2", "R3", "R5", "S1", "P3"),
    N_("Temporary or other placements"): (
        "T0",
        "T1",
        "T2",
        "T3",
        "T4",
        "Z1",
        "Z11",
        "Z12",
        "Z13",
        "Z14",
    ),
}
LEGAL_GROUPS: dict[str, tuple[str, ...]] = {
    N_("Care orders"): ("C1", "C2"),
    N_("Placement order or freed for adoption"): ("D1", "E1"),
    N_("Voluntary agreements with parents"): ("V2",),
    N_("Youth justice legal statuses"): ("J1", "J2", "J3"),
    N_("Emergency and police protection"): ("L1", "L2", "L3"),
}
# V2 is accommodation by agreement: section 20 of the Children Act 1989 in England, section 76
# of the Social Services and Well-being (Wales) Act 2014 in Wales.
VOLUNTARY = {
    "england": N_("Voluntary agreements with parents (s20)"),
    "wales": N_("Voluntary agreements with parents (s76)"),
}


def legal_groups(nation: str) -> dict[str, tuple[str, ...]]:
    """The legal status groups with the nation's name for voluntary accommodation."""
    return {
        VOLUNTARY.get(nation, label) if codes == ("V2",) else label: codes
        for label, codes in LEGAL_GROUPS.items()
    }


AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    (N_("Under 1"), 0, 0),
    (N_("1 to 4"), 1, 4),
    (N_("5 to 9"), 5, 9),
    (N_("10 to 15"), 10, 15),
    (N_("16 and over"), 16, 200),
)
SEX_LABELS = {"M": N_("Male"), "F": N_("Female"), "U": N_("Not known or other")}


def placement_codes(collection_year: int) -> frozenset[str]:
    """PLACE codes valid in a collection year (P2 ended October 2023 but stays valid for
    older episodes until the 2025-26 list removes it)."""
    return _PLACE_2026 if collection_year >= 2026 else _PLACE_BASE


def group_of(code: str, groups: dict[str, tuple[str, ...]]) -> str:
    for label, codes in groups.items():
        if code in codes:
            return label
    return NOT_KNOWN
