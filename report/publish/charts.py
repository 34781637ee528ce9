"""Charts drawn as SVG straight from the chart spec: real text in the bundled DejaVu Sans,
value labels that never overprint, hatches beside colour, and alt text stating the data.

Every length is in points (the SVG's user unit); the same spec and data give the same bytes.
"""

from __future__ import annotations

import base64
import math
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from report.cache import Cache, digest, source_hash
from report.i18n import N_, _
from report.model import ChartSpec
from report.publish import fonts
from report.publish.svg import Canvas, num

TEXT = "#1a1a1a"
MUTED = "#595959"
WHITE = "#ffffff"
BAND_FILL = "#d9e8f5"
# Series colours: each at least 3:1 against white, and white bar labels on them at least 4.5:1
# (tests/e2e/test_accessibility.py); hatches and markers repeat the distinction.
PALETTE = ("#1d4e89", "#b85310", "#2e7d32", "#7b3294", "#5d4037")
HATCHES = ("", "//", "..", "xx", "\\\\")
MARKERS = ("o", "s", "^", "D", "v")
DASHES: tuple[str | None, ...] = (None, "6 3", "1.5 2.5", "6 2.5 1.5 2.5", None)
LEGEND_ROW_PT = 14.4  # one legend line at 7.5 pt text; scaled with the text
SPLIT_HIDDEN_FILL = WHITE  # a bar whose split is suppressed: its known total, outlined
SPLIT_HIDDEN_LABEL = N_("Total only (split c)")
LABEL_GAP_PT = 2.0  # least space between two value labels
TICK_PT = 3.5
PAD_PT = 6.0
IN_TOTAL = N_("{total} in total (split c)")
RENDERER = "svg-1"  # bump when the drawing changes in a way the source hash would not show


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

    @property
    def width_pt(self) -> float:
        return self.width_in * 72

    @property
    def legend_pt(self) -> float:
        return self.font_pt - (1 if self.name == "wide" else 0)


WIDE = Layout("wide", 6.3, 8.5, 7.5, 14, 34, 95)
# Drawn 3.4 in (326 CSS px) wide, shown at up to 40rem: at 375 px (a 327 px column) the
# 9.5 pt text is 12.6 CSS px, the least the report allows (tests/unit/publish/test_charts.py).
NARROW = Layout("narrow", 3.4, 9.5, 9.5, 10, 16, 30, height_scale=1.25)
NARROW_MEDIA = "(max-width: 40rem)"


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
    """Draws the charts of one build, reusing SVGs from `cache` keyed by spec, data and size."""

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache
        # The package's source hash, read once per build: it reads every file of the package,
        # and for every chart it was a third of the HTML stage of a narrative-edit rebuild.
        self._source = ""

    def source(self, spec: ChartSpec, data: ChartData, layout: Layout = WIDE) -> str:
        if self.cache is None:
            return Chart(svg=_draw_svg(spec, data, layout), alt="").data_uri
        self._source = self._source or source_hash()
        key = _cache_key(spec, data, layout, self._source)
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


def _cache_key(spec: ChartSpec, data: ChartData, layout: Layout, source: str) -> str:
    return digest(source, RENDERER, repr(layout), repr(spec), repr(data))


def draw(spec: ChartSpec, data: ChartData, layout: Layout = WIDE) -> Chart:
    """Draw a chart spec from published (suppressed) data."""
    return Chart(svg=_draw_svg(spec, data, layout), alt=alt_text(spec, data))


def _draw_svg(spec: ChartSpec, data: ChartData, layout: Layout) -> bytes:
    canvas = _DRAWERS[spec.kind](spec, data, layout)
    canvas.title, canvas.desc = spec.title, alt_text(spec, data)
    return canvas.render()


# ---------------------------------------------------------------- measuring and placing


def _text_width_pt(text: str, size_pt: float) -> float:
    """A safe estimate of a label's width (DejaVu Sans averages under 0.62 em a character)."""
    return 0.62 * size_pt * len(text)


def _width(text: str, size: float, *, bold: bool = False) -> float:
    return max(fonts.text_width(line, size, bold=bold) for line in text.split("\n"))


def _middle(y: float, size: float) -> float:
    """The baseline that centres a line of text of `size` on y (DejaVu's x-height is 0.55 em,
    digits and capitals 0.73 em: 0.36 em puts them in the middle)."""
    return y + 0.36 * size


def _wrapped(labels: Sequence[str], width: int) -> list[str]:
    return [textwrap.fill(label, width) for label in labels]


