"""Charts as deterministic SVG (real text, bundled DejaVu Sans) with alt text stating the data."""

from __future__ import annotations

import base64
import io
import math
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING, Any

from report.cache import Cache, digest, source_hash
from report.model import ChartSpec

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn (not for cached charts)
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.textpath import TextPath

TEXT = "#1a1a1a"
MUTED = "#595959"
BAND_FILL = "#d9e8f5"
# Series colours: each at least 3:1 against white, and white bar labels on them at least 4.5:1
# (tests/e2e/test_accessibility.py); hatches and markers repeat the distinction.
PALETTE = ("#1d4e89", "#b85310", "#2e7d32", "#7b3294", "#5d4037")
HATCHES = ("", "//", "..", "xx", "\\\\")
MARKERS = ("o", "s", "^", "D", "v")
LINESTYLES = ("-", "--", ":", "-.", "-")
LEGEND_ROW_IN = 0.2
SPLIT_HIDDEN_FILL = "#ffffff"  # a bar whose split is suppressed: its known total, outlined
SPLIT_HIDDEN_LABEL = "Total only (split c)"
LABEL_GAP_PT = 2.0  # least space between two value labels


@dataclass(frozen=True)
class Layout:
    """The size a chart is drawn at: the page width (PDF and wide screens) or a phone's."""

    name: str
    width_in: float
    font_pt: float  # axes, ticks and legend
    label_pt: float  # value labels
    wrap_bar: int  # characters per line of a bar chart's category names
    wrap_hbar: int
    legend_chars: int  # legend names that fit on one row across the chart
    height_scale: float = 1.0


WIDE = Layout("wide", 6.3, 8.5, 7.5, 14, 34, 95)
# Drawn 3.4 in (326 CSS px) wide, shown at up to 40rem: at 375 px (a 327 px column) the
# 9.5 pt text is 12.6 CSS px, the least the report allows (tests/unit/publish/test_charts.py).
NARROW = Layout("narrow", 3.4, 9.5, 9.5, 10, 16, 30, height_scale=1.25)
NARROW_MEDIA = "(max-width: 40rem)"

RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,  # a "$" in a label is text, never matplotlib mathtext
    "svg.hashsalt": "iro-report",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"],
    "font.size": 8.5,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "text.color": TEXT,
    "hatch.color": "white",
    "hatch.linewidth": 1.2,
    "legend.frameon": False,
}


@dataclass(frozen=True)
class Series:
    """One series of a chart: values to draw (None = suppressed or missing) and their labels."""

    name: str
    values: list[float | None]
    labels: list[str]


@dataclass(frozen=True)
class ChartData:
    """What a chart draws, already suppressed: categories (or years) by series.

    `totals`/`total_labels` (stacked bars): each category's published total, None where it
    is suppressed too; a bar whose split is hidden but whose total is known shows the total.
    """

    categories: list[str]
    series: list[Series]
    percent: bool = False
    totals: list[float | None] = field(default_factory=list)
    total_labels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    """A drawn chart: SVG bytes and the alt text that states its message."""

    svg: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


class Drawer:
    """Draws the charts of one build, reusing SVGs from `cache` keyed by spec, data and size.

    (Drawing the charts in a pool of two processes was tried: on 2 cores it was no faster.)
    """

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache

    def source(self, spec: ChartSpec, data: ChartData, layout: Layout = WIDE) -> str:
        if self.cache is None:
            return Chart(svg=_draw_svg(spec, data, layout), alt="").data_uri
        key = _cache_key(spec, data, layout)
        svg = self.cache.get("charts", key)
        if svg is None:
            svg = _draw_svg(spec, data, layout)
            self.cache.put("charts", key, svg)
        return Chart(svg=svg, alt="").data_uri


_ACTIVE: list[Drawer] = []


@contextmanager
def drawing(cache: Cache | None = None) -> Iterator[Drawer]:
    """Charts asked for meanwhile (through `source`) are reused from and kept in `cache`."""
    drawer = Drawer(cache)
    _ACTIVE.append(drawer)
    try:
        yield drawer
    finally:
        _ACTIVE.remove(drawer)


