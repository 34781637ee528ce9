"""Each collection year's DfE counts from its own return beside the report's, by cause."""

from __future__ import annotations

from pathlib import Path

from report.rules.reconcile import reconcile
from tests.builders import build, child, episode, review


def test_each_difference_between_a_return_and_the_report_is_counted_by_its_cause(
    tmp_path: Path,
) -> None:
    # 2024 return (2023-24): A open from 01/06/2023; B open from 01/09/2023 (the 2025
    # return does not carry it); C from 01/10/2023 "ending" 01/09/2023 (before it starts:
    # left out). All RNE S.
    # 2025 return (2024-25): A again, revised: ended 10/03/2024 (E13); D from 01/05/2024,
    # reviewed on 20/05/2024, the same review given twice.
    people = [child(c, "01/01/2012", "2") for c in "ABCD"]
    built = build(
        tmp_path,
        {
            2024: (
                people,
                [
                    episode("A", "01/06/2023"),
                    episode("B", "01/09/2023"),
                    episode("C", "01/10/2023", "01/09/2023", "E13"),
                ],
                [],
            ),
            2025: (
                [{**p, "SEX": "F"} for p in people],
                [episode("A", "01/06/2023", "10/03/2024", "E13"), episode("D", "01/05/2024")],
                [review("D", "20/05/2024"), review("D", "20/05/2024")],
            ),
        },
    )
    data = built.checked.data
    rows = reconcile(data.returns, built.history, data.issues)
    got = {(r.year, r.figure): (r.from_return, r.report, dict(r.causes)) for r in rows}
    left_out = "left out by the data checks (episode-ends-before-start)"
    revised = "revised by a later return (the later one wins)"
    # By hand, 2023-24 from the 2024 return alone: at 31 March A and B; started A, B, C;
    # ceased C; during A, B, C. In the report: A ended on 10/03/2024 (the later return
    # wins), C is left out.
    assert got[("2023-24", "cla.at_period_end")] == (2, 1, {revised: -1})
    assert got[("2023-24", "cla.started")] == (3, 2, {left_out: -1})
    assert got[("2023-24", "cla.ceased")] == (1, 1, {left_out: -1, revised: +1})
    assert got[("2023-24", "cla.during_year")] == (3, 2, {left_out: -1})
    assert got[("2023-24", "reviews.held")] == (0, 0, {})
    # 2024-25: only D, in the return and in the report; B (not carried) counts nowhere.
    for fid, n in (("cla.at_period_end", 1), ("cla.started", 1), ("cla.during_year", 1)):
        assert got[("2024-25", fid)] == (n, n, {})
    assert got[("2024-25", "cla.ceased")] == (0, 0, {})
    duplicate = "the same row given twice in the return (one is used)"
    assert got[("2024-25", "reviews.held")] == (2, 1, {duplicate: -1})
    # The report's own figures are the reconciliation's "report" column.
    assert built.figure("children", "cla.at_period_end", "2023-24").value == 1
    assert built.figure("children", "cla.during_year").value == 1
    assert built.figure("reviews", "reviews.held").value == 1
    assert built.rules("open-episode-not-carried") == ["open-episode-not-carried"]


def test_a_review_in_an_earlier_overlapping_period_is_in_care(tmp_path: Path) -> None:
    # A's episodes overlap (faulty data): 10/01/2024-07/01/2025 (X1) and 09/09/2024-
    # 09/11/2024 (E3). The review on 31/12/2024 is after the later-starting one ended but
    # inside the first: held in care, not "outside any period of care".
    built = build(
        tmp_path,
        {
            2025: (
                [child("A", "01/01/2012", "F")],
                [
                    episode("A", "10/01/2024", "07/01/2025", "E13"),
                    episode("A", "09/09/2024", "09/11/2024", "E3"),
                ],
                [review("A", "31/12/2024")],
            )
        },
    )
    assert built.rules("review-outside-care") == []
    assert built.figure("reviews", "reviews.held").value == 1
