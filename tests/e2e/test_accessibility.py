"""Accessibility of the published report (WCAG 2.2 AA, PDF/UA): HTML structure, colour contrast,
the PDF's tags, and axe-core run in headless Chromium on the generated report.html."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from report.publish import charts
from report.resources import TEMPLATES_DIR

CSS_FILES = (TEMPLATES_DIR / "report.css", TEMPLATES_DIR / "report.html")
LANDMARKS = ("header", "nav", "main")
SCOPES = {"col", "row", "colgroup", "rowgroup"}


# ---------------------------------------------------------------- HTML without a browser


class _Outline(HTMLParser):
    """What the accessibility checks need from one HTML page, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.headings: list[tuple[int, str]] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.first_link = ""
        self.elements: dict[str, list[dict[str, str]]] = {}
        self.tables: list[dict[str, Any]] = []  # caption text, th scopes
        self._heading: list[Any] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.setdefault(tag, []).append(a)
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
            self.first_link = self.first_link or a["href"]
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        if tag == "table":
            self.tables.append({"id": a.get("id", a.get("class", "")), "caption": "", "th": []})
        if tag == "caption" and self.tables:
            self._caption = []
        if tag == "th" and self.tables:
            self.tables[-1]["th"].append(a.get("scope", ""))

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1] += data
        if self._caption is not None:
            self._caption.append(data)


