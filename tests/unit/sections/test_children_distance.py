"""Children placed out of area and more than 20 miles from home (issue 12 item 2; DfE derived
items PL_LOCATION and PL_DISTANCE in the 903 episodes).

Report year 2024-25. Children looked after at 31 March 2025, episode open then:
  A  IN   5.0 miles     in the area, 20 miles or less
  B  IN  25.0           in the area, more than 20
  C  OUT 20.0           outside, 20 or less (exactly 20 is not more than 20)
  D  OUT 20.1           outside, more than 20
  E  OUT 48.0           outside, more than 20
  F  blank, blank       not recorded (as for an unaccompanied asylum-seeking child)
Not counted: G on short breaks (V3, OUT 60), H ceased 01/02/2025 (OUT 50).
Table: 1, 1, 1, 2 and not recorded 1 -> total 6 = children looked after at 31 March.
Figure: outside and more than 20 miles 2 (D, E) of the 5 recorded = 40%.
"""

from __future__ import annotations

from pathlib import Path

from report.sections.children_distance import (
    IN_FAR,
    IN_NEAR,
    NOT_RECORDED,
    OUT_FAR,
    OUT_NEAR,
)
from tests.builders import Built, build, child, episode

FIGURE, TABLE = "cla.out_of_area_over_20_miles", "cla.by_placement_distance"


def placed(child_id: str, where: str, miles: str, **kw: str) -> dict[str, str]:
    return {**episode(child_id, "01/05/2024", **kw), "PL_LOCATION": where, "PL_DISTANCE": miles}


HEADER = [child(c, "01/01/2012") for c in "ABCDEFGH"]
EPISODES = [
    placed("A", "IN", "5.0"),
    placed("B", "IN", "25.0"),
    placed("C", "OUT", "20.0"),
    placed("D", "OUT", "20.1"),
    placed("E", "OUT", "48.0"),
    placed("F", "", ""),
    placed("G", "OUT", "60.0", ls="V3"),
    placed("H", "OUT", "50.0", dec="01/02/2025", rec="E11"),
]


def _build(tmp: Path, episodes: list[dict[str, str]], earlier: bool = False) -> Built:
    years = {2025: (HEADER, episodes, [])}
    if earlier:  # 2023-24's return without the derived items: child Z looked after then
        years[2024] = ([child("Z", "01/01/2012")], [episode("Z", "01/05/2023")], [])
    return build(tmp, years)


def test_children_by_where_they_were_placed_and_the_share_out_of_area(tmp_path: Path) -> None:
    built = _build(tmp_path, EPISODES)
    table = built.breakdown("children", TABLE)
    got = dict(zip(table.categories, table.series["Children"], strict=True))
    assert got == {IN_NEAR: 1, IN_FAR: 1, OUT_NEAR: 1, OUT_FAR: 2, NOT_RECORDED: 1}
    assert sum(got.values()) == built.figure("children", "cla.at_period_end").value == 6
    far = built.figure("children", FIGURE)
    assert (far.numerator, far.denominator, far.value) == (2, 5, 40.0)
    result = built.section("children")
    assert any("never reads a postcode" in n for n in result.notes)


def test_the_tables_counts_are_tied_for_disclosure_control(tmp_path: Path) -> None:
    result = _build(tmp_path, EPISODES).section("children")
    refs = {term for tie in result.ties for term, _ in tie.terms}
    assert {f"{FIGURE}#numerator", f"{FIGURE}#denominator", f"{TABLE}/Total"} <= refs


def test_without_the_derived_items_the_figure_is_left_out_with_a_note(tmp_path: Path) -> None:
    plain = [{k: v for k, v in e.items() if not k.startswith("PL_")} for e in EPISODES]
    result = _build(tmp_path, plain).section("children")
    assert FIGURE not in {f.id for f in result.figures}
    assert TABLE not in {b.id for b in result.breakdowns}
    assert any("do not carry the distance from home" in n for n in result.notes)


def test_a_year_whose_own_return_lacks_the_items_is_left_out_of_the_trend(tmp_path: Path) -> None:
    built = _build(tmp_path, EPISODES, earlier=True)
    earlier = built.section("children", "2023-24")
    assert FIGURE not in {f.id for f in earlier.figures}
    assert built.figure("children", FIGURE).value == 40.0


def test_a_distance_out_of_range_or_unknown_area_is_an_error_and_left_out(tmp_path: Path) -> None:
    # D's 1200 miles is over 999.9 (DfE rule 164) and E's area "ABROAD" is not IN or OUT:
    # both children leave the table (4 left: A, B, C, F); the figure is 0 of 3 (A, B, C).
    bad = [*EPISODES[:3], placed("D", "OUT", "1200"), placed("E", "ABROAD", "48.0"), *EPISODES[5:]]
    built = _build(tmp_path, bad)
    rules = set(built.errors["rule"])
    assert {"distance-range", "code-unknown"} <= rules
    table = built.breakdown("children", TABLE)
    assert sum(table.series["Children"]) == 4
    far = built.figure("children", FIGURE)
    assert (far.numerator, far.denominator) == (0, 3)
    result = built.section("children")
    assert {e.column for e in result.excluded if e.figure == TABLE} == {
        "PL_DISTANCE",
        "PL_LOCATION",
    }
    refs = {term for tie in result.ties for term, _ in tie.terms}
    assert f"{TABLE}/Total" not in refs  # not tied to the children looked after: 2 are out


def test_no_postcode_reaches_any_figure_or_note(tmp_path: Path) -> None:
    rows = [{**e, "HOME_POST": "XE1 2AB", "PL_POST": "XF3 4CD"} for e in EPISODES]
    built = _build(tmp_path, rows)
    result = built.section("children")
    text = " ".join([*result.notes, *(f.label + f.definition + f.method for f in result.figures)])
    assert "XE1" not in text and "XF3" not in text
    assert "HOME_POST" not in built.checked.data.episodes.columns