@dataclass(frozen=True)
class Scale:
    """Data values low..high onto points start..end (end < start for a y axis)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)

    @property
    def per_unit(self) -> float:
        return abs(self.end - self.start) / ((self.high - self.low) or 1.0)


@dataclass(frozen=True)
class Axis:
    """A value axis: its range, tick values and their labels."""

    high: float
    ticks: list[float]
    labels: list[str]


def _nice_ticks(high: float, bins: int, integer: bool) -> list[float]:
    """0 and multiples of a round step (1, 2, 2.5 or 5 times a power of ten) up to `high`,
    at most bins + 1 of them."""
    raw = high / bins
    power = 10 ** math.floor(math.log10(raw))
    step = 10 * power
    for m in (1, 2, 2.5, 5, 10):
        candidate = m * power
        if integer and candidate != int(candidate):
            continue
        if candidate * bins >= high - 1e-9:
            step = candidate
            break
    count = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _value_axis(
    data: ChartData,
    band: tuple[float, float] | None = None,
    room: float = 1.18,
    fit: Callable[[float], float] = lambda high: high,
) -> Axis:
    values = [v for s in data.series for v in s.values if v is not None]
    top = max([*values, *(band or ()), 0.0])
    if data.percent:
        high = 105.0 if top > 80 else max(top * 1.2, 10.0)
        ticks = _nice_ticks(high, 6, integer=True)
        return Axis(high, ticks, [f"{v:.0f}%" for v in ticks])
    high = fit(max(top * room, 1.0))
    ticks = _nice_ticks(high, 5, integer=top >= 5)
    labels = [f"{v:,.0f}" if top >= 5 else f"{v:g}" for v in ticks]
    return Axis(high, ticks, labels)


# ---------------------------------------------------------------- legend


@dataclass(frozen=True)
class _Entry:
    name: str
    swatch: Callable[[Canvas, float, float, float], None]  # canvas, x, y centre, length


def _legend_entries(spec: ChartSpec, data: ChartData) -> list[str]:
    """Legend names, when colour alone would not say which series (or band) is which."""
    if len(data.series) < 2 and spec.band is None:
        return []
    band = [spec.band_label or _("Guidance")] if spec.band is not None else []
    return band + [s.name for s in data.series]


def _legend_rows(names: list[str], layout: Layout) -> int:
    """One row when the names fit across the chart, else one name per row."""
    if not names:
        return 0
    size = layout.legend_pt
    across = sum(_entry_width(n, size) for n in names) - _ENTRY_GAP_EM * size
    return 1 if across <= layout.width_pt - 2 * PAD_PT else len(names)


_SWATCH_EM, _TEXT_GAP_EM, _ENTRY_GAP_EM = 2.5, 0.8, 2.0


def _entry_width(name: str, size: float) -> float:
    """A legend entry's width in one row: swatch, gap, name, and the gap to the next."""
    return (_SWATCH_EM + _TEXT_GAP_EM + _ENTRY_GAP_EM) * size + fonts.text_width(name, size)


def _row_pt(layout: Layout) -> float:
    return LEGEND_ROW_PT * layout.font_pt / 7.5


def _legend_height(spec: ChartSpec, data: ChartData, layout: Layout, extra: int = 0) -> float:
    """Points the legend takes above the plot."""
    names = _legend_entries(spec, data) + [_(SPLIT_HIDDEN_LABEL)] * extra
    rows = _legend_rows(names, layout)
    lines = sum(len(_wrapped([n], layout.legend_chars)[0].splitlines()) for n in names)
    return _row_pt(layout) * (lines if rows > 1 else rows)


def _draw_legend(canvas: Canvas, entries: list[_Entry], layout: Layout) -> None:
    """The legend across the top of the chart: in one row when it fits, else one per row."""
    if not entries:
        return
    size = layout.legend_pt
    length, gap = _SWATCH_EM * size, _TEXT_GAP_EM * size
    row = _row_pt(layout)
    x, y = PAD_PT, PAD_PT + row / 2
    if _legend_rows([e.name for e in entries], layout) == 1:
        for entry in entries:
            entry.swatch(canvas, x, y, length)
            canvas.text(x + length + gap, _middle(y, size), entry.name, size, fill=TEXT)
            x += _entry_width(entry.name, size)
        return
    for entry in entries:
        lines = _wrapped([entry.name], layout.legend_chars)[0].splitlines()
        entry.swatch(canvas, x, y, length)
        for i, line in enumerate(lines):
            canvas.text(x + length + gap, _middle(y + i * row, size), line, size, fill=TEXT)
        y += row * len(lines)


