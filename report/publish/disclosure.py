"""Disclosure control across the whole publication: one pass decides every published count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from report.model import (
    SUPPRESSIBLE,
    TOTAL,
    Breakdown,
    Figure,
    ReportInput,
    cell_ref,
    den,
    num,
)
from report.publish.suppression import Hide, TableMask, is_small

Key = tuple[str, str]  # (reporting year, reference)
Term = tuple[Key, int]


@dataclass(frozen=True)
class Cells:
    """Every published count of the publication and the linear relations among them."""

    values: dict[Key, int]
    relations: list[list[Term]]  # each: sum of coefficient x count == 0


@dataclass(frozen=True)
class Disclosure:
    """Which published counts are shown as "c", decided once for the whole publication."""

    hidden: frozenset[Key]
    year: str  # the report year

    def hides(self, year: str, ref: str) -> bool:
        return (year, ref) in self.hidden

    def figure(self, figure: Figure, year: str | None = None) -> Hide:
        """How one figure (of the report year, or of `year`) is published."""
        year = year or self.year
        numerator = figure.numerator is not None and self.hides(year, num(figure.id))
        denominator = figure.denominator is not None and self.hides(year, den(figure.id))
        value = self.hides(year, figure.id) or numerator or denominator
        return Hide(value=value, numerator=numerator, denominator=denominator)

    def table(self, breakdown: Breakdown) -> TableMask:
        """The suppressed cells of one breakdown table of the report year."""
        names = list(breakdown.series)

        def hidden(category: str, series: str | None) -> bool:
            return self.hides(self.year, cell_ref(breakdown, category, series))

        return TableMask(
            cells=[[hidden(c, n) for n in names] for c in breakdown.categories],
            column_totals=[hidden(TOTAL, n) for n in names],
            row_totals=[hidden(c, TOTAL) for c in breakdown.categories]
            if breakdown.row_totals
            else [],
            grand_total=breakdown.row_totals and hidden(TOTAL, TOTAL),
        )


def decide(report: ReportInput) -> Disclosure:
    """Primary and secondary suppression over every count the publication shows."""
    cells = collect(report)
    return Disclosure(suppress(cells, report.suppression_threshold), report.year)


# ---------------------------------------------------------------- what is published


def collect(report: ReportInput) -> Cells:
    """The counts behind every published number, each year, and how they add up."""
    values: dict[Key, int] = {}
    relations: list[list[Term]] = []
    for year, figures in _figures_by_year(report).items():
        for figure in figures:
            values.update(_figure_cells(year, figure))
    for section in report.sections:
        for breakdown in section.result.breakdowns:
            cells, lines = _breakdown_cells(report.year, breakdown)
            values.update(cells)
            relations += lines
    ties = [t for s in report.sections for t in s.result.ties]
    years = sorted({year for year, _ in values})
    for tie in ties:
        for year in years:
            terms = [((year, ref), coef) for ref, coef in tie.terms]
            if all(key in values for key, _ in terms):
                relations.append(terms)
    return Cells(values, relations)


def _figures_by_year(report: ReportInput) -> dict[str, list[Figure]]:
    found: dict[str, dict[str, Figure]] = {}
    for figure_id, history in report.history.items():
        for year, figure in history.items():
            found.setdefault(year, {})[figure_id] = figure
    for section in report.sections:
        for figure in section.result.figures:
            found.setdefault(report.year, {})[figure.id] = figure
    return {year: list(figures.values()) for year, figures in sorted(found.items())}


def _figure_cells(year: str, figure: Figure) -> dict[Key, int]:
    """A count figure is one count; a percentage or rate has counts as its parts."""
    cells: dict[Key, int] = {}
    if figure.unit in SUPPRESSIBLE and figure.value is not None:
        cells[(year, figure.id)] = round(figure.value)
    counted_parts = figure.base_unit in SUPPRESSIBLE
    if (counted_parts or figure.unit == "caseload") and figure.numerator is not None:
        cells[(year, num(figure.id))] = round(figure.numerator)  # caseload: children
    if counted_parts and figure.denominator is not None and figure.unit != "rate_per_10k":
        cells[(year, den(figure.id))] = round(figure.denominator)  # not a population
    return cells


def _breakdown_cells(year: str, breakdown: Breakdown) -> tuple[dict[Key, int], list[list[Term]]]:
    """A table's cells and totals, and its lines: each column and (if totalled) each row."""
    names = list(breakdown.series)
    cells: dict[Key, int] = {}

    def key(category: str, series: str | None) -> Key:
        return (year, cell_ref(breakdown, category, series))

    lines: list[list[Term]] = []
    for name in names:
        column = breakdown.series[name]
        for category, value in zip(breakdown.categories, column, strict=True):
            cells[key(category, name)] = value
        cells[key(TOTAL, name)] = sum(column)
        lines.append([(key(c, name), 1) for c in breakdown.categories] + [(key(TOTAL, name), -1)])
    if breakdown.row_totals:
        for category in [*breakdown.categories, TOTAL]:
            cells[key(category, TOTAL)] = sum(cells[key(category, n)] for n in names)
            lines.append([(key(category, n), 1) for n in names] + [(key(category, TOTAL), -1)])
        row_totals = [(key(c, TOTAL), 1) for c in breakdown.categories]
        lines.append([*row_totals, (key(TOTAL, TOTAL), -1)])
    return cells, lines


# ---------------------------------------------------------------- suppression


