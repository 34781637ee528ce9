"""The report as one accessible HTML page (web and print), its published tables and figures.json."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from report import i18n
from report.dates import Period
from report.errors import ReportError
from report.i18n import N_, _
from report.model import (
    SUPPRESSIBLE,
    Benchmark,
    Breakdown,
    ChartSpec,
    Figure,
    Reconciled,
    ReportInput,
    SectionOutput,
)
from report.publish import charts, section_parts
from report.publish.disclosure import Disclosure, decide
from report.publish.formatting import (
    NOT_AVAILABLE,
    SUPPRESSED,
    FigureText,
    change_text,
    count_cell,
    detail_text,
    figure_text,
    number_text,
    previous_text,
    share_cell,
    symbol_key,
)
from report.publish.glance import GlanceView, glance
from report.publish.narrative import NarrativeFigure, render_narrative
from report.publish.pagetext import page_text
from report.publish.suppression import Hide, TableMask, is_small
from report.resources import TEMPLATES_DIR
from report.terms import glossary_rows

LANG = i18n.HTML_LANG[i18n.ENGLISH]  # the English report's; render_report uses the current one
MAX_TABLE_ROWS = 30  # longer tables are published as CSV beside the report, not printed
MAX_QUALITY_ROWS = 40
QUALITY_COLUMNS = ("file", "rule", "severity", "count", "message")
QUALITY_HEADINGS = {
    "file": N_("File"),
    "rule": N_("Rule"),
    "severity": N_("Severity"),
    "count": N_("Count"),
    "message": N_("Message"),
    "reason": N_("Reason"),
    "figure": N_("Figure"),
    "unit": N_("Unit"),
}
KEY_LINE = N_("c suppressed; k rounds to 0; x not available; z not applicable")


@dataclass(frozen=True)
class PublishedReport:
    """What publishing produces from one ReportInput (the pipeline writes it out)."""

    html: str
    tables: dict[str, str]  # table id -> CSV of the published (suppressed) table
    figures_json: dict[str, Any]  # every figure, unsuppressed: not for publication
    title: str = ""
    lang: str = LANG
    view: ReportView | None = None  # what the page was made from (for the Word and Excel files)
    table_views: dict[str, TableView] = field(default_factory=dict)  # the tables/ as views


# ---------------------------------------------------------------- view models for templates


@dataclass(frozen=True)
class HeadCell:
    text: str
    scope: str = "col"
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = True


@dataclass(frozen=True)
class Row:
    header: str
    cells: list[str]
    total: bool = False


@dataclass(frozen=True)
class TableView:
    id: str
    caption: str
    head: list[list[HeadCell]]
    rows: list[Row]
    note: str = ""
    text_columns: frozenset[int] = frozenset()  # body cells that are words, not numbers

    def csv(self) -> str:
        """The table as CSV: one header line, numbers without separators or % signs."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_flat_header(self.head))
        for row in self.rows:
            cells = [c if i in self.text_columns else _plain(c) for i, c in enumerate(row.cells)]
            writer.writerow([row.header, *cells])
        return out.getvalue()


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    src: str
    alt: str
    table: TableView | None = None  # its own data table (trend charts)
    narrow_src: str = ""  # drawn for phones: its text stays at least 12 CSS px
    narrow_media: str = ""


@dataclass(frozen=True)
class Block:
    """A breakdown table with the charts drawn from it, or a chart with its own table."""

    table: TableView | None
    charts: list[ChartView]
    csv_note: str = ""
    csv_table: TableView | None = None  # too long to print: published as CSV (and in tables.xlsx)


@dataclass(frozen=True)
class FigureRow:
    id: str
    label: str
    value: str
    detail: str
    previous: str
    change: str
    compared: str  # "up from 391 in 2023-24", "2023-24: c", or ""
    comparators: list[str]
    definition: str


@dataclass(frozen=True)
class SectionView:
    key: str
    number: int
    title: str
    heading: str
    anchor: str
    template: str
    narrative_html: Markup | None
    narrative_lang: str  # lang="..." of the narrative when it is not the page's language
    placeholder: str
    off_reason: str
    cards: list[FigureRow]
    figures: list[FigureRow]
    has_comparators: bool
    blocks: list[Block]
    notes: list[str]
    context: dict[str, object]
    # narrative parts the section's template shows in their own place (section_parts.py)
    parts: dict[str, Markup] = field(default_factory=dict)


