"""Children placed out of area and far from home, from the items the DfE derives from the
903 postcodes (PL_LOCATION, PL_DISTANCE); a postcode itself is never read."""

from __future__ import annotations

import pandas as pd

from report.dates import Period
from report.declare import FigureDef
from report.i18n import N_
from report.load.cells import in_error
from report.load.keys import CHILD_KEY
from report.model import Breakdown, Excluded, Figure, Tie, cell_ref, den, num
from report.sections.common import left_out

MILES = 20.0  # "more than 20 miles from home" (DfE)
IN_NEAR = N_("In the council's area, 20 miles or less from home")
IN_FAR = N_("In the council's area, more than 20 miles from home")
OUT_NEAR = N_("Outside the council's area, 20 miles or less from home")
OUT_FAR = N_("Outside the council's area, more than 20 miles from home")
NOT_RECORDED = N_("Distance or area not recorded")
RECORDED = (IN_NEAR, IN_FAR, OUT_NEAR, OUT_FAR)
OUT_OF_AREA = FigureDef(
    "cla.out_of_area_over_20_miles",
    N_("Children looked after placed outside the council's area and more than 20 miles from home"),
    "percent",
    N_(
        "Of the children looked after at 31 March (not counting short breaks) whose "
        "placement's distance from home and area are recorded, the percentage placed outside "
        "the council's area and more than 20 miles from their home: the Department for "
        "Education's measure. Children without those details recorded are left out. The "
        "distance (in a straight line) and the area come from the Department for Education's "
        "working from the home and placement postcodes in the return; no postcode is "
        "published."
    ),
    "PL_LOCATION OUT and PL_DISTANCE > 20 of the episode open at 31 March / children "
    "looked after at 31 March with both recorded (DfE derived items; postcodes never "
    "read). Shown only for a year whose own return carries the items.",
    base_unit="children",
    conditional="only for a year whose own 903 return carries PL_DISTANCE and PL_LOCATION",
)
FIGURE = OUT_OF_AREA.id
TABLE = "cla.by_placement_distance"
DERIVED = N_(
    "The distance from home and whether a placement is in the council's area are the items "
    "the Department for Education derives from the home and placement postcodes of the 903 "
    "return (PL_DISTANCE and PL_LOCATION); the report takes them as exported and never reads "
    "a postcode."
)


def given(care: pd.DataFrame, period: Period) -> bool:
    """Whether the year's own 903 return carries the derived items (some episode has them):
    an earlier return without them would otherwise borrow a later return's values."""
    if "PL_LOCATION" not in care or "PL_DISTANCE" not in care:
        return False
    own = care["YEAR"] == period.collection_year
    return bool((own & care["PL_LOCATION"].notna() & care["PL_DISTANCE"].notna()).any())


def out_of_area(at_end: pd.DataFrame) -> tuple[Figure, Breakdown, list[Tie], list[Excluded]]:
    """The children looked after at 31 March by where they were placed (in or outside the
    council's area) and how far from home (20 miles or less, more), the share placed outside
    the area and more than 20 miles away, the ties between them, and how many children are
    left out because their distance or area is in error (their episodes)."""
    key = CHILD_KEY
    rows = at_end.drop_duplicates(key)
    bad_distance, bad_location = in_error(rows, "PL_DISTANCE"), in_error(rows, "PL_LOCATION")
    bad = bad_distance | bad_location
    wrong = [
        *left_out(TABLE, "PL_DISTANCE", "children", rows.loc[bad_distance]),
        *left_out(TABLE, "PL_LOCATION", "children", rows.loc[bad_location & ~bad_distance]),
    ]
    rows = rows.loc[~bad]
    location, distance = rows["PL_LOCATION"], rows["PL_DISTANCE"]
    known = location.notna() & distance.notna()
    far = distance > MILES
    outside = location == "OUT"
    counts: dict[str, int] = {
        IN_NEAR: int((known & ~outside & ~far).sum()),
        IN_FAR: int((known & ~outside & far).sum()),
        OUT_NEAR: int((known & outside & ~far).sum()),
        OUT_FAR: int((known & outside & far).sum()),
        NOT_RECORDED: int((~known).sum()),
    }
    categories: list[str] = [*RECORDED, *([NOT_RECORDED] if counts[NOT_RECORDED] else [])]
    table = Breakdown(
        id=TABLE,
        label=N_(
            "Children looked after at 31 March by where they were placed and how far from home"
        ),
        definition=N_(
            "Children looked after at 31 March (not counting short breaks) by whether their "
            "placement was inside or outside the council's area and whether it was more than "
            "20 miles from the home they were living in before they came into care, as the "
            "Department for Education measures it (in a straight line). Children whose "
            "distance or area is not recorded (for example unaccompanied asylum-seeking "
            "children, who have no home address here) are counted apart."
        ),
        method="PL_LOCATION (IN/OUT) and PL_DISTANCE (miles; more than 20 is far) of the "
        "episode open at 31 March, as exported in the 903 episodes: items the DfE derives "
        "from HOME_POST and PL_POST. Postcodes are never read. A PL_DISTANCE in error "
        "leaves the child out.",
        category_label=N_("Placement"),
        categories=categories,
        series={N_("Children"): [counts[c] for c in categories]},
        unit="children",
        show_pct=False,
    )
    recorded = sum(counts[c] for c in RECORDED)
    figure = OUT_OF_AREA.percent(counts[OUT_FAR], recorded)
    ties = [
        Tie.same(num(FIGURE), cell_ref(table, OUT_FAR)),
        Tie.sum(den(FIGURE), *(cell_ref(table, c) for c in RECORDED)),
    ]
    return figure, table, ties, wrong
