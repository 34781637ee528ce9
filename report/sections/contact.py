"""IRO contact with children between reviews, advocacy referrals and independent visitors.

Optional local extracts: local/iro_contacts.csv (CHILD, DATE, IRO_ID, KIND VISIT/CONTACT,
BEFORE_REVIEW Y/N) and local/child_support.csv (CHILD, KIND ADVOCACY_REFERRAL/IV_MATCH, DATE,
END). Shares are of the report's own cohorts: children looked after during the year
(cla.during_year) and at 31 March (cla.at_period_end). Contact before reviews is a review-level
figure of the quality section (quality.seen_before_review), which reads iro_contacts.csv too.
"""

from __future__ import annotations

import pandas as pd

from report.declare import FigureDef
from report.i18n import N_
from report.load.keys import CHILD_KEY
from report.model import (
    TOTAL,
    Breakdown,
    ChartSpec,
    SectionResult,
    Tie,
    cell_ref,
    den,
    num,
)
from report.rules.cohorts import looked_after_during, looked_after_on, within
from report.sections import SectionInput, children

CONTACTS = "local/iro_contacts.csv"
SUPPORT = "local/child_support.csv"
DURING = N_(
    "children looked after at any time in the year (not counting children who only had short "
    "breaks)"
)
METHOD_DURING = (
    "Denominator: cla.during_year (a care episode overlapping the year, V3/V4 excluded)."
)
SEEN = N_("Seen in person (at least one visit)")
SPOKE = N_("By phone, video or message only")
BETWEEN_REVIEWS = FigureDef(
    "contact.between_reviews",
    N_("Children looked after who had IRO contact between reviews"),
    "percent",
    N_(
        "Of the {during}, the percentage whom their IRO visited, or spoke to by phone, "
        "video or message, at least once in the year outside their reviews, not counting "
        "contact to prepare for a review (that is counted under quality assurance).",
        during=DURING,
    ),
    f"Distinct children of cla.during_year with a row of {CONTACTS} dated in the year "
    f"and BEFORE_REVIEW not Y (KIND VISIT or CONTACT). {METHOD_DURING}",
    base_unit="children",
    conditional=f"only with {CONTACTS} giving contact between reviews in the year",
)
ADVOCACY_REFERRALS = FigureDef(
    "support.advocacy_referrals",
    N_("Advocacy referrals made"),
    "referrals",
    N_(
        "Referrals of children looked after to an independent advocacy service made in "
        "the year (a child referred twice counts twice)."
    ),
    f"Rows of {SUPPORT} with KIND ADVOCACY_REFERRAL, DATE in the year, of children in "
    "cla.during_year.",
    conditional=f"only with {SUPPORT}",
)
ADVOCACY_CHILDREN = FigureDef(
    "support.advocacy_children",
    N_("Children looked after referred for advocacy"),
    "percent",
    N_("Of the {during}, the percentage referred for advocacy in the year.", during=DURING),
    f"Distinct children with a row of {SUPPORT} KIND ADVOCACY_REFERRAL dated in the year. "
    f"{METHOD_DURING}",
    base_unit="children",
    conditional=f"only with {SUPPORT}",
)
IV_OPEN = FigureDef(
    "support.iv_open_at_period_end",
    N_("Children looked after at 31 March with an independent visitor"),
    "percent",
    N_(
        "Of the children looked after at 31 March (not counting short breaks), the "
        "percentage matched with an independent visitor (a volunteer who visits and "
        "befriends them) whose match was still open that day."
    ),
    f"Children of cla.at_period_end with a row of {SUPPORT} KIND IV_MATCH, DATE on or "
    "before 31 March and END blank or on or after it (END is the last day covered).",
    base_unit="children",
    conditional=f"only with {SUPPORT}",
)
IV_NEW = FigureDef(
    "support.iv_new_matches",
    N_("Children newly matched with an independent visitor"),
    "children",
    N_(
        "Children looked after in the year whose match with an independent visitor "
        "began in the year."
    ),
    f"Distinct children of cla.during_year with a row of {SUPPORT} KIND IV_MATCH and "
    "DATE in the year.",
    conditional=f"only with {SUPPORT}",
)
FIGURES = (BETWEEN_REVIEWS, ADVOCACY_REFERRALS, ADVOCACY_CHILDREN, IV_OPEN, IV_NEW)