def source(spec: ChartSpec, data: ChartData, layout: Layout = WIDE) -> str:
    """The chart's data URI for an <img src> (or a <source srcset>)."""
    if _ACTIVE:
        return _ACTIVE[-1].source(spec, data, layout)
    return draw(spec, data, layout).data_uri


def _cache_key(spec: ChartSpec, data: ChartData, layout: Layout) -> str:
    return digest(
        source_hash(), _matplotlib_version(), repr(RC), repr(layout), repr(spec), repr(data)
    )


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    return metadata.version("matplotlib")


def draw(spec: ChartSpec, data: ChartData, layout: Layout = WIDE) -> Chart:
    """Draw a chart spec from published (suppressed) data."""
    return Chart(svg=_draw_svg(spec, data, layout), alt=alt_text(spec, data))


def _draw_svg(spec: ChartSpec, data: ChartData, layout: Layout) -> bytes:
    with _style(layout):
        fig = _DRAWERS[spec.kind](spec, data, layout)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


@contextmanager
def _style(layout: Layout) -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context({**RC, "font.size": layout.font_pt}):
        yield


def _new_figure(height: float, layout: Layout) -> tuple[MplFigure, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(layout.width_in, height * layout.height_scale), layout="constrained")
    return fig, fig.add_subplot()


def _bar_width(n_series: int) -> float:
    return 0.8 / max(n_series, 1)


def _offsets(n_series: int) -> list[float]:
    width = _bar_width(n_series)
    return [(i - (n_series - 1) / 2) * width for i in range(n_series)]


def _draw_bar(spec: ChartSpec, data: ChartData, layout: Layout) -> MplFigure:
    fig, ax = _new_figure(2.9 + _legend_height(spec, data, layout), layout)
    width = _bar_width(len(data.series))
    for i, (series, offset) in enumerate(zip(data.series, _offsets(len(data.series)), strict=True)):
        xs = [x + offset for x in range(len(data.categories))]
        heights = [v if v is not None else math.nan for v in series.values]
        ax.bar(xs, heights, width, label=series.name, **_bar_style(i, len(data.series)))
        for x, value, label in zip(xs, series.values, series.labels, strict=True):
            _annotate(ax, (x, value or 0.0), label, value is None, layout, vertical=True)
    ax.set_xticks(range(len(data.categories)), _wrapped(data.categories, layout.wrap_bar))
    _value_axis(ax.yaxis, data, spec.y_label, ax.set_ylim)
    ax.set_ylabel(spec.y_label)
    _legend(ax, spec, data, layout)
    return fig


def _draw_hbar(spec: ChartSpec, data: ChartData, layout: Layout) -> MplFigure:
    rows = len(data.categories) * max(len(data.series), 1)
    fig, ax = _new_figure(0.9 + 0.28 * rows + _legend_height(spec, data, layout), layout)
    width = _bar_width(len(data.series))
    for i, (series, offset) in enumerate(zip(data.series, _offsets(len(data.series)), strict=True)):
        ys = [y + offset for y in range(len(data.categories))]
        lengths = [v if v is not None else math.nan for v in series.values]
        ax.barh(ys, lengths, width, label=series.name, **_bar_style(i, len(data.series)))
        for y, value, label in zip(ys, series.values, series.labels, strict=True):
            _annotate(ax, (value or 0.0), label, value is None, layout, vertical=False, y=y)
    ax.set_yticks(range(len(data.categories)), _wrapped(data.categories, layout.wrap_hbar))
    ax.invert_yaxis()
    _value_axis(ax.xaxis, data, spec.y_label, ax.set_xlim, room=1.3)
    ax.set_xlabel(spec.y_label)
    _legend(ax, spec, data, layout)
    return fig


