"""Time in care, legal status on entry, placement stability (issue 12 item 2; DfE measures).

Report year 2024-25 (31 March 2025); 903 data from 1 April 2021 (collections 2022 to 2025).
Cut-offs at 31/03/2025: 6 months -> 30/09/2024; 1 year -> 31/03/2024; 2 years -> 31/03/2023;
2.5 years -> 30/09/2022; 5 years -> 31/03/2020.

Children looked after at 31 March (a placement changes with every new episode except RNE L):
  A  S 01/01/2020, one placement; born 2012 (13)        5 years or more; 1 placement in year;
                                                          cohort, stable
  B  S 01/06/2022, P 01/06/2023, L 01/09/2024; 13       2 to 5 years; 1 placement in year
                                                          (L keeps it); cohort (started before
                                                          30/09/2022), placement since
                                                          01/06/2023 < 2 years: not stable
  C  S 01/10/2022, P 01/05/2024, P 01/08/2024,
     T 01/01/2025; 13                                   2 to 5 years; 4 placements (3+);
                                                          not in the cohort (began 01/10/2022)
  D  S 15/10/2024 (V2), P 01/12/2024, L 01/02/2025      under 6 months; 2 placements;
                                                          started in the year: s20 on entry
  E  S 30/09/2024 (L1), T 02/10/2024, P 01/11/2024      6 months to 1 year (30/09 is 6 months);
                                                          3 placements (3+); started: emergency
  F  S 01/01/2022 foster, T 01/06/2024 placed for
     adoption (A4, D1); born 2020 (5)                   2 to 5 years; 2 placements; cohort:
                                                          adoptive + previous placement since
                                                          01/01/2022: stable
  G  S 01/01/2019; born 2008 (17)                       5 years or more; not in the cohort (16+)
  H  first episode in the data P 01/02/2021 (care
     began before the data); 13                          seen 4 years 2 months: not known;
                                                          cohort (even the seen start is early
                                                          enough), placement since 2021: stable
Not looked after at 31 March: S1 (S 01/03/2024, ceased 01/06/2024; started in 2023-24).

Time in care: 5+ 2 (A, G); 2-5 3 (B, C, F); 1-2 0; 6m-1 1 (E); <6m 1 (D); not known 1 (H).
Three or more placements in the year: C, E -> 2 of 8 = 25%.
Long-term stability: cohort A, B, F, H -> stable A, F, H -> 3 of 4 = 75%.
Legal status on entry (starters D, E): s20 1, emergency protection 1 -> total 2 = started.
"""

from __future__ import annotations

import pytest

from tests.builders import Built, build, child, episode, review, spread

HEADER = [
    *(child(c, "01/01/2012") for c in ("A", "B", "C", "D", "E", "H", "S1")),
    child("F", "01/01/2020"),
    child("G", "01/01/2008"),
]
EPISODES = [
    episode("A", "01/01/2020"),
    episode("B", "01/06/2022", "01/06/2023", "X1"),
    episode("B", "01/06/2023", "01/09/2024", "X1", rne="P"),
    episode("B", "01/09/2024", rne="L", ls="C1"),
    episode("C", "01/10/2022", "01/05/2024", "X1"),
    episode("C", "01/05/2024", "01/08/2024", "X1", rne="P"),
    episode("C", "01/08/2024", "01/01/2025", "X1", rne="P"),
    episode("C", "01/01/2025", rne="T", ls="C1"),
    episode("D", "15/10/2024", "01/12/2024", "X1", ls="V2"),
    episode("D", "01/12/2024", "01/02/2025", "X1", rne="P", ls="V2"),
    episode("D", "01/02/2025", rne="L", ls="C1"),
    episode("E", "30/09/2024", "02/10/2024", "X1", ls="L1"),
    episode("E", "02/10/2024", "01/11/2024", "X1", rne="T", ls="C1"),
    episode("E", "01/11/2024", rne="P", ls="C1"),
    episode("F", "01/01/2022", "01/06/2024", "X1"),
    episode("F", "01/06/2024", rne="T", ls="D1", place="A4"),
    episode("G", "01/01/2019"),
    episode("H", "01/02/2021", rne="P"),
    episode("S1", "01/03/2024", "01/06/2024", "E11"),
]
REVIEWS = [review("A", f"15/06/{y}") for y in (2021, 2022, 2023, 2024)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("children_care")
    return build(tmp, spread(HEADER, EPISODES, REVIEWS, (2022, 2023, 2024, 2025)))


def counts(built: Built, table: str) -> dict[str, int]:
    b = built.breakdown("children", table)
    return dict(zip(b.categories, b.series["Children"], strict=True))


def test_time_in_the_current_period_of_care(built: Built) -> None:
    assert counts(built, "cla.by_time_in_care") == {
        "5 years or more": 2,
        "2 years to under 5 years": 3,
        "1 year to under 2 years": 0,
        "6 months to under 1 year": 1,
        "Under 6 months": 1,
        "Not known (care began before the data)": 1,
    }


def test_legal_status_on_entry(built: Built) -> None:
    found = counts(built, "cla.started_by_legal_status")
    assert found["Voluntary agreements with parents (s20)"] == 1
    assert found["Emergency and police protection"] == 1
    assert sum(found.values()) == 2 == built.figure("children", "cla.started").value


def test_three_or_more_placements_in_the_year(built: Built) -> None:
    fig = built.figure("children", "cla.placements_3plus")
    assert (fig.numerator, fig.denominator) == (2, 8)
    assert fig.value == pytest.approx(25.0)


def test_long_term_stability(built: Built) -> None:
    fig = built.figure("children", "cla.long_term_stability")
    assert (fig.numerator, fig.denominator) == (3, 4)


def test_long_term_stability_needs_data_from_2_5_years_back(built: Built) -> None:
    # 2022-23 (31/03/2023): 2.5 years back is 30/09/2020, before the data (1 April 2021).
    result = built.section("children", "2022-23")
    assert "cla.long_term_stability" not in [f.id for f in result.figures]
    assert any("2.5 years" in n for n in result.notes)
