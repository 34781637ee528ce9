"""Disclosure audit: every published number and every equation tying them, solved by LP.

Reads what a build publishes (report.html and tables/*.csv), writes down every equation a
reader could use (table totals, percentages of their denominators and of column totals with
rounding as intervals, rates x bases, figures that are table cells, year-on-year wording),
and for each "c" asks scipy's linear programming (with integer variables) for the smallest
and largest value it could take. A "c" is protected when at least two integer values remain
possible: floor(max) - ceil(min) >= 1. Every "c" is at least 1 (0 is always shown); other
unknowns are at least 0.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

Name = tuple[str, ...]
SYMBOL_C = "c"
LARGE = 10**7
ROUND = {"percent": 0.5, "one_decimal": 0.05}


@dataclass
class Equation:
    """lo <= sum(coef x name) <= hi."""

    terms: list[tuple[Name, float]]
    lo: float
    hi: float
    why: str


@dataclass
class Published:
    """Every published number by name, as the strings it was published as."""

    strings: dict[Name, set[str]] = field(default_factory=dict)
    where: dict[Name, set[str]] = field(default_factory=dict)
    equations: list[Equation] = field(default_factory=list)

    def add(self, name: Name, text: str, where: str) -> None:
        text = text.strip()
        if text in ("", "x", "z"):
            return
        self.strings.setdefault(name, set()).add(text)
        self.where.setdefault(name, set()).add(where)

    def value(self, name: Name) -> float | None:
        """The published number, or None when it is "c" everywhere or not published."""
        numbers = [number(s) for s in self.strings.get(name, ()) if s not in (SYMBOL_C, "k")]
        return numbers[0] if numbers else None

    def hidden(self) -> list[Name]:
        return sorted(n for n, s in self.strings.items() if SYMBOL_C in s)

    def equal(self, a: Name, b: Name, why: str) -> None:
        self.equations.append(Equation([(a, 1), (b, -1)], 0, 0, why))

    def sums(self, total: Name, parts: list[Name], why: str) -> None:
        self.equations.append(Equation([(total, -1), *((p, 1) for p in parts)], 0, 0, why))


def number(text: str) -> float:
    return float(text.replace(",", "").removesuffix("%"))


# ---------------------------------------------------------------- reading the outputs

ROW = re.compile(
    r'<th scope="row">(?P<label>[^<]+)</th>\s*<td class="num"><span class="value">'
    r'(?P<value>[^<]*)</span>(?:<span class="detail">(?P<detail>[^<]*)</span>)?</td>\s*'
    r'<td class="num">(?P<compared>[^<]*)</td>'
)
CARD = re.compile(
    r'<span class="card-value">(?P<value>[^<]*)</span>\s*<span class="card-label">'
    r'(?P<label>[^<]*)</span>\s*(?:<span class="card-detail">(?P<detail>[^<]*)</span>)?'
    r'(?:<span class="card-compared">(?P<compared>[^<]*)</span>)?'
)
DEFINITION = re.compile(r'<dt>(?P<label>[^<]+?) <span class="figure-id">\((?P<id>[^)]+)\)</span>')
ALT = re.compile(r'<img[^>]*alt="(?P<alt>[^"]*)"')
CHANGE = re.compile(r"^(?P<how>up from|down from|same as) (?P<value>\S+?)(?: in \S+)?$")


def read(out: Path, year: str, previous_year: str) -> tuple[Published, dict[str, str]]:
    """Every number report.html and tables/*.csv publish, named; and label -> figure id."""
    page = (out / "report.html").read_text(encoding="utf-8")
    ids = {html.unescape(m["label"]): m["id"] for m in DEFINITION.finditer(page)}
    pub = Published()
    for pattern, where in ((ROW, "key figures"), (CARD, "headline tile")):
        for m in pattern.finditer(page):
            label = html.unescape(m["label"])
            if label not in ids:
                continue
            fid = ids[label]
            pub.add(("F", year, fid), m["value"], where)
            if m["detail"]:
                n, d = m["detail"].split(" of ")
                pub.add(("F", year, fid, "num"), n, where)
                pub.add(("F", year, fid, "den"), d.split(" ")[0], where)
            compared = html.unescape(m["compared"] or "")
            change = CHANGE.match(compared)
            before = change["value"] if change else compared.removeprefix(f"{previous_year}: ")
            pub.add(("F", previous_year, fid), before, where)
            if change and change["how"] != "same as":
                up = change["how"] == "up from"
                pub.equations.append(_direction(year, previous_year, fid, up))
    for path in sorted((out / "tables").glob("*.csv")):
        _read_csv(pub, path, ids, year)
    for m in ALT.finditer(page):
        _read_alt(pub, html.unescape(m["alt"]), ids, out)
    return pub, ids


def _direction(year: str, previous_year: str, fid: str, up: bool) -> Equation:
    """ "up from" means this year's value is the larger: by at least 1 for counts."""
    terms: list[tuple[Name, float]] = [(("F", year, fid), 1), (("F", previous_year, fid), -1)]
    return Equation(terms, 1e-9 if up else -math.inf, math.inf if up else -1e-9, "change")


def _read_csv(pub: Published, path: Path, ids: dict[str, str], year: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    head, body = rows[0], rows[1:]
    table = path.stem
    if head[0] in ("Year", "Period"):
        for row in body:
            for label, text in zip(head[1:], row[1:], strict=True):
                if head[0] == "Year" and label in ids:
                    pub.add(("F", row[0], ids[label]), text, f"trend table {table}")
                elif head[0] == "Period" and row[0] == "Mar":
                    pub.add(("F", year, "iro.caseload_per_fte"), text, f"table {table}")
        return
    for row in body:
        for column, text in zip(head[1:], row[1:], strict=True):
            pub.add(("T", table, row[0], column), text, f"table {table}")
    counts = [c for c in head[1:] if c != "Percentage"]
    categories = [r[0] for r in body if r[0] != "Total"]
    for column in counts:
        parts = [("T", table, c, column) for c in categories]
        pub.sums(("T", table, "Total", column), parts, f"{table} column {column}")
    if "Total" in counts:
        for category in [*categories, "Total"]:
            parts = [("T", table, category, c) for c in counts if c != "Total"]
            pub.sums(("T", table, category, "Total"), parts, f"{table} row {category}")
    if "Percentage" in head:
        for row in body:
            pct = row[head.index("Percentage")]
            if row[0] != "Total" and pct not in (SYMBOL_C, "k", "z"):
                cell, total = ("T", table, row[0], "Number"), ("T", table, "Total", "Number")
                pub.equations.append(_share(cell, total, float(pct), "percent", table))
                pub.equations.append(_share_high(cell, total, float(pct), "percent", table))


def _share(
    part: Name, whole: Name, shown: float, rounding: str, why: str, scale: float = 100
) -> Equation:
    """part / whole x scale rounds to `shown`: an interval, linear in part and whole."""
    half = ROUND[rounding]
    # (shown - half) * whole <= scale * part <= (shown + half) * whole, written as two bounds
    return Equation([(part, scale), (whole, -(shown - half))], 0, math.inf, f"{why} (low)")


def _share_high(
    part: Name, whole: Name, shown: float, rounding: str, why: str, scale: float = 100
) -> Equation:
    half = ROUND[rounding]
    return Equation([(part, scale), (whole, -(shown + half))], -math.inf, 0, f"{why} (high)")


def _read_alt(pub: Published, alt: str, ids: dict[str, str], out: Path) -> None:
    """Chart alt text: the numbers it states are published as the chart's table says."""
    body = alt.split(". ", 1)[1] if ". " in alt else ""
    for part in body.split(". "):
        if ": " not in part:
            continue
        series, rest = part.split(": ", 1)
        for item in rest.split("; "):
            if ": " not in item:
                continue
            where, text = item.rsplit(": ", 1)
            text = text.split(" (")[0].rstrip(".")
            if re.fullmatch(r"\d{4}-\d{2}", where) and series in ids:
                pub.add(("F", where, ids[series]), text, "alt text")


# ---------------------------------------------------------------- the equations a reader knows


def domain_equations(pub: Published, ids: dict[str, str], years: list[str], year: str) -> None:
    """Figures that are table cells, and rates x bases (DOMAIN 3-7, 10)."""
    F = lambda y, fid, *part: ("F", y, fid, *part)  # noqa: E731
    T = lambda table, row, col="Number": ("T", table, row, col)  # noqa: E731
    for table in (
        "cla.by_age_band",
        "cla.by_sex",
        "cla.by_ethnicity",
        "cla.by_legal_status",
        "cla.by_placement",
    ):
        pub.equal(F(year, "cla.at_period_end"), T(table, "Total"), table)
    seq = "reviews.by_sequence"
    pub.equal(F(year, "reviews.held"), T(seq, "Total", "Total"), seq)
    pub.equal(F(year, "reviews.on_time", "num"), T(seq, "Total", "On time"), seq)
    pub.sums(
        F(year, "reviews.on_time", "den"),
        [T(seq, "Total", "On time"), T(seq, "Total", "Late")],
        seq,
    )
    pub.equal(F(year, "reviews.not_assessable"), T(seq, "Total", "Not assessable"), seq)
    pub.equal(T("reviews.late_by_days", "Total"), T(seq, "Total", "Late"), "late reviews")
    for key, row in (
        ("first", "First review"),
        ("second", "Second review"),
        ("later", "Third and later reviews"),
    ):
        fid = f"reviews.on_time_{key}"
        pub.equal(F(year, fid, "num"), T(seq, row, "On time"), fid)
        pub.sums(F(year, fid, "den"), [T(seq, row, "On time"), T(seq, row, "Late")], fid)
    code = "participation.by_code"
    pn_rows = sorted({n[2] for n in pub.strings if n[:2] == ("T", code) and n[2] != "Total"})
    # The rows are named in words (PN1-PN4 attended; PN7 did not take part).
    attended = [T(code, r) for r in pn_rows if r.startswith("Attended")]
    took_part = [T(code, r) for r in pn_rows if not r.endswith("views not conveyed")]
    pub.sums(F(year, "participation.attended", "num"), attended, "attended")
    pub.sums(F(year, "participation.participated", "num"), took_part, "participated")
    for fid in ("participation.attended", "participation.participated"):
        pub.equal(F(year, fid, "den"), T(code, "Total"), fid)
    age = "participation.by_age_band"
    for low, row in ((4, "4 to 9"), (10, "10 to 15"), (16, "16 and over")):
        fid = f"participation.participated_age_{low}"
        pub.equal(F(year, fid, "num"), T(age, row, "Participated"), fid)
        pub.equal(F(year, fid, "den"), T(age, row, "Total"), fid)
    for table in ("feedback.by_respondent", "feedback.by_source"):
        pub.equal(F(year, "feedback.respondents"), T(table, "Total"), table)
    questions = "feedback.positive_by_question"
    for n in [n for n in pub.strings if n[0] == "F" and n[2].startswith("feedback.positive/")]:
        label = next((lab for lab, fid in ids.items() if fid == n[2]), None)
        if label and len(n) == 3:
            pub.equal(F(year, n[2], "num"), T(questions, label, "Positive"), n[2])
            pub.equal(F(year, n[2], "den"), T(questions, label, "Total"), n[2])
    for table in (
        "escalations.by_stage",
        "escalations.by_theme",
        "escalations.by_outcome",
        "escalations.by_service",
    ):
        pub.equal(F(year, "escalations.raised"), T(table, "Total"), table)
    # IRO contact, advocacy and independent visitors: shares of the report's own cohorts
    kind = "contact.by_kind"
    pub.equal(F(year, "contact.between_reviews", "num"), T(kind, "Total"), kind)
    for fid in ("contact.between_reviews", "support.advocacy_children"):
        pub.equal(F(year, fid, "den"), F(year, "cla.during_year"), fid)
    iv = "support.iv_open_at_period_end"
    pub.equal(F(year, iv, "den"), F(year, "cla.at_period_end"), iv)
    pub.equal(F(year, "cp.plans_at_period_end"), T("cp.plans_by_category", "Total"), "plans")
    # issue 12 items 2, 7, 8: where children were placed, feedback by who answered, plan lengths
    dist, far = "cla.by_placement_distance", "cla.out_of_area_over_20_miles"
    pub.equal(F(year, "cla.at_period_end"), T(dist, "Total"), dist)
    pub.equal(
        F(year, far, "num"),
        T(dist, "Outside the council's area, more than 20 miles from home"),
        far,
    )
    recorded = [
        f"{inside}, {near} from home"
        for inside in ("In the council's area", "Outside the council's area")
        for near in ("20 miles or less", "more than 20 miles")
    ]
    pub.sums(F(year, far, "den"), [T(dist, r) for r in recorded], far)
    who = "feedback.positive_by_respondent"
    for column in ("Positive", "Total"):
        pub.equal(T(who, "Total", column), T(questions, "Total", column), who)
    for key, row in (
        ("children", "Children and young people"),
        ("parents_carers", "Parents and carers"),
        ("professionals", "Professionals"),
    ):
        fid = f"feedback.positive_share/{key}"
        pub.equal(F(year, fid, "num"), T(who, row, "Positive"), fid)
        pub.equal(F(year, fid, "den"), T(who, row, "Total"), fid)
    length, long = "cp.plans_ceased_by_duration", "cp.plans_ceased_2_years_plus"
    pub.equal(F(year, long, "num"), T(length, "2 years or more"), long)
    pub.equal(F(year, long, "den"), T(length, "Total"), long)
    for y in years:
        # caseload per FTE x FTE = children with an IRO; with those without, all looked after
        allocated = ("X", y, "allocated")
        caseload, fte = (
            pub.value(F(y, "iro.caseload_per_fte")),
            pub.value(F(y, "iro.fte_at_period_end")),
        )
        if caseload is not None and fte is not None:
            # FTE is taken as exact (posts are in tenths): the stricter reading
            low, high = (caseload - 0.05) * fte, (caseload + 0.05) * fte
            pub.equations.append(Equation([(allocated, 1)], low, high, f"caseload x FTE {y}"))
        pub.sums(
            F(y, "cla.at_period_end"),
            [allocated, F(y, "iro.children_unallocated_at_period_end")],
            f"IRO allocation {y}",
        )
        # concerns per 100 children looked after during the year
        rate = pub.value(F(y, "escalations.rate_per_100_cla"))
        if rate is not None:
            raised, during = F(y, "escalations.raised"), F(y, "cla.during_year")
            pub.equations.append(_share(raised, during, rate, "one_decimal", f"rate {y}"))
            pub.equations.append(_share_high(raised, during, rate, "one_decimal", f"rate {y}"))
        # percentages of their published parts, whatever is hidden
        for fid in {n[2] for n in pub.strings if n[0] == "F" and n[1] == y}:
            shown = pub.strings.get(F(y, fid), set())
            pct = next((number(s) for s in shown if s.endswith("%")), None)
            if pct is not None and (
                F(y, fid, "num") in pub.strings or F(y, fid, "den") in pub.strings
            ):
                pub.equations.append(
                    _share(F(y, fid, "num"), F(y, fid, "den"), pct, "percent", fid)
                )
                pub.equations.append(
                    _share_high(F(y, fid, "num"), F(y, fid, "den"), pct, "percent", fid)
                )


# ---------------------------------------------------------------- solving


@dataclass(frozen=True)
class Finding:
    name: Name
    low: float
    high: float
    where: str

    def __str__(self) -> str:
        return f"{self.name} (published as c in {self.where}) must be {self.low:g} to {self.high:g}"


def audit(pub: Published) -> list[Finding]:
    """Each "c" that the published numbers pin down, or that is published elsewhere."""
    findings = []
    for name in pub.hidden():
        if pub.value(name) is not None:
            shown = sorted(pub.strings[name] - {SYMBOL_C})
            findings.append(
                Finding(name, number(shown[0]), number(shown[0]), "one place, a number in another")
            )
    unknown: list[Name] = []
    rows, lows, highs = [], [], []
    index: dict[Name, int] = {}
    for eq in pub.equations:
        constant = 0.0
        coefs: dict[int, float] = {}
        for name, coef in eq.terms:
            known = pub.value(name)
            if known is not None:
                constant += coef * known
                continue
            if name not in index:
                index[name] = len(unknown)
                unknown.append(name)
            coefs[index[name]] = coefs.get(index[name], 0.0) + coef
        if not coefs:
            assert eq.lo - 1e-6 <= constant <= eq.hi + 1e-6, f"equation does not hold: {eq}"
            continue
        rows.append(coefs)
        lows.append(eq.lo - constant)
        highs.append(eq.hi - constant)
    if not unknown:
        return findings
    matrix = np.zeros((len(rows), len(unknown)))
    for i, coefs in enumerate(rows):
        for j, c in coefs.items():
            matrix[i, j] = c
    finite_hi = [i for i, h in enumerate(highs) if h < math.inf]
    finite_lo = [i for i, lo in enumerate(lows) if lo > -math.inf]
    a_ub = np.vstack([matrix[finite_hi], -matrix[finite_lo]])
    b_ub = np.array([highs[i] for i in finite_hi] + [-lows[i] for i in finite_lo])
    # no count in a council's report comes near LARGE: it stands for "unbounded"
    bounds = [(1 if SYMBOL_C in pub.strings.get(n, ()) else 0, LARGE) for n in unknown]
    for name in pub.hidden():
        if name not in index or pub.value(name) is not None:
            continue
        j = index[name]
        ends = []
        for sign in (1, -1):
            c = np.zeros(len(unknown))
            c[j] = sign
            res = linprog(
                c,
                A_ub=a_ub,
                b_ub=b_ub,
                bounds=bounds,
                integrality=np.ones(len(unknown)),
                method="highs",
            )
            assert res.status == 0, f"audit LP failed for {name}: {res.message}"
            ends.append(sign * res.fun)
        low, high = ends[0], ends[1]
        if math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 1:
            findings.append(Finding(name, low, high, ", ".join(sorted(pub.where[name]))))
    return findings