def compute(inp: SectionInput) -> SectionResult:
    local = inp.data.local
    contacts, support = local.get("iro_contacts"), local.get("child_support")
    result = SectionResult()
    if contacts is None and support is None:
        result.notes.append(
            N_(
                "No data on IRO contact, advocacy or independent visitors was supplied: "
                "{contacts} (one row per IRO visit or contact with a child) and {support} "
                "(one row per advocacy referral or independent visitor match) would show them.",
                contacts=CONTACTS,
                support=SUPPORT,
            )
        )
        return result
    during = looked_after_during(inp.history.care, inp.period)
    if contacts is None:
        result.notes.append(
            N_(
                "The data folder has no {file}, so IRO contact between reviews is not shown.",
                file=CONTACTS,
            )
        )
    else:
        _contacts(inp, contacts, during, result)
    if support is None:
        result.notes.append(
            N_(
                "The data folder has no {file}, so advocacy referrals and independent "
                "visitors are not shown.",
                file=SUPPORT,
            )
        )
    else:
        _support(inp, support, during, result)
    trend = tuple(
        f
        for f in (BETWEEN_REVIEWS.id, ADVOCACY_CHILDREN.id, IV_OPEN.id)
        if any(x.id == f for x in result.figures)
    )
    if trend:
        result.charts.append(
            ChartSpec(
                "contact-trend",
                N_("Contact, advocacy and independent visitors, by year (%)"),
                "trend",
                figures=trend,
                y_label=N_("Per cent"),
            )
        )
    result.headline = [f.id for f in result.figures if f.unit == "percent"]
    return result


def _in_cohort(frame: pd.DataFrame, cohort: pd.Series) -> pd.Series:
    return frame[CHILD_KEY].isin(cohort.to_numpy())


def _contacts(
    inp: SectionInput, contacts: pd.DataFrame, during: pd.Series, result: SectionResult
) -> None:
    period = inp.period
    dated = contacts.loc[within(contacts["DATE"], period)]
    before = dated["BEFORE_REVIEW"].fillna(False).astype(bool)
    if not (~before).any():  # the log does not cover the year (or records only preparation)
        result.notes.append(
            N_(
                "{file} has no contact between reviews dated in {year}, so IRO contact "
                "between reviews is not shown for that year.",
                file=CONTACTS,
                year=period.label,
            )
        )
        return
    between = dated.loc[~before & _in_cohort(dated, during)]
    outside = int((~_in_cohort(dated, during)).sum())
    if outside:
        result.notes.append(
            N_(
                "Some contacts in {file} dated in {year} are of children who were not looked "
                "after in the year (or only had short breaks); they are not counted.",
                file=CONTACTS,
                year=period.label,
            )
        )
    key = CHILD_KEY
    visited = set(between.loc[between["KIND"] == "VISIT", key])
    reached = set(between[key])
    result.figures.append(BETWEEN_REVIEWS.percent(len(reached), len(during)))
    by_kind = Breakdown(
        id="contact.by_kind",
        label=N_("Children with IRO contact between reviews, by how they were contacted"),
        definition=N_(
            "The children looked after who had IRO contact between reviews in the year: those "
            "their IRO saw in person at least once, and those contacted only by phone, video "
            "call or message."
        ),
        method=f"KIND in {CONTACTS}: a child with any VISIT is seen in person; else CONTACT only.",
        category_label=N_("Contact"),
        categories=[SEEN, SPOKE],
        series={N_("Children"): [len(visited), len(reached - visited)]},
        unit="children",
    )
    result.breakdowns.append(by_kind)
    result.ties += [
        Tie.same(den(BETWEEN_REVIEWS.id), children.DURING_YEAR.id),
        Tie.same(num(BETWEEN_REVIEWS.id), cell_ref(by_kind, TOTAL)),
    ]


def _support(
    inp: SectionInput, support: pd.DataFrame, during: pd.Series, result: SectionResult
) -> None:
    period = inp.period
    end = pd.Timestamp(period.end)
    if not (support["DATE"] <= end).any():
        result.notes.append(
            N_(
                "{file} has no records this early: advocacy and independent visitors are left "
                "out of {year} rather than shown as none.",
                file=SUPPORT,
                year=period.label,
            )
        )
        return
    key = CHILD_KEY
    cohort = _in_cohort(support, during)
    advocacy = support.loc[
        (support["KIND"] == "ADVOCACY_REFERRAL") & within(support["DATE"], period) & cohort
    ]
    result.figures += [
        ADVOCACY_REFERRALS.count(len(advocacy)),
        ADVOCACY_CHILDREN.percent(int(advocacy[key].nunique()), len(during)),
    ]
    at_end = looked_after_on(inp.history.care, period.end)
    matches = support.loc[support["KIND"] == "IV_MATCH"]
    open_at_end = matches.loc[
        (matches["DATE"] <= end) & (matches["END"].isna() | (matches["END"] >= end))
    ]
    akey = CHILD_KEY
    matched = at_end[akey].isin(open_at_end[akey].to_numpy())
    new = matches.loc[within(matches["DATE"], period) & cohort]
    result.figures += [
        IV_OPEN.percent(int(matched.sum()), len(at_end)),
        IV_NEW.count(int(new[key].nunique())),
    ]
    result.ties += [
        Tie.same(den(ADVOCACY_CHILDREN.id), children.DURING_YEAR.id),
        Tie.same(den(IV_OPEN.id), children.AT_PERIOD_END.id),
    ]