def _draw_stacked_hbar(spec: ChartSpec, data: ChartData, layout: Layout) -> MplFigure:
    """Stacked bars. Segment labels sit inside the segments that have room for them: white on
    the solid first colour, dark on a white box over a hatched one. A bar with a hidden
    segment is drawn as its published total alone (outlined), or left out and labelled c."""
    n = len(data.categories)
    hidden = [any(s.values[j] is None for s in data.series) for j in range(n)]
    totals: list[float | None] = list(data.totals) or [None] * n
    total_labels = data.total_labels or [""] * n
    split_hidden = [j for j in range(n) if hidden[j] and totals[j] is not None]
    extra = 1 if split_hidden else 0
    fig, ax = _new_figure(1.0 + 0.38 * n + _legend_height(spec, data, layout, extra=extra), layout)
    lengths_by_series = [
        [0.0 if hidden[j] else (v or 0.0) for j, v in enumerate(s.values)] for s in data.series
    ]
    ends = [sum(column) for column in zip(*lengths_by_series, strict=True)] or [0.0] * n
    known = [t if hidden[j] and t is not None else ends[j] for j, t in enumerate(totals)]
    ax.set_xlim(0, max([*known, 1.0]) * 1.25)
    fig.draw_without_rendering()
    per_unit = _points_per_unit(ax, horizontal=True)
    left = [0.0] * n
    for i, (series, lengths) in enumerate(zip(data.series, lengths_by_series, strict=True)):
        bars = ax.barh(
            range(n), lengths, 0.6, left=left, label=series.name, **_bar_style(i, len(data.series))
        )
        for j, (bar, label) in enumerate(zip(bars, series.labels, strict=True)):
            if hidden[j] or not lengths[j]:
                continue
            if _text_width_pt(label, layout.label_pt) + 4 <= bar.get_width() * per_unit:
                _segment_label(ax, bar, label, layout, on_hatch=i > 0)
        left = [a + b for a, b in zip(left, lengths, strict=True)]
    if split_hidden:
        ax.barh(
            split_hidden,
            [totals[j] or 0.0 for j in split_hidden],
            0.6,
            facecolor=SPLIT_HIDDEN_FILL,
            edgecolor=MUTED,
            linewidth=1.2,
            linestyle="--",
            zorder=2,
            label=SPLIT_HIDDEN_LABEL,
        )
    for j in range(n):
        if hidden[j]:
            total = totals[j]
            text = f"{total_labels[j]} in total (split c)" if total is not None else "c"
            ax.annotate(
                text,
                (total or 0.0, j),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=layout.label_pt,
                color=TEXT if total is not None else MUTED,
                style="normal" if total is not None else "italic",
            )
    ax.set_yticks(range(n), _wrapped(data.categories, layout.wrap_hbar))
    ax.invert_yaxis()
    ax.set_xlabel(spec.y_label)
    _legend(ax, spec, data, layout, extra=[SPLIT_HIDDEN_LABEL] if split_hidden else [])
    return fig


