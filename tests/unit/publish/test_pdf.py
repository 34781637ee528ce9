"""The PDF: tagged, titled, reproducible, local-only, accessible or refused, time-limited."""

from __future__ import annotations

import builtins
import os
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from report.errors import ReportError
from report.model import ReportInput
from report.publish import pdf
from report.publish.html import render_report

OPTIONS: dict[str, Any] = {
    "title": "T",
    "lang": "en-GB",
    "created": "2025-03-31",
    "timeout_seconds": 60,
}


def page(body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body>{body}</body></html>'
    )


def test_full_report_is_tagged_titled_and_reproducible(report: ReportInput, tmp_path: Path) -> None:
    published = render_report(report, for_pdf=True)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for target in (first, second):
        pdf.write_pdf(
            published.html,
            target,
            title=published.title,
            lang="en-GB",
            created="2025-03-31",
            timeout_seconds=120,
        )
    assert first.read_bytes() == second.read_bytes()
    reader = PdfReader(first)
    assert reader.metadata is not None
    assert reader.metadata.title == "Independent Reviewing Service Annual Report 2024-25"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(reader.metadata["/CreationDate"]).startswith("D:20250331")
    pages = len(reader.pages)
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Appendix C. Suppression key and rules" in contents
    assert f"Page 2 of {pages}" in contents
    resources: list[Any] = [p["/Resources"] for p in reader.pages]
    fonts = {str(f) for r in resources for f in r.get("/Font", {}).values()}
    assert fonts  # fonts are embedded (DejaVu Sans from matplotlib, see test below)


def test_the_clock_does_not_reach_the_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    # fontTools stamps a subset font with the time unless SOURCE_DATE_EPOCH is set: two
    # renders a day apart (the clock moved by 86,400 s) must still give the same bytes
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    html = page("<p>Text <b>bold</b></p>")
    options = {k: v for k, v in OPTIONS.items() if k != "timeout_seconds"}
    first = pdf.render_bytes(html, **options)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 86_400)
    assert pdf.render_bytes(html, **options) == first
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set only while the fonts are subset


def test_only_bundled_fonts_are_embedded(tmp_path: Path) -> None:
    target = tmp_path / "f.pdf"
    pdf.write_pdf(page("<p>Text <b>bold</b> <i>italic</i></p>"), target, **OPTIONS)
    reader = PdfReader(target)
    resources: Any = reader.pages[0]["/Resources"]
    names = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in resources["/Font"].values()}
    assert names <= {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Italic"}


@pytest.mark.parametrize(
    "body",
    [
        '<img src="http://example.com/logo.png" alt="Logo">',
        '<img src="file:///etc/hostname" alt="Host">',
        '<link rel="stylesheet" href="https://example.com/x.css">',
        '<p style="background: url(ftp://example.com/x.png)">x</p>',
    ],
)
def test_remote_and_outside_files_are_refused(body: str, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    with pytest.raises(ReportError) as caught:
        pdf.write_pdf(page(body), target, **OPTIONS)
    assert "only templates/ and the bundled fonts are allowed" in caught.value.message
    assert not target.exists()


def test_missing_alt_text_fails_the_build(tmp_path: Path) -> None:
    svg = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"
    with pytest.raises(ReportError, match="alt"):
        pdf.write_pdf(page(f'<img src="{svg}">'), tmp_path / "a.pdf", **OPTIONS)


def test_missing_lang_fails_the_build(tmp_path: Path) -> None:
    html = "<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>"
    with pytest.raises(ReportError, match="lang"):
        pdf.render_bytes(html, title="T", lang="", created="2025-03-31")


def test_slow_rendering_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "render_to_file", lambda **_: time.sleep(30))
    with pytest.raises(ReportError, match="longer than 1 seconds"):
        pdf.write_pdf(page("<p>x</p>"), tmp_path / "s.pdf", **{**OPTIONS, "timeout_seconds": 1})


def test_allowed_urls() -> None:
    assert pdf.allowed_url("data:image/png;base64,AAAA")
    assert pdf.allowed_url((pdf.TEMPLATES_DIR / "report.css").as_uri())
    assert pdf.allowed_url((pdf.FONTS_DIR / "DejaVuSans.ttf").as_uri())
    assert not pdf.allowed_url((pdf.TEMPLATES_DIR / ".." / "config.yaml").as_uri())
    assert not pdf.allowed_url("file:///etc/passwd")
    assert not pdf.allowed_url("https://example.com/")
    assert not pdf.allowed_url("file://server/share/x.css")


def test_missing_pango_is_one_clear_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ReportError, match=r"libpango-1\.0-0 libpangoft2-1\.0-0"):
        pdf.write_pdf(page("x"), Path("unused.pdf"), **OPTIONS)
