"""report.docx and papers.docx: the published page in Word, in the council's own template if given.

The Word files are made from the same rendered HTML as report.html and the PDF (so every
figure, every suppressed `c` and every label is the same): its headings become Word headings
(Title, Heading 1-3), its tables Word tables with repeating header rows and their caption, its
charts PNG pictures with the chart's alt text, its contents a contents field. The template's
styles, page setup, headers and footers are used; its body is replaced.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from report.errors import EXIT_USAGE, ReportError
from report.i18n import _
from report.publish.htmltree import Node, parse
from report.publish.rasterise import Picture
from report.publish.stablezip import stable

Pictures = Callable[[str], Picture]  # an <img src> -> the chart as PNG
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
INLINE = frozenset(
    {"a", "abbr", "b", "br", "code", "em", "i", "img", "small", "span", "strong", "sub", "sup"}
)
SKIP_CLASSES = frozenset({"skip-link"})
# spans that the page shows on a line of their own (cards, key-figure details)
LINE_SPANS = frozenset({"card-detail", "card-compared", "detail", "comparator"})
HEADING_SIZES = {1: 16, 2: 13, 3: 11.5}


@dataclass(frozen=True)
class Meta:
    """The document properties: fixed by the report, never by the day it was built."""

    title: str
    author: str
    created: str  # ISO date: the report's publication date
    lang: str
    subject: str = ""


def template_bytes(path: Path | None) -> bytes | None:
    """The council's Word template (.dotx or .docx), read once; None when not configured."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(
            f"publishing.word_template: cannot read {path}: {exc.strerror or exc}", EXIT_USAGE
        ) from None
    try:
        _open(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportError(
            f"publishing.word_template: {path} is not a Word document or template "
            f"(.docx or .dotx): {exc}",
            EXIT_USAGE,
        ) from None
    return data


def report_docx(html: str, meta: Meta, pictures: Pictures, template: bytes | None) -> bytes:
    """The annual report page as a Word document."""
    document = _new_document(template, meta)
    writer = _Writer(document, pictures, offset=-1, toc_field=True)
    writer.blocks(parse(html))
    return _save(document, meta, draft=writer.draft)


def papers_docx(
    cover_html: str,
    report_html: str,
    appendix_label: str,
    meta: Meta,
    pictures: Pictures,
    template: bytes | None,
) -> bytes:
    """The committee papers: the cover report, then the annual report as the appendix."""
    document = _new_document(template, meta)
    cover = _Writer(document, pictures, offset=-1, toc_field=False, break_level=None)
    cover.blocks(parse(cover_html))
    appendix = _Writer(
        document,
        pictures,
        offset=0,
        toc_field=False,
        title_prefix=f"{appendix_label}: ",
        break_level=2,
    )
    appendix.page_break()
    appendix.blocks(parse(report_html))
    return _save(document, meta, draft=cover.draft or appendix.draft)


# ---------------------------------------------------------------- the document and its package


def _open(data: bytes) -> DocxDocument:
    """A .docx, or a .dotx read as a document (Word's templates differ only in content type)."""
    source = io.BytesIO(data)
    with zipfile.ZipFile(source) as package:
        types = package.read("[Content_Types].xml")
    if TEMPLATE_TYPE.encode() in types:
        out = io.BytesIO()
        with zipfile.ZipFile(source) as package, zipfile.ZipFile(out, "w") as copy:
            for item in package.infolist():
                body = package.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(TEMPLATE_TYPE.encode(), DOCUMENT_TYPE.encode())
                copy.writestr(item, body)
        source = out
    source.seek(0)
    return Document(source)


def _new_document(template: bytes | None, meta: Meta) -> DocxDocument:
    if template is None:
        document = Document()
        for section in document.sections:  # python-docx's own default is US Letter
            section.page_width, section.page_height = Cm(21), Cm(29.7)
            section.left_margin = section.right_margin = Cm(2)
            section.top_margin = section.bottom_margin = Cm(2)
    else:
        document = _open(template)
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):  # the template's page setup stays
                body.remove(child)
    _set_language(document, meta.lang)
    return document


