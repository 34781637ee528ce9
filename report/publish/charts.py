"""Charts as deterministic SVG (real text, bundled DejaVu Sans) with alt text stating the data."""

from __future__ import annotations

import base64
import io
import math
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
WIDTH_IN = 6.3
LEGEND_ROW_IN = 0.2
LEGEND_CHARS = 95  # legend names that fit on one row across the chart

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
    """What a chart draws, already suppressed: categories (or years) by series."""

    categories: list[str]
    series: list[Series]
    percent: bool = False


@dataclass(frozen=True)
class Chart:
    """A drawn chart: SVG bytes and the alt text that states its data in words."""

    svg: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


class Drawer:
    """Draws the charts of one build, reusing SVGs from `cache` keyed by spec and data.

    (Drawing the charts in a pool of two processes was tried: on 2 cores it was no faster.)
    """

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache

    def source(self, spec: ChartSpec, data: ChartData) -> str:
        if self.cache is None:
            return Chart(svg=_draw_svg(spec, data), alt="").data_uri
        key = _cache_key(spec, data)
        svg = self.cache.get("charts", key)
        if svg is None:
            svg = _draw_svg(spec, data)
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


def source(spec: ChartSpec, data: ChartData) -> str:
    """The chart's data URI for an <img src>."""
    if _ACTIVE:
        return _ACTIVE[-1].source(spec, data)
    return draw(spec, data).data_uri


def _cache_key(spec: ChartSpec, data: ChartData) -> str:
    return digest(source_hash(), _matplotlib_version(), repr(RC), repr(spec), repr(data))


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    return metadata.version("matplotlib")


def draw(spec: ChartSpec, data: ChartData) -> Chart:
    """Draw a chart spec from published (suppressed) data."""
    return Chart(svg=_draw_svg(spec, data), alt=alt_text(spec, data))


def _draw_svg(spec: ChartSpec, data: ChartData) -> bytes:
    with _style():
        fig = _DRAWERS[spec.kind](spec, data)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(RC):
        yield


def _new_figure(height: float) -> tuple[MplFigure, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    return fig, fig.add_subplot()


def _bar_width(n_series: int) -> float:
    return 0.8 / max(n_series, 1)


def _offsets(n_series: int) -> list[float]:
    width = _bar_width(n_series)
    return [(i - (n_series - 1) / 2) * width for i in range(n_series)]


def _draw_bar(spec: ChartSpec, data: ChartData) -> MplFigure:
    fig, ax = _new_figure(2.9 + _legend_height(spec, data))
    width = _bar_width(len(data.series))
    for i, (series, offset) in enumerate(zip(data.series, _offsets(len(data.series)), strict=True)):
        xs = [x + offset for x in range(len(data.categories))]
        heights = [v if v is not None else math.nan for v in series.values]
        ax.bar(xs, heights, width, label=series.name, **_bar_style(i, len(data.series)))
        for x, value, label in zip(xs, series.values, series.labels, strict=True):
            _annotate(ax, (x, value or 0.0), label, value is None, vertical=True)
    ax.set_xticks(range(len(data.categories)), _wrapped(data.categories, 14))
    _value_axis(ax.yaxis, data, spec.y_label, ax.set_ylim)
    ax.set_ylabel(spec.y_label)
    _legend(ax, spec, data)
    return fig


def _draw_hbar(spec: ChartSpec, data: ChartData) -> MplFigure:
    rows = len(data.categories) * max(len(data.series), 1)
    fig, ax = _new_figure(0.9 + 0.28 * rows + _legend_height(spec, data))
    width = _bar_width(len(data.series))
    for i, (series, offset) in enumerate(zip(data.series, _offsets(len(data.series)), strict=True)):
        ys = [y + offset for y in range(len(data.categories))]
        lengths = [v if v is not None else math.nan for v in series.values]
        ax.barh(ys, lengths, width, label=series.name, **_bar_style(i, len(data.series)))
        for y, value, label in zip(ys, series.values, series.labels, strict=True):
            _annotate(ax, (value or 0.0, y), label, value is None, vertical=False)
    ax.set_yticks(range(len(data.categories)), _wrapped(data.categories, 34))
    ax.invert_yaxis()
    _value_axis(ax.xaxis, data, spec.y_label, ax.set_xlim)
    ax.set_xlabel(spec.y_label)
    _legend(ax, spec, data)
    return fig


def _draw_stacked_hbar(spec: ChartSpec, data: ChartData) -> MplFigure:
    fig, ax = _new_figure(1.0 + 0.38 * len(data.categories) + _legend_height(spec, data))
    left = [0.0] * len(data.categories)
    hidden = [False] * len(data.categories)
    totals = [
        sum(v or 0.0 for v in row) for row in zip(*(s.values for s in data.series), strict=True)
    ]
    widest = max(totals or [1.0])
    for i, series in enumerate(data.series):
        lengths = [v or 0.0 for v in series.values]
        bars = ax.barh(
            range(len(data.categories)),
            lengths,
            0.6,
            left=left,
            label=series.name,
            **_bar_style(i, len(data.series)),
        )
        for j, (bar, value, label) in enumerate(
            zip(bars, series.values, series.labels, strict=True)
        ):
            hidden[j] = hidden[j] or value is None
            if value and value >= 0.07 * widest:
                x, y = bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2
                ax.text(
                    x,
                    y,
                    label,
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=7.5,
                    fontweight="bold",
                )
        left = [a + b for a, b in zip(left, lengths, strict=True)]
    for j, total in enumerate(left):
        if hidden[j]:
            ax.annotate(
                "c",
                (total, j),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                color=MUTED,
                style="italic",
            )
    ax.set_yticks(range(len(data.categories)), _wrapped(data.categories, 34))
    ax.invert_yaxis()
    ax.set_xlim(0, max([*left, 1.0]) * 1.1)
    ax.set_xlabel(spec.y_label)
    _legend(ax, spec, data)
    return fig


def _draw_trend(spec: ChartSpec, data: ChartData) -> MplFigure:
    fig, ax = _new_figure(2.4 + _legend_height(spec, data))
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
        for x in _labelled_points(series, several=len(data.series) > 1):
            value = series.values[x]
            _annotate(ax, (x, value or 0.0), series.labels[x], value is None, vertical=True)
    ax.set_xticks(xs, data.categories)
    ax.set_xlim(-0.5, len(xs) - 0.5)
    _value_axis(ax.yaxis, data, spec.y_label, ax.set_ylim, band=spec.band)
    ax.set_ylabel(spec.y_label)
    _legend(ax, spec, data)
    return fig


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
    ax: Any, point: tuple[float, float], label: str, suppressed: bool, *, vertical: bool
) -> None:
    offset = (0, 3) if vertical else (3, 0)
    align = {"ha": "center", "va": "bottom"} if vertical else {"ha": "left", "va": "center"}
    style = {"color": MUTED, "style": "italic"} if suppressed else {"color": TEXT}
    ax.annotate(
        label, point, xytext=offset, textcoords="offset points", fontsize=7.5, **align, **style
    )


