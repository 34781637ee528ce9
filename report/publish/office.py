"""The Word and Excel versions of the published report and papers, as bytes the pipeline writes."""

from __future__ import annotations

from pathlib import Path

from report.cache import Cache
from report.errors import ReportError
from report.model import ReportInput
from report.publish import rasterise, word, workbook
from report.publish.html import PublishedReport


def meta(report: ReportInput, title: str, lang: str, subject: str = "") -> word.Meta:
    return word.Meta(
        title=title, author=report.author, created=report.generated, lang=lang, subject=subject
    )


def report_files(
    web: PublishedReport, report: ReportInput, template: Path | None, cache: Cache | None
) -> dict[str, bytes]:
    """report.docx and tables.xlsx, from the page and the table views report.html was made of."""
    if web.view is None:
        raise ReportError("internal error: the report's view was not kept")
    subject = f"{report.council}: {web.view.period}"
    return {
        "report.docx": word.report_docx(
            web.html,
            meta(report, web.title, web.lang, subject),
            lambda uri: rasterise.picture(uri, cache),
            word.template_bytes(template),
        ),
        "tables.xlsx": workbook.tables_xlsx(
            web.view, web.table_views, report.generated, report.author
        ),
    }


def papers_file(
    cover_html: str,
    title: str,
    appendix: PublishedReport,
    appendix_label: str,
    report: ReportInput,
    template: Path | None,
) -> bytes:
    """papers.docx: the cover report, then the annual report as the appendix."""
    return word.papers_docx(
        cover_html,
        appendix.html,
        appendix_label,
        meta(report, title, appendix.lang, report.council),
        lambda uri: rasterise.picture(uri),
        word.template_bytes(template),
    )