def _bar_swatch(fill: str) -> Callable[[Canvas, float, float, float], None]:
    def swatch(canvas: Canvas, x: float, y: float, length: float) -> None:
        canvas.rect(x, y - 4.5, length, 9.0, fill, stroke=WHITE if fill.startswith("url") else None)

    return swatch


def _band_swatch(canvas: Canvas, x: float, y: float, length: float) -> None:
    canvas.rect(x, y - 4.5, length, 9.0, BAND_FILL, stroke=MUTED, stroke_width=0.8, dash="3 2")


def _hidden_swatch(canvas: Canvas, x: float, y: float, length: float) -> None:
    canvas.rect(
        x, y - 4.5, length, 9.0, SPLIT_HIDDEN_FILL, stroke=MUTED, stroke_width=1.2, dash="4 2"
    )


def _line_swatch(index: int) -> Callable[[Canvas, float, float, float], None]:
    def swatch(canvas: Canvas, x: float, y: float, length: float) -> None:
        colour = PALETTE[index % len(PALETTE)]
        canvas.line([(x, y), (x + length, y)], colour, 2.0, DASHES[index % len(DASHES)])
        _marker(canvas, MARKERS[index % len(MARKERS)], x + length / 2, y, colour)

    return swatch


# ---------------------------------------------------------------- marks


def _fill(canvas: Canvas, index: int, n_series: int) -> str:
    """A series' fill: its colour, hatched in white for the second series on (as a pattern)."""
    colour = PALETTE[index % len(PALETTE)]
    hatch = HATCHES[index % len(HATCHES)] if n_series > 1 else ""
    if not hatch:
        return colour
    pattern = f"hatch-{index}"
    if not any(f'id="{pattern}"' in d for d in canvas.defs):
        lines = {
            "//": "M0,6 L6,0 M-1.5,1.5 L1.5,-1.5 M4.5,7.5 L7.5,4.5",
            "\\\\": "M0,0 L6,6 M-1.5,4.5 L1.5,7.5 M4.5,-1.5 L7.5,1.5",
            "xx": "M0,6 L6,0 M0,0 L6,6",
        }
        if hatch == "..":
            marks = '<circle cx="1.5" cy="1.5" r="0.9" fill="#ffffff"/>'
            marks += '<circle cx="4.5" cy="4.5" r="0.9" fill="#ffffff"/>'
        else:
            marks = f'<path d="{lines[hatch]}" stroke="#ffffff" stroke-width="1.2"/>'
        canvas.defs.append(
            f'<pattern id="{pattern}" patternUnits="userSpaceOnUse" width="6" height="6">'
            f'<rect width="6" height="6" fill="{colour}"/>{marks}</pattern>'
        )
    return f"url(#{pattern})"


def _bar(canvas: Canvas, x: float, y: float, w: float, h: float, fill: str) -> None:
    canvas.rect(
        x,
        y,
        w,
        h,
        fill,
        stroke=WHITE if fill.startswith("url") else None,
        stroke_width=0.8 if fill.startswith("url") else None,
    )


def _marker(canvas: Canvas, kind: str, x: float, y: float, colour: str, r: float = 2.5) -> None:
    shapes = {
        "o": f"M{num(x - r)},{num(y)} a{num(r)},{num(r)} 0 1,0 {num(2 * r)},0 "
        f"a{num(r)},{num(r)} 0 1,0 {num(-2 * r)},0 Z",
        "s": f"M{num(x - r)},{num(y - r)} h{num(2 * r)} v{num(2 * r)} h{num(-2 * r)} Z",
        "^": f"M{num(x)},{num(y - r * 1.2)} L{num(x + r * 1.1)},{num(y + r * 0.8)} "
        f"L{num(x - r * 1.1)},{num(y + r * 0.8)} Z",
        "D": f"M{num(x)},{num(y - r * 1.2)} L{num(x + r)},{num(y)} L{num(x)},{num(y + r * 1.2)} "
        f"L{num(x - r)},{num(y)} Z",
        "v": f"M{num(x)},{num(y + r * 1.2)} L{num(x + r * 1.1)},{num(y - r * 0.8)} "
        f"L{num(x - r * 1.1)},{num(y - r * 0.8)} Z",
    }
    canvas.path(shapes[kind], colour)


