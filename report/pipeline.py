"""build_report(config) -> RunResult: load, compute each section and year, publish; the writer."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from report import fingerprint, i18n, outdir, own_words, parallel, snapshot
from report.cache import Cache, digest, source_hash
from report.config import Config
from report.dates import Period
from report.errors import EXIT_USAGE, ReportError
from report.fingerprint import inputs_sha256
from report.load import identifiers
from report.load import voice as voice_text
from report.load.acceptance import apply_accepted
from report.load.benchmarks import check_benchmarks
from report.load.crosschecks import check_local_extracts
from report.load.dataset import Dataset, load_dataset
from report.load.exclusions import exclusion_counts
from report.load.issues import Issues, describe
from report.load.narrative import GLANCE, read_narrative
from report.load.screen import screen
from report.model import Figure, Reconciled, ReportInput, SectionOutput, SectionResult
from report.rules.history import CareHistory, build_history
from report.rules.reconcile import reconcile
from report.rules.timeliness import ScheduleRules
from report.sections import BuildInput, Section, SectionRun, registry
from report.staging import staging, write_bytes_into, write_into, write_text_into, writing

if TYPE_CHECKING:
    from report.publish.html import PublishedReport
    from report.publish.papers import CoverInput
    from report.publish.pdf import Renderer

Progress = Callable[[str], None]
DEPENDENCIES = (
    "pandas",
    "numpy",
    "Jinja2",
    "weasyprint",
    "PyYAML",
    "pydantic",
    "holidays",
    "markdown-it-py",
    "openpyxl",
    "defusedxml",
    "pydyf",
    "fonttools",
    "pikepdf",
    "python-docx",
    "cairosvg",
)


@dataclass
class RunResult:
    out_dir: Path
    issues: Issues
    draft: bool
    timings: dict[str, float] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a narrative not translated


@dataclass
class Checked:
    """Loaded and checked data, ready to compute."""

    data: Dataset
    history: CareHistory


class Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def schedule_rules(config: Config) -> ScheduleRules:
    return ScheduleRules(
        nation=config.council.nation, wales_first_review_days=config.rules.wales_first_review_days
    )


def validate_data(config: Config) -> Checked:
    """The checked data with every problem in it, including comparators for figures the report
    does not have (found by computing the sections)."""
    checked = check_data(config)
    assemble(config, checked, draft=False)
    return checked


def check_data(config: Config, timer: Timer | None = None) -> Checked:
    """Load the data folder and build the care history; structural faults raise ReportError."""
    timer = timer or Timer()
    with timer.stage("load"):
        data = load_dataset(config.data_dir, config.period, config.local)
        questions = [t for q in config.feedback.questions for t in (q.code, q.text)]
        services = list(config.publishing.escalation_services)
        data.local = check_local_extracts(data.local, data.issues, questions, services)
        known = identifiers.collect(
            [data.header, data.episodes, data.reviews, data.uasc, *data.local.values()]
        )
        screen(data.local, known, data.issues)
        data.voice = voice_text.screened(data.voice, known, data.issues)
        data.issues.mask_known(known)
    with timer.stage("compute"):
        history = build_history(data, schedule_rules(config))
    apply_accepted(data.issues, config.accepted_issues, config.source.name)
    return Checked(data, history)


def build_report(
    config: Config,
    *,
    allow_errors: bool = False,
    out_dir: Path | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> RunResult:
    """Build every output into a temporary folder, then move it into place.

    With `use_cache`, computed figures, drawn charts and the PDF are reused from the user's
    private build cache when what made them is unchanged (see report/cache.py); the outputs are
    the same bytes. The output folder must be one the tool may write (report/outdir.py), and
    only one run writes to it at a time.
    """
    target = (out_dir or config.out_dir).resolve()
    outdir.check_target(target, data=config.data_dir, config_file=config.source)
    with outdir.locked(target):
        outdir.check_target(target, data=config.data_dir, config_file=config.source)
        cache = Cache() if use_cache else None
        return _build(config, target, cache, allow_errors, progress or (lambda _msg: None))


def _build(
    config: Config, target: Path, cache: Cache | None, allow_errors: bool, say: Progress
) -> RunResult:
    from report.publish import pdf as publish_pdf

    timer = Timer()
    # The PDF child starts now and imports WeasyPrint while this process computes.
    with publish_pdf.prestarted() as renderer:
        say("Reading and checking the data")
        with timer.stage("load"):
            inputs = inputs_sha256(config.data_dir)
            key = compute_key(config, inputs)
            built_from = fingerprint.of(config, inputs, allow_errors=allow_errors)
        computed = _cached_compute(cache, key, config) if cache else None
        if computed is None:
            checked = check_data(config, timer)
            issues, collections = checked.data.issues, checked.data.collections
            stop_on_errors(issues, allow_errors)
            say("Computing the sections")
            with timer.stage("compute"):
                report = assemble(config, checked, draft=bool(issues.errors))
            stop_on_errors(issues, allow_errors)  # a comparator with no such figure
            if cache:
                with suppress(TypeError):  # a value the snapshot cannot hold: not cached
                    cache.put("compute", key, snapshot.dumps(report, issues, collections))
        else:
            report, issues, collections = computed
            stop_on_errors(issues, allow_errors)
        from report.publish import charts as publish_charts
        from report.publish import html as publish_html

        say("Drawing charts and laying out the HTML")
        warnings: list[str] = []
        pages: dict[str, publish_html.PublishedReport] = {}
        shown_in: dict[str, ReportInput] = {}
        with timer.stage("html"), publish_charts.drawing(cache):
            # One page serves both: print layout lives in the CSS's @media print.
            for lang in languages(config):
                with i18n.language(lang, own=own_words.welsh_words(config)):
                    shown = shown_in[lang] = in_language(report, config, lang, warnings)
                    pages[lang] = publish_html.render_report(shown, for_pdf=False)
        web = pages[i18n.ENGLISH]
        child: Renderer | None = renderer  # the prestarted child serves the first PDF only
        with writing(), staging(target) as tmp, parallel.Outputs() as pdfs:
            for lang, page in pages.items():
                name = f"report{i18n.SUFFIX[lang]}"
                (tmp / f"{name}.html").write_text(page.html, encoding="utf-8")
                say("Writing the PDF" if lang == i18n.ENGLISH else f"Writing the PDF ({lang})")
                with timer.stage("pdf"):
                    pdfs.add(_report_pdf(page, tmp / f"{name}.pdf", report, config, cache, child))
                child = None
            # The PDFs are laid out in their child processes while Word and Excel are written.
            say("Writing the Word and Excel versions")
            with timer.stage("office"):
                from report.publish import office

                template = config.publishing.word_template
                for lang, page in pages.items():  # report.docx, tables.xlsx; .cy. in Welsh
                    with i18n.language(lang, own=own_words.welsh_words(config)):
                        made = office.report_files(page, shown_in[lang], template, cache)
                    for name, data in made.items():
                        (tmp / i18n.with_suffix(name, lang)).write_bytes(data)
            with timer.stage("pdf"):
                pdfs.wait()
            _write_json(tmp / "figures.json", web.figures_json)
            for lang, page in pages.items():  # tables/ as published; tables.cy/ in Welsh
                tables = tmp / f"tables{i18n.SUFFIX[lang]}"
                tables.mkdir()
                for table_id, text in sorted(page.tables.items()):
                    (tables / f"{table_id}.csv").write_text(text, encoding="utf-8")
            (tmp / "validation.csv").write_text(issues_csv(issues), encoding="utf-8")
            (tmp / "reconciliation.csv").write_text(
                reconciliation_csv(report.reconciliation), encoding="utf-8"
            )
            settings = manifest(config, config.data_dir, collections, allow_errors, inputs)
            _write_json(tmp / "manifest.json", settings)
            files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
            outdir.write_marker(tmp, files, fingerprint=built_from)
    if cache:
        cache.commit()  # only a finished build adds to the cache
    return RunResult(target, issues, report.draft, timer.timings, files, warnings)


def _report_pdf(
    page: PublishedReport,
    target: Path,
    report: ReportInput,
    config: Config,
    cache: Cache | None,
    renderer: Renderer | None,
) -> parallel.Job | None:
    """The page as a tagged PDF: from the cache when the same page was rendered before (None),
    else started in its child process (the job finishes it and caches it)."""
    from report.publish import pdf as publish_pdf

    # The PDF is a function of the page and its metadata: the same page, the same PDF.
    pdf_key = digest(
        source_hash(),
        *(_version(name) for name in ("weasyprint", "pydyf", "fonttools", "pikepdf")),
        page.html,
        page.title,
        page.lang,
        report.generated,
    )
    same = cache.get("pdf", pdf_key) if cache else None
    if same is not None:
        if renderer is not None:
            renderer.stop()
        target.write_bytes(same)
        return None
    pending = publish_pdf.PendingPdf(
        page.html,
        target,
        title=page.title,
        lang=page.lang,
        created=report.generated,
        timeout_seconds=config.publishing.pdf_timeout_seconds,
        renderer=renderer,
    )

    def finish() -> None:
        pending.wait()
        if cache:
            cache.put("pdf", pdf_key, target.read_bytes())

    return parallel.Job(wait=finish, cancel=pending.cancel)


def languages(config: Config) -> tuple[str, ...]:
    """The languages the outputs are published in: English, and Welsh too for a council in
    Wales (the Welsh Language Standards)."""
    if config.council.nation == "wales":
        return (i18n.ENGLISH, i18n.WELSH)
    return (i18n.ENGLISH,)


def in_language(report: ReportInput, config: Config, lang: str, warnings: list[str]) -> ReportInput:
    """The report as published in `lang`: the council's names in that language, and each
    section's narrative from narrative/<lang>/<section>.md; where there is none, the English
    narrative, marked as English (lang="en-GB") inside the page, and a warning."""
    if lang == i18n.ENGLISH:
        return report
    council = config.council
    sections = []
    for section in own_words.priorities_marked(report.sections, lang, warnings):
        text = read_narrative(config.data_dir, f"{lang}/{section.key}")
        if text is not None:
            sections.append(
                replace(
                    section,
                    narrative=text,
                    narrative_file=f"narrative/{lang}/{section.key}.md",
                    narrative_lang=lang,
                )
            )
            continue
        if section.narrative is not None:
            warnings.append(
                f"narrative/{lang}/{section.key}.md not found: the {i18n.NAMES[lang]} report "
                f"shows the English narrative/{section.key}.md there, marked as English"
            )
        sections.append(
            replace(
                section,
                narrative_file=f"narrative/{lang}/{section.key}.md",
                narrative_lang=i18n.ENGLISH,
            )
        )
    missing = own_words.untranslated(config)
    if missing:
        warnings.append(
            f"config.yaml welsh_text gives no {i18n.NAMES[lang]} for {', '.join(missing)}: "
            f"the {i18n.NAMES[lang]} outputs show them in English"
        )
    glance = read_narrative(config.data_dir, f"{lang}/{GLANCE}")
    if glance is None and report.glance_narrative is not None:
        warnings.append(
            f"narrative/{lang}/{GLANCE}.md not found: the {i18n.NAMES[lang]} report shows the "
            f"English narrative/{GLANCE}.md in At a glance, marked as English"
        )
    return replace(
        report,
        sections=sections,
        glance_narrative=report.glance_narrative if glance is None else glance,
        glance_narrative_lang=i18n.ENGLISH if glance is None else lang,
        council=council.name_cy or report.council,
        service_name=council.service_name_cy or report.service_name,
        author=own_words.shown_author(report.author, config),
    )


# Settings that change no computed figure: reworded, they reuse the cached figures.
WORDING = {
    "report": {"data", "output", "author", "date"},
    "meeting": True,
    "publishing": {"word_template"},
    "council": {"name_cy", "service_name_cy", "panel_name_cy"},  # Welsh outputs only
    "welsh_text": True,
}


def compute_key(config: Config, inputs: dict[str, str]) -> str:
    """What the computed figures depend on: the input files except the narrative (rendered at
    publish time), the settings except wording, the tool's version and source code."""
    settings = config.model_dump(mode="json", exclude=WORDING)  # type: ignore[arg-type]
    return digest(
        _version("iro-report"),
        source_hash(),
        json.dumps(settings, sort_keys=True),
        *(f"{name} {sha}" for name, sha in inputs.items() if not name.startswith("narrative/")),
    )


def _cached_compute(
    cache: Cache, key: str, config: Config
) -> tuple[ReportInput, Issues, list[int]] | None:
    """The cached figures with today's narrative and wording, or None (absent or unusable)."""
    payload = cache.get("compute", key)
    if payload is None:
        return None
    try:
        report, issues, collections = snapshot.loads(payload)
    except snapshot.SnapshotError:  # signed but unreadable (an older layout): rebuilt
        cache.discard("compute", key)
        return None
    root = config.data_dir
    sections = [replace(s, narrative=read_narrative(root, s.key)) for s in report.sections]
    report = replace(
        report,
        sections=sections,
        glance_narrative=read_narrative(root, GLANCE),
        author=report_author(config),
        generated=publication_date(config).isoformat(),
    )
    return report, issues, list(collections)


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


def assemble(config: Config, checked: Checked, *, draft: bool) -> ReportInput:
    """Compute every section for the report year and the earlier years the data cover."""
    period = config.period
    years = trend_years(checked.data, period, config.publishing.trend_years)
    outputs: list[SectionOutput] = []
    history: dict[str, dict[str, Figure]] = {}
    for number, section in enumerate(registry(), start=1):
        missing = [n for n in section.needs if n not in checked.data.local]
        if missing:
            result, off = SectionResult(), _off_reason(missing)
        else:
            result, off = _compute_years(section, config, checked, years, history), ""
        outputs.append(
            SectionOutput(
                key=section.key,
                number=number,
                title=section.title,
                result=result,
                narrative=read_narrative(checked.data.root, section.key),
                narrative_file=f"narrative/{section.key}.md",
                off_reason=off,
            )
        )
    units = {f.id: f.unit for figures in history.values() for f in figures.values()}
    benchmarks = check_benchmarks(
        checked.data.benchmarks, units, checked.data.issues, config.council.nation
    )
    return ReportInput(
        council=config.council.name,
        service_name=config.council.service_name,
        nation=config.council.nation,
        period=period,
        sections=outputs,
        history=history,
        benchmarks=benchmarks,
        data_quality=checked.data.issues.summary(),
        exclusions=exclusion_counts(
            checked.data.issues,
            (item for output in outputs for item in output.result.excluded),
        ),
        draft=draft or bool(checked.data.issues.errors),
        generated=publication_date(config).isoformat(),
        author=report_author(config),
        suppression_threshold=config.publishing.suppression_threshold,
        reconciliation=reconcile(checked.data.returns, checked.history, checked.data.issues),
        glance_narrative=read_narrative(checked.data.root, GLANCE),
        glance_count=config.publishing.at_a_glance_figures,
    )


def _compute_years(
    section: Section,
    config: Config,
    checked: Checked,
    years: list[Period],
    history: dict[str, dict[str, Figure]],
) -> SectionResult:
    """Prepare the section once, then compute each year with the same code (SectionRun: a
    trend year before the section's records begin has no figures, so no trend point)."""
    run = SectionRun.start(section, BuildInput(checked.history, checked.data, config))
    result = SectionResult()
    for year in years:
        result = run.year(year)
        for figure in result.figures:
            history.setdefault(figure.id, {})[year.label] = figure
    return result  # the last year computed is the report year


def trend_years(data: Dataset, period: Period, count: int) -> list[Period]:
    """The report year and up to count-1 earlier years that the 903 data cover, oldest first."""
    first = data.collections[0]
    wanted = range(max(first, period.collection_year - count + 1), period.collection_year + 1)
    return [Period.for_collection(y) for y in wanted]


def _off_reason(missing: list[str]) -> str:
    files = ", ".join(f"local/{m}.csv" for m in missing)
    return f"This section is not included because the data folder has no {files}."


def publication_date(config: Config) -> date:
    """The title page's date: report.date when set, else the meeting's date (the report is
    presented then), else SOURCE_DATE_EPOCH, else the end of the reporting period. Never
    today's date, so builds are reproducible."""
    if config.report.date is not None:
        return config.report.date
    if config.meeting.date is not None:
        return config.meeting.date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return config.period.end


