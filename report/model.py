"""The figure contract: figures, breakdown tables, chart specs and section results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from report.dates import Period

# Units of counts that relate to children (suppressed when small) and of other values.
CountUnit = Literal["children", "reviews", "escalations", "conferences", "responses", "referrals"]
Unit = Literal[
    "children",
    "reviews",
    "escalations",
    "conferences",
    "responses",
    "referrals",
    "percent",
    "rate_per_10k",
    "rate_per_100",
    "fte",
    "caseload",
    "working_days",
    "people",
]
SUPPRESSIBLE: frozenset[str] = frozenset(
    {"children", "reviews", "escalations", "conferences", "responses", "referrals"}
)


@dataclass(frozen=True)
class Figure:
    """One published number. Percentages and rates keep their numerator and denominator.

    `value` is unrounded: a count, or for unit "percent" 100 * numerator / denominator
    (None when the denominator is 0), or a rate, FTE, median and so on.
    `base_unit` names what numerator and denominator count (for suppression).
    `definition` is for the reader (plain words, printed in the report); `method` is the
    technical detail behind it (files, columns, codes), published in figures.json only.
    """

    id: str
    label: str
    value: float | None
    unit: Unit
    definition: str
    numerator: float | None = None
    denominator: float | None = None
    base_unit: CountUnit | None = None
    method: str = ""

    @property
    def pct(self) -> float | None:
        if self.unit == "percent":
            return self.value
        return None


def count(
    id: str, label: str, value: int, unit: CountUnit, definition: str, method: str = ""
) -> Figure:
    return Figure(
        id=id, label=label, value=float(value), unit=unit, definition=definition, method=method
    )


def percent(
    id: str,
    label: str,
    numerator: int,
    denominator: int,
    base_unit: CountUnit,
    definition: str,
    method: str = "",
) -> Figure:
    value = 100.0 * numerator / denominator if denominator else None
    return Figure(
        id=id,
        label=label,
        value=value,
        unit="percent",
        definition=definition,
        numerator=float(numerator),
        denominator=float(denominator),
        base_unit=base_unit,
        method=method,
    )


@dataclass(frozen=True)
class Breakdown:
    """A table of counts: categories (rows) by one or more series (columns).

    Every column adds up to its total; with `row_totals` every row adds up too. Each cell
    is a count of `unit`. Published as figure rows `id/category` (and `id/category/series`
    when there are several series), with the percentage of the column total.
    """

    id: str
    label: str
    definition: str
    category_label: str
    categories: list[str]
    series: dict[str, list[int]]
    unit: CountUnit
    row_totals: bool = False
    show_pct: bool = True
    method: str = ""  # the technical detail (files, columns, codes): figures.json only

    def column_total(self, name: str) -> int:
        return sum(self.series[name])


ChartKind = Literal["bar", "hbar", "trend", "stacked_hbar", "line"]


@dataclass(frozen=True)
class ChartSpec:
    """What to draw; the publish layer draws it from suppressed values and writes alt text.

    kind "bar"/"hbar"/"stacked_hbar": from the breakdown `source` (all of its series).
    kind "trend": from the history of the figures in `figures` across reporting years.
    kind "line": a line over the x-axis `categories` (e.g. the month ends of the year) of the
    values given here in `series` ((name, values) pairs, one value per category, None where
    there is none). Only for values that are not counts of children (caseload per FTE), so
    they are drawn as given, formatted by `unit`.
    `band` shades a guidance range (e.g. caseload 50-70).
    """

    id: str
    title: str
    kind: ChartKind
    source: str = ""
    figures: tuple[str, ...] = ()
    y_label: str = ""
    band: tuple[float, float] | None = None
    band_label: str = ""
    categories: tuple[str, ...] = ()  # kind "line" only
    series: tuple[tuple[str, tuple[float | None, ...]], ...] = ()  # kind "line" only
    unit: Unit | None = None  # kind "line" only: how the values are formatted
    # kind "line" only: (category, figure id) pairs where the point is that figure's value
    # (e.g. the caseload at 31 March): the point is hidden whenever the figure is.
    same_as: tuple[tuple[str, str], ...] = ()


TOTAL = "Total"


def cell_ref(breakdown: Breakdown, category: str, series: str | None = None) -> str:
    """The reference of a breakdown cell ("Total" as category or series for totals).

    `id/category` for a one-series table without row totals, else `id/category/series`:
    the same ids as the breakdown rows of figures.json and narratives.
    """
    name = series if series is not None else next(iter(breakdown.series))
    if len(breakdown.series) == 1 and not breakdown.row_totals:
        return f"{breakdown.id}/{category}"
    return f"{breakdown.id}/{category}/{name}"


def num(figure_id: str) -> str:
    """The reference of a figure's numerator (its value is referred to by its id)."""
    return f"{figure_id}#numerator"