def _value_label(
    canvas: Canvas, x: float, y: float, label: str, size: float, suppressed: bool, anchor: str
) -> None:
    """A value label (dark text on white), c in grey italics."""
    colour = MUTED if suppressed else TEXT
    canvas.text(x, y, label, size, fill=colour, anchor=anchor, italic=suppressed)


def _spines(canvas: Canvas, left: float, top: float, right: float, bottom: float) -> None:
    canvas.line([(left, top), (left, bottom), (right, bottom)], MUTED, 0.8)


def _bar_width(n_series: int) -> float:
    return 0.8 / max(n_series, 1)


def _offsets(n_series: int) -> list[float]:
    width = _bar_width(n_series)
    return [(i - (n_series - 1) / 2) * width for i in range(n_series)]


def _series_entries(spec: ChartSpec, data: ChartData, canvas: Canvas) -> list[_Entry]:
    names = _legend_entries(spec, data)
    if not names:
        return []
    n = len(data.series)
    return [_Entry(s.name, _bar_swatch(_fill(canvas, i, n))) for i, s in enumerate(data.series)]


def _height(inches: float, layout: Layout) -> float:
    return inches * layout.height_scale * 72


# ---------------------------------------------------------------- bar charts


def _draw_bar(spec: ChartSpec, data: ChartData, layout: Layout) -> Canvas:
    legend = _legend_height(spec, data, layout)
    canvas = Canvas(layout.width_pt, _height(2.9, layout) + legend)
    axis = _value_axis(data)
    size, lab = layout.font_pt, layout.label_pt
    names = [c.split("\n") for c in _wrapped(data.categories, layout.wrap_bar)]
    lines = max((len(n) for n in names), default=1)
    tick_w = max((fonts.text_width(t, size) for t in axis.labels), default=0.0)
    left = PAD_PT + (1.4 * size if spec.y_label else 0.0) + tick_w + TICK_PT + 3
    right = canvas.width - PAD_PT
    top = PAD_PT + legend + (4.0 if legend else 0.0)
    bottom = canvas.height - PAD_PT - lines * size * 1.2 - TICK_PT - 2
    y = Scale(0.0, axis.high, bottom, top)
    n = max(len(data.categories), 1)
    slot = (right - left) / n
    x_of = Scale(-0.5, n - 0.5, left, right)
    _value_ticks(canvas, axis, y, left, size)
    if spec.y_label:
        _axis_title(canvas, PAD_PT + size, (top + bottom) / 2, spec.y_label, size, rotate=-90)
    width = _bar_width(len(data.series)) * slot
    for i, (series, offset) in enumerate(zip(data.series, _offsets(len(data.series)), strict=True)):
        fill = _fill(canvas, i, len(data.series))
        for j, (value, label) in enumerate(zip(series.values, series.labels, strict=True)):
            centre = x_of(j + offset)
            if value is not None:
                _bar(canvas, centre - width / 2, y(value), width, bottom - y(value), fill)
            _value_label(canvas, centre, y(value or 0.0) - 3, label, lab, value is None, "middle")
    for j, name in enumerate(names):
        cx = x_of(j)
        canvas.line([(cx, bottom), (cx, bottom + TICK_PT)], TEXT, 0.8)
        for k, line in enumerate(name):
            canvas.text(
                cx,
                bottom + TICK_PT + 2 + size * (0.95 + 1.2 * k),
                line,
                size,
                fill=TEXT,
                anchor="middle",
            )
    _spines(canvas, left, top, right, bottom)
    _draw_legend(canvas, _series_entries(spec, data, canvas), layout)
    return canvas


def _value_ticks(canvas: Canvas, axis: Axis, y: Scale, left: float, size: float) -> None:
    for value, label in zip(axis.ticks, axis.labels, strict=True):
        at = y(value)
        canvas.line([(left - TICK_PT, at), (left, at)], TEXT, 0.8)
        canvas.text(left - TICK_PT - 2, _middle(at, size), label, size, fill=TEXT, anchor="end")


def _axis_title(
    canvas: Canvas, x: float, y: float, text: str, size: float, rotate: float = 0.0
) -> None:
    canvas.text(x, y, text, size, fill=TEXT, anchor="middle", rotate=rotate)


def _category_labels(
    canvas: Canvas, names: list[list[str]], centres: list[float], right: float, size: float
) -> None:
    """Category names right-aligned before a horizontal bar chart's axis, centred on each bar."""
    for name, centre in zip(names, centres, strict=True):
        first = centre - (len(name) - 1) * size * 1.2 / 2
        canvas.line([(right, centre), (right + TICK_PT, centre)], TEXT, 0.8)
        for k, line in enumerate(name):
            canvas.text(
                right - 2,
                _middle(first + k * size * 1.2, size),
                line,
                size,
                fill=TEXT,
                anchor="end",
            )


