"""Small-number suppression (DOMAIN 10): primary, secondary across additive lines, figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.model import SUPPRESSIBLE, Breakdown, Figure

Cell = tuple[int, int]
Grid = Sequence[Sequence[int]]
Mask = list[list[bool]]


def is_small(value: float | None, threshold: int) -> bool:
    """A count from 1 to the threshold: shown as "c". Zero is never small."""
    return value is not None and 0 < value <= threshold


def primary_mask(grid: Grid, threshold: int) -> Mask:
    """Cells whose own count is from 1 to the threshold."""
    return [[is_small(value, threshold) for value in row] for row in grid]


def secondary_mask(grid: Grid, lines: Sequence[Sequence[Cell]], threshold: int) -> Mask:
    """Primary suppression, then, until stable, never leave one suppressed cell alone in a line.

    `lines` are groups of cells that add up (the cells and their total). When a line has
    exactly one suppressed cell, its smallest non-zero unsuppressed cell is suppressed too
    (the first such cell on ties, so the result is deterministic). Zeros are never suppressed.
    """
    mask = primary_mask(grid, threshold)
    changed = True
    while changed:
        changed = False
        for line in lines:
            extra = _partner(grid, mask, line)
            if extra is not None:
                mask[extra[0]][extra[1]] = True
                changed = True
    return mask


def _partner(grid: Grid, mask: Mask, line: Sequence[Cell]) -> Cell | None:
    """The cell to suppress with a lone suppressed cell in this line, if any."""
    if sum(mask[r][c] for r, c in line) != 1:
        return None
    candidates = [(grid[r][c], i) for i, (r, c) in enumerate(line) if not mask[r][c] and grid[r][c]]
    if not candidates:
        return None
    return line[min(candidates)[1]]


def with_totals(body: Grid, *, row_totals: bool) -> list[list[int]]:
    """The body (categories x series) plus a total row, and a total column with `row_totals`."""
    rows = [list(row) + ([sum(row)] if row_totals else []) for row in body]
    width = (len(body[0]) if body else 0) + (1 if row_totals else 0)
    total_row = [sum(row[c] for row in rows) for c in range(width)]
    return [*rows, total_row]


def additive_lines(n_rows: int, n_cols: int, *, row_totals: bool) -> list[list[Cell]]:
    """Lines of a table built by `with_totals`: each column with its total; each row when the
    rows have totals (including the total row, whose cells add up to the grand total)."""
    width = n_cols + (1 if row_totals else 0)
    lines = [[(r, c) for r in range(n_rows + 1)] for c in range(width)]
    if row_totals:
        lines += [[(r, c) for c in range(width)] for r in range(n_rows + 1)]
    return lines


@dataclass(frozen=True)
class TableMask:
    """Which cells of a breakdown are suppressed: body, column totals, row totals, grand total."""

    cells: Mask  # categories x series
    column_totals: list[bool]
    row_totals: list[bool]  # empty unless the breakdown has row totals
    grand_total: bool


def breakdown_mask(breakdown: Breakdown, threshold: int) -> TableMask:
    """Primary and secondary suppression of a breakdown table, totals included."""
    names = list(breakdown.series)
    if not breakdown.categories:
        return TableMask([], [False] * len(names), [], False)
    body = [[breakdown.series[n][i] for n in names] for i in range(len(breakdown.categories))]
    return table_mask(body, threshold, row_totals=breakdown.row_totals)


def table_mask(body: Grid, threshold: int, *, row_totals: bool) -> TableMask:
    """Suppress a categories x series table whose columns (and rows, if totalled) add up."""
    n_rows = len(body)
    n_cols = len(body[0]) if body else 0
    grid = with_totals(body, row_totals=row_totals)
    lines = additive_lines(n_rows, n_cols, row_totals=row_totals)
    mask = secondary_mask(grid, lines, threshold)
    return TableMask(
        cells=[row[:n_cols] for row in mask[:n_rows]],
        column_totals=mask[n_rows][:n_cols],
        row_totals=[row[n_cols] for row in mask[:n_rows]] if row_totals else [],
        grand_total=row_totals and mask[n_rows][n_cols],
    )


def figure_suppressed(figure: Figure, threshold: int) -> bool:
    """A count of children (or reviews...) from 1 to threshold, or a value calculated from one."""
    if figure.unit in SUPPRESSIBLE and is_small(figure.value, threshold):
        return True
    if figure.base_unit in SUPPRESSIBLE:
        return is_small(figure.numerator, threshold) or is_small(figure.denominator, threshold)
    return False


@dataclass(frozen=True)
class Hide:
    """Which of a figure's published numbers are shown as "c"."""

    value: bool
    numerator: bool = False
    denominator: bool = False


def figure_hide(figure: Figure, threshold: int) -> Hide:
    """One figure on its own: its value and parts by the threshold (see disclosure.py for
    the publication-wide decision)."""
    return Hide(
        value=figure_suppressed(figure, threshold),
        numerator=part_suppressed(figure, figure.numerator, threshold),
        denominator=part_suppressed(figure, figure.denominator, threshold),
    )


def as_hide(figure: Figure, hide: Hide | int) -> Hide:
    """A decided Hide as it is; a threshold decides for the figure on its own."""
    return hide if isinstance(hide, Hide) else figure_hide(figure, hide)


def part_suppressed(figure: Figure, part: float | None, threshold: int) -> bool:
    """Whether a numerator or denominator of a figure is shown as "c"."""
    return figure.base_unit in SUPPRESSIBLE and is_small(part, threshold)
