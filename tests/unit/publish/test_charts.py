"""Charts: deterministic SVG with real text, gaps for suppressed values, alt text in words."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from report.model import Breakdown, ChartSpec
from report.publish import charts
from report.publish.html import breakdown_chart_data
from report.publish.suppression import breakdown_mask

YEARS = ["2020-21", "2021-22", "2022-23"]


def bar_data() -> charts.ChartData:
    return charts.ChartData(
        ["Under 1", "1 to 4", "5 to 9"],
        [charts.Series("Children", [21.0, None, 78.0], ["21 (5%)", "c", "78 (19%)"])],
    )


@pytest.mark.parametrize("kind", ["bar", "hbar", "stacked_hbar"])
def test_breakdown_charts_are_deterministic_svg_with_text(kind: str) -> None:
    spec = ChartSpec("c", "Children by age", kind, source="cla.by_age_band")  # type: ignore[arg-type]
    first, second = charts.draw(spec, bar_data()), charts.draw(spec, bar_data())
    assert first.svg == second.svg
    svg = first.svg.decode()
    assert "<text" in svg and "DejaVu Sans" in svg
    assert "<dc:date>" not in svg  # no timestamp, so the bytes are reproducible
    assert first.data_uri.startswith("data:image/svg+xml;base64,")


def test_alt_text_states_the_message_and_points_to_the_table() -> None:
    chart = charts.draw(ChartSpec("c", "Children by age", "hbar"), bar_data())
    # 78 is the largest value shown (the hidden one is never ranked)
    assert chart.alt.startswith("Bar chart of Children by age: the largest is 5 to 9, 78 (19%).")
    assert "21 (5%)" not in chart.alt  # the table has every number: not recited twice
    assert "c marks a number suppressed" in chart.alt
    assert chart.alt.endswith("The figures are in the table that follows.")


def test_trend_alt_text_and_band() -> None:
    data = charts.ChartData(
        YEARS, [charts.Series("Caseload", [66.0, None, 60.1], ["66.0", "c", "60.1"])]
    )
    spec = ChartSpec("t", "Caseload", "trend", figures=("x",), band=(50, 70), band_label="Guidance")
    chart = charts.draw(spec, data)
    assert chart.alt.startswith(
        "Line chart of Caseload, 2020-21 to 2022-23: it fell from 66.0 in 2020-21 to 60.1 in "
        "2022-23."
    )
    assert "The shaded band shows Guidance, 50 to 70." in chart.alt


def test_trend_alt_text_names_each_line() -> None:
    data = charts.ChartData(
        YEARS,
        [
            charts.Series("Held on time", [80.0, 85.0, 90.0], ["80%", "85%", "90%"]),
            charts.Series("All on time", [None, 70.0, 70.0], ["c", "70%", "70%"]),
        ],
        percent=True,
    )
    alt = charts.alt_text(ChartSpec("t", "On time", "trend"), data)
    assert (
        ": Held on time rose from 80% in 2020-21 to 90% in 2022-23; All on time was 70% in "
        "2021-22 and 70% in 2022-23."
    ) in alt


def _texts(svg: bytes) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text element matplotlib wrote (svg.fonttype none)."""
    found = []
    for match in re.finditer(
        rb'<text[^>]*x="([-\d.]+)"[^>]*y="([-\d.]+)"[^>]*>([^<]*)</text>', svg
    ):
        found.append((float(match[1]), float(match[2]), match[3].decode()))
    return found


def test_trend_labels_where_lines_meet_do_not_overprint() -> None:
    """Two lines ending at the same value: their labels are moved apart (or one left out)."""
    data = charts.ChartData(
        YEARS,
        [
            charts.Series("Started", [160.0, 170.0, 189.0], ["160", "170", "189"]),
            charts.Series("Ceased", [150.0, 176.0, 189.0], ["150", "176", "190"]),
            charts.Series("Looked after", [400.0, 390.0, 401.0], ["400", "390", "401"]),
        ],
    )
    for layout in (charts.WIDE, charts.NARROW):
        spec = ChartSpec("t", "Children", "trend", figures=("a",))
        texts = [t for t in _texts(charts.draw(spec, data, layout).svg) if t[2] in ("189", "190")]
        assert len(texts) == 2, texts
        (_, y1, _), (_, y2, _) = texts
        # a label is label_pt tall: centres further apart than that cannot overprint
        assert abs(y1 - y2) >= layout.label_pt, (layout.name, texts)


def test_labels_along_one_line_do_not_run_into_each_other() -> None:
    months = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    values = [64.7, 64.8, 66.1, 66.6, 67.4, 66.0, 65.3, 65.0, 64.8, 64.7, 64.7, 64.7]
    data = charts.ChartData(months, [charts.Series("Caseload", values, [f"{v}" for v in values])])
    for layout in (charts.WIDE, charts.NARROW):
        svg = charts.draw(ChartSpec("l", "Caseload", "line"), data, layout).svg
        found = sorted((x, text) for x, _, text in _texts(svg) if text in {f"{v}" for v in values})
        assert found and found[-1][1] == "64.7"  # the latest value is always labelled
        room = [b[0] - a[0] for a, b in itertools.pairwise(found)]
        widest = charts._text_width_pt("64.7", layout.label_pt)
        assert all(gap >= widest for gap in room), (layout.name, found)