def _bottom_ticks(canvas: Canvas, axis: Axis, x: Scale, bottom: float, size: float) -> None:
    for value, label in zip(axis.ticks, axis.labels, strict=True):
        at = x(value)
        canvas.line([(at, bottom), (at, bottom + TICK_PT)], TEXT, 0.8)
        canvas.text(at, bottom + TICK_PT + 2 + 0.95 * size, label, size, fill=TEXT, anchor="middle")


def _hbar_frame(
    data: ChartData, layout: Layout, legend: float, x_title: str, inches: tuple[float, float]
) -> tuple[Canvas, float, float, float, float, list[list[str]]]:
    """A horizontal bar chart's canvas, its plot (left, top, right, bottom) and the wrapped
    category names. `inches`: the margins and each category's height at the page width; a
    category is taller when its name needs more lines."""
    size = layout.font_pt
    names = [c.split("\n") for c in _wrapped(data.categories, layout.wrap_hbar)]
    lines = max((len(n) for n in names), default=1)
    slot = max(_height(inches[1], layout), lines * size * 1.2 + 4)
    canvas = Canvas(layout.width_pt, _height(inches[0], layout) + slot * len(names) + legend)
    widest = max((fonts.text_width(line, size) for n in names for line in n), default=0.0)
    left = PAD_PT + widest + TICK_PT + 3
    top = PAD_PT + legend + (4.0 if legend else 0.0)
    bottom = canvas.height - PAD_PT - size * 1.2 - TICK_PT - 2 - (size * 1.3 if x_title else 0.0)
    return canvas, left, top, canvas.width - PAD_PT, bottom, names


def _room_for_labels(
    high: float, ends: Sequence[tuple[float, str]], width: float, size: float, gap: float
) -> float:
    """The axis maximum raised, if need be, so that each label set `gap` after its bar's end
    fits inside the plot `width` points wide."""
    for value, label in ends:
        free = width - gap - fonts.text_width(label, size)
        if free > 0 and value > 0:
            high = max(high, value * width / free)
    return high


def _draw_hbar(spec: ChartSpec, data: ChartData, layout: Layout) -> Canvas:
    legend = _legend_height(spec, data, layout)
    per_category = 0.28 * max(len(data.series), 1)
    frame = _hbar_frame(data, layout, legend, spec.y_label, (0.9, per_category))
    canvas, left, top, right, bottom, names = frame
    size, lab = layout.font_pt, layout.label_pt
    ends = [
        (v or 0.0, label) for s in data.series for v, label in zip(s.values, s.labels, strict=True)
    ]
    axis = _value_axis(
        data, room=1.3, fit=lambda high: _room_for_labels(high, ends, right - left, lab, 3)
    )
    x = Scale(0.0, axis.high, left, right)
    n = max(len(data.categories), 1)
    y_of = Scale(-0.5, n - 0.5, top, bottom)  # the first category at the top
    slot = (bottom - top) / n
    height = _bar_width(len(data.series)) * slot
    for i, (series, offset) in enumerate(zip(data.series, _offsets(len(data.series)), strict=True)):
        fill = _fill(canvas, i, len(data.series))
        for j, (value, label) in enumerate(zip(series.values, series.labels, strict=True)):
            centre = y_of(j + offset)
            if value is not None:
                _bar(canvas, left, centre - height / 2, x(value) - left, height, fill)
            at = x(value or 0.0) + 3
            _value_label(canvas, at, _middle(centre, lab), label, lab, value is None, "start")
    _category_labels(canvas, names, [y_of(j) for j in range(len(names))], left - TICK_PT, size)
    _bottom_ticks(canvas, axis, x, bottom, size)
    if spec.y_label:
        _axis_title(canvas, (left + right) / 2, canvas.height - PAD_PT, spec.y_label, size)
    _spines(canvas, left, top, right, bottom)
    _draw_legend(canvas, _series_entries(spec, data, canvas), layout)
    return canvas


