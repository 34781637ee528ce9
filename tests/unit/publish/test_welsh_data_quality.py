"""The Welsh report's data-quality appendix shows the loader's structural and cross-check
problems in Welsh (issue 13): the messages are marked with N_() and translated at publish time.

A tiny Welsh council with three structural problems, built as a draft (the errors stay):
  - ssda903/2025/reviews.csv row 3: a review on 01/09/2024 for child ZQ2 whose only episode
    ran 01/05/2024 to 01/06/2024 (review-outside-care);
  - local/iro_allocations.csv row 3: ZQ1 allocated again from 01/05/2024 while row 2's
    allocation (from 01/04/2024, open) still runs (overlapping-allocation, naming row 2);
  - local/iro_allocations.csv row 4: IRO I9, who is not in local/iro_staff.csv
    (iro-not-in-staff).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from report import i18n
from report.assembly import assemble
from report.languages import in_language
from report.publish.html import render_report
from tests.builders import (
    IRO_ALLOCATIONS,
    IRO_STAFF,
    Built,
    build,
    child,
    episode,
    review,
    write_local,
)

# (English, Welsh) as the appendix shows them.
SHOWN = [
    (
        "the review date is outside any period of care for this child; left out",
        "mae dyddiad yr adolygiad y tu allan i unrhyw gyfnod gofal i’r plentyn hwn; gadewir allan",
    ),
    (
        "the child is already allocated to an IRO on these dates (row 2); a child has one IRO "
        "at a time",
        "mae’r plentyn eisoes wedi’i neilltuo i Swyddog Adolygu Annibynnol ar y dyddiadau hyn "
        "(rhes 2); un Swyddog Adolygu Annibynnol ar y tro sydd gan blentyn",
    ),
    (
        "this IRO is not in local/iro_staff.csv; their caseload has no FTE",
        "nid yw’r Swyddog Adolygu Annibynnol hwn yn local/iro_staff.csv; nid oes FTE i’w lwyth "
        "achosion",
    ),
]


def _built(tmp_path: Path) -> Built:
    data = tmp_path / "data"
    write_local(data, "iro_staff", IRO_STAFF, [{"IRO_ID": "I1", "FTE": "1", "START": "01/04/2020"}])
    write_local(
        data,
        "iro_allocations",
        IRO_ALLOCATIONS,
        [
            {"CHILD": "ZQ1", "IRO_ID": "I1", "START": "01/04/2024", "END": ""},
            {"CHILD": "ZQ1", "IRO_ID": "I1", "START": "01/05/2024", "END": ""},
            {"CHILD": "ZQ2", "IRO_ID": "I9", "START": "01/05/2024", "END": "01/06/2024"},
        ],
    )
    header = [child("ZQ1", "15/06/2010"), child("ZQ2", "15/06/2011")]
    episodes = [
        episode("ZQ1", "01/04/2024"),
        episode("ZQ2", "01/05/2024", "01/06/2024", "E4A"),
    ]
    reviews = [review("ZQ1", "15/04/2024"), review("ZQ2", "01/09/2024")]
    return build(tmp_path, {2025: (header, episodes, reviews)}, nation="wales")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    built = _built(tmp_path_factory.mktemp("welsh-quality"))
    rules = {str(r["rule"]) for r in built.checked.data.issues.rows}
    assert {"review-outside-care", "overlapping-allocation", "iro-not-in-staff"} <= rules
    report = assemble(built.config, built.checked, draft=True)
    shown = {}
    for lang in i18n.LANGUAGES:
        with i18n.language(lang):
            page = render_report(in_language(report, built.config, lang, []), for_pdf=False)
        shown[lang] = " ".join(html.unescape(page.html).split())
    return shown


@pytest.mark.parametrize(("english", "welsh"), SHOWN)
def test_the_welsh_appendix_shows_the_problem_in_welsh(
    pages: dict[str, str], english: str, welsh: str
) -> None:
    assert welsh in pages[i18n.WELSH]
    assert english not in pages[i18n.WELSH]


@pytest.mark.parametrize(("english", "welsh"), SHOWN)
def test_the_english_appendix_keeps_the_english_text(
    pages: dict[str, str], english: str, welsh: str
) -> None:
    assert english in pages[i18n.ENGLISH]
    assert welsh not in pages[i18n.ENGLISH]