@dataclass(frozen=True)
class Definition:
    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class DefinitionGroup:
    heading: str
    items: list[Definition]


@dataclass(frozen=True)
class Appendix:
    key: str
    letter: str
    title: str
    anchor: str
    definitions: list[DefinitionGroup] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)
    note: str = ""
    glossary: list[dict[str, str]] = field(default_factory=list)
    reconciliation: list[TableView] = field(default_factory=list)  # one per collection year


@dataclass(frozen=True)
class ReportView:
    council: str
    service_name: str
    title: str
    description: str
    year: str
    previous_year: str
    period: str
    author: str
    generated: str
    draft: bool
    watermark: str  # data: URI of the DRAFT page background ("" when not a draft)
    lang: str
    for_pdf: bool
    threshold: int
    symbols: tuple[tuple[str, str], ...]
    key_line: str
    key_appendix: Appendix
    sections: list[SectionView]
    appendices: list[Appendix]
    css: Markup
    appendix_label: str = ""  # "Appendix A" when printed as an appendix to committee papers
    glance: GlanceView | None = None  # the "At a glance" page, first after the contents


# ---------------------------------------------------------------- entry point


def render_report(
    report: ReportInput, *, for_pdf: bool, appendix_label: str = ""
) -> PublishedReport:
    """Suppress, format, draw and lay out the whole report; render once, reuse for web and PDF.

    `appendix_label` ("Appendix A") marks the report as an appendix to committee papers: it
    is shown on the title page and in the running header of every printed page.
    """
    ctx = _Context(report)
    sections = [_section_view(ctx, section) for section in report.sections]
    appendices = _appendices(ctx)
    view = ReportView(
        council=report.council,
        service_name=report.service_name,
        title=report_title(report),
        description=_(
            N_("{title} of {council}", title=report_title(report), council=report.council)
        ),
        year=report.year,
        previous_year=ctx.previous_year,
        period=_(
            N_(
                "{start} to {end}",
                start=long_date(report.period_start),
                end=long_date(report.period_end),
            )
        ),
        author=report.author,
        generated=long_date(report.generated),
        draft=report.draft,
        watermark=charts.watermark_uri() if report.draft else "",
        lang=i18n.HTML_LANG[i18n.current()],
        for_pdf=for_pdf,
        threshold=report.suppression_threshold,
        symbols=symbol_key(report.suppression_threshold),
        key_line=_(KEY_LINE),
        key_appendix=next(a for a in appendices if a.key == "suppression"),
        sections=sections,
        appendices=appendices,
        css=Markup((TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")),
        appendix_label=appendix_label,
        glance=glance(report, ctx.disclosure, ctx.narrative_figures),
    )
    template = environment().get_template("report.html")
    html = template.render(report=view)
    # The glossary explains what the rendered page uses (template text and charts included):
    # render once without it, read the page, render again with the terms it uses.
    rows = glossary_rows(report.nation, used_in=page_text(html))
    if rows:
        appendices = [replace(a, glossary=rows) if a.key == "glossary" else a for a in appendices]
        view = replace(view, appendices=appendices)
        html = template.render(report=view)
    return PublishedReport(
        html=html,
        tables=ctx.tables,
        figures_json=figures_json(report),
        title=view.title,
        lang=view.lang,
        view=view,
        table_views=ctx.table_views,
    )


def published_figures(report: ReportInput) -> dict[str, NarrativeFigure]:
    """Every figure as the published strings the report and narratives show (suppressed)."""
    return {
        fid: figure
        for fid, figure in _Context(report).narrative_figures.items()
        if isinstance(figure, NarrativeFigure)
    }


def report_title(report: ReportInput) -> str:
    """The document title: also the PDF's metadata title."""
    return _(N_("{service} Annual Report {year}", service=report.service_name, year=report.year))


def long_date(iso: str) -> str:
    """2025-03-31 -> 31 March 2025 (31 Mawrth 2025 in Welsh)."""
    return i18n.long_date(iso)


def environment() -> Environment:
    """The templates' Jinja2 environment, with `_()` in the current language (jinja2.ext.i18n)."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(environment)
    return environment


def section_template(key: str) -> str:
    """templates/sections/<key>.html when it exists, else the generic partial."""
    specific = f"sections/{key}.html"
    return specific if (TEMPLATES_DIR / specific).is_file() else "sections/_generic.html"


# ---------------------------------------------------------------- shared lookups


class _Context:
    """Lookups shared while building one report's views; collects the published tables."""

    def __init__(self, report: ReportInput) -> None:
        self.report = report
        self.threshold = report.suppression_threshold
        self.previous_year = Period.from_label(report.year).previous.label
        figures = [f for s in report.sections for f in s.result.figures]
        breakdowns = [b for s in report.sections for b in s.result.breakdowns]
        _check_unique([f.id for f in figures] + [b.id for b in breakdowns])
        self.figures = {f.id: f for f in figures}
        self.breakdowns = {b.id: b for b in breakdowns}
        self.disclosure = decide(report)
        self.masks = {bid: self.disclosure.table(b) for bid, b in self.breakdowns.items()}
        self.tables: dict[str, str] = {}
        self.table_views: dict[str, TableView] = {}
        self.narrative_figures = _narrative_figures(self)

    def publish(self, table: TableView) -> None:
        """A table published beside the report (tables/<id>.csv and tables.xlsx)."""
        self.tables[table.id] = table.csv()
        self.table_views[table.id] = table

    def previous(self, figure_id: str) -> Figure | None:
        return self.report.history.get(figure_id, {}).get(self.previous_year)

    def texts(self, figure: Figure) -> tuple[FigureText, str, str]:
        """A figure as published, last year's value and the change, as decided."""
        hide = self.disclosure.figure(figure)
        previous = self.previous(figure.id)
        before = self.disclosure.figure(previous, self.previous_year) if previous else Hide(False)
        return (
            figure_text(figure, hide),
            previous_text(previous, before),
            change_text(figure, previous, hide, before),
        )

    def comparators(self, figure_id: str) -> list[Benchmark]:
        found = [b for b in self.report.benchmarks if b.figure == figure_id]
        own = {"england": "England", "wales": "Wales"}.get(self.report.nation, "")
        return sorted(found, key=lambda b: (b.area != own, b.area, b.year))


def _check_unique(ids: list[str]) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ReportError(f"Figure and table ids must be unique; repeated: {', '.join(repeated)}")


# ---------------------------------------------------------------- sections


def _section_view(ctx: _Context, section: SectionOutput) -> SectionView:
    result = section.result
    rows = [_figure_row(ctx, f) for f in result.figures]
    by_id = {row.id: row for row in rows}
    missing = [i for i in result.headline if i not in by_id]
    if missing:
        raise ReportError(f"Section '{section.key}': headline figures not found: {missing}")
    source = section.narrative_file or f"narrative/{section.key}.md"
    narrative, parts = section_parts.split(section.key, section.narrative)
    return SectionView(
        key=section.key,
        number=section.number,
        title=_(section.title),
        heading=f"{section.number}. {_(section.title)}",
        anchor=f"section-{section.key}",
        template=section_template(section.key),
        narrative_html=_narrative_html(ctx, narrative, source),
        narrative_lang=i18n.HTML_LANG.get(section.narrative_lang, "")
        if section.narrative_lang and section.narrative_lang != i18n.current()
        else "",
        placeholder=_(N_("[Author: add commentary for this section in {source}]", source=source)),
        off_reason=_(section.off_reason),
        cards=[by_id[i] for i in result.headline],
        # each figure once: the headline ones as cards, the rest in the key-figures table
        figures=[row for row in rows if row.id not in result.headline],
        has_comparators=any(row.comparators for row in rows if row.id not in result.headline),
        blocks=[] if section.off_reason else _blocks(ctx, result.breakdowns, result.charts),
        notes=[_(note) for note in result.notes],
        context={key: _in_language(value) for key, value in result.context.items()},
        parts={
            k: Markup(render_narrative(v, ctx.narrative_figures, source)) for k, v in parts.items()
        },
    )


def _in_language(value: object) -> object:
    """A section's context for its template with every marked text translated (lists and
    dicts gone through; anything else as it is)."""
    if isinstance(value, i18n.Message):
        return _(value)
    if isinstance(value, list | tuple):
        return [_in_language(v) for v in value]
    if isinstance(value, dict):
        return {k: _in_language(v) for k, v in value.items()}
    return value


def _narrative_html(ctx: _Context, text: str | None, source: str) -> Markup | None:
    if text is None:
        return None
    return Markup(render_narrative(text, ctx.narrative_figures, source))


def _figure_row(ctx: _Context, figure: Figure) -> FigureRow:
    text, previous, change = ctx.texts(figure)
    return FigureRow(
        id=figure.id,
        label=_(figure.label),
        value=text.value,
        detail=detail_text(figure, ctx.disclosure.figure(figure)),
        previous=change or previous,
        change=change,
        compared=_compared(change, previous, ctx.previous_year),
        comparators=[_comparator(b, figure.unit) for b in ctx.comparators(figure.id)],
        definition=_(figure.definition),
    )


def _comparator(benchmark: Benchmark, unit: str) -> str:
    """England 2023-24: 70.0; with a published measure named: Wales 2023-24 (PM 26): 88%."""
    measure = f" ({benchmark.measure})" if benchmark.measure else ""
    return f"{benchmark.area} {benchmark.year}{measure}: {number_text(benchmark.value, unit)}"


def _compared(change: str, previous: str, year: str) -> str:
    if change:
        return _(N_("{change} in {year}", change=change, year=year))
    return "" if previous == NOT_AVAILABLE else f"{year}: {previous}"


def _blocks(
    ctx: _Context, breakdowns: Sequence[Breakdown], specs: Sequence[ChartSpec]
) -> list[Block]:
    blocks = []
    shown: set[str] = set()
    for breakdown in breakdowns:
        drawn = [s for s in specs if s.kind != "trend" and s.source == breakdown.id]
        blocks.append(_breakdown_block(ctx, breakdown, drawn))
        shown.add(breakdown.id)
    for spec in specs:
        if spec.kind == "trend":
            blocks.append(Block(table=None, charts=[_trend_chart(ctx, spec)]))
        elif spec.kind == "line":
            blocks.append(Block(table=None, charts=[_line_chart(ctx, spec)]))
        elif spec.source not in shown:
            if spec.source not in ctx.breakdowns:
                raise ReportError(f"Chart '{spec.id}' draws '{spec.source}', which is not a table")
            blocks.append(_breakdown_block(ctx, ctx.breakdowns[spec.source], [spec]))
            shown.add(spec.source)
    return blocks


# ---------------------------------------------------------------- breakdown tables and charts


def _breakdown_block(ctx: _Context, breakdown: Breakdown, specs: Sequence[ChartSpec]) -> Block:
    mask = ctx.masks[breakdown.id]
    table = breakdown_table(breakdown, mask, ctx.threshold)
    ctx.publish(table)
    if len(breakdown.categories) > MAX_TABLE_ROWS:
        note = _(
            N_(
                "{table}: this table has {rows} rows, too many to print here. It is "
                "published with the report as tables/{id}.csv.",
                table=_(breakdown.label),
                rows=len(breakdown.categories),
                id=breakdown.id,
            )
        )
        return Block(table=None, charts=[], csv_note=note, csv_table=table)
    data = breakdown_chart_data(breakdown, mask)
    return Block(table=table, charts=[_chart_view(spec, data) for spec in specs])


def breakdown_table(breakdown: Breakdown, mask: TableMask, threshold: int) -> TableView:
    """A breakdown as published: counts and % of column total, suppressed, with totals."""
    names = list(breakdown.series)
    rows = [
        Row(_(category), _row_cells(breakdown, mask, i) + _row_total(breakdown, mask, i))
        for i, category in enumerate(breakdown.categories)
    ]
    totals = [breakdown.column_total(n) for n in names]
    total_cells: list[str] = []
    for j, total in enumerate(totals):
        total_cells += _count_and_share(breakdown, total, total, mask.column_totals[j])
    if breakdown.row_totals:
        total_cells.append(count_cell(sum(totals), mask.grand_total))
    rows.append(Row(_("Total"), total_cells, total=True))
    note = _("Percentages are of the column total.") if breakdown.show_pct else ""
    return TableView(breakdown.id, _(breakdown.label), _breakdown_head(breakdown), rows, note)


def _row_cells(breakdown: Breakdown, mask: TableMask, i: int) -> list[str]:
    cells: list[str] = []
    for j, name in enumerate(breakdown.series):
        value, total = breakdown.series[name][i], breakdown.column_total(name)
        hidden = mask.cells[i][j] or mask.column_totals[j]
        cells += _count_and_share(breakdown, value, total, mask.cells[i][j], hidden)
    return cells


def _count_and_share(
    breakdown: Breakdown, value: int, total: int, suppressed: bool, share_hidden: bool | None = None
) -> list[str]:
    count = count_cell(value, suppressed)
    if not breakdown.show_pct:
        return [count]
    hidden = suppressed if share_hidden is None else share_hidden
    return [count, share_cell(value, total, hidden)]


def _row_total(breakdown: Breakdown, mask: TableMask, i: int) -> list[str]:
    if not breakdown.row_totals:
        return []
    return [count_cell(sum(s[i] for s in breakdown.series.values()), mask.row_totals[i])]


def _breakdown_head(breakdown: Breakdown) -> list[list[HeadCell]]:
    names = [_(name) for name in breakdown.series]
    first = HeadCell(_(breakdown.category_label), numeric=False)
    if len(names) == 1 and not breakdown.row_totals:
        measures = [_("Number"), _("Percentage")] if breakdown.show_pct else [_("Number")]
        return [[first, *(HeadCell(m) for m in measures)]]
    if not breakdown.show_pct:
        total = [HeadCell(_("Total"))] if breakdown.row_totals else []
        return [[first, *(HeadCell(n) for n in names), *total]]
    span = 2
    top = [HeadCell(first.text, rowspan=2, numeric=False)]
    top += [HeadCell(n, scope="colgroup", colspan=span) for n in names]
    if breakdown.row_totals:
        top.append(HeadCell(_("Total"), rowspan=2))
    second = [HeadCell(m) for _name in names for m in (_("Number"), _("Percentage"))]
    return [top, second]


def breakdown_chart_data(breakdown: Breakdown, mask: TableMask) -> charts.ChartData:
    """Counts to draw (None where suppressed: never drawn as zero) and their labels."""
    series = []
    single = len(breakdown.series) == 1 and breakdown.show_pct
    for j, (name, values) in enumerate(breakdown.series.items()):
        total = sum(values)
        drawn: list[float | None] = []
        labels: list[str] = []
        for i, value in enumerate(values):
            hidden = mask.cells[i][j]
            drawn.append(None if hidden else float(value))
            label = count_cell(value, hidden)
            if single and not hidden and not mask.column_totals[j]:
                label += f" ({share_cell(value, total, False)})"
            labels.append(label)
        series.append(charts.Series(name, drawn, labels))
    totals: list[float | None] = []
    total_labels: list[str] = []
    if breakdown.row_totals:  # a stacked bar whose split is hidden still shows its total
        for i in range(len(breakdown.categories)):
            total = sum(s[i] for s in breakdown.series.values())
            totals.append(None if mask.row_totals[i] else float(total))
            total_labels.append(count_cell(total, mask.row_totals[i]))
    return charts.ChartData(
        list(breakdown.categories), series, totals=totals, total_labels=total_labels
    )


def _chart_view(
    spec: ChartSpec, data: charts.ChartData, table: TableView | None = None
) -> ChartView:
    spec, data = _translated(spec, data)
    return ChartView(
        spec.id,
        spec.title,
        charts.source(spec, data),
        charts.alt_text(spec, data),
        table,
        narrow_src=charts.source(spec, data, charts.NARROW),
        narrow_media=charts.NARROW_MEDIA,
    )


def _translated(spec: ChartSpec, data: charts.ChartData) -> tuple[ChartSpec, charts.ChartData]:
    """The chart's words in the page's language (the drawing cache keys on them)."""
    spec = replace(
        spec, title=_(spec.title), y_label=_(spec.y_label), band_label=_(spec.band_label)
    )
    data = replace(
        data,
        categories=[_(c) for c in data.categories],
        series=[replace(s, name=_(s.name)) for s in data.series],
    )
    return spec, data


# ---------------------------------------------------------------- trend charts


def _trend_chart(ctx: _Context, spec: ChartSpec) -> ChartView:
    data = trend_data(ctx.report, spec, ctx.figures, ctx.disclosure)
    table = _trend_table(spec, data)
    ctx.publish(table)
    return _chart_view(spec, data, table)


def trend_data(
    report: ReportInput,
    spec: ChartSpec,
    current: dict[str, Figure],
    disclosure: Disclosure | None = None,
) -> charts.ChartData:
    """Each figure's published value by year; suppressed years are gaps labelled c."""
    decided = disclosure or decide(report)
    histories = {fid: _history(report, fid, current) for fid in spec.figures}
    years = _years(h.keys() for h in histories.values())
    series = []
    for fid, history in histories.items():
        values: list[float | None] = []
        labels: list[str] = []
        for year in years:
            figure = history.get(year)
            text = figure_text(figure, decided.figure(figure, year)) if figure else None
            shown = figure is not None and text is not None and not text.suppressed
            values.append(figure.value if shown and figure is not None else None)
            labels.append(text.value if text else NOT_AVAILABLE)
        label = (current.get(fid) or next(reversed(history.values()))).label if history else fid
        series.append(charts.Series(label, values, labels))
    percent = all(_unit(report, fid, current) == "percent" for fid in spec.figures)
    return charts.ChartData(years, series, percent=percent)


def _line_chart(ctx: _Context, spec: ChartSpec) -> ChartView:
    hidden = {
        c
        for c, fid in spec.same_as
        if fid in ctx.figures and ctx.texts(ctx.figures[fid])[0].suppressed
    }
    data = line_data(spec, ctx.threshold, hidden)
    table = _trend_table(spec, data, first_column=_("Period"))
    ctx.publish(table)
    return _chart_view(spec, data, table)


def line_data(spec: ChartSpec, threshold: int, hidden_at: Iterable[str] = ()) -> charts.ChartData:
    """A "line" chart's own values, formatted by its unit (counts of children still suppressed;
    points that are a hidden figure's value, `hidden_at` categories, hidden too)."""
    unit = spec.unit or "caseload"
    at = set(hidden_at)
    series = []
    for name, values in spec.series:
        hidden = [
            (unit in SUPPRESSIBLE and is_small(v, threshold)) or category in at
            for v, category in zip(values, spec.categories, strict=True)
        ]
        drawn = [None if h else v for v, h in zip(values, hidden, strict=True)]
        labels = [
            SUPPRESSED if h else number_text(v, unit) for v, h in zip(values, hidden, strict=True)
        ]
        series.append(charts.Series(name, drawn, labels))
    return charts.ChartData(list(spec.categories), series, percent=unit == "percent")


def _history(report: ReportInput, figure_id: str, current: dict[str, Figure]) -> dict[str, Figure]:
    history = dict(report.history.get(figure_id, {}))
    if report.year not in history and figure_id in current:
        history[report.year] = current[figure_id]
    return history


def _years(keys: Iterable[Iterable[str]]) -> list[str]:
    return sorted({year for group in keys for year in group})


def _unit(report: ReportInput, figure_id: str, current: dict[str, Figure]) -> str:
    if figure_id in current:
        return current[figure_id].unit
    history = report.history.get(figure_id, {})
    return next(iter(history.values())).unit if history else ""


def _trend_table(spec: ChartSpec, data: charts.ChartData, first_column: str = "") -> TableView:
    first = first_column or _("Year")
    head = [[HeadCell(first, numeric=False), *(HeadCell(_(s.name)) for s in data.series)]]
    rows = [
        Row(_(year), [s.labels[i] for s in data.series]) for i, year in enumerate(data.categories)
    ]
    return TableView(spec.id, _(N_("{chart}: the data", chart=_(spec.title))), head, rows)


# ---------------------------------------------------------------- narrative figures


def _narrative_figures(ctx: _Context) -> dict[str, object]:
    """Every figure and breakdown row as the published strings a narrative may quote."""
    found: dict[str, object] = {}
    for figure in ctx.figures.values():
        text, previous, change = ctx.texts(figure)
        found[figure.id] = NarrativeFigure(
            label=figure.label,
            value=text.value,
            pct=text.pct,
            numerator=text.numerator,
            denominator=text.denominator,
            previous=previous,
            change=change,
        )
    for breakdown in ctx.breakdowns.values():
        found.update(_breakdown_narrative(breakdown, ctx.masks[breakdown.id]))
    return found


def _breakdown_narrative(breakdown: Breakdown, mask: TableMask) -> dict[str, NarrativeFigure]:
    found = {}
    for row_id, i, j, name in _breakdown_cells(breakdown):
        value, total = breakdown.series[name][i], breakdown.column_total(name)
        hidden = mask.cells[i][j]
        found[row_id] = NarrativeFigure(
            label=f"{breakdown.label}: {breakdown.categories[i]}",
            value=count_cell(value, hidden),
            pct=share_cell(value, total, hidden or mask.column_totals[j]),
            numerator=count_cell(value, hidden),
            denominator=count_cell(total, mask.column_totals[j]),
            previous=NOT_AVAILABLE,
            change="",
        )
    return found


def _breakdown_cells(breakdown: Breakdown) -> list[tuple[str, int, int, str]]:
    """(row id, category index, series index, series name): id/category[/series]."""
    several = len(breakdown.series) > 1
    cells = []
    for j, name in enumerate(breakdown.series):
        for i, category in enumerate(breakdown.categories):
            row_id = f"{breakdown.id}/{category}" + (f"/{name}" if several else "")
            cells.append((row_id, i, j, name))
    return cells


# ---------------------------------------------------------------- appendices


def _appendices(ctx: _Context) -> list[Appendix]:
    """Lettered in order; a glossary slots in by adding one entry here."""
    parts = [
        ("definitions", _("Definitions"), {"definitions": _definitions(ctx.report)}),
        ("data-quality", _("Data quality"), _data_quality(ctx.report)),
        ("suppression", _("Suppression key and rules"), {}),
        ("glossary", _("Glossary"), {}),  # filled from the rendered page (render_report)
    ]
    return [
        Appendix(key=key, letter=chr(ord("A") + i), title=title, anchor=f"appendix-{key}", **extra)
        for i, (key, title, extra) in enumerate(parts)
    ]


def _definitions(report: ReportInput) -> list[DefinitionGroup]:
    groups = []
    for section in report.sections:
        items = [Definition(f.id, _(f.label), _(f.definition)) for f in section.result.figures]
        items += [Definition(b.id, _(b.label), _(b.definition)) for b in section.result.breakdowns]
        if items:
            groups.append(DefinitionGroup(f"{section.number}. {_(section.title)}", items))
    return groups


def _data_quality(report: ReportInput) -> dict[str, Any]:
    problems = [row for row in report.data_quality if row.get("severity") != "accepted"]
    accepted = [row for row in report.data_quality if row.get("severity") == "accepted"]
    tables = []
    note = ""
    if problems:
        tables.append(
            _quality_table(
                "data-quality", _("Problems found in the input data"), problems[:MAX_QUALITY_ROWS]
            )
        )
        if len(problems) > MAX_QUALITY_ROWS:
            note = _(
                N_(
                    "Showing {shown} of {count} kinds of problem; the full list is in "
                    "validation.csv.",
                    shown=MAX_QUALITY_ROWS,
                    count=len(problems),
                )
            )
    if accepted:
        tables.append(
            _quality_table(
                "data-quality-accepted",
                _("Known issues accepted by the council (config.yaml accepted_issues)"),
                accepted,
                ("file", "rule", "count", "reason"),
            )
        )
    if report.exclusions:
        tables.append(
            _quality_table(
                "data-quality-excluded",
                _(N_("What the problems took out of the {year} figures", year=report.year)),
                report.exclusions,
                ("rule", "file", "figure", "count", "unit"),
            )
        )
    found: dict[str, Any] = (
        {"tables": tables, "note": note}
        if tables
        else {"note": _("No data quality problems were found in the input data.")}
    )
    found["reconciliation"] = _reconciliation(report)
    return found


def _reconciliation(report: ReportInput) -> list[TableView]:
    """Per collection year: each DfE count from that return alone, as the report has it,
    and the cause of every difference (counts from 1 to the threshold shown as c)."""
    threshold = report.suppression_threshold

    def shown(value: int) -> str:
        return count_cell(value, is_small(abs(value), threshold))

    def why(causes: tuple[tuple[str, int], ...]) -> str:
        if not causes:
            return _("The same")
        return "; ".join(
            f"{cause}: {'+' if change > 0 else '-'}{shown(abs(change))}" for cause, change in causes
        )

    def from_return(r: Reconciled) -> str:
        # the return's count is the report's plus every change: with a change hidden, showing
        # it would give the hidden change away
        if any(is_small(abs(change), threshold) for _, change in r.causes):
            return count_cell(r.from_return, True)
        return shown(r.from_return)

    years = sorted({r.year for r in report.reconciliation})
    head = [
        [
            HeadCell(_("Figure"), numeric=False),
            HeadCell(_("From the return")),
            HeadCell(_("In the report")),
            HeadCell(_("Why they differ"), numeric=False),
        ]
    ]
    return [
        TableView(
            f"reconciliation-{year}",
            _(N_("{year}: the {year} return alone and the report", year=year)),
            head,
            [
                Row(_(r.label), [from_return(r), shown(r.report), why(r.causes)])
                for r in report.reconciliation
                if r.year == year
            ],
            text_columns=frozenset({2}),
        )
        for year in years
    ]


def _quality_table(
    table_id: str,
    caption: str,
    rows: list[dict[str, object]],
    wanted: tuple[str, ...] = QUALITY_COLUMNS,
) -> TableView:
    columns = [c for c in wanted if any(c in row for row in rows)]
    head = [[HeadCell(_(QUALITY_HEADINGS[c]), numeric=c == "count") for c in columns]]
    body = [
        Row(str(row.get(columns[0], "")), [_quality_cell(row.get(c)) for c in columns[1:]])
        for row in rows
    ]
    text = frozenset(i for i, c in enumerate(columns[1:]) if c != "count")
    return TableView(table_id, caption, head, body, text_columns=text)


def _quality_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(float(value), "people")
    return str(value)


# ---------------------------------------------------------------- CSV helpers


def _flat_header(head: list[list[HeadCell]]) -> list[str]:
    if len(head) == 1:
        return [cell.text for cell in head[0]]
    names: list[str] = []
    second = iter(head[1])
    for cell in head[0]:
        if cell.rowspan == 2:
            names.append(cell.text)
        else:
            names += [f"{cell.text}: {next(second).text}" for _ in range(cell.colspan)]
    return names


def _plain(text: str) -> str:
    """1,234 -> 1234 and 87% -> 87 for machine-readable CSV; symbols stay as they are."""
    return text.replace(",", "").removesuffix("%")


# ---------------------------------------------------------------- figures.json


def figures_json(report: ReportInput) -> dict[str, Any]:
    """Every figure and breakdown row, unsuppressed, with history and comparators."""
    previous_year = Period.from_label(report.year).previous.label
    entries: list[dict[str, Any]] = []
    for section in report.sections:
        for figure in section.result.figures:
            entries.append(_figure_entry(report, figure, previous_year))
        for breakdown in section.result.breakdowns:
            entries += _breakdown_entries(report, breakdown, previous_year)
    entries.sort(key=lambda e: str(e["id"]))
    return {
        "not_for_publication": True,
        "note": (
            "Unsuppressed figures for analysts: small numbers are NOT hidden. Do not "
            "publish or share this file; publish report.pdf, report.html and tables/."
        ),
        "council": report.council,
        "year": report.year,
        "suppression_threshold": report.suppression_threshold,
        "figures": entries,
    }


def _figure_entry(report: ReportInput, figure: Figure, previous_year: str) -> dict[str, Any]:
    history = report.history.get(figure.id, {})
    previous = history.get(previous_year)
    return {
        "id": figure.id,
        "label": figure.label,
        "value": _number(figure.value),
        "numerator": _number(figure.numerator),
        "denominator": _number(figure.denominator),
        "pct": _number(figure.pct),
        "unit": figure.unit,
        "base_unit": figure.base_unit,
        "definition": figure.definition,
        "method": figure.method,
        "previous": _number(previous.value) if previous else None,
        "history": {year: _number(f.value) for year, f in sorted(history.items())},
        "comparators": _comparators(report, figure.id),
    }


def _breakdown_entries(
    report: ReportInput, breakdown: Breakdown, previous_year: str
) -> list[dict[str, Any]]:
    entries = []
    for row_id, i, _j, name in _breakdown_cells(breakdown):
        value, total = breakdown.series[name][i], breakdown.column_total(name)
        entry: dict[str, Any] = {
            "id": row_id,
            "label": f"{breakdown.label}: {breakdown.categories[i]}",
            "table": breakdown.id,
            "category": breakdown.categories[i],
        }
        if len(breakdown.series) > 1:
            entry["series"] = name
        history = report.history.get(row_id, {})
        entry.update(
            {
                "value": value,
                "numerator": value,
                "denominator": total,
                "pct": _number(100.0 * value / total) if total else None,
                "unit": breakdown.unit,
                "definition": breakdown.definition,
                "method": breakdown.method,
                "previous": _number(history[previous_year].value)
                if previous_year in history
                else None,
                "history": {year: _number(f.value) for year, f in sorted(history.items())},
                "comparators": _comparators(report, row_id),
            }
        )
        entries.append(entry)
    return entries


def _comparators(report: ReportInput, figure_id: str) -> list[dict[str, Any]]:
    found = [b for b in report.benchmarks if b.figure == figure_id]
    found.sort(key=lambda b: (b.area, b.year, b.source))
    return [
        {
            "area": b.area,
            "nation": b.nation,
            "year": b.year,
            "value": _number(b.value),
            "source": b.source,
            **({"measure": b.measure} if b.measure else {}),
        }
        for b in found
    ]


def _number(value: float | None) -> float | int | None:
    """Whole numbers as ints (402, not 402.0); others unchanged."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)