def _draw_stacked_hbar(spec: ChartSpec, data: ChartData, layout: Layout) -> Canvas:
    """Stacked bars. Segment labels sit inside the segments that have room for them: white on
    the solid first colour, dark on a white box over a hatched one. A bar with a hidden
    segment is drawn as its published total alone (outlined), or left out and labelled c."""
    n = len(data.categories)
    hidden = [any(s.values[j] is None for s in data.series) for j in range(n)]
    totals: list[float | None] = list(data.totals) or [None] * n
    total_labels = data.total_labels or [""] * n
    split_hidden = [j for j in range(n) if hidden[j] and totals[j] is not None]
    legend = _legend_height(spec, data, layout, extra=1 if split_hidden else 0)
    frame = _hbar_frame(data, layout, legend, spec.y_label, (1.0, 0.38))
    canvas, left, top, right, bottom, names = frame
    size, lab = layout.font_pt, layout.label_pt
    lengths_by_series = [
        [0.0 if hidden[j] else (v or 0.0) for j, v in enumerate(s.values)] for s in data.series
    ]
    ends = [sum(column) for column in zip(*lengths_by_series, strict=True)] or [0.0] * n
    known = [t if hidden[j] and t is not None else ends[j] for j, t in enumerate(totals)]
    top_value = max([*known, 1.0])
    said = [
        (total or 0.0, _(N_(IN_TOTAL, total=label)) if total is not None else "c")
        for j, (total, label) in enumerate(zip(totals, total_labels, strict=True))
        if hidden[j]
    ]
    high = _room_for_labels(top_value * 1.25, said, right - left, lab, 4)
    ticks = _nice_ticks(high, 5, integer=top_value >= 5)
    axis = Axis(high, ticks, [f"{v:,.0f}" if top_value >= 5 else f"{v:g}" for v in ticks])
    x = Scale(0.0, high, left, right)
    y_of = Scale(-0.5, max(n, 1) - 0.5, top, bottom)
    height = 0.6 * (bottom - top) / max(n, 1)
    start = [0.0] * n
    for i, (series, lengths) in enumerate(zip(data.series, lengths_by_series, strict=True)):
        fill = _fill(canvas, i, len(data.series))
        for j, (label, length) in enumerate(zip(series.labels, lengths, strict=True)):
            if hidden[j] or not length:
                continue
            x0, x1, centre = x(start[j]), x(start[j] + length), y_of(j)
            _bar(canvas, x0, centre - height / 2, x1 - x0, height, fill)
            if _text_width_pt(label, lab) + 4 <= x1 - x0:
                _segment_label(canvas, (x0 + x1) / 2, centre, label, lab, on_hatch=i > 0)
        start = [a + b for a, b in zip(start, lengths, strict=True)]
    for j in split_hidden:
        centre = y_of(j)
        width = x(totals[j] or 0.0) - left
        canvas.rect(
            left,
            centre - height / 2,
            width,
            height,
            SPLIT_HIDDEN_FILL,
            stroke=MUTED,
            stroke_width=1.2,
            dash="4 2",
        )
    for j in range(n):
        if hidden[j]:
            total = totals[j]
            text = _(N_(IN_TOTAL, total=total_labels[j])) if total is not None else "c"
            at = x(total or 0.0) + 4
            _value_label(canvas, at, _middle(y_of(j), lab), text, lab, total is None, "start")
    _category_labels(canvas, names, [y_of(j) for j in range(n)], left - TICK_PT, size)
    _bottom_ticks(canvas, axis, x, bottom, size)
    if spec.y_label:
        _axis_title(canvas, (left + right) / 2, canvas.height - PAD_PT, spec.y_label, size)
    _spines(canvas, left, top, right, bottom)
    entries = _series_entries(spec, data, canvas)
    if split_hidden:
        entries.append(_Entry(_(SPLIT_HIDDEN_LABEL), _hidden_swatch))
    _draw_legend(canvas, entries, layout)
    return canvas


def _segment_label(
    canvas: Canvas, x: float, y: float, label: str, size: float, *, on_hatch: bool
) -> None:
    if on_hatch:  # white on a hatched fill cannot be read: dark text on a white box
        w = fonts.text_width(label, size, bold=True) + 0.3 * size
        canvas.rect(x - w / 2, y - 0.6 * size, w, 1.2 * size, WHITE, rx=0.15 * size)
    colour = TEXT if on_hatch else WHITE
    canvas.text(x, _middle(y, size), label, size, fill=colour, anchor="middle", bold=True)


# ---------------------------------------------------------------- line charts