def _segment_label(ax: Any, bar: Any, label: str, layout: Layout, *, on_hatch: bool) -> None:
    x, y = bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2
    style: dict[str, Any] = {"color": "white"}
    if on_hatch:  # white on a hatched fill cannot be read: dark text on a white box
        style = {
            "color": TEXT,
            "bbox": {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        }
    ax.text(
        x,
        y,
        label,
        ha="center",
        va="center",
        fontsize=layout.label_pt,
        fontweight="bold",
        zorder=3,
        **style,
    )


def _text_width_pt(text: str, size_pt: float) -> float:
    """A safe estimate of a label's width (DejaVu Sans averages under 0.62 em a character)."""
    return 0.62 * size_pt * len(text)


def _points_per_unit(ax: Any, *, horizontal: bool) -> float:
    """Points per data unit along the value axis, once the figure is laid out."""
    box = ax.get_window_extent()
    low, high = ax.get_xlim() if horizontal else ax.get_ylim()
    pixels = box.width if horizontal else box.height
    return float(pixels * 72 / ax.figure.dpi / ((high - low) or 1.0))


def _draw_trend(spec: ChartSpec, data: ChartData, layout: Layout) -> MplFigure:
    fig, ax = _new_figure(2.4 + _legend_height(spec, data, layout), layout)
    xs = list(range(len(data.categories)))
    if spec.band is not None:
        _band(ax, spec)
    for i, series in enumerate(data.series):
        ys = [v if v is not None else math.nan for v in series.values]
        ax.plot(
            xs,
            ys,
            color=PALETTE[i % len(PALETTE)],
            linestyle=LINESTYLES[i % 5],
            marker=MARKERS[i % 5],
            markersize=5,
            linewidth=2,
            label=series.name,
        )
    several = len(data.series) > 1
    rotate = layout is NARROW and len(xs) > 6
    ax.set_xticks(xs, data.categories, rotation=90 if rotate else 0)
    ax.set_xlim(-0.5, len(xs) - 0.5 + (0.35 if several else 0.0))
    _value_axis(ax.yaxis, data, spec.y_label, ax.set_ylim, band=spec.band)
    ax.set_ylabel(spec.y_label)
    _legend(ax, spec, data, layout)
    fig.draw_without_rendering()
    _label_points(ax, data, layout, several=several)
    return fig


@dataclass(frozen=True)
class _Label:
    x: int
    y: float  # the point's value (0 for a suppressed point)
    text: str
    colour: str
    suppressed: bool


def _label_points(ax: Any, data: ChartData, layout: Layout, *, several: bool) -> None:
    """Value labels that never overprint: with one line, above each point; with several, the
    latest value (and any c) beside each line's last point, moved apart where lines meet and
    left out when there is no room (the table that follows has every value)."""
    labels = [
        _Label(x, series.values[x] or 0.0, series.labels[x], PALETTE[i % len(PALETTE)], v is None)
        for i, series in enumerate(data.series)
        for x in _labelled_points(series, several=several)
        for v in [series.values[x]]
    ]
    if not several and labels:  # side by side: label every step-th point, back from the last
        widest = max(_text_width_pt(label.text, layout.label_pt) for label in labels)
        step = math.ceil((widest + LABEL_GAP_PT) / _points_per_unit(ax, horizontal=True))
        last = max(label.x for label in labels)
        labels = [label for label in labels if (last - label.x) % step == 0]
    per_unit = _points_per_unit(ax, horizontal=False)
    low, high = ax.get_ylim()
    height = layout.label_pt * 1.2 + LABEL_GAP_PT
    by_x: dict[int, list[_Label]] = {}
    for label in labels:
        by_x.setdefault(label.x, []).append(label)
    for x, group in sorted(by_x.items()):
        wanted = [(label.y - low) * per_unit + (0 if several else height / 2) for label in group]
        placed = _spread(wanted, height, top=(high - low) * per_unit + height)
        for label, want, at in zip(group, wanted, placed, strict=True):
            if at is None:
                continue
            beside = several and not label.suppressed
            ax.annotate(
                label.text,
                (x, label.y),
                xytext=(7 if beside else 0, at - want + (0 if several else 3)),
                textcoords="offset points",
                ha="left" if beside else "center",
                va="center",
                fontsize=layout.label_pt,
                color=MUTED if label.suppressed else TEXT,
                style="italic" if label.suppressed else "normal",
            )


def _spread(wanted: list[float], height: float, top: float) -> list[float | None]:
    """Label centres (points from the axis bottom) at least `height` apart, as near as can be
    to where they are wanted; None for a label with no room below `top`."""
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    placed: list[float | None] = [None] * len(wanted)
    floor = -math.inf
    for i in order:
        centre = max(wanted[i], floor + height)
        if centre > top:
            continue
        placed[i] = centre
        floor = centre
    return placed


def _labelled_points(series: Series, *, several: bool) -> list[int]:
    """Every point's value, or with several lines only the latest (the table has the rest);
    suppressed points are always labelled c."""
    shown = [i for i, v in enumerate(series.values) if v is not None]
    hidden = [i for i, label in enumerate(series.labels) if label == "c"]
    return sorted(set((shown[-1:] if several else shown) + hidden))


def _band(ax: Any, spec: ChartSpec) -> None:
    """A shaded guidance range with dashed edges, named in the legend."""
    assert spec.band is not None
    low, high = spec.band
    ax.axhspan(
        low,
        high,
        facecolor=BAND_FILL,
        edgecolor=MUTED,
        linestyle="--",
        linewidth=0.8,
        zorder=0,
        label=spec.band_label or f"{low:g} to {high:g}",
    )


def _bar_style(index: int, n_series: int) -> dict[str, Any]:
    style: dict[str, Any] = {"color": PALETTE[index % len(PALETTE)], "zorder": 2}
    if n_series > 1:
        style["hatch"] = HATCHES[index % len(HATCHES)]
        style["edgecolor"] = "white"
    return style


def _annotate(
    ax: Any,
    value: float | tuple[float, float],
    label: str,
    suppressed: bool,
    layout: Layout,
    *,
    vertical: bool,
    y: float = 0.0,
) -> None:
    """A value label beyond the end of its bar (dark text on white), c in grey italics."""
    point = value if isinstance(value, tuple) else (value, y)
    offset = (0, 3) if vertical else (3, 0)
    align = {"ha": "center", "va": "bottom"} if vertical else {"ha": "left", "va": "center"}
    style = {"color": MUTED, "style": "italic"} if suppressed else {"color": TEXT}
    ax.annotate(
        label,
        point,
        xytext=offset,
        textcoords="offset points",
        fontsize=layout.label_pt,
        **align,
        **style,
    )


def _value_axis(
    axis: Any,
    data: ChartData,
    label: str,
    set_lim: Any,
    band: tuple[float, float] | None = None,
    room: float = 1.18,
) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values = [v for s in data.series for v in s.values if v is not None]
    top = max([*values, *(band or ()), 0.0])
    if data.percent:
        set_lim(0, 105 if top > 80 else max(top * 1.2, 10))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
    else:
        set_lim(0, max(top * room, 1.0))
        axis.set_major_locator(MaxNLocator(nbins=5, integer=top >= 5))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if top >= 5 else f"{v:g}"))


