"""The report as one accessible HTML page (web and print): its views laid out by the templates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from report import i18n
from report.errors import ReportError
from report.i18n import N_, _, long_date
from report.model import (
    SUPPRESSIBLE,
    Benchmark,
    Breakdown,
    ChartSpec,
    Figure,
    ReportInput,
    SectionOutput,
)
from report.publish import charts, impact, section_parts
from report.publish.disclosure import Disclosure, decide
from report.publish.figures_json import figures_json
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
from report.publish.glance import glance
from report.publish.narrative import NarrativeFigure, render_narrative
from report.publish.pagetext import page_text
from report.publish.suppression import Hide, TableMask, is_small
from report.publish.tables_out import (
    breakdown_cells,
    breakdown_table,
    quality_table,
    reconciliation_tables,
    trend_table,
)
from report.publish.templates import environment, section_template, stylesheet
from report.publish.viewmodels import (
    Appendix,
    Block,
    ChartView,
    Definition,
    DefinitionGroup,
    FigureRow,
    ReportView,
    SectionView,
    TableView,
)
from report.terms import glossary_rows

LANG = i18n.HTML_LANG[i18n.ENGLISH]  # the English report's; render_report uses the current one
MAX_TABLE_ROWS = 30  # longer tables are published as CSV beside the report, not printed
MAX_QUALITY_ROWS = 40
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
                start=long_date(report.period.start),
                end=long_date(report.period.end),
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
        css=Markup(stylesheet()),
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


# ---------------------------------------------------------------- shared lookups


class _Context:
    """Lookups shared while building one report's views; collects the published tables."""

    def __init__(self, report: ReportInput) -> None:
        self.report = report
        self.threshold = report.suppression_threshold
        self.previous_year = report.period.previous.label
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
    narrative, extra = section.narrative, dict[str, object]()
    if section.key == impact.SECTION:  # the manager's examples, in a block of their own
        narrative, extra["impact"] = impact.view(
            narrative, ctx.narrative_figures, source, section.narrative_lang
        )
    narrative, parts = section_parts.split(section.key, narrative)
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
        context={key: _in_language(value) for key, value in result.context.items()} | extra,
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
    table = trend_table(spec, data)
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
    table = trend_table(spec, data, first_column=_("Period"))
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
    for row_id, i, j, name in breakdown_cells(breakdown):
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
            quality_table(
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
            quality_table(
                "data-quality-accepted",
                _("Known issues accepted by the council (config.yaml accepted_issues)"),
                accepted,
                ("file", "rule", "count", "reason"),
            )
        )
    if report.exclusions:
        tables.append(
            quality_table(
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
    found["reconciliation"] = reconciliation_tables(report)
    return found