def _draw_trend(spec: ChartSpec, data: ChartData, layout: Layout) -> Canvas:
    legend = _legend_height(spec, data, layout)
    canvas = Canvas(layout.width_pt, _height(2.4, layout) + legend)
    size, lab = layout.font_pt, layout.label_pt
    axis = _value_axis(data, band=spec.band)
    several = len(data.series) > 1
    tick_w = max((fonts.text_width(t, size) for t in axis.labels), default=0.0)
    left = PAD_PT + (1.4 * size if spec.y_label else 0.0) + tick_w + TICK_PT + 3
    right = canvas.width - PAD_PT
    n = len(data.categories)
    widest = max((fonts.text_width(c, size) for c in data.categories), default=0.0)
    slot = (right - left) / (n + (0.35 if several else 0.0) or 1)
    rotate = widest + size > slot  # side by side they would touch: turned to read upwards
    under = widest if rotate else size * 1.2
    top = PAD_PT + legend + (4.0 if legend else 0.0) + lab
    bottom = canvas.height - PAD_PT - under - TICK_PT - 2
    x = Scale(-0.5, n - 0.5 + (0.35 if several else 0.0), left, right)
    y = Scale(0.0, axis.high, bottom, top)
    entries: list[_Entry] = []
    if spec.band is not None:
        low, high = spec.band
        canvas.rect(left, y(high), right - left, y(low) - y(high), BAND_FILL)
        for edge in (low, high):
            canvas.line([(left, y(edge)), (right, y(edge))], MUTED, 0.8, "3 2")
        entries.append(_Entry(spec.band_label or f"{low:g} to {high:g}", _band_swatch))
    _value_ticks(canvas, axis, y, left, size)
    if spec.y_label:
        _axis_title(canvas, PAD_PT + size, (top + bottom) / 2, spec.y_label, size, rotate=-90)
    for i, series in enumerate(data.series):
        colour = PALETTE[i % len(PALETTE)]
        run: list[tuple[float, float]] = []
        for j, value in enumerate([*series.values, None]):
            if value is None:
                if len(run) > 1:
                    canvas.line(run, colour, 2.0, DASHES[i % len(DASHES)])
                run = []
            else:
                run.append((x(j), y(value)))
        for j, value in enumerate(series.values):
            if value is not None:
                _marker(canvas, MARKERS[i % len(MARKERS)], x(j), y(value), colour)
        entries.append(_Entry(series.name, _line_swatch(i)))
    for j, category in enumerate(data.categories):
        cx = x(j)
        canvas.line([(cx, bottom), (cx, bottom + TICK_PT)], TEXT, 0.8)
        if rotate:
            canvas.text(
                _middle(cx, size) - 0.72 * size,
                bottom + TICK_PT + 2,
                category,
                size,
                fill=TEXT,
                anchor="end",
                rotate=-90,
            )
        else:
            canvas.text(
                cx, bottom + TICK_PT + 2 + 0.95 * size, category, size, fill=TEXT, anchor="middle"
            )
    _spines(canvas, left, top - lab, right, bottom)
    _label_points(canvas, data, layout, x, y, several=several)
    if _legend_entries(spec, data):
        _draw_legend(canvas, entries, layout)
    return canvas


@dataclass(frozen=True)
class _Label:
    x: int
    y: float  # the point's value (0 for a suppressed point)
    text: str
    suppressed: bool


