"""HTML -> tagged PDF/UA-1 with WeasyPrint: local resources only, deterministic, time-limited."""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from report.errors import ReportError
from report.publish import pdf_tags
from report.publish.fonts import FONT_FACES, FONTS_DIR
from report.resources import TEMPLATES_DIR

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"
EMPTY_FONTCONFIG = '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n'
# WeasyPrint messages that make a PDF inaccessible or incomplete: the build must fail.
# Page-label prefixes of the documents after the first (the papers' Appendix A): its pages
# are numbered on their own, as printed ("Appendix A, page 3 of 35" is page A-3 in a viewer).
LATER_PREFIXES = ("A-", "B-", "C-", "D-")
FATAL_MESSAGES = ("alt description", '"lang" attribute', "Failed to load", "Failed to render")


def font_css() -> str:
    """@font-face rules for the bundled DejaVu Sans (report/fonts/), so output never uses system
    fonts."""
    rules = []
    for name, weight, style in FONT_FACES:
        url = (FONTS_DIR / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "DejaVu Sans"; src: url("{url}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def write_pdf(
    html: str | Sequence[str],
    target: Path,
    *,
    title: str,
    lang: str,
    created: str,
    timeout_seconds: float,
    renderer: Renderer | None = None,
) -> None:
    """Render `html` to a tagged PDF at `target`; the same input gives the same bytes.

    Several HTML documents are laid out separately (each keeps its own page numbers) and
    their pages joined into one PDF: the committee papers' cover report and its appendix.
    `renderer` is a child process started earlier (see `prestarted`), which has imported
    WeasyPrint meanwhile; without one, a child is started now. Either way it is stopped here.
    """
    PendingPdf(
        html,
        target,
        title=title,
        lang=lang,
        created=created,
        timeout_seconds=timeout_seconds,
        renderer=renderer,
    ).wait()


class PendingPdf:
    """A PDF being rendered in its child process while this process does other work (the
    Word and Excel versions): started here, finished by wait(), or stopped by cancel().

    The time limit runs from the start. Scratch goes beside the target (the pipeline's
    staging folder): if this process is killed outright, the leftovers are inside the folder
    the next run removes.
    """

    def __init__(
        self,
        html: str | Sequence[str],
        target: Path,
        *,
        title: str,
        lang: str,
        created: str,
        timeout_seconds: float,
        renderer: Renderer | None = None,
    ) -> None:
        if renderer is None:
            _import_weasyprint()  # fail early and plainly when Pango is missing
            renderer = Renderer()
        self.renderer = renderer
        self.target = Path(target)
        self.deadline = time.monotonic() + timeout_seconds
        self.timeout_seconds = timeout_seconds
        job: dict[str, Any] = {
            "html": html,
            "target": str(target),
            "title": title,
            "lang": lang,
            "created": created,
        }
        self._scratch = tempfile.TemporaryDirectory(
            prefix=".iro-pdf-", dir=self.target.resolve().parent
        )
        try:
            self._sent = renderer.send(job, self._scratch.name)
        except BaseException:
            self.cancel()
            raise

    def wait(self) -> None:
        """Wait for the PDF (at most until the time limit); an error in it is a ReportError."""
        try:
            outcome = self._sent or self.renderer.receive(
                max(0.0, self.deadline - time.monotonic()), self.timeout_seconds
            )
        finally:
            self.cancel()
        if outcome:
            self.target.unlink(missing_ok=True)
            raise ReportError(outcome)

    def cancel(self) -> None:
        """Stop the child (done or not) and remove its scratch."""
        self.renderer.stop()
        self._scratch.cleanup()


class Renderer:
    """The PDF child process. Started early, it imports WeasyPrint while the parent is still
    computing (on another core), then renders the one job it is sent; the parent keeps the
    time limit and stops it (on success, failure, Ctrl-C, SIGTERM or SIGHUP)."""

    def __init__(self) -> None:
        context = _process_context()
        job_reader, self._jobs = context.Pipe(duplex=False)
        self._results, result_writer = context.Pipe(duplex=False)
        self.worker = context.Process(
            target=_serve, args=(job_reader, result_writer, os.getpid()), daemon=True
        )
        self.worker.start()
        job_reader.close()
        result_writer.close()

    def render(self, job: dict[str, Any], scratch: str, timeout_seconds: float) -> str:
        """The worker's error message ("" on success)."""
        return self.send(job, scratch) or self.receive(timeout_seconds)

    def send(self, job: dict[str, Any], scratch: str) -> str:
        """Hand the job to the worker: "" once sent, else why it could not be."""
        try:
            self._jobs.send({**job, "scratch": scratch})
        except OSError:
            self.worker.join(5)
            return f"PDF rendering stopped unexpectedly (exit code {self.worker.exitcode})."
        return ""

    def receive(self, seconds: float, limit: float | None = None) -> str:
        """The worker's error message ("" on success), waiting at most `seconds` (`limit`:
        the whole time limit, as the message names it)."""
        return _wait(self._results, self.worker, seconds, seconds if limit is None else limit)

    def stop(self) -> None:
        self._jobs.close()
        self._results.close()
        _stop(self.worker)


@contextmanager
def prestarted() -> Iterator[Renderer]:
    """A Renderer started now, stopped on leaving (if write_pdf has not already)."""
    renderer = Renderer()
    try:
        yield renderer
    finally:
        renderer.stop()


def _process_context() -> ForkContext | SpawnContext:
    """Fork on Linux (WeasyPrint is already imported); spawn where fork is unsafe (macOS)."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _wait(receiver: Connection, worker: Any, seconds: float, limit: float) -> str:
    """The worker's error message ("" on success)."""
    if not receiver.poll(seconds):
        return (
            f"PDF rendering took longer than {limit:g} seconds and was stopped; "
            "raise publishing.pdf_timeout_seconds in config.yaml if the report is very long."
        )
    try:
        message: str = receiver.recv()
    except EOFError:
        worker.join(5)
        return f"PDF rendering stopped unexpectedly (exit code {worker.exitcode})."
    return message


def _stop(worker: Any) -> None:
    if worker.is_alive():
        worker.terminate()
    worker.join(5)
    if worker.is_alive():
        worker.kill()
        worker.join()


def _import_weasyprint() -> Any:
    try:
        with warnings.catch_warnings():  # "no fonts configured": we bring our own
            warnings.simplefilter("ignore", UserWarning)
            import weasyprint
    except OSError as exc:
        raise ReportError(
            "PDF output needs the Pango library, which is not installed: install the Debian/Ubuntu"
            f" packages {PANGO_PACKAGES} (sudo apt-get install {PANGO_PACKAGES}) ({exc})."
        ) from None
    return weasyprint


def _serve(jobs: Connection, sender: Connection, parent: int = 0) -> None:
    """Runs in the child: import WeasyPrint, wait for the job, render it, write the file, send
    back "" or an error message.

    Temporary files (WeasyPrint's font copies) go to the job's scratch folder, which the parent
    removes even when it has to stop the child.
    """
    _follow_parent(parent)
    problem = ""
    try:
        _import_weasyprint()
    except ReportError as exc:
        problem = exc.message
    try:
        job = jobs.recv()
    except (EOFError, OSError):  # the parent stopped before sending a job
        return
    finally:
        jobs.close()
    tempfile.tempdir = job.pop("scratch")
    try:
        if problem:
            raise ReportError(problem)
        render_to_file(**job)
        sender.send("")
    except ReportError as exc:
        sender.send(exc.message)
    except Exception as exc:  # anything else must still reach the user as one message
        sender.send(f"PDF rendering failed: {type(exc).__name__}: {exc}")
    finally:
        sender.close()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _follow_parent(parent: int) -> None:
    """In the child: the parent alone decides when rendering stops.

    Ctrl-C in a terminal reaches both processes: the child ignores it and the parent, stopping,
    terminates the child. SIGTERM and SIGHUP end the child at once (rather than running the
    parent's handler, inherited through fork). On Linux the child is also sent SIGTERM when
    the parent dies, even by SIGKILL, so no orphan keeps rendering.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if parent and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def render_to_file(
    html: str | Sequence[str], target: str, title: str, lang: str, created: str
) -> None:
    """Render in this process (no time limit): used by the worker and by tests."""
    data = render_bytes(html, title=title, lang=lang, created=created)
    Path(target).write_bytes(data)


def render_bytes(html: str | Sequence[str], *, title: str, lang: str, created: str) -> bytes:
    """The PDF as bytes; fetches nothing outside templates/ and the bundled fonts.

    A sequence of HTML documents gives one PDF of all their pages, in order; the metadata
    (title, language, dates) is set once for the whole.
    """
    weasyprint = _import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = local_fetcher(weasyprint)
    with _no_system_fonts():
        fonts = FontConfiguration()
    data = b""
    with _captured_log() as problems, _font_time(created):
        try:
            css = weasyprint.CSS(string=font_css(), url_fetcher=fetcher, font_config=fonts)
            documents = [
                weasyprint.HTML(
                    string=text, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher
                ).render(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")
                for text in ([html] if isinstance(html, str) else html)
            ]
            document = documents[0]
            if len(documents) > 1:
                document = document.copy([page for d in documents for page in d.pages])
            _set_metadata(document.metadata, title=title, lang=lang, created=created)
            data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)
            data = pdf_tags.finish(data, label_starts(len(d.pages) for d in documents))
        except FatalURLFetchingError:
            pass  # the refusal is recorded below
        finally:
            _remove_font_copies(fonts)
    refused = fetcher.refused
    if refused:
        raise ReportError.from_problems(
            "The report asks for files the PDF may not use (only templates/ and the bundled "
            "fonts are allowed):",
            refused,
        )
    if problems:
        raise ReportError.from_problems("The PDF would not be complete or accessible:", problems)
    return data


def label_starts(page_counts: Iterable[int]) -> list[tuple[int, str]]:
    """(first page index, label prefix) of each separately numbered document."""
    starts: list[tuple[int, str]] = []
    first = 0
    for i, count in enumerate(page_counts):
        starts.append((first, "" if i == 0 else LATER_PREFIXES[i - 1]))
        first += count
    return starts


def _remove_font_copies(fonts: Any) -> None:
    """WeasyPrint copies @font-face files to a temporary folder and removes it only when the
    FontConfiguration is garbage-collected: remove it as soon as the PDF is written."""
    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _set_metadata(metadata: Any, *, title: str, lang: str, created: str) -> None:
    metadata.title = title
    metadata.lang = lang
    metadata.created = created
    metadata.modified = created
    metadata.generator = None


def local_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher serving data: URIs and files in templates/ or the bundled fonts only."""

    class LocalFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            # Only file: and data: URLs are ever fetched (see allowed_url), and no redirects.
            super().__init__(
                fail_on_errors=True, allowed_protocols=("data", "file"), allow_redirects=False
            )
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if allowed_url(url):
                return super().fetch(url, headers)
            self.refused.append(url if len(url) < 200 else url[:200] + "...")
            raise ValueError(f"refused to fetch {url[:200]}")

    return LocalFetcher()


def allowed_url(url: str) -> bool:
    """data: URIs, and file: URLs inside templates/ or the bundled fonts (report/fonts/)."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return any(path.is_relative_to(root.resolve()) for root in (TEMPLATES_DIR, FONTS_DIR))


@contextmanager
def _font_time(created: str) -> Iterator[None]:
    """Fonts subset at the report's date, not at the clock's.

    fontTools stamps each font it subsets with the time it does so (the `head` table's
    modified date), unless SOURCE_DATE_EPOCH is set: without this, two builds a second apart
    embed different fonts and the PDFs differ. A SOURCE_DATE_EPOCH set by the user is kept.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if previous is None:
        day = datetime.fromisoformat(created[:10]).replace(tzinfo=UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


@contextmanager
def _no_system_fonts() -> Iterator[None]:
    """Fontconfig without the system's fonts, so only the bundled @font-face fonts are used.

    A system DejaVu Sans would otherwise win over ours and make the PDF depend on the machine.
    FontConfiguration reads FONTCONFIG_FILE when it is created, so it is set only meanwhile.
    """
    previous = os.environ.get("FONTCONFIG_FILE")
    with tempfile.TemporaryDirectory(prefix="iro-fonts-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_text(EMPTY_FONTCONFIG, encoding="utf-8")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            yield
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous


@contextmanager
def _captured_log() -> Iterator[list[str]]:
    """Collect WeasyPrint errors that make the PDF incomplete or inaccessible."""
    problems: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if any(m in message for m in FATAL_MESSAGES):
                problems.append(message[:300])

    handler = Collector(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
