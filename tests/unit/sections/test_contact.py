"""IRO contact between reviews, contact before reviews, advocacy and independent visitors
(issue 12 item 4). Reporting year 2024-25; every expected value is worked out by hand.

Children (903): K1 looked after since 01/01/2023; K2 since 01/06/2024; K3 01/01/2022 to
30/06/2024 (ceased); K4 short breaks only (V3); K5 01/01/2020 to 31/03/2024 (left before the
year); K6 since 15/03/2025.
Looked after during 2024-25: K1, K2, K3, K6 = 4. At 31 March 2025: K1, K2, K6 = 3.
Reviews held in the year: K1 10/06/2024, K1 05/12/2024, K2 28/06/2024, K3 01/05/2024 = 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report.model import SectionResult
from tests.builders import REVIEW_EXTRAS, Built, build, child, episode, review, write_local

HEADER = [child(c, "01/01/2012", "F") for c in ("K1", "K2", "K3", "K4", "K5", "K6")]
EPISODES = [
    episode("K1", "01/01/2023"),
    episode("K2", "01/06/2024"),
    episode("K3", "01/01/2022", dec="30/06/2024", rec="E11"),
    episode("K4", "01/10/2024", dec="03/10/2024", rec="E13", ls="V3"),
    episode("K5", "01/01/2020", dec="31/03/2024", rec="E11"),
    episode("K6", "15/03/2025"),
]
REVIEWS = [
    review("K1", "10/06/2024"),
    review("K1", "05/12/2024"),
    review("K2", "28/06/2024"),
    review("K3", "01/05/2024"),
]
CONTACT_COLUMNS = ["CHILD", "DATE", "IRO_ID", "KIND", "BEFORE_REVIEW"]
SUPPORT_COLUMNS = ["CHILD", "KIND", "DATE", "END"]


def contact(child_id: str, day: str, kind: str, before: str = "N") -> dict[str, str]:
    return {"CHILD": child_id, "DATE": day, "IRO_ID": "I1", "KIND": kind, "BEFORE_REVIEW": before}


# K1 20/05 a visit before the review of 10/06; K1 15/09 a call and 01/10 a visit between
# reviews (BEFORE_REVIEW blank counts as not before); K2 10/07 a call between reviews; K3 20/04
# a call before the review of 01/05; K4 is a short-break child (not looked after: noted, not
# counted); K6 01/04/2025 is next year; K2 "EMAIL" is not a KIND (an error; row left out).
CONTACTS = [
    contact("K1", "20/05/2024", "VISIT", "Y"),
    contact("K1", "15/09/2024", "CONTACT"),
    contact("K1", "01/10/2024", "VISIT", ""),
    contact("K2", "10/07/2024", "CONTACT"),
    contact("K3", "20/04/2024", "CONTACT", "Y"),
    contact("K4", "02/10/2024", "VISIT"),
    contact("K6", "01/04/2025", "VISIT"),
    contact("K2", "11/07/2024", "EMAIL"),
]


def support(child_id: str, kind: str, day: str, end: str = "") -> dict[str, str]:
    return {"CHILD": child_id, "KIND": kind, "DATE": day, "END": end}


# Advocacy: K1 twice, K3 once, K5 (not looked after in the year: not counted).
# Independent visitors: K2 from 01/09/2024 (open); K1 from 01/01/2023 to 31/03/2025 (END is
# the last day covered: open on 31 March); K3 01/05/2024 to 30/06/2024 (ended); a K2 row
# ending before it starts and a K1 row of kind MENTOR are errors, left out.
SUPPORT = [
    support("K1", "ADVOCACY_REFERRAL", "01/05/2024"),
    support("K1", "ADVOCACY_REFERRAL", "01/11/2024"),
    support("K3", "ADVOCACY_REFERRAL", "15/06/2024"),
    support("K5", "ADVOCACY_REFERRAL", "01/05/2024"),
    support("K2", "IV_MATCH", "01/09/2024"),
    support("K1", "IV_MATCH", "01/01/2023", "31/03/2025"),
    support("K3", "IV_MATCH", "01/05/2024", "30/06/2024"),
    support("K2", "IV_MATCH", "01/09/2024", "01/08/2024"),
    support("K1", "MENTOR", "01/09/2024"),
]


def make(
    tmp: Path,
    contacts: bool = True,
    child_support: bool = True,
    extras: list[dict[str, str]] | None = None,
) -> Built:
    data = tmp / "data"
    if contacts:
        write_local(data, "iro_contacts", CONTACT_COLUMNS, CONTACTS)
    if child_support:
        write_local(data, "child_support", SUPPORT_COLUMNS, SUPPORT)
    if extras is not None:
        write_local(data, "review_extras", REVIEW_EXTRAS, extras)
    return build(tmp, {2025: (HEADER, EPISODES, REVIEWS)})


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return make(tmp_path)


@pytest.fixture
def result(built: Built) -> SectionResult:
    return built.section("contact")


def test_children_with_contact_between_reviews(result: SectionResult) -> None:
    # Between reviews: K1 (calls and a visit), K2 (a call) = 2 of the 4 looked after = 50%
    fig = result.figure("contact.between_reviews")
    assert (fig.numerator, fig.denominator, fig.value) == (2, 4, 50.0)
    table = next(b for b in result.breakdowns if b.id == "contact.by_kind")
    # K1 was visited (seen in person); K2 only had a call
    assert table.series["Children"] == [1, 1]
    assert any("not looked after in the year" in n for n in result.notes)  # K4


def test_advocacy_referrals_and_share(result: SectionResult) -> None:
    # K1 x2 + K3 = 3 referrals; K5 was not looked after in the year
    assert result.figure("support.advocacy_referrals").value == 3
    assert result.figure("support.advocacy_referrals").unit == "referrals"
    # children referred: K1, K3 = 2 of 4 = 50%
    fig = result.figure("support.advocacy_children")
    assert (fig.numerator, fig.denominator) == (2, 4)


def test_independent_visitors(result: SectionResult) -> None:
    # open at 31 March: K2 (no END), K1 (END 31/03/2025 is covered) = 2 of the 3 looked after
    # then (K1, K2, K6): 66.7%
    fig = result.figure("support.iv_open_at_period_end")
    assert (fig.numerator, fig.denominator) == (2, 3)
    assert fig.value == pytest.approx(200 / 3)
    # new in the year: K2 (01/09/2024), K3 (01/05/2024) = 2; K1's began in 2023
    assert result.figure("support.iv_new_matches").value == 2


def test_shares_are_tied_to_the_reports_cohorts(result: SectionResult, built: Built) -> None:
    during = built.figure("children", "cla.during_year").value
    at_end = built.figure("children", "cla.at_period_end").value
    assert (during, at_end) == (4, 3)
    terms = {t.terms for t in result.ties}
    assert (("contact.between_reviews#denominator", 1), ("cla.during_year", -1)) in terms
    assert (("support.iv_open_at_period_end#denominator", 1), ("cla.at_period_end", -1)) in terms
    assert (("contact.between_reviews#numerator", 1), ("contact.by_kind/Total", -1)) in terms


def test_bad_values_are_reported(built: Built) -> None:
    issues = built.issues
    kind = issues.loc[(issues["file"] == "local/iro_contacts.csv") & (issues["column"] == "KIND")]
    # K2 "EMAIL" is the 8th data row: row 9
    assert list(zip(kind["row"], kind["value"], kind["severity"], strict=True)) == [
        (9, "EMAIL", "error")
    ]
    assert "VISIT (seen in person) or CONTACT" in kind["message"].iloc[0]
    bad = issues.loc[issues["file"] == "local/child_support.csv"]
    assert list(zip(bad["row"], bad["column"], bad["rule"], strict=True)) == [
        (9, "END", "ends-before-start"),
        (10, "KIND", "code-unknown"),
    ]


def test_contact_before_reviews_from_the_log_alone(built: Built) -> None:
    # Reviews held: K1 10/06 (the visit of 20/05 prepared for it: Y), K1 05/12 (no contact
    # marked before it since 10/06: N), K2 28/06 (N), K3 01/05 (call of 20/04: Y) = 2 of 4
    fig = built.figure("quality", "quality.seen_before_review")
    assert (fig.numerator, fig.denominator) == (2, 4)


def test_the_iros_record_wins_where_both_say(tmp_path: Path) -> None:
    # review_extras: K1 05/12 SEEN_BEFORE Y (the log has nothing: they disagree, the record
    # wins), K3 01/05 Y (agrees with the log). K1 10/06 and K2 28/06 have no row: the log
    # (Y and N). Seen: K1 10/06, K1 05/12, K3 01/05 = 3 of 4; 1 disagreement noted.
    extras = [
        {"CHILD": "K1", "REVIEW": "05/12/2024", "SEEN_BEFORE": "Y"},
        {"CHILD": "K3", "REVIEW": "01/05/2024", "SEEN_BEFORE": "Y"},
    ]
    built = make(tmp_path, extras=extras)
    result = built.section("quality")
    fig = result.figure("quality.seen_before_review")
    assert (fig.numerator, fig.denominator) == (3, 4)
    assert any(n.startswith("For 1 review(s) held in 2024-25") for n in result.notes)


def test_without_the_contact_log_contact_is_left_out_with_a_note(tmp_path: Path) -> None:
    result = make(tmp_path, contacts=False).section("contact")
    ids = {f.id for f in result.figures}
    assert "contact.between_reviews" not in ids and "support.advocacy_referrals" in ids
    assert any("no local/iro_contacts.csv" in n for n in result.notes)


def test_without_the_support_extract_advocacy_is_left_out_with_a_note(tmp_path: Path) -> None:
    result = make(tmp_path, child_support=False).section("contact")
    ids = {f.id for f in result.figures}
    assert not {i for i in ids if i.startswith("support.")} and "contact.between_reviews" in ids
    assert any("no local/child_support.csv" in n for n in result.notes)


def test_without_either_the_section_says_which_files_would_fill_it(tmp_path: Path) -> None:
    built = make(tmp_path, contacts=False, child_support=False)
    result = built.section("contact")
    assert result.figures == [] and result.charts == []
    assert (
        "local/iro_contacts.csv" in result.notes[0] and "local/child_support.csv" in result.notes[0]
    )
    assert "quality.seen_before_review" not in {f.id for f in built.section("quality").figures}


def test_a_year_before_the_contact_log_leaves_it_out(built: Built) -> None:
    result = built.section("contact", "2023-24")
    assert "contact.between_reviews" not in {f.id for f in result.figures}
    assert any("has no contact between reviews dated in 2023-24" in n for n in result.notes)