def _value_axis(
    axis: Any, data: ChartData, label: str, set_lim: Any, band: tuple[float, float] | None = None
) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values = [v for s in data.series for v in s.values if v is not None]
    top = max([*values, *(band or ()), 0.0])
    if data.percent:
        set_lim(0, 105 if top > 80 else max(top * 1.2, 10))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
    else:
        set_lim(0, max(top * 1.18, 1.0))
        axis.set_major_locator(MaxNLocator(nbins=5, integer=top >= 5))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if top >= 5 else f"{v:g}"))


def _legend_entries(spec: ChartSpec, data: ChartData) -> list[str]:
    """Legend names, when colour alone would not say which series (or band) is which."""
    if len(data.series) < 2 and spec.band is None:
        return []
    band = [spec.band_label or "Guidance"] if spec.band is not None else []
    return band + [s.name for s in data.series]


def _legend_rows(names: list[str]) -> int:
    """One row when the names fit across the chart, else one name per row."""
    if not names:
        return 0
    return 1 if sum(len(n) + 6 for n in names) <= LEGEND_CHARS else len(names)


def _legend_height(spec: ChartSpec, data: ChartData) -> float:
    return LEGEND_ROW_IN * _legend_rows(_legend_entries(spec, data))


def _legend(ax: Any, spec: ChartSpec, data: ChartData) -> None:
    names = _legend_entries(spec, data)
    if names:
        rows = _legend_rows(names)
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.02),
            ncols=len(names) if rows == 1 else 1,
            fontsize=7.5,
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
    """The chart's data in words, e.g. "Bar chart of X. Under 1: 21; 1 to 4: c (suppressed)."."""
    lines = spec.kind in ("trend", "line")
    kind = "Line chart" if lines else "Bar chart"
    span = f", {data.categories[0]} to {data.categories[-1]}" if lines and data.categories else ""
    parts = [f"{kind} of {spec.title}{span}."]
    for series in data.series:
        prefix = f"{series.name}: " if len(data.series) > 1 else ""
        parts.append(prefix + "; ".join(_point_words(data.categories, series)) + ".")
    if spec.band is not None:
        low, high = spec.band
        parts.append(
            f"The shaded band shows {spec.band_label or 'the range'}, {low:g} to {high:g}."
        )
    if any(label == "c" for s in data.series for label in s.labels):
        parts.append("c means suppressed to protect children's privacy.")
    return " ".join(parts)


def _point_words(categories: Sequence[str], series: Series) -> list[str]:
    return [
        f"{category}: {label}" for category, label in zip(categories, series.labels, strict=True)
    ]