def _legend_entries(spec: ChartSpec, data: ChartData) -> list[str]:
    """Legend names, when colour alone would not say which series (or band) is which."""
    if len(data.series) < 2 and spec.band is None:
        return []
    band = [spec.band_label or "Guidance"] if spec.band is not None else []
    return band + [s.name for s in data.series]


def _legend_rows(names: list[str], layout: Layout) -> int:
    """One row when the names fit across the chart, else one name per row."""
    if not names:
        return 0
    return 1 if sum(len(n) + 6 for n in names) <= layout.legend_chars else len(names)


def _legend_height(spec: ChartSpec, data: ChartData, layout: Layout, extra: int = 0) -> float:
    names = _legend_entries(spec, data) + [SPLIT_HIDDEN_LABEL] * extra
    lines = sum(len(_wrapped([n], layout.legend_chars)[0].splitlines()) for n in names)
    rows = _legend_rows(names, layout)
    return LEGEND_ROW_IN * (layout.font_pt / 7.5) * (lines if rows > 1 else rows)


def _legend(
    ax: Any, spec: ChartSpec, data: ChartData, layout: Layout, extra: Sequence[str] = ()
) -> None:
    names = _legend_entries(spec, data) + list(extra)
    if names:
        rows = _legend_rows(names, layout)
        handles, texts = ax.get_legend_handles_labels()
        ax.legend(
            handles,
            _wrapped(texts, layout.legend_chars) if rows > 1 else texts,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.02),
            ncols=len(names) if rows == 1 else 1,
            fontsize=layout.font_pt - (1 if layout is WIDE else 0),
            borderaxespad=0.0,
            handlelength=2.5,
        )


def _wrapped(labels: Sequence[str], width: int) -> list[str]:
    return [textwrap.fill(label, width) for label in labels]


_DRAWERS = {
    "bar": _draw_bar,
    "hbar": _draw_hbar,
    "stacked_hbar": _draw_stacked_hbar,
    "trend": _draw_trend,
    "line": _draw_trend,
}


