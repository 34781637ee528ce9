"""Hostile narratives end with a message naming the file and the problem, never "internal
error", and only text and numbers reach the page."""

from __future__ import annotations

import pytest

from report.errors import ReportError
from report.publish.narrative import NarrativeFigure, render_narrative

FIGURES = {"reviews.on_time": NarrativeFigure("On time", "88%", "88%", "880", "1,000", "", "")}
SOURCE = "narrative/reviews.md"


def fails(text: str) -> str:
    with pytest.raises(ReportError) as caught:
        render_narrative(text, FIGURES, SOURCE)
    message = caught.value.message
    assert message.startswith(SOURCE) and "internal error" not in message
    return message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(  # 10^10 turns, no output: only a step budget stops it
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "more than 1,000,000 steps",
            id="nested-loop",
        ),
        pytest.param(
            "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
            "more than 40 deep",
            id="recursive-macro",
        ),
        pytest.param(
            "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "longer than 200,000 characters",
            id="string-doubling-tilde",
        ),
        pytest.param(
            "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "longer than 200,000 characters",
            id="string-doubling-plus",
        ),
        pytest.param("{{ 'x'|center(1000000000) }}", "width over", id="center-filter"),
        pytest.param("{{ 'x'.center(1000000000) }}", "width over", id="center-method"),
        pytest.param("{{ 'x'|indent(1000000000, true) }}", "indent over", id="indent"),
        pytest.param("{{ '%1000000000d' % 1 }}", "format width over", id="printf-width"),
        pytest.param("{{ '{:>1000000000}'.format(1) }}", "format width over", id="format-width"),
        pytest.param(
            "{% set s = 'x' * 100000 %}{{ s|replace('x', s) }}", "longer than", id="replace"
        ),
    ],
)
def test_unbounded_work_stops_with_words(text: str, words: str) -> None:
    assert words in fails(text)


@pytest.mark.parametrize(
    "text",
    [
        "{{ figures }}",
        "{{ figures['reviews.on_time'] }}",
        "{{ '%s' % figures }}",
        "{{ '%s' % (figures,) }}",
        "{{ 'a' ~ figures }}",
        "{{ '{}'.format(figures) }}",
        "{{ figures|string }}",
        "{{ figures|e }}",
        "{{ range }}",
        "{{ namespace }}",
        "{{ [figures]|join(',') }}",
    ],
)
def test_only_plain_values_reach_the_page(text: str) -> None:
    message = fails(text)
    assert "0x" not in message
    assert "shown" in message or "Python object" in message


def test_random_and_lorem_ipsum_are_not_available() -> None:
    fails("{{ [1, 2, 3]|random }}")
    fails("{{ lipsum() }}")


def test_ordinary_narrative_still_works() -> None:
    html = render_narrative(
        "{% set n = figures['reviews.on_time'] %}{{ n.pct }} ({{ n.numerator }} of "
        "{{ n.denominator }}); {{ '%s and %d' % ('a', 2) }}; {{ ['x', 'y']|join(', ') }}; "
        "{% for i in range(3) %}{{ i }}{% endfor %}; {{ 'ab'|center(6) }}|",
        FIGURES,
        SOURCE,
    )
    assert html == "<p>88% (880 of 1,000); a and 2; x, y; 012;   ab  |</p>\n"