def _label_points(
    canvas: Canvas, data: ChartData, layout: Layout, x: Scale, y: Scale, *, several: bool
) -> None:
    """Value labels that never overprint: with one line, above each point; with several, the
    latest value (and any c) beside each line's last point, moved apart where lines meet and
    left out when there is no room (the table that follows has every value)."""
    size = layout.label_pt
    labels = [
        _Label(j, series.values[j] or 0.0, series.labels[j], series.values[j] is None)
        for series in data.series
        for j in _labelled_points(series, several=several)
    ]
    if not several and labels:  # side by side: label every step-th point, back from the last
        widest = max(_text_width_pt(label.text, size) for label in labels)
        step = math.ceil((widest + LABEL_GAP_PT) / x.per_unit)
        last = max(label.x for label in labels)
        labels = [label for label in labels if (last - label.x) % step == 0]
    height = size * 1.2 + LABEL_GAP_PT
    by_x: dict[int, list[_Label]] = {}
    for label in labels:
        by_x.setdefault(label.x, []).append(label)
    ceiling = (y.high - y.low) * y.per_unit + height
    for j, group in sorted(by_x.items()):
        # centres in points above the axis: beside the point, or just above it
        wanted = [
            (label.y - y.low) * y.per_unit + (0 if several else height / 2 + 3) for label in group
        ]
        placed = _spread(wanted, height, top=ceiling)
        for label, at in zip(group, placed, strict=True):
            if at is None:
                continue
            beside = several and not label.suppressed
            baseline = _middle(y.start - at, size)
            _value_label(
                canvas,
                x(j) + (7 if beside else 0),
                baseline,
                label.text,
                size,
                label.suppressed,
                "start" if beside else "middle",
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


_DRAWERS: dict[str, Callable[[ChartSpec, ChartData, Layout], Canvas]] = {
    "bar": _draw_bar,
    "hbar": _draw_hbar,
    "stacked_hbar": _draw_stacked_hbar,
    "trend": _draw_trend,
    "line": _draw_trend,
}


def watermark_uri(text: str = "DRAFT") -> str:
    """An A4 page background with `text` drawn diagonally as outlines, not as text, so it is
    never read aloud or copied with the report's words, and needs no font at display."""
    d, (x0, y0, x1, y1) = fonts.outline(text, 40)
    centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
        'viewBox="0 0 210 297">'
        f'<g transform="translate(105 148.5) rotate(-50) scale(1 -1) '
        f'translate({-centre_x:.2f} {-centre_y:.2f})">'
        f'<path d="{d}" fill="#ececec"/></g></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def alt_text(spec: ChartSpec, data: ChartData) -> str:
    """The chart's message in a sentence, pointing to the table that follows (which has every
    figure, so a screen reader does not hear them twice). Words come from published labels.

    e.g. "Line chart of Caseload, 2020-21 to 2022-23: it fell from 66.0 in 2020-21 to 60.1
    in 2022-23. The figures are in the table that follows."
    """
    lines = spec.kind in ("trend", "line")
    if lines:
        several = len(data.series) > 1
        message = "; ".join(_movement(data.categories, s, named=several) for s in data.series)
        if data.categories:
            first, last = data.categories[0], data.categories[-1]
            line = N_(
                "Line chart of {title}, {first} to {last}: {message}.",
                title=spec.title,
                first=first,
                last=last,
                message=message,
            )
        else:
            line = N_("Line chart of {title}: {message}.", title=spec.title, message=message)
        parts = [_(line)]
    else:
        parts = [
            _(N_("Bar chart of {title}: {largest}.", title=spec.title, largest=_largest(data)))
        ]
    if spec.band is not None:
        low, high = spec.band
        band = N_(
            "The shaded band shows {band}, {low} to {high}.",
            band=spec.band_label or _("the range"),
            low=f"{low:g}",
            high=f"{high:g}",
        )
        parts.append(_(band))
    if any(label == "c" for s in data.series for label in s.labels):
        parts.append(_("c marks a number suppressed to protect children's privacy."))
    parts.append(_("The figures are in the table that follows."))
    return " ".join(parts)


def _movement(categories: Sequence[str], series: Series, *, named: bool) -> str:
    """How one line moved from its first shown point to its last."""
    shown = [i for i, v in enumerate(series.values) if v is not None]
    name = series.name if named else _("it")
    if not shown:
        if named:
            return _(N_("{name} is suppressed", name=series.name))
        return _("every value is suppressed")
    first, last = shown[0], shown[-1]
    a, b = series.values[first], series.values[last]
    at_first = _(N_("{value} in {year}", value=series.labels[first], year=categories[first]))
    at_last = _(N_("{value} in {year}", value=series.labels[last], year=categories[last]))
    if first == last:
        return _(N_("{name} was {at}", name=name, at=at_first))
    assert a is not None and b is not None
    if series.labels[first] == series.labels[last] or a == b:
        return _(N_("{name} was {at} and {later}", name=name, at=at_first, later=at_last))
    if b > a:
        return _(N_("{name} rose from {at} to {later}", name=name, at=at_first, later=at_last))
    return _(N_("{name} fell from {at} to {later}", name=name, at=at_first, later=at_last))


def _largest(data: ChartData) -> str:
    """The category with the largest shown value (or shown total), in words."""
    if not data.categories or not data.series:
        return _("no data")
    if len(data.series) == 1:
        series = data.series[0]
        shown = [(v, i) for i, v in enumerate(series.values) if v is not None]
        if not shown:
            return _("every value is suppressed")
        _v, i = max(shown, key=lambda t: (t[0], -t[1]))
        largest = N_(
            "the largest is {category}, {value}",
            category=data.categories[i],
            value=series.labels[i],
        )
        return _(largest)
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
        return _("every value is suppressed")
    _v, j = max(shown, key=lambda t: (t[0], -t[1]))
    split = "; ".join(f"{s.name}: {s.labels[j]}" for s in data.series)
    return _(N_("the largest is {category} ({split})", category=data.categories[j], split=split))