def den(figure_id: str) -> str:
    """The reference of a figure's denominator."""
    return f"{figure_id}#denominator"


@dataclass(frozen=True)
class Tie:
    """A linear relation between published counts: the sum of coefficient x count is 0.

    Terms name counts by reference: a count figure's id, `num(id)` or `den(id)` for the
    parts of a percentage or rate, or `cell_ref(...)` for a breakdown cell or total. Ties
    tell disclosure control which published numbers can be combined (DOMAIN 10); a tie
    whose counts are not all published in a year is ignored for that year.
    """

    terms: tuple[tuple[str, int], ...]

    @staticmethod
    def same(a: str, b: str) -> Tie:
        """Two references to one count."""
        return Tie(((a, 1), (b, -1)))

    @staticmethod
    def sum(total: str, *parts: str) -> Tie:
        """`total` is the sum of `parts`."""
        return Tie(((total, -1), *((p, 1) for p in parts)))


@dataclass(frozen=True)
class Excluded:
    """Source rows a figure left out because a value it needs is in error (report year).

    `rows` are (file, row) pairs and `column` the column in error, so each row is matched to
    its issue (and rule) for the data-quality appendix's counts."""

    figure: str
    column: str
    unit: CountUnit
    rows: tuple[tuple[str, int], ...]


@dataclass
class SectionResult:
    """Everything a section computed for one reporting year."""

    figures: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headline: list[str] = field(default_factory=list)  # figure ids for the section's key facts
    context: dict[str, object] = field(default_factory=dict)  # plain extra values for the template
    excluded: list[Excluded] = field(default_factory=list)  # values in error left out
    ties: list[Tie] = field(default_factory=list)  # how its counts relate to others (DOMAIN 10)

    def figure(self, figure_id: str) -> Figure:
        for fig in self.figures:
            if fig.id == figure_id:
                return fig
        raise KeyError(figure_id)


@dataclass(frozen=True)
class Benchmark:
    """A published comparator from benchmarks.yaml."""

    figure: str
    area: str  # "England", "Wales", "Statistical neighbours", a region
    year: str
    value: float
    source: str
    line: int = 0  # where the entry starts in benchmarks.yaml (for messages)
    nation: str = "england"  # whose figure it is: england or wales
    measure: str = ""  # the published measure's name or code (a Welsh Government measure)


@dataclass
class SectionOutput:
    """One section as the publish layer receives it."""

    key: str
    number: int
    title: str
    result: SectionResult
    narrative: str | None  # the manager's Markdown (unrendered), or None if no file
    narrative_file: str = ""
    off_reason: str = ""  # non-empty when the section is switched off (e.g. no data)
    narrative_lang: str = ""  # the narrative's language when not the page's ("" = the same)


@dataclass(frozen=True)
class Reconciled:
    """One DfE count of one collection year: from that return alone, as the report has it,
    and why they differ: (cause, change in the count) in the order applied, adding up to
    report - from_return."""

    year: str  # "2017-18"
    figure: str
    label: str
    from_return: int
    report: int
    causes: tuple[tuple[str, int], ...] = ()


@dataclass
class ReportInput:
    """Everything the report shows, computed; publishing only suppresses, formats and lays out."""

    council: str
    service_name: str
    nation: str
    period: Period  # the reporting year, 1 April to 31 March
    sections: list[SectionOutput]
    # figure id -> {year label -> Figure}, oldest first, including the report year
    history: dict[str, dict[str, Figure]]
    benchmarks: list[Benchmark]
    data_quality: list[dict[str, object]]  # summary rows: file, rule, severity, count, message
    # (accepted issues also carry the council's reason)
    draft: bool
    generated: str  # ISO date shown on the title page (deterministic)
    author: str
    suppression_threshold: int
    # what the errors took out of the report year's figures: rule, file, figure, count, unit
    exclusions: list[dict[str, object]] = field(default_factory=list)
    reconciliation: list[Reconciled] = field(default_factory=list)  # every collection year
    # "At a glance": the manager's narrative/at_a_glance.md (None without one) and how many
    # of the figures that moved most to show (publishing.at_a_glance_figures)
    glance_narrative: str | None = None
    glance_narrative_lang: str = "en"  # the language it is written in (i18n code)
    glance_count: int = 6

    @property
    def year(self) -> str:
        """The reporting year's label, "2024-25"."""
        return self.period.label
