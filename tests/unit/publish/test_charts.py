"""Charts: deterministic SVG with real text, gaps for suppressed values, alt text in words."""

from __future__ import annotations

import math

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


def test_alt_text_states_the_data() -> None:
    chart = charts.draw(ChartSpec("c", "Children by age", "hbar"), bar_data())
    assert chart.alt.startswith("Bar chart of Children by age.")
    assert "Under 1: 21 (5%); 1 to 4: c; 5 to 9: 78 (19%)." in chart.alt
    assert "c means suppressed" in chart.alt


def test_trend_alt_text_and_band() -> None:
    data = charts.ChartData(
        YEARS, [charts.Series("Caseload", [66.0, None, 60.1], ["66.0", "c", "60.1"])]
    )
    spec = ChartSpec("t", "Caseload", "trend", figures=("x",), band=(50, 70), band_label="Guidance")
    chart = charts.draw(spec, data)
    assert "Line chart of Caseload, 2020-21 to 2022-23." in chart.alt
    assert "2021-22: c" in chart.alt
    assert "The shaded band shows Guidance, 50 to 70." in chart.alt


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