def test_spread_moves_labels_apart_and_leaves_out_what_has_no_room() -> None:
    # wanted centres 10, 12, 50 with 10 pt labels: 10, 20, 50
    assert charts._spread([10.0, 12.0, 50.0], 10.0, top=100.0) == [10.0, 20.0, 50.0]
    # no room above 25 for the third
    assert charts._spread([10.0, 12.0, 14.0], 10.0, top=25.0) == [10.0, 20.0, None]


def test_stacked_bar_with_a_hidden_split_shows_its_published_total() -> None:
    """Second reviews: 170 held, split c/c: drawn as one outlined bar of 170, labelled."""
    breakdown = Breakdown(
        "r",
        "Reviews by sequence",
        "",
        "Review",
        ["First", "Second"],
        {"On time": [151, 168], "Late": [19, 2]},
        "reviews",
        row_totals=True,
    )
    data = breakdown_chart_data(breakdown, breakdown_mask(breakdown, 5))
    assert data.series[1].values[1] is None  # 2 is hidden, and 168 with it
    assert data.totals == [170.0, 170.0] and data.total_labels == ["170", "170"]
    svg = charts.draw(ChartSpec("s", "Reviews", "stacked_hbar", source="r"), data).svg
    words = [t[2] for t in _texts(svg)]
    assert "170 in total (split c)" in words
    assert charts.SPLIT_HIDDEN_LABEL in words


def test_no_white_label_on_a_hatched_segment() -> None:
    data = charts.ChartData(
        ["A"],
        [
            charts.Series("Positive", [213.0], ["213"]),
            charts.Series("Other", [59.0], ["59"]),
        ],
    )
    svg = charts.draw(ChartSpec("s", "Answers", "stacked_hbar"), data).svg.decode()
    for label, colour in (("213", "#ffffff"), ("59", charts.TEXT)):
        element = re.search(rf'<text[^>]*style="([^"]*)"[^>]*>{label}</text>', svg)
        assert element is not None, label
        assert f"fill: {colour}" in element[1], (label, element[1])


def test_narrow_charts_keep_text_at_12_px_in_a_375_px_window() -> None:
    """A 375 px window leaves a 327 px column (1.5rem padding): every font in the narrow SVG,
    scaled to that width, is at least 12 CSS px."""
    column_px = 375 - 2 * 24
    specs = [
        ChartSpec("b", "Children by age", "bar"),
        ChartSpec("h", "Children by age", "hbar"),
        ChartSpec("t", "Children", "trend", band=(50, 70)),
    ]
    for spec in specs:
        svg = charts.draw(spec, bar_data(), charts.NARROW).svg.decode()
        width_pt = float(re.search(r'width="([\d.]+)pt"', svg)[1])  # type: ignore[index]
        scale = min(1.0, column_px / (width_pt * 4 / 3))
        sizes = {float(v) for v in re.findall(r"font-size: ([\d.]+)px", svg)}
        assert sizes and min(sizes) * 4 / 3 * scale >= 12, (spec.kind, sizes, scale)


def test_suppressed_cells_are_never_drawn_as_zero() -> None:
    breakdown = Breakdown("b", "B", "", "Cat", ["a", "b", "c"], {"n": [30, 3, 0]}, "children")
    data = breakdown_chart_data(breakdown, breakdown_mask(breakdown, 5))
    values = data.series[0].values
    assert values[1] is None and values[0] is None  # 3 and its partner 30 are hidden
    assert values[2] == 0.0  # a real zero is drawn as zero
    assert data.series[0].labels == ["c", "c", "0 (0%)"]
    assert not any(isinstance(v, float) and math.isnan(v) for v in values)


def test_palette_contrast_against_white() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(colour: str) -> float:
        return 1.05 / (luminance(colour) + 0.05)

    assert all(contrast(c) >= 3.0 for c in charts.PALETTE)
    assert contrast(charts.TEXT) >= 4.5 and contrast(charts.MUTED) >= 4.5


def test_charts_and_the_watermark_need_no_matplotlib() -> None:
    """matplotlib is only the naive benchmark's (the bench extra): drawing never imports it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from report.model import ChartSpec\n"
        "from report.publish import charts\n"
        "d = charts.ChartData(['a', 'b'], [charts.Series('n', [1.0, 2.0], ['1', '2'])])\n"
        "for kind in ('bar', 'hbar', 'stacked_hbar', 'trend'):\n"
        "    charts.draw(ChartSpec('c', 'C', kind), d)\n"
        "charts.watermark_uri()\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr
