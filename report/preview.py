"""iro-report preview: report.html served on 127.0.0.1, re-rendered as the data folder changes.

A narrative edit re-renders only the page (figures and charts are kept in memory); any other
change (an input, priorities.yaml, benchmarks.yaml, the config) reloads and recomputes the
figures, and only charts whose data changed are drawn again. No PDF is made and nothing is
written: charts drawn by earlier builds are read from the build cache, never added to it. The
page polls /version and reloads itself when a newer page is ready; a problem (a narrative
error with its file and line, data errors) is shown on the page instead, never a traceback.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from report.cache import Cache
from report.config import Config
from report.errors import ReportError
from report.model import ReportInput
from report.watch import Snapshot, changed, narrative_only, snapshot

HOST = "127.0.0.1"
POLL_MS = 100  # how often the page asks for /version (a tiny request)
RELOAD_SCRIPT = """<script>
(function () {{
  var shown = "{version}";
  function ask() {{
    fetch("/version", {{cache: "no-store"}})
      .then(function (r) {{ return r.text(); }})
      .then(function (v) {{ if (v !== shown) {{ location.reload(); }} else {{ later(); }} }})
      .catch(later);
  }}
  function later() {{ setTimeout(ask, {poll_ms}); }}
  later();
}})();
</script>
"""


def with_reload(page: str, version: int) -> str:
    """The page with the script that reloads it when the preview has a newer version."""
    script = RELOAD_SCRIPT.format(version=version, poll_ms=POLL_MS)
    at = page.rfind("</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]


def message_page(title: str, message: str, version: int) -> str:
    """A plain page saying what is wrong (escaped), which reloads itself once it is fixed."""
    body = (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(title)}</h1>\n<pre>{html.escape(message)}</pre>\n"
        "<p>Fix the file and save it: this page updates itself.</p>\n</main>\n</body>\n</html>\n"
    )
    return with_reload(body, version)


class Preview:
    """The last computed report and the page made from it; refresh() redoes what changed."""

    def __init__(
        self, load_config: Callable[[], Config], config_path: Path, *, allow_errors: bool = False
    ) -> None:
        self.load_config = load_config
        self.config_path = config_path
        self.allow_errors = allow_errors
        self.config: Config | None = None
        self.report: ReportInput | None = None
        self.cache: Cache | None = None
        self.version = 0
        self.page = message_page("Preparing the preview", "Reading the data ...", 0)
        self.problem = ""
        self.lock = threading.Lock()

    def refresh(self, paths: set[str] | None = None) -> str:
        """Re-render for the changed data-folder paths (None: everything); says what it did."""
        version = self.version + 1
        try:
            if self.report is None or self.config is None or not narrative_only(paths or set()):
                self._compute()
                done = "figures recomputed"
            else:
                self.report = with_narratives(self.report, self.config.data_dir)
                done = "page re-rendered (narrative only)"
            page, self.problem = with_reload(self._render(), version), ""
        except ReportError as exc:
            self.problem = exc.message
            page = message_page("The preview could not be updated", exc.message, version)
            done = "problem shown on the page"
        except Exception as exc:  # a bug: say so on the page, never a traceback
            self.report = None
            self.problem = f"internal error ({type(exc).__name__}); please report it"
            page, done = message_page("The preview failed", self.problem, version), "failed"
        with self.lock:
            self.page, self.version = page, version
        return done

    def current(self) -> tuple[int, str]:
        with self.lock:
            return self.version, self.page

    def _compute(self) -> None:
        from report import assembly, pipeline

        self.report = None  # until it is computed again, a narrative edit must not reuse it
        config = self.config = self.load_config()
        self.cache = Cache(config.out_dir.resolve().parent / ".cache")  # read, never committed
        checked = pipeline.check_data(config)
        issues = checked.data.issues
        pipeline.stop_on_errors(issues, self.allow_errors)
        self.report = assembly.assemble(config, checked, draft=bool(issues.errors))

    def _render(self) -> str:
        from report.publish import charts
        from report.publish import html as publish_html

        assert self.report is not None
        with charts.drawing(self.cache):
            return publish_html.render_report(self.report, for_pdf=False).html


def with_narratives(report: ReportInput, root: Path) -> ReportInput:
    """The report with every section's narrative read again from root/narrative/."""
    from report.load.narrative import GLANCE, read_narrative

    sections = [replace(s, narrative=read_narrative(root, s.key)) for s in report.sections]
    report = replace(report, glance_narrative=read_narrative(root, GLANCE))
    return replace(report, sections=sections)


def make_server(preview: Preview, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 only (port 0: any free port) serving the preview."""

    server: ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            version, page = preview.current()
            path = urlsplit(self.path).path
            if not _local_host(self.headers.get("Host", ""), server.server_address[1]):
                self._send(421, "text/plain", "Use http://127.0.0.1 to see the preview.\n")
            elif path in ("/", "/report.html"):
                self._send(200, "text/html; charset=utf-8", page)
            elif path == "/version":
                self._send(200, "text/plain; charset=utf-8", str(version))
            else:
                self._send(404, "text/plain; charset=utf-8", "Not found\n")

        def _send(self, status: int, kind: str, text: str) -> None:
            body = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: requests are not news

    server = ThreadingHTTPServer((HOST, port), Handler)
    server.daemon_threads = True
    return server


def _local_host(host: str, port: int) -> bool:
    """The Host header names this machine (a page elsewhere cannot rebind a name to us)."""
    return host in (f"{HOST}:{port}", f"localhost:{port}")


def watched(preview: Preview) -> Snapshot:
    """The config file and, once the config is read, the data folder's files."""
    found = snapshot(preview.config.data_dir) if preview.config is not None else {}
    try:
        stat = preview.config_path.stat()
        found["<config>"] = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        pass
    return found


def run(
    preview: Preview,
    server: ThreadingHTTPServer,
    *,
    stop: threading.Event,
    say: Callable[[str], None] = lambda _msg: None,
    interval: float = 0.05,
) -> None:
    """Serve until `stop` is set, refreshing the page whenever a watched file changes."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()  # the holding page is served while the first page is made
    try:
        paths: set[str] | None = None
        while True:
            start = time.perf_counter()
            done = preview.refresh(paths)
            what = ", ".join(sorted(paths)) if paths else "the report"
            say(f"{what}: {done} in {time.perf_counter() - start:.2f} s")
            if preview.problem:
                say(preview.problem.splitlines()[0])
            before = watched(preview)
            paths = set()
            while not paths:
                if stop.wait(interval):
                    return
                paths = changed(before, watched(preview))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
