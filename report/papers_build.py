"""build_papers(config): the committee papers, a cover report with the report as Appendix A."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from report import i18n, outdir, own_words
from report.assembly import assemble
from report.config import Config
from report.errors import EXIT_USAGE, ReportError
from report.languages import in_language, languages
from report.load.issues import Issues
from report.load.narrative import read_narrative
from report.pipeline import Progress, check_data, stop_on_errors
from report.staging import write_bytes_into, write_into, writing

if TYPE_CHECKING:
    from report.publish.papers import CoverInput


@dataclass
class PapersResult:
    path: Path
    publish_by: date
    draft: bool
    issues: Issues
    files: list[str] = field(default_factory=list)  # papers.pdf, and papers.cy.pdf in Wales
    warnings: list[str] = field(default_factory=list)


def build_papers(
    config: Config,
    *,
    allow_errors: bool = False,
    out_dir: Path | None = None,
    progress: Progress | None = None,
) -> PapersResult:
    """papers.pdf: the cover report for the meeting, then the annual report as Appendix A.

    Written to a temporary file beside the target and renamed into place, so a failed run
    leaves an earlier papers.pdf untouched.
    """
    meeting = config.meeting
    if meeting.date is None:
        raise ReportError(
            f"{config.source}: key 'meeting.date' is required for the committee papers: the "
            "date of the meeting as yyyy-mm-dd (see the meeting section in config.yaml)",
            EXIT_USAGE,
        )
    say = progress or (lambda _msg: None)
    target_dir = (out_dir or config.out_dir).resolve()
    outdir.check_target(target_dir, data=config.data_dir, config_file=config.source)
    say("Reading and checking the data")
    checked = check_data(config)
    issues = checked.data.issues
    stop_on_errors(issues, allow_errors)
    say("Computing the sections")
    report = assemble(config, checked, draft=bool(issues.errors))
    from report.publish import html as publish_html
    from report.publish import papers as publish_papers
    from report.publish import pdf as publish_pdf

    say("Drawing charts and laying out the HTML")
    warnings: list[str] = []
    documents = []
    for lang in languages(config):
        with i18n.language(lang, own=own_words.welsh_words(config)):
            shown = in_language(report, config, lang, warnings)
            appendix = publish_html.render_report(
                shown, for_pdf=False, appendix_label=i18n._(publish_papers.APPENDIX_LABEL)
            )
            cover = publish_papers.render_cover(
                shown,
                publish_html.published_figures(shown),
                cover_input(config, checked.data.root, lang),
            )
        documents.append((f"papers{i18n.SUFFIX[lang]}.pdf", cover, appendix))
    from report.publish import office

    say("Writing the Word version")
    docx = {}  # papers.docx, and papers.cy.docx in Welsh
    for (_name, cover, appendix), lang in zip(documents, languages(config), strict=True):
        with i18n.language(lang, own=own_words.welsh_words(config)):
            docx[i18n.with_suffix("papers.docx", lang)] = office.papers_file(
                cover.cover_html,
                cover.title,
                appendix,
                i18n._(publish_papers.APPENDIX_LABEL),
                in_language(report, config, lang, []),
                config.publishing.word_template,
            )
    with outdir.locked(target_dir), writing():
        outdir.check_target(target_dir, data=config.data_dir, config_file=config.source)
        paths = []
        for name, cover, appendix in documents:
            say(f"Writing {name}")
            pages = [cover.cover_html, appendix.html]
            paths.append(
                write_into(
                    target_dir,
                    name,
                    partial(
                        publish_pdf.write_pdf,
                        pages,
                        title=cover.title,
                        lang=cover.lang,
                        created=report.generated,
                        timeout_seconds=config.publishing.pdf_timeout_seconds,
                    ),
                )
            )
        # after the PDFs (which can fail): a failed run leaves both earlier files
        for name, data in docx.items():
            write_bytes_into(target_dir, name, data)
    cover = documents[0][1]
    return PapersResult(
        paths[0], cover.publish_by, report.draft, issues, [name for name, *_ in documents], warnings
    )


def cover_input(config: Config, root: Path, lang: str = i18n.ENGLISH) -> CoverInput:
    """What the cover report needs from config.yaml's meeting section and narrative/papers.md
    (in Welsh: narrative/cy/papers.md when there is one)."""
    from report.publish.papers import Contact, CoverInput

    meeting = config.meeting
    if meeting.date is None:
        raise ReportError(f"{config.source}: key 'meeting.date' is required", EXIT_USAGE)
    author = meeting.author
    return CoverInput(
        committee=i18n.own_word(meeting.committee or config.council.panel_name),
        meeting_date=meeting.date,
        report_of=i18n.own_word(meeting.report_of),
        author=Contact(
            name=author.name,
            role=i18n.own_word(author.role),
            email=author.email,
            phone=author.phone,
        )
        if author
        else Contact(name=config.report.author),
        agenda_item="" if meeting.agenda_item is None else str(meeting.agenda_item),
        implications={
            k: i18n.own_word(v)
            for k, v in meeting.implications.model_dump().items()
            if v is not None
        },
        narrative=(lang != i18n.ENGLISH and read_narrative(root, f"{lang}/papers"))
        or read_narrative(root, "papers"),
    )