@pytest.fixture(scope="module")
def outline(sample_build: Path) -> _Outline:
    parser = _Outline()
    parser.feed((sample_build / "report.html").read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_html_language_is_set(outline: _Outline) -> None:
    assert re.fullmatch(r"en(-[A-Z]{2})?", outline.lang), f"<html lang> is {outline.lang!r}"


def test_html_has_one_h1_and_no_skipped_heading_levels(outline: _Outline) -> None:
    levels = [level for level, _ in outline.headings]
    assert levels.count(1) == 1 and levels[0] == 1, outline.headings[:3]
    skips = [
        f"h{a} {ta!r} -> h{b} {tb!r}"
        for (a, ta), (b, tb) in itertools.pairwise(outline.headings)
        if b > a + 1
    ]
    assert not skips, f"heading levels skipped: {skips}"
    assert all(text for _, text in outline.headings), "an empty heading"


def test_html_has_skip_link_and_landmarks(outline: _Outline) -> None:
    assert outline.first_link == "#main", f"the first link is {outline.first_link!r}"
    for tag in LANDMARKS:
        assert outline.elements.get(tag), f"no <{tag}> landmark"
    mains = outline.elements["main"]
    assert len(mains) == 1 and mains[0].get("id") == "main"
    assert all(
        nav.get("aria-labelledby") or nav.get("aria-label") for nav in outline.elements["nav"]
    )


def test_html_ids_are_unique_and_in_page_links_resolve(outline: _Outline) -> None:
    repeated = sorted({i for i in outline.ids if outline.ids.count(i) > 1})
    assert not repeated, f"repeated ids: {repeated[:5]}"
    broken = sorted({h for h in outline.links if h.startswith("#") and h[1:] not in outline.ids})
    assert not broken, f"links to missing ids: {broken[:5]}"


def test_html_tables_have_captions_and_scoped_headers(outline: _Outline) -> None:
    assert len(outline.tables) >= 10
    for table in outline.tables:
        assert table["caption"], f"table {table['id']!r} has no <caption>"
        assert table["th"], f"table {table['caption']!r} has no <th>"
        bad = [s for s in table["th"] if s not in SCOPES]
        assert not bad, f"table {table['caption']!r}: <th> without a valid scope: {bad}"


def test_html_images_have_alt_text(outline: _Outline) -> None:
    images = outline.elements.get("img", [])
    assert images, "the report has no charts"
    missing = [img.get("src", "")[:60] for img in images if not img.get("alt", "").strip()]
    assert not missing, f"images without alt text: {missing}"


# ---------------------------------------------------------------- colour contrast (WCAG 2.x)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hex(value: str, variables: dict[str, str]) -> str | None:
    """#rrggbb for a CSS colour value; None for values that are not a colour (url(), none)."""
    value = value.strip().lower()
    var = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if var:
        value = variables[var.group(1)]
    found = re.search(r"#[0-9a-f]{6}\b|#[0-9a-f]{3}\b", value)
    if found:
        code = found.group()
        return code if len(code) == 7 else "#" + "".join(c * 2 for c in code[1:])
    if value in ("white", "black"):
        return {"white": "#ffffff", "black": "#000000"}[value]
    assert value in ("none", "transparent", "inherit", "currentcolor") or "url(" in value, (
        f"the contrast test cannot read the colour {value!r}: write it as #rrggbb"
    )
    return None


def _declared(prop: str) -> Iterator[tuple[str, str]]:
    """(colour, where) for every `prop:` declaration in the stylesheet and report template."""
    for path in CSS_FILES:
        text = path.read_text(encoding="utf-8")
        variables = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", text))
        variables = {**_root_variables(), **variables}
        for match in re.finditer(rf"(?<![\w-]){prop}:\s*([^;}}]+)", text):
            colour = _hex(match.group(1), variables)
            if colour:
                line = text.count("\n", 0, match.start()) + 1
                yield colour, f"{path.name}:{line}"


def _root_variables() -> dict[str, str]:
    css = (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", css))


def _backgrounds() -> dict[str, str]:
    found = {"#ffffff": "the page"}
    for prop in ("background", "background-color"):
        for colour, where in _declared(prop):
            found.setdefault(colour, where)
    return found


def test_every_text_colour_has_4_5_to_1_against_every_background() -> None:
    """All combinations, so the test needs no knowledge of which text sits on which background."""
    texts = dict(_declared("color"))
    assert len(texts) >= 3
    failures = [
        f"{fg} ({where}) on {bg} ({bg_where}): {contrast(fg, bg):.2f}:1"
        for fg, where in texts.items()
        for bg, bg_where in _backgrounds().items()
        if contrast(fg, bg) < 4.5
    ]
    assert not failures, "text below 4.5:1:\n" + "\n".join(failures)


def test_focus_outlines_have_3_to_1_against_every_background() -> None:
    outlines = dict(_declared("outline"))
    assert outlines, "no focus outline in the stylesheet"
    failures = [
        f"{fg} ({where}) next to {bg}: {contrast(fg, bg):.2f}:1"
        for fg, where in outlines.items()
        for bg in _backgrounds()
        if contrast(fg, bg) < 3.0
    ]
    assert not failures, "focus outline below 3:1 (WCAG 1.4.11):\n" + "\n".join(failures)


def test_chart_colours_contrast() -> None:
    white = "#ffffff"
    marks = [f"{c}: {contrast(c, white):.2f}:1" for c in charts.PALETTE if contrast(c, white) < 3]
    assert not marks, f"chart marks below 3:1 against white: {marks}"
    # stacked bars carry white labels inside them
    labels = [
        f"{c}: {contrast(c, white):.2f}:1" for c in charts.PALETTE if contrast(c, white) < 4.5
    ]
    assert not labels, f"white bar labels below 4.5:1 on: {labels}"
    for text in (charts.TEXT, charts.MUTED):
        for background in (white, charts.BAND_FILL):
            assert contrast(text, background) >= 4.5, (text, background)


# ---------------------------------------------------------------- the tagged PDF


def _struct_elements(node: Any) -> Iterator[DictionaryObject]:
    """Every structure element under `node`, depth first in document order."""
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return
    if "/S" in node:
        yield node
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        yield from _struct_elements(kid)


@pytest.fixture(scope="module")
def pdf(sample_build: Path) -> PdfReader:
    return PdfReader(sample_build / "report.pdf")


@pytest.fixture(scope="module")
def structure(pdf: PdfReader) -> list[DictionaryObject]:
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    return list(_struct_elements(root["/StructTreeRoot"]))


def test_pdf_is_marked_with_language_and_title(pdf: PdfReader) -> None:
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True  # (a BooleanObject is always truthy)
    assert re.fullmatch(r"en(-[A-Z]{2})?", str(root["/Lang"])), root.get("/Lang")
    assert pdf.metadata is not None and str(pdf.metadata.title).strip()
    assert root["/ViewerPreferences"]["/DisplayDocTitle"], "viewers would show the file name"


def test_pdf_headings_one_h1_and_no_skipped_levels(structure: list[DictionaryObject]) -> None:
    levels = [int(str(e["/S"])[2:]) for e in structure if re.fullmatch(r"/H[1-6]", str(e["/S"]))]
    assert levels.count(1) == 1 and levels[0] == 1, levels[:5]
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skips, f"heading levels skipped in the PDF: {skips}"
    assert levels.count(2) >= 10


def test_pdf_tables_have_header_cells(structure: list[DictionaryObject]) -> None:
    tags = [str(e["/S"]) for e in structure]
    assert tags.count("/Table") >= 10 and tags.count("/TH") >= tags.count("/Table")
    assert tags.count("/Caption") >= 10
    cells = [e for e in structure if str(e["/S"]) == "/TD"]
    unlinked = [e for e in cells if not e.get("/A", {}).get_object().get("/Headers")]
    assert not unlinked, f"{len(unlinked)} of {len(cells)} data cells are not tied to a header"


def test_pdf_figures_have_alt_text(structure: list[DictionaryObject]) -> None:
    figures = [e for e in structure if str(e["/S"]) == "/Figure"]
    assert figures, "no Figure in the structure tree"
    missing = [i for i, e in enumerate(figures) if not str(e.get("/Alt", "")).strip()]
    assert not missing, f"Figures without /Alt: {missing} of {len(figures)}"


def test_pdf_text_is_extractable(pdf: PdfReader) -> None:
    pages = [page.extract_text() for page in pdf.pages]
    empty = [i + 1 for i, text in enumerate(pages) if not text.strip()]
    assert not empty, f"pages with no extractable text: {empty}"
    assert "Annual Report" in pages[0] and "Contents" in "".join(pages[:3])


# ---------------------------------------------------------------- axe-core in headless Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
VIEWS = (  # (name, viewport, media): desktop, 320 CSS px (WCAG reflow), print styles
    ("desktop", {"width": 1280, "height": 900}, "screen"),
    ("narrow", {"width": 320, "height": 800}, "screen"),
    ("print", {"width": 1280, "height": 900}, "print"),
)


def _axe(page: Any, script: str) -> dict[str, Any]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(script)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result: dict[str, Any] = page.evaluate("(o) => axe.run(document, o)", options)
    return result


def _describe(view: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{view}] {v['impact']} {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def test_axe_finds_no_violations_in_chromium(sample_build: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: `make test` installs chromium as root")
        pytest.skip(
            "Chromium is not installed: sudo apt-get install chromium chromium-driver "
            "(make test does it when run as root)"
        )
    from axe_playwright_python.base import AXE_SCRIPT  # axe.min.js, pinned in pyproject
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    url = (sample_build / "report.html").as_uri()
    failures: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for view, viewport, media in VIEWS:
                page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
                page.on("request", lambda r: _record_outside(r.url, outside))
                page.emulate_media(media=media)  # type: ignore[arg-type]
                page.goto(url)
                violations = _axe(page, AXE_SCRIPT)["violations"]
                # every impact level fails the test: minor, moderate, serious, critical
                failures += [_describe(view, violations)] if violations else []
                if view == "desktop":
                    _check_skip_link(page)
                if view == "narrow":
                    failures += _reflow_problems(page)
                page.close()
            # the harness must see a planted fault, or a pass above means nothing
            page = browser.new_page()
            page.set_content('<html lang="en"><body><main><img src="data:,"></main></body></html>')
            planted = {v["id"] for v in _axe(page, AXE_SCRIPT)["violations"]}
            assert "image-alt" in planted, f"axe did not see a missing alt: {planted}"
        finally:
            browser.close()
    print(f"axe-core in Chromium: {len(VIEWS)} views in {time.monotonic() - started:.1f} s")
    assert not outside, f"report.html fetched from outside itself: {outside[:3]}"
    assert not failures, (
        "axe-core (or the 320 px reflow check) found accessibility problems in report.html:\n"
        + "\n".join(failures)
    )


def _reflow_problems(page: Any) -> list[str]:
    """At 320 CSS px (WCAG 1.4.10): no sideways page scroll, no caption cut off, and each chart
    shows its narrow drawing."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 320:
        problems.append(f"[narrow] the page scrolls sideways: {width} px wide at 320 px")
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('caption')]"
        ".filter(c => c.getBoundingClientRect().right > window.innerWidth + 0.5)"
        ".map(c => c.textContent.trim().slice(0, 60))"
    )
    problems += [f"[narrow] caption cut off: {c!r}" for c in clipped]
    wide = page.evaluate(
        "() => [...document.querySelectorAll('figure.chart img')]"
        ".filter(i => !i.currentSrc || i.currentSrc === i.getAttribute('src')).length"
    )
    if wide:
        problems.append(f"[narrow] {wide} charts show the page-width drawing on a phone")
    return problems


def _record_outside(url: str, found: list[str]) -> None:
    if not url.startswith(("file:", "data:")):
        found.append(url)


def _check_skip_link(page: Any) -> None:
    """Tab once: the skip link is focused and visible; Enter moves to the main content."""
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement, b = e.getBoundingClientRect();"
        " return [e.getAttribute('href'), b.width, b.height, b.top]; }"
    )
    assert focused[0] == "#main", f"the first Tab goes to {focused[0]!r}, not the skip link"
    assert focused[1] > 10 and focused[2] > 10 and focused[3] >= 0, f"skip link hidden: {focused}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