def _set_language(document: DocxDocument, lang: str) -> None:
    """Spelling and screen readers use the report's language (en-GB)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    properties = run_default.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_default.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), lang)


def _save(document: DocxDocument, meta: Meta, *, draft: bool) -> bytes:
    when = datetime.fromisoformat(meta.created).replace(tzinfo=UTC)
    core = document.core_properties
    core.title = meta.title
    core.subject = meta.subject
    core.author = meta.author
    core.last_modified_by = meta.author
    core.language = meta.lang
    core.created = core.modified = when
    core.last_printed = when
    core.revision = 1
    core.keywords = "DRAFT" if draft else ""
    core.comments = ""
    core.category = ""
    core.identifier = ""
    core.version = ""
    core.content_status = "Draft" if draft else ""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:  # Word fills the contents in on opening
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    if draft:
        _mark_draft(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable(buffer.getvalue())


def _mark_draft(document: DocxDocument) -> None:
    for section in document.sections:
        paragraph = section.header.add_paragraph()
        run = paragraph.add_run(_("DRAFT: not for publication"))
        run.bold = True


# ---------------------------------------------------------------- HTML to Word


@dataclass
class _Segment:
    text: str
    bold: bool = False
    italic: bool = False
    mono: bool = False
    line_before: bool = False


class _Writer:
    """Writes the blocks of one HTML page into the document, in order."""

    def __init__(
        self,
        document: DocxDocument,
        pictures: Pictures,
        *,
        offset: int,
        toc_field: bool,
        title_prefix: str = "",
        break_level: int | None = 1,
    ) -> None:
        self.document = document
        self.pictures = pictures
        self.offset = offset  # h2 -> Heading 1 in the report; Heading 2 inside the papers
        self.toc_field = toc_field
        self.title_prefix = title_prefix
        self.break_level = break_level  # headings of this level start a new page
        self.draft = False
        self.headings = 0
        self._styles: dict[str, Any] = {}  # by name: the template's style, or None
        self._style_ids: dict[str, str | None] = {}  # by name: its id (None: the default)

    # -- blocks

    def blocks(self, node: Node) -> None:
        pending: list[Node] = []
        for child in node.children:
            if child.classes & SKIP_CLASSES:
                continue
            if not child.tag or child.tag in INLINE:
                pending.append(child)
                continue
            self._flush(pending)
            pending = []
            self.block(child)
        self._flush(pending)

    def _flush(self, nodes: list[Node]) -> None:
        segments = _segments(Node("span", children=nodes))
        if "".join(s.text for s in segments).strip():
            self._paragraph(segments)

    def block(self, node: Node) -> None:
        tag, classes = node.tag, node.classes
        if classes & SKIP_CLASSES:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.heading(node)
        elif tag == "p":
            if "draft-banner" in classes:
                self.draft = True
            italic = bool(classes & {"placeholder", "off-note", "table-note"})
            self._paragraph(_segments(node), italic=italic)
        elif tag == "nav":
            self.contents(node)
        elif tag in ("ul", "ol"):
            self.listing(node, numbered=tag == "ol")
        elif tag == "dl":
            self.definitions(node)
        elif tag == "table":
            self.table(node)
        elif tag == "figure":
            self.figure(node)
        elif tag == "blockquote":
            for child in node.elements():
                self._paragraph(_segments(child), style="Quote")
        elif tag == "div" and "para" in classes:
            self.numbered_paragraph(node)
        else:
            self.blocks(node)

    def heading(self, node: Node) -> None:
        level = int(node.tag[1]) + self.offset
        text = node.plain_text()
        if level <= 0:
            self._add(text, self._optional("Title"))
            return
        if level == 1 and self.title_prefix:
            text = self.title_prefix + text
        level = min(level, 3)
        paragraph = self._add(text, self._heading_style(level))
        if level == self.break_level and self.headings:
            paragraph.paragraph_format.page_break_before = True
        self.headings += 1

    def contents(self, node: Node) -> None:
        """The contents list: a Word contents field (filled in by Word with page numbers),
        showing the section list until then."""
        for heading in node.elements():
            if re.fullmatch(r"h[1-6]", heading.tag):  # not a heading: not in its own contents
                title = self._paragraph(
                    [_Segment(heading.plain_text(), bold=True)], style=self._optional("TOC Heading")
                )
                title.paragraph_format.page_break_before = True
        items = [li.plain_text() for li in node.find_all("li")]
        if not self.toc_field:
            for item in items:
                self.document.add_paragraph(item)
            return
        first = self.document.add_paragraph()
        _field_char(first, "begin")
        instruction = first.add_run()
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = 'TOC \\o "1-2" \\h \\z \\u'
        instruction._r.append(text)
        _field_char(first, "separate")
        first.add_run(items[0] if items else "")
        last = first
        for item in items[1:]:
            last = self.document.add_paragraph(item)
        _field_char(last, "end")

    def listing(self, node: Node, *, numbered: bool) -> None:
        for number, item in enumerate((c for c in node.elements() if c.tag == "li"), start=1):
            inline = [c for c in item.children if not c.tag or c.tag in INLINE]
            segments = _segments(Node("span", children=inline))
            marker = f"{number}. " if numbered else ""
            if marker:
                segments.insert(0, _Segment(marker))
            style = None if numbered else self._optional("List Bullet")
            if style is None and not numbered:
                segments.insert(0, _Segment("• "))
            self._paragraph(segments, style=style or self._optional("List Paragraph"))
            for child in item.elements():
                if child.tag not in INLINE:
                    self.block(child)

    def definitions(self, node: Node) -> None:
        term: list[_Segment] = []
        for child in node.elements():
            if child.tag == "dt":
                term = [_Segment(s.text, bold=True, italic=s.italic) for s in _segments(child)]
            elif child.tag == "dd":
                self._paragraph([*term, _Segment(": "), *_segments(child)])
                term = []

    def numbered_paragraph(self, node: Node) -> None:
        """A cover report paragraph: its number, then its sub-heading or text."""
        number = ""
        rest = Node("div")
        for child in node.children:
            if child.tag == "span" and "para-number" in child.classes:
                number = child.plain_text()
            else:
                rest.children.append(child)
        first = next((c for c in rest.elements() if c.tag == "p"), None)
        if first is not None and number:
            first.children.insert(0, Node("", text=f"{number} "))
            number = ""
        if number:
            self._paragraph([_Segment(number, bold=True)])
        self.blocks(rest)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- tables and figures

    def table(self, node: Node) -> None:
        caption = next((c for c in node.elements() if c.tag == "caption"), None)
        grid = _grid(node)
        if not grid:
            return
        caption_text = caption.plain_text() if caption is not None else ""
        if caption_text:
            self._caption(caption_text)
        width = max(len(row.cells) for row in grid)
        table = self.document.add_table(rows=len(grid), cols=width)
        style = self._optional("Table Grid")
        if style:
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _describe_table(table, caption_text)
        filled: set[tuple[int, int]] = set()
        # python-docx works out every cell of the table for each table.cell(): without merged
        # cells the grid is fixed, so it is worked out once
        plain = all(c.rowspan == 1 and c.colspan == 1 for row in grid for c in row.cells)
        cells = table._cells if plain else []
        for r, row in enumerate(grid):
            if row.header:
                _repeat_header(table, r)
            c = 0
            for cell in row.cells:
                while (r, c) in filled:
                    c += 1
                target = cells[r * width + c] if plain else table.cell(r, c)
                last_r, last_c = r + cell.rowspan - 1, c + cell.colspan - 1
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(table.cell(min(last_r, len(grid) - 1), last_c))
                for rr in range(r, r + cell.rowspan):
                    for cc in range(c, c + cell.colspan):
                        filled.add((rr, cc))
                self._cell(target, cell)
                c += cell.colspan

    def _cell(self, target: _Cell, cell: _GridCell) -> None:
        paragraph = target.paragraphs[0]
        segments = _segments(cell.node)
        if cell.node.tag == "th":
            segments = [_Segment(s.text, True, s.italic, s.mono, s.line_before) for s in segments]
        _write_runs(paragraph, segments)
        if "num" in cell.node.classes:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def figure(self, node: Node) -> None:
        caption = next((c for c in node.elements() if c.tag == "figcaption"), None)
        image = next(node.find_all("img"), None)
        if caption is not None:
            self._caption(caption.plain_text())
        if image is None:
            return
        drawn = self.pictures(image.attrs.get("src", ""))
        width = min(drawn.width_in, self._text_width_in())
        paragraph = self.document.add_paragraph()
        shape = paragraph.add_run().add_picture(io.BytesIO(drawn.png), width=Inches(width))
        properties = shape._inline.docPr
        alt = image.attrs.get("alt", "")
        properties.set("descr", alt)
        properties.set("title", caption.plain_text() if caption is not None else "")

    def _text_width_in(self) -> float:
        section = self.document.sections[-1]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        if page is None or left is None or right is None:  # a template that leaves them out
            return 6.3
        return float(page - left - right) / 914400  # EMU per inch

    # -- paragraphs and styles

    def _caption(self, text: str) -> None:
        """A table's or chart's caption, above it and kept on its page."""
        paragraph = self._paragraph([_Segment(text, bold=True)], style=self._optional("Caption"))
        paragraph.paragraph_format.space_before = Pt(10)
        paragraph.paragraph_format.keep_with_next = True

    def _paragraph(
        self, segments: list[_Segment], *, italic: bool = False, style: Any = None
    ) -> Paragraph:
        paragraph = self._add("", style)
        if italic:
            segments = [_Segment(s.text, s.bold, True, s.mono, s.line_before) for s in segments]
        _write_runs(paragraph, segments)
        return paragraph

    def _add(self, text: str, style: Any) -> Paragraph:
        """document.add_paragraph(text, style=style), with the style's id worked out once per
        style (python-docx looks up the default style on every paragraph): the same XML."""
        paragraph = self.document.add_paragraph(text)
        if isinstance(style, str):
            style = self.document.styles[style]
        if style is not None:
            if style.name not in self._style_ids:
                self._style_ids[style.name] = self.document.part.get_style_id(  # type: ignore[no-untyped-call]
                    style, WD_STYLE_TYPE.PARAGRAPH
                )
            paragraph._p.style = self._style_ids[style.name]
        return paragraph

    def _optional(self, name: str) -> Any:
        """A style the template may not have: None (plain Normal) when it has not. Looked up
        once per name (python-docx searches the styles part on every lookup by name)."""
        if name not in self._styles:
            try:
                self._styles[name] = self.document.styles[name]
            except KeyError:
                self._styles[name] = None
        return self._styles[name]

    def _heading_style(self, level: int) -> Any:
        """Word's own heading style, added to a template that lacks it (so the navigation
        pane, the contents field and screen readers find the headings)."""
        name = f"Heading {level}"
        if self._optional(name) is None:
            style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.document.styles["Normal"]
            style.font.bold = True
            style.font.size = Pt(HEADING_SIZES[level])
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.space_before = Pt(12)
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level - 1))
            style.element.get_or_add_pPr().append(outline)
            self._styles[name] = style
        return self._optional(name)


# ---------------------------------------------------------------- inline text


def _segments(node: Node) -> list[_Segment]:
    """The inline text of a node as formatted segments (white space as a browser shows it)."""
    found: list[_Segment] = []
    _collect(node, found, bold=False, italic=False, mono=False)
    return _collapse(found)


def _collect(node: Node, found: list[_Segment], *, bold: bool, italic: bool, mono: bool) -> None:
    if not node.tag:
        found.append(_Segment(node.text, bold, italic, mono))
        return
    if node.tag == "br":
        found.append(_Segment("", line_before=True))
        return
    if node.tag == "img":
        return
    classes = node.classes
    bold = bold or node.tag in ("strong", "b") or "card-value" in classes
    italic = italic or node.tag in ("em", "i")
    mono = mono or node.tag == "code"
    if classes & LINE_SPANS and found:
        found.append(_Segment("", line_before=True))
    elif "card-label" in classes:
        found.append(_Segment(" "))
    for child in node.children:
        _collect(child, found, bold=bold, italic=italic, mono=mono)
    href = node.attrs.get("href", "")
    if node.tag == "a" and href.startswith(("http://", "https://", "mailto:")):
        shown = node.plain_text()
        if href.removeprefix("mailto:") != shown:
            found.append(_Segment(f" ({href.removeprefix('mailto:')})", bold, italic, mono))


def _collapse(segments: list[_Segment]) -> list[_Segment]:
    """Runs of white space become one space; none at the start or end of a line."""
    out: list[_Segment] = []
    space = True  # at the start of a line
    for segment in segments:
        if segment.line_before:
            if out:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(_Segment("", line_before=True))
            space = True
            continue
        text = re.sub(r"\s+", " ", segment.text)
        if space:
            text = text.lstrip(" ")
        if not text:
            continue
        space = text.endswith(" ")
        out.append(_Segment(text, segment.bold, segment.italic, segment.mono))
    while out and not out[0].text and out[0].line_before:
        out.pop(0)
    if out:
        out[-1].text = out[-1].text.rstrip(" ")
    return [s for s in out if s.text or s.line_before]


def _write_runs(paragraph: Paragraph, segments: list[_Segment]) -> None:
    for segment in segments:
        if segment.line_before:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(segment.text)
        if segment.bold:
            run.bold = True
        if segment.italic:
            run.italic = True
        if segment.mono:
            run.font.name = "Courier New"


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


# ---------------------------------------------------------------- table grid


@dataclass(frozen=True)
class _GridCell:
    node: Node
    colspan: int
    rowspan: int


@dataclass(frozen=True)
class _GridRow:
    cells: list[_GridCell]
    header: bool


def _grid(table: Node) -> list[_GridRow]:
    rows: list[_GridRow] = []
    for part in table.elements():
        if part.tag in ("thead", "tbody", "tfoot"):
            members: Iterator[Node] = (r for r in part.elements() if r.tag == "tr")
        elif part.tag == "tr":
            members = iter([part])
        else:
            continue
        for row in members:
            cells = [
                _GridCell(c, _span(c, "colspan"), _span(c, "rowspan"))
                for c in row.elements()
                if c.tag in ("th", "td")
            ]
            rows.append(_GridRow(cells, header=part.tag == "thead"))
    return rows


def _span(cell: Node, name: str) -> int:
    value = cell.attrs.get(name, "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _repeat_header(table: Table, index: int) -> None:
    """A header row repeats on every page the table runs onto (and tells screen readers)."""
    properties = table.rows[index]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _describe_table(table: Table, caption: str) -> None:
    """The table's caption as its alternative text (Word's Table Properties > Alt Text)."""
    if not caption:
        return
    properties = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:250])
    properties.append(element)