def report_author(config: Config) -> str:
    """The title page's author: the meeting's author ("name, role") when the committee papers
    name one, so the report and its cover report agree; else report.author."""
    author = config.meeting.author
    if author is None:
        return config.report.author
    return ", ".join(part for part in (author.name, author.role) if part)


def stop_on_errors(issues: Issues, allow_errors: bool) -> None:
    """Stop the run (ReportError, listing them) when the data has errors not allowed."""
    if issues.errors and not allow_errors:
        raise ReportError(_error_summary(issues))


def _error_summary(issues: Issues, shown: int = 20) -> str:
    """Every error rule with its count, and the first rows in full (file, row, column, value)."""
    errors = [row for row in issues.sorted_rows() if row["severity"] == "error"]
    lines = [f"The data has {len(errors)} error(s); the report was not built."]
    lines += [f"  {describe(row)}" for row in errors[:shown]]
    if len(errors) > shown:
        lines.append(f"  ... and {len(errors) - shown} more.")
    lines.append("By rule:")
    for item in issues.summary():
        if item["severity"] == "error":
            lines.append(f"  {item['count']:6} x {item['rule']} in {item['file']}")
    lines.append(
        "Run `iro-report validate` to list every problem (also in validation.csv), fix the data "
        "and build again, accept checked known issues in config.yaml (accepted_issues), or "
        "pass --allow-errors to build a DRAFT that leaves those rows out."
    )
    return "\n".join(lines)


