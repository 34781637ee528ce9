"""build_report(config) -> RunResult: load and check the data, assemble, write every output."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from report import fingerprint, i18n, memory, outdir, own_words, parallel, snapshot
from report.assembly import Checked, assemble, publication_date, report_author
from report.cache import Cache, digest, source_hash
from report.config import Config
from report.errors import ReportError
from report.fingerprint import inputs_sha256
from report.languages import WORDING, in_language, languages
from report.load import identifiers
from report.load import voice as voice_text
from report.load.acceptance import apply_accepted
from report.load.crosschecks import check_local_extracts
from report.load.dataset import load_dataset
from report.load.issues import Issues, describe
from report.load.narrative import GLANCE, read_narrative
from report.load.screen import screen
from report.model import ReportInput
from report.records import (
    issues_csv,
    manifest,
    package_version,
    reconciliation_csv,
    write_json,
)
from report.rules.history import build_history
from report.rules.timeliness import ScheduleRules
from report.staging import staging, writing

if TYPE_CHECKING:
    from report.publish.html import PublishedReport
    from report.publish.pdf import Renderer

Progress = Callable[[str], None]


@dataclass
class RunResult:
    out_dir: Path
    issues: Issues
    draft: bool
    timings: dict[str, float] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a narrative not translated


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
    memory.map_large_blocks()  # before the load: a fragmented heap would hold its peak
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
            write_json(tmp / "figures.json", web.figures_json)
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
            write_json(tmp / "manifest.json", settings)
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
        *(package_version(name) for name in ("weasyprint", "pydyf", "fonttools", "pikepdf")),
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


def compute_key(config: Config, inputs: dict[str, str]) -> str:
    """What the computed figures depend on: the input files except the narrative (rendered at
    publish time), the settings except wording, the tool's version and source code."""
    settings = config.model_dump(mode="json", exclude=WORDING)  # type: ignore[arg-type]
    return digest(
        package_version("iro-report"),
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