def watermark_uri(text: str = "DRAFT") -> str:
    """An A4 page background with `text` drawn diagonally as outlines, not as text, so it is
    never read aloud or copied with the report's words, and needs no font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    path = TextPath((0, 0), text, size=40, prop=FontProperties(family="DejaVu Sans", weight="bold"))
    box = path.get_extents()
    d = " ".join(_svg_path_commands(path))
    centre_x, centre_y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
        'viewBox="0 0 210 297">'
        f'<g transform="translate(105 148.5) rotate(-50) scale(1 -1) '
        f'translate({-centre_x:.2f} {-centre_y:.2f})">'
        f'<path d="{d}" fill="#ececec"/></g></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _svg_path_commands(path: TextPath) -> Iterator[str]:
    from matplotlib.path import Path

    letters = {Path.MOVETO: "M", Path.LINETO: "L", Path.CURVE3: "Q", Path.CURVE4: "C"}
    for points, code in path.iter_segments():
        if code == Path.CLOSEPOLY:
            yield "Z"
        else:
            coords = " ".join(f"{v:.2f}" for v in points)
            yield f"{letters[code]}{coords}"


def alt_text(spec: ChartSpec, data: ChartData) -> str:
    """The chart's message in a sentence, pointing to the table that follows (which has every
    figure, so a screen reader does not hear them twice). Words come from published labels.

    e.g. "Line chart of Caseload, 2020-21 to 2022-23: it fell from 66.0 in 2020-21 to 60.1
    in 2022-23. The figures are in the table that follows."
    """
    lines = spec.kind in ("trend", "line")
    if lines:
        span = f", {data.categories[0]} to {data.categories[-1]}" if data.categories else ""
        several = len(data.series) > 1
        message = "; ".join(_movement(data.categories, s, named=several) for s in data.series)
        parts = [f"Line chart of {spec.title}{span}: {message}."]
    else:
        parts = [f"Bar chart of {spec.title}: {_largest(data)}."]
    if spec.band is not None:
        low, high = spec.band
        parts.append(
            f"The shaded band shows {spec.band_label or 'the range'}, {low:g} to {high:g}."
        )
    if any(label == "c" for s in data.series for label in s.labels):
        parts.append("c marks a number suppressed to protect children's privacy.")
    parts.append("The figures are in the table that follows.")
    return " ".join(parts)


def _movement(categories: Sequence[str], series: Series, *, named: bool) -> str:
    """How one line moved from its first shown point to its last."""
    shown = [i for i, v in enumerate(series.values) if v is not None]
    name = series.name if named else "it"
    if not shown:
        return f"{series.name if named else 'every value'} is suppressed"
    first, last = shown[0], shown[-1]
    a, b = series.values[first], series.values[last]
    at_first = f"{series.labels[first]} in {categories[first]}"
    at_last = f"{series.labels[last]} in {categories[last]}"
    if first == last:
        return f"{name} was {at_first}"
    assert a is not None and b is not None
    if series.labels[first] == series.labels[last] or a == b:
        return f"{name} was {at_first} and {at_last}"
    return f"{name} {'rose' if b > a else 'fell'} from {at_first} to {at_last}"


def _largest(data: ChartData) -> str:
    """The category with the largest shown value (or shown total), in words."""
    if not data.categories or not data.series:
        return "no data"
    if len(data.series) == 1:
        series = data.series[0]
        shown = [(v, i) for i, v in enumerate(series.values) if v is not None]
        if not shown:
            return "every value is suppressed"
        _, i = max(shown, key=lambda t: (t[0], -t[1]))
        return f"the largest is {data.categories[i]}, {series.labels[i]}"
    totals = [
        None
        if any(s.values[j] is None for s in data.series)
        else sum(s.values[j] or 0.0 for s in data.series)
        for j in range(len(data.categories))
    ]
    if data.totals:
        totals = [
            t if t is not None else known for t, known in zip(data.totals, totals, strict=True)
        ]
    shown = [(t, j) for j, t in enumerate(totals) if t is not None]
    if not shown:
        return "every value is suppressed"
    _, j = max(shown, key=lambda t: (t[0], -t[1]))
    split = "; ".join(f"{s.name}: {s.labels[j]}" for s in data.series)
    return f"the largest is {data.categories[j]} ({split})"
