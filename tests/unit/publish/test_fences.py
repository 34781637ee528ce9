"""What the PDF renderer and the narrative sandbox refuse: files, the network, Python internals,
huge values; each refusal is one ReportError naming the URL or the file and line."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from report.errors import ReportError
from report.publish import pdf
from report.publish.narrative import render_narrative

OPTIONS: dict[str, Any] = {
    "title": "T",
    "lang": "en-GB",
    "created": "2025-03-31",
    "timeout_seconds": 60,
}
SOURCE = "narrative/voice.md"


def page(body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><title>T</title>{head}</head>'
        f"<body>{body}</body></html>"
    )


def test_fetcher_is_weasyprints_without_redirects() -> None:
    weasyprint = pdf._import_weasyprint()
    fetcher = pdf.local_fetcher(weasyprint)
    assert isinstance(fetcher, weasyprint.urls.URLFetcher)
    assert not [h for h in fetcher.handlers if isinstance(h, urllib.request.HTTPRedirectHandler)]
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch("http://127.0.0.1:9/x.png")
    assert fetcher.refused == ["http://127.0.0.1:9/x.png"]


@pytest.mark.parametrize(
    ("body", "head", "url"),
    [
        ('<img src="file:///etc/passwd" alt="x">', "", "file:///etc/passwd"),
        (
            "<p>x</p>",
            "<style>@import url(http://example.invalid/x.css);</style>",
            "http://example.invalid/x.css",
        ),
        ("<p>x</p>", '<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
        ('<img src="http://127.0.0.1:9/x.png" alt="x">', "", "http://127.0.0.1:9/x.png"),
    ],
)
def test_html_gets_nothing_from_outside(body: str, head: str, url: str, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    with pytest.raises(ReportError) as caught:
        pdf.write_pdf(page(body, head), target, **OPTIONS)
    assert caught.value.message.splitlines()[1:] == [f"  - {url}"]
    assert list(tmp_path.iterdir()) == []  # no PDF, no scratch folder


INJECTION = """Our words.

<img src="file:///etc/passwd"> <link rel=attachment href="file:///etc/passwd">
<style>@import url(http://example.invalid/x.css);</style> <img src="http://127.0.0.1:9/x.png">

[link](file:///etc/passwd) ![image](http://127.0.0.1:9/x.png)
"""


def test_narrative_cannot_inject_fetches(tmp_path: Path) -> None:
    html = render_narrative(INJECTION, {}, SOURCE)
    for tag in ("<img", "<link", "<style", 'href="file:'):
        assert tag not in html  # a plain web link stays a link: links are never fetched
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html  # shown as text
    target = tmp_path / "n.pdf"
    pdf.write_pdf(page(html), target, **OPTIONS)  # nothing refused: nothing was asked for
    text = PdfReader(target).pages[0].extract_text()
    assert "file:///etc/passwd" in text and "@import url(http://example.invalid/x.css)" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ figures.__class__.__mro__ }}", "line 1: access to attribute '__class__'"),
        ("a\n{{ ''.__class__.__subclasses__() }}", "line 2: access to attribute '__class__'"),
        ("{{ figures._figures }}", "line 1: access to attribute '_figures'"),
        ("{{ config }}", "line 1: 'config' is undefined"),
        ("a\n\n{% include '/etc/passwd' %}", "line 3: no loader"),
        ("{% import '/etc/passwd' as x %}", "line 1: no loader"),
        ("{% for x in range(10**9) %}x{% endfor %}", "line 1: the ** operator is not allowed"),
        ("{% for x in range(1000000) %}x{% endfor %}", "line 1: Range too big"),
        ("a\n{{ 'a' * 100000000 }}", "line 2: the text would be longer than 200,000 characters"),
        (
            "{% for x in range(100000) %}{{ 'abc' }}{% endfor %}",
            ": the text would be longer than 200,000 characters",
        ),
    ],
)
def test_sandbox_refuses_internals_files_and_huge_values(text: str, expected: str) -> None:
    with pytest.raises(ReportError) as caught:
        render_narrative(text, {}, SOURCE)
    assert caught.value.message.startswith(SOURCE + (" " if expected.startswith("line") else ""))
    assert expected in caught.value.message


def test_small_repeats_still_work() -> None:
    assert render_narrative("{{ '-' * 3 }} {{ 2 * 3 }}", {}, SOURCE) == "<p>--- 6</p>\n"


def test_tiny_time_limit_on_a_real_page_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "slow.pdf"
    with pytest.raises(ReportError, match=r"longer than 0\.01 seconds and was stopped"):
        pdf.write_pdf(page("<p>x</p>" * 200), target, **{**OPTIONS, "timeout_seconds": 0.01})
    assert list(tmp_path.iterdir()) == []