def suppress(cells: Cells, threshold: int) -> frozenset[Key]:
    """Counts from 1 to `threshold`, then others until no hidden count can be worked out.

    Counts tied as equal share one fate. A hidden count is worked out when the relations
    among the published counts fix it: alone in a relation; every hidden count of a
    relation whose hidden counts are all added being 1 (a hidden count is never 0, as 0 is
    shown); or fixed by any combination of relations (exact linear algebra). Each time, the
    smallest non-zero published count of a relation involved is hidden too (the first on
    ties, so the result is deterministic), until nothing changes.
    """
    groups = _Groups(cells.values)
    relations = _merged(groups, cells.relations)
    hidden = {r for r in groups.roots if is_small(groups.value[r], threshold)}
    while True:
        extra = _lone_or_ones(relations, hidden, groups.value)
        if extra is None:
            extra = _determined_partner(relations, hidden, groups.value)
        if extra is None:
            break
        hidden.add(extra)
    return frozenset(k for k in cells.values if groups.find(k) in hidden)


class _Groups:
    """Counts that are one quantity published in several places (ties of two equal counts)."""

    def __init__(self, values: dict[Key, int]) -> None:
        self.parent: dict[Key, Key] = {k: k for k in values}
        self.value = dict(values)

    def find(self, key: Key) -> Key:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb))
            self.parent[second] = first

    @property
    def roots(self) -> list[Key]:
        return sorted(k for k in self.parent if self.find(k) == k)


def _merged(groups: _Groups, relations: Sequence[Sequence[Term]]) -> list[list[Term]]:
    """Relations over groups: equal pairs joined, terms of one group added together."""
    rest = []
    for terms in relations:
        if len(terms) == 2 and sorted(c for _, c in terms) == [-1, 1]:
            (a, _), (b, _) = terms
            if groups.value[a] == groups.value[b]:
                groups.union(a, b)
                continue
        rest.append(terms)
    merged = []
    for terms in rest:
        coefs: dict[Key, int] = {}
        for key, coef in terms:
            root = groups.find(key)
            coefs[root] = coefs.get(root, 0) + coef
        line = [(k, c) for k, c in coefs.items() if c]
        if len(line) >= 2:
            merged.append(line)
    return merged


def _smallest(line: Iterable[Term], hidden: set[Key], value: dict[Key, int]) -> Key | None:
    candidates = [(value[k], i, k) for i, (k, _) in enumerate(line) if k not in hidden and value[k]]
    return min(candidates)[2] if candidates else None


def _lone_or_ones(
    relations: Sequence[Sequence[Term]], hidden: set[Key], value: dict[Key, int]
) -> Key | None:
    for line in relations:
        inside = [(k, c) for k, c in line if k in hidden]
        if not inside:
            continue
        lone = len(inside) == 1
        same_sign = len({c for _, c in inside}) == 1 and abs(inside[0][1]) == 1
        ones = same_sign and all(value[k] == 1 for k, _ in inside)
        if lone or ones:
            extra = _smallest(line, hidden, value)
            if extra is not None:
                return extra
    return None


def _determined_partner(
    relations: Sequence[Sequence[Term]], hidden: set[Key], value: dict[Key, int]
) -> Key | None:
    """A published count to hide because some hidden count is fixed by the relations.

    The partner is the smallest published count of the relations around the fixed count:
    its own relations first, then those reached through their hidden counts, and so on (a
    count can be fixed through relations it is not in, e.g. a total through a figure tied
    to the cells that make it up).
    """
    for key in determined(relations, hidden):
        reached, seen = {key}, 0
        while len(reached) > seen:
            seen = len(reached)
            lines = [line for line in relations if any(k in reached for k, _ in line)]
            candidates = [k for k in (_smallest(line, hidden, value) for line in lines) if k]
            if candidates:
                return min(candidates, key=lambda k: (value[k], k))
            reached |= {k for line in lines for k, _ in line if k in hidden}
    return None


def determined(relations: Sequence[Sequence[Term]], hidden: set[Key]) -> list[Key]:
    """Hidden counts whose value the relations fix (unit vectors in their row space)."""
    columns = sorted(hidden)
    index = {k: i for i, k in enumerate(columns)}
    rows = []
    for line in relations:
        row = [Fraction(0)] * len(columns)
        for k, c in line:
            if k in index:
                row[index[k]] += c
        if any(row):
            rows.append(row)
    pivots = _reduce(rows, len(columns))
    found = []
    pivot_columns = {p for p, _ in pivots}
    for p, row in pivots:
        if all(row[j] == 0 for j in range(len(columns)) if j not in pivot_columns):
            found.append(columns[p])
    return found


def _reduce(rows: list[list[Fraction]], width: int) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form: (pivot column, row) pairs."""
    pivots: list[tuple[int, list[Fraction]]] = []
    remaining = rows
    for col in range(width):
        pick = next((r for r in remaining if r[col] != 0), None)
        if pick is None:
            continue
        remaining = [r for r in remaining if r is not pick]
        pick = [x / pick[col] for x in pick]
        remaining = [_eliminate(r, pick, col) for r in remaining]
        pivots = [(p, _eliminate(r, pick, col)) for p, r in pivots]
        pivots.append((col, pick))
    return pivots


def _eliminate(row: list[Fraction], pivot: list[Fraction], col: int) -> list[Fraction]:
    factor = row[col]
    return row if factor == 0 else [a - factor * b for a, b in zip(row, pivot, strict=True)]
