"""The DfE 903 table layouts, and which layout a table's columns match best."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from report.load import codes
from report.load.cells import Col

CodeList = Callable[[int], frozenset[str]]


def _fixed(values: frozenset[str]) -> CodeList:
    return lambda _year: values


def _sex_codes(year: int) -> frozenset[str]:
    return frozenset(codes.SEX_OLD) if year <= 2024 else codes.SEX_NEW


@dataclass(frozen=True)
class Layout:
    """A DfE table layout: `required` columns identify it; `columns` are the ones we use.

    `known` are the other columns of the DfE layout (they make a match exact); `needed` says
    whether the report uses the table at all: the others are recognised and left alone.
    """

    kind: str
    required: frozenset[str]
    columns: tuple[Col, ...] = ()
    known: frozenset[str] = field(default_factory=frozenset)
    needed: bool = True
    title: str = ""  # what the table holds, for messages

    @property
    def all_columns(self) -> frozenset[str]:
        return self.required | self.known | {c.name for c in self.columns}


NEEDED: tuple[Layout, ...] = (
    Layout(
        "episodes",
        frozenset({"CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"}),
        (
            Col("CHILD", "id", key=True),
            Col("DECOM", "date", key=True),
            Col("RNE", "code", codes=_fixed(codes.RNE)),
            Col("LS", "code", codes=_fixed(codes.LEGAL_STATUS)),
            Col("CIN", "code", codes=_fixed(codes.CIN), required=False),
            Col("PLACE", "code", codes=codes.placement_codes),
            Col("DEC", "date", required=False, key=True),
            Col("REC", "code", required=False, codes=_fixed(codes.REC)),
            # Items the DfE derives from the postcodes, in some councils' exports (optional;
            # the postcodes themselves are never read).
            Col(
                "PL_DISTANCE", "number", required=False, expected="a distance in miles, 0 to 999.9"
            ),
            Col("PL_LOCATION", "code", required=False, codes=_fixed(codes.PL_LOCATION)),
        ),
        frozenset(
            {"PLACE_PROVIDER", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN", "PL_LA"}
        ),
        title="episodes of care",
    ),
    Layout(
        "reviews",
        frozenset({"CHILD", "REVIEW", "REVIEW_CODE"}),
        (
            Col("CHILD", "id", key=True),
            Col("REVIEW", "date", key=True),
            Col("REVIEW_CODE", "code", codes=_fixed(codes.REVIEW_CODE)),
        ),
        frozenset({"DOB"}),
        title="reviews",
    ),
    Layout(
        "uasc",
        frozenset({"CHILD", "DUC"}),
        (
            Col("CHILD", "id", key=True),
            Col("DUC", "date", required=False),
        ),
        frozenset({"SEX", "DOB"}),
        title="unaccompanied asylum-seeking children",
    ),
    Layout(
        "header",
        frozenset({"CHILD", "SEX", "DOB", "ETHNIC"}),
        (
            Col("CHILD", "id", key=True),
            Col(
                "SEX",
                "code",
                codes=_sex_codes,
                expected="1 or 2 up to 2023-24; M, F or U from 2024-25",
            ),
            Col("DOB", "date", key=True),
            Col("ETHNIC", "code", codes=_fixed(codes.ETHNIC)),
        ),
        frozenset({"UPN", "MOTHER", "MC_DOB"}),
        title="children (header)",
    ),
)

# The DfE's column order of each 903 table the report reads: the same columns as the layouts
# above (tests/unit/load/test_layouts_order.py checks it), in the order the DfE's files have
# them. `init --sample` writes its files in it and tests build theirs in it.
DFE_ORDER: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "episodes": (
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
    ),
    "reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "uasc": ("CHILD", "SEX", "DOB", "DUC"),
}
# Items the DfE derives from the postcodes, after the columns above in exports that carry them.
DFE_DERIVED: dict[str, tuple[str, ...]] = {"episodes": ("PL_DISTANCE", "PL_LA", "PL_LOCATION")}


def _other(kind: str, title: str, required: set[str], known: set[str]) -> Layout:
    return Layout(
        kind,
        frozenset({"CHILD", *required}),
        known=frozenset({"DOB", *known}),
        needed=False,
        title=title,
    )


# The rest of the return, as the DfE CSV layouts name the columns (2017-18 to 2025-26).
NOT_NEEDED: tuple[Layout, ...] = (
    _other("missing", "missing or away from placement", {"MISSING", "MIS_START"}, {"MIS_END"}),
    _other(
        "oc2",
        "outcomes of children looked after for a year (OC2)",
        {"CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK"},
        {
            "SDQ_SCORE",
            "SDQ_REASON",
            "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        },
    ),
    _other("oc3", "care leavers (OC3)", {"IN_TOUCH", "ACTIV", "ACCOM"}, set()),
    _other(
        "ad1",
        "adoptions (AD1)",
        {"DATE_INT", "DATE_MATCH"},
        {"FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
    ),
    _other(
        "placed_for_adoption",
        "placed for adoption",
        {"DATE_PLACED"},
        {"DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
    ),
    _other("previous_permanence", "previous permanence", {"PREV_PERM"}, {"LA_PERM", "DATE_PERM"}),
    _other(
        "sw_episodes",
        "social worker episodes",
        {"SW_ID", "SW_DECOM"},
        {"SW_DEC", "SW_REASON"},
    ),
    _other("dolo", "deprivation of liberty orders (DoLO)", {"DOLO_START"}, {"DOLO_END"}),
)
LAYOUTS: tuple[Layout, ...] = NEEDED + NOT_NEEDED
KINDS = tuple(layout.kind for layout in NEEDED)


def layout_of(kind: str) -> Layout:
    return next(lay for lay in LAYOUTS if lay.kind == kind)


def recognise(columns: set[str]) -> Layout | None:
    """The layout whose identifying columns are all present and that fits best.

    Several layouts can match (every table has CHILD; sw_episodes and episodes share
    nothing else, a header with UASC columns holds DUC): the one whose identifying columns
    are the most wins, then the one with more of its DfE columns present and fewer others.
    """
    matches = [lay for lay in LAYOUTS if lay.required <= columns]
    if not matches:
        return None
    return max(
        matches,
        key=lambda lay: (
            len(lay.required),
            len(lay.all_columns & columns),
            -len(columns - lay.all_columns),
        ),
    )


def closest(name: str, columns: set[str]) -> tuple[Layout, set[str]] | None:
    """The needed layout a file was probably meant to be (by its name, else by shared
    columns), with the identifying columns it lacks; None when it looks like none."""
    stem = "_" + "_".join(w for w in re.split(r"[^a-z0-9]+", name.lower()) if w) + "_"
    named = sorted(
        (lay for lay in LAYOUTS if f"_{lay.kind}_" in stem), key=lambda lay: -len(lay.kind)
    )
    if named:
        best = named[0]  # sw_episodes, not episodes
        return (best, set(best.required - columns)) if best.needed else None
    best = max(NEEDED, key=lambda lay: len(lay.required & columns))
    if len(best.required & columns) >= 3:
        return best, set(best.required - columns)
    return None
