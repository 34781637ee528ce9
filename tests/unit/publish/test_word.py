"""report.docx from a hand-written page: Word headings, tables, pictures with alt text, the
council's template, fixed bytes."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from report.errors import ReportError
from report.publish import rasterise
from report.publish.word import (
    DOCUMENT_TYPE,
    TEMPLATE_TYPE,
    Meta,
    papers_docx,
    report_docx,
    template_bytes,
)

# one inch wide, half an inch high: drawn at 192 pixels per inch
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36pt">'
    b'<rect width="10" height="10"/></svg>'
)
URI = "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()
PAGE = f"""<!DOCTYPE html><html><head><title>x</title><style>p {{ color: red }}</style></head>
<body><a class="skip-link" href="#main">Skip to main content</a>
<header><p class="council">Exampleshire</p><h1><span>IRS</span> <span>Annual Report</span></h1>
<dl><dt>Author</dt><dd>Alex  Example</dd></dl></header>
<nav class="contents"><h2>Contents</h2><ul><li><a href="#a">1. Reviews</a></li></ul></nav>
<main><section><h2>1. Reviews</h2>
<p>IROs chaired <strong>1,019</strong>
   reviews.</p>
<ul class="cards"><li class="card"><span class="card-value">90%</span>
<span class="card-label">Reviews on time</span>
<span class="card-detail">913 of 1,019</span></li></ul>
<h3>Key figures</h3>
<table><caption>Reviews by sequence</caption>
<thead><tr><th scope="col" rowspan="2">Review</th><th scope="colgroup" colspan="2">On time</th></tr>
<tr><th class="num">Number</th><th class="num">Percentage</th></tr></thead>
<tbody><tr><th scope="row">First</th><td class="num">c</td><td class="num">c</td></tr>
<tr class="total"><th scope="row">Total</th><td class="num">1,019</td><td class="num">90%</td></tr>
</tbody></table>
<figure class="chart"><figcaption>Reviews chart</figcaption><picture>
<source srcset="{URI}"><img src="{URI}" alt="Bar chart: c marks a suppressed number."></picture>
</figure></section></main></body></html>"""
META = Meta(
    title="IRS Annual Report 2024-25", author="Alex Example", created="2025-07-10", lang="en-GB"
)


def pictures(uri: str) -> rasterise.Picture:
    return rasterise.picture(uri)


def _open(data: bytes):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(data))


def test_headings_are_word_headings() -> None:
    document = _open(report_docx(PAGE, META, pictures, None))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert ("Title", "IRS Annual Report") in styled
    assert ("Heading 1", "1. Reviews") in styled
    assert ("Heading 2", "Key figures") in styled
    # the contents is a field, not a heading of its own; the skip link is not printed
    assert ("TOC Heading", "Contents") in styled
    assert not any("Skip to" in text for _, text in styled)
    instructions = document.element.body.findall(".//" + qn("w:instrText"))
    assert [i.text for i in instructions] == ['TOC \\o "1-2" \\h \\z \\u']


def test_text_keeps_its_words_and_emphasis_with_white_space_collapsed() -> None:
    document = _open(report_docx(PAGE, META, pictures, None))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("IROs"))
    assert paragraph.text == "IROs chaired 1,019 reviews."
    assert [r.text for r in paragraph.runs if r.bold] == ["1,019"]
    author = next(p for p in document.paragraphs if p.text.startswith("Author"))
    assert author.text == "Author: Alex Example"
    card = next(p for p in document.paragraphs if p.text.startswith("90%"))
    assert card.text == "90% Reviews on time\n913 of 1,019"
    assert card.style.name == "List Bullet"


def test_tables_are_word_tables_with_merged_header_and_caption() -> None:
    document = _open(report_docx(PAGE, META, pictures, None))
    (table,) = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells == [
        ["Review", "On time", "On time"],  # merged across its two columns
        ["Review", "Number", "Percentage"],  # merged down its two rows
        ["First", "c", "c"],
        ["Total", "1,019", "90%"],
    ]
    rows = table._tbl.findall(qn("w:tr"))
    repeated = [r.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None for r in rows]
    assert repeated == [True, True, False, False]
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == "Reviews by sequence"
    before = [p.text for p in document.paragraphs]
    assert "Reviews by sequence" in before


def test_charts_are_pictures_with_their_alt_text_at_their_own_size() -> None:
    document = _open(report_docx(PAGE, META, pictures, None))
    (shape,) = document.inline_shapes
    assert shape.width == 914400  # one inch, as drawn (72 pt)
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr") == "Bar chart: c marks a suppressed number."
    assert doc_pr.get("title") == "Reviews chart"
    png = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert png.blob.startswith(b"\x89PNG")


def test_same_page_gives_the_same_bytes_with_fixed_times_and_properties() -> None:
    first = report_docx(PAGE, META, pictures, None)
    assert report_docx(PAGE, META, pictures, None) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = _open(first).core_properties
    assert core.created == core.modified == datetime(2025, 7, 10, tzinfo=UTC)
    assert core.author == "Alex Example" and core.title == META.title
    assert core.language == "en-GB" and core.revision == 1


def _template(tmp_path: Path, *, dotx: bool, drop_heading: bool = False) -> Path:
    """A council template: Arial body text, a header line, a paragraph of its own."""
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.sections[0].header.paragraphs[0].text = "Exampleshire: OFFICIAL"
    document.add_paragraph("Template body text to be replaced")
    if drop_heading:
        style = document.styles["Heading 1"].element
        style.getparent().remove(style)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if dotx:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                body = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode())
                target.writestr(item, body)
        data = out.getvalue()
    path = tmp_path / ("council.dotx" if dotx else "council.docx")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("dotx", [True, False])
def test_the_councils_template_gives_its_styles_and_header(tmp_path: Path, dotx: bool) -> None:
    template = template_bytes(_template(tmp_path, dotx=dotx))
    document = _open(report_docx(PAGE, META, pictures, template))
    assert document.styles["Normal"].font.name == "Arial"
    assert document.sections[0].header.paragraphs[0].text == "Exampleshire: OFFICIAL"
    texts = [p.text for p in document.paragraphs]
    assert "Template body text to be replaced" not in texts
    assert "1. Reviews" in texts


def test_a_template_without_heading_styles_gets_word_headings(tmp_path: Path) -> None:
    template = template_bytes(_template(tmp_path, dotx=False, drop_heading=True))
    document = _open(report_docx(PAGE, META, pictures, template))
    heading = [p for p in document.paragraphs if p.text == "1. Reviews"][-1]  # not the contents
    assert heading.style.name == "Heading 1"
    outline = heading.style.element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "0"


def test_a_template_that_is_not_word_is_refused_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "template.dotx"
    bad.write_text("not a zip")
    with pytest.raises(ReportError, match=r"word_template: .*template\.dotx is not a Word"):
        template_bytes(bad)
    with pytest.raises(ReportError, match="cannot read"):
        template_bytes(tmp_path / "missing.dotx")


def test_a_draft_says_so_in_the_page_header() -> None:
    page = PAGE.replace("<main>", '<p class="draft-banner"><strong>DRAFT</strong>: no.</p><main>')
    document = _open(report_docx(page, META, pictures, None))
    assert document.sections[0].header.paragraphs[-1].text == "DRAFT: not for publication"
    assert document.core_properties.keywords == "DRAFT"
    clean = _open(report_docx(PAGE, META, pictures, None))
    assert "DRAFT" not in "".join(p.text for p in clean.sections[0].header.paragraphs)


def test_papers_put_the_report_after_the_cover_as_the_appendix() -> None:
    cover = (
        "<html><body><h1>IRS Annual Report</h1><section><h2>Recommendation</h2>"
        '<div class="para"><span class="para-number">1.</span> <p>That the panel notes it.</p>'
        "</div></section></body></html>"
    )
    document = _open(papers_docx(cover, PAGE, "Appendix A", META, pictures, None))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[0] == ("Title", "IRS Annual Report")
    assert ("Heading 1", "Recommendation") in styled
    assert ("Normal", "1. That the panel notes it.") in styled
    # the report's title and sections one level down, under the appendix
    assert ("Heading 1", "Appendix A: IRS Annual Report") in styled
    assert ("Heading 2", "1. Reviews") in styled
    assert ("Heading 3", "Key figures") in styled


def test_the_template_setting_is_relative_to_the_config_and_must_exist(tmp_path: Path) -> None:
    from report.config import load_config
    from tests.builders import write_config

    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "templates").mkdir()
    _template(tmp_path / "templates", dotx=True)
    extra = "publishing:\n  word_template: templates/council.dotx\n"
    config = load_config(write_config(tmp_path / "config.yaml", data, extra=extra))
    assert config.publishing.word_template == tmp_path / "templates" / "council.dotx"
    missing = write_config(tmp_path / "config.yaml", data, extra=extra.replace("council", "gone"))
    with pytest.raises(ReportError, match=r"publishing.word_template': no such file .*gone\.dotx"):
        load_config(missing)