def issues_csv(issues: Issues) -> str:
    buffer = io.StringIO()
    issues.frame().to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


RECONCILIATION_COLUMNS = ["year", "figure", "from_return", "report", "cause", "change"]


def reconciliation_csv(rows: list[Reconciled]) -> str:
    """One line per cause of each difference (or one with no cause when the counts agree):
    unsuppressed counts, for analysts, like figures.json."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(RECONCILIATION_COLUMNS)
    for row in rows:
        for cause, change in row.causes or (("", 0),):
            writer.writerow([row.year, row.figure, row.from_return, row.report, cause, change])
    return buffer.getvalue()


def manifest(
    config: Config,
    root: Path,
    collections: list[int],
    allow_errors: bool,
    inputs: dict[str, str] | None = None,
) -> dict[str, object]:
    """What produced these outputs: versions, settings and hashes; no child data."""
    settings = config.model_dump(mode="json", exclude=fingerprint.PLACES)
    return {
        "tool": "iro-report",
        "version": _version("iro-report"),
        "dependencies": {name: _version(name) for name in DEPENDENCIES},
        "config_sha256": _sha256(config.source) if config.source.is_file() else "",
        "word_template_sha256": fingerprint.template_sha256(config),
        "settings": settings,
        "allow_errors": allow_errors,
        "collections": collections,
        "inputs_sha256": inputs_sha256(root) if inputs is None else inputs,
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_json(path: Path, value: object) -> None:
    path.write_text(
        json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def write_validation(
    issues: Issues, target: Path, config: Config, reconciliation: list[Reconciled] | None = None
) -> Path:
    """validation.csv (and reconciliation.csv when given) in the output folder (checked as for
    a build), each replaced atomically (validate only)."""
    target = target.resolve()
    outdir.check_target(target, data=config.data_dir, config_file=config.source)
    files = {"validation.csv": issues_csv(issues)}
    if reconciliation is not None:
        files["reconciliation.csv"] = reconciliation_csv(reconciliation)
    with outdir.locked(target), writing():
        outdir.check_target(target, data=config.data_dir, config_file=config.source)
        for name, text in files.items():
            write_text_into(target, name, text)
    return target / "validation.csv"
