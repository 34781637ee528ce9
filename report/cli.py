"""The iro-report command: build, validate, papers, preview, sections, init (thin wrappers)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

from report.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, ReportError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iro-report",
        description="Build the annual report of a council's Independent Reviewing Officer "
        "service from SSDA903 returns and local extracts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def with_inputs(p: argparse.ArgumentParser, many: bool = False) -> None:
        if many:
            p.add_argument(
                "--config",
                type=Path,
                action="append",
                help="config file (default: config.yaml); repeat it to build several councils "
                "at once, in parallel",
            )
        else:
            p.add_argument(
                "--config",
                type=Path,
                default=Path("config.yaml"),
                help="config file (default: config.yaml)",
            )
        p.add_argument("--data", type=Path, help="data folder (overrides report.data)")
        p.add_argument("--year", help="reporting year such as 2024-25 (overrides report.year)")

    build = sub.add_parser(
        "build",
        help="build the report (PDF, HTML, figures, tables)",
        description="Build report.pdf, report.html, figures.json, "
        "tables/*.csv, validation.csv and manifest.json.",
    )
    with_inputs(build, many=True)
    build.add_argument(
        "--out",
        type=Path,
        help="write the outputs directly into this folder "
        "(default: <report.output>/<council>-<year>/)",
    )
    build.add_argument(
        "--allow-errors",
        action="store_true",
        help="build even if the data has errors; the report is marked DRAFT",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="compute every figure and draw every chart again, ignoring <output parent>/.cache/",
    )
    build.add_argument("--quiet", action="store_true", help="no progress output")

    validate = sub.add_parser(
        "validate",
        help="check the input data and list every problem",
        description="Check every input file; print each problem and "
        "write validation.csv. Exit 1 if there are errors.",
    )
    with_inputs(validate)
    validate.add_argument("--out", type=Path, help="folder for validation.csv")

    papers = sub.add_parser(
        "papers",
        help="build papers.pdf: the committee cover report with the report as Appendix A",
        description="Build papers.pdf for the meeting in config.yaml's meeting section: a "
        "cover report (purpose, recommendation, summary figures, implications, background "
        "papers) followed by the annual report as Appendix A.",
    )
    with_inputs(papers)
    papers.add_argument(
        "--out",
        type=Path,
        help="write papers.pdf into this folder (default: <report.output>/<council>-<year>/)",
    )
    papers.add_argument(
        "--allow-errors",
        action="store_true",
        help="build even if the data has errors; the papers are marked DRAFT",
    )
    papers.add_argument("--quiet", action="store_true", help="no progress output")

    preview = sub.add_parser(
        "preview",
        help="show report.html in the browser, updated as the narrative and data change",
        description="Serve report.html on 127.0.0.1 and update it whenever a file in the data "
        "folder (narrative/*.md, priorities.yaml, the inputs) or the config changes: a narrative "
        "edit re-renders the page only, figures and charts are reused. The page reloads itself; "
        "problems are shown on it. No PDF is made and nothing is written. Ctrl-C stops it.",
    )
    with_inputs(preview)
    preview.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)"
    )
    preview.add_argument(
        "--allow-errors",
        action="store_true",
        help="preview even if the data has errors (the page is marked DRAFT)",
    )

    sub.add_parser(
        "sections",
        help="list the report's sections",
        description="List the registered sections in report order.",
    )

    init = sub.add_parser(
        "init",
        help="start a council's folder (or write the synthetic sample council)",
        description="Write a new council's folder into DIR: a commented config.yaml, data/ "
        "with narrative stubs and priorities.yaml, and templates/ with the header and one "
        "example row of every local extract. With --sample DIR, write the bundled synthetic "
        "council (Exampleshire) instead. DIR must be new or empty.",
    )
    init.add_argument("dir", type=Path, nargs="?", metavar="DIR", help="the new folder")
    init.add_argument(
        "--sample",
        type=Path,
        metavar="DIR",
        help="write the synthetic sample data into this folder instead",
    )
    return parser


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so clean-ups run as they do for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
Handlers = dict[int, Any]


def _stop_on_signals() -> Handlers:
    """SIGTERM (shutdown, kill) and SIGHUP (terminal closed) stop the run like Ctrl-C: staging's
    clean-up runs and the PDF child is ended. Returns the handlers it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum: int, _frame: FrameType | None) -> None:
        for sig in STOP_SIGNALS:  # a second signal must not interrupt the clean-up
            signal.signal(sig, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig in STOP_SIGNALS:
        signal.signal(sig, stop)
    return previous


def _restore_signals(previous: Handlers) -> None:
    for sig, handler in previous.items():
        if handler is not None:
            signal.signal(sig, handler)


@contextmanager
def _progress(quiet: bool) -> Iterator[tuple[Any, Callable[[str], None]]]:
    """A stderr console with a spinner; each step is shown and logged."""
    from rich.console import Console

    console = Console(stderr=True, quiet=quiet, log_path=False)
    with console.status("Starting", spinner="dots") as status:

        def progress(message: str) -> None:
            status.update(message)
            console.log(message)

        yield console, progress


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous: Handlers = {}
    try:
        previous = _stop_on_signals()
        handler = {
            "build": _build,
            "validate": _validate,
            "papers": _papers,
            "preview": _preview,
            "sections": _sections,
            "init": _init,
        }[args.command]
        return handler(args)
    except ReportError as exc:
        print(f"iro-report: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        print("iro-report: stopped; earlier outputs are untouched.", file=sys.stderr)
        return 128 + exc.signum if isinstance(exc, Stopped) else 130
    except Exception as exc:  # a bug: say so plainly; IRO_REPORT_DEBUG=1 shows the traceback
        if os.environ.get("IRO_REPORT_DEBUG"):
            raise
        print(
            f"iro-report: internal error ({type(exc).__name__}); earlier outputs are untouched. "
            "Please report it; run with IRO_REPORT_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return EXIT_DATA
    finally:
        _restore_signals(previous)


def _config(args: argparse.Namespace) -> Any:
    from report.config import load_config

    overrides: dict[str, Any] = {}
    if args.data:
        overrides["report.data"] = str(args.data)
    if args.year:
        overrides["report.year"] = args.year
    return load_config(args.config, overrides)


def _unchanged(config: Any, out: Path | None, args: argparse.Namespace) -> Path | None:
    """The output folder when it already holds this build's outputs (same fingerprint, intact),
    found without importing pandas or WeasyPrint; else None. --no-cache always builds."""
    if args.no_cache:
        return None
    from report import fingerprint, outdir

    target = (out or config.out_dir).resolve()
    outdir.check_target(target, data=config.data_dir, config_file=config.source)
    if fingerprint.unchanged(config, target, allow_errors=args.allow_errors):
        return target
    return None


def _nothing_changed(where: Path) -> str:
    return f"Nothing changed since the last build: the outputs in {where} are up to date."


def _build(args: argparse.Namespace) -> int:
    configs: list[Path] = args.config or [Path("config.yaml")]
    if len(configs) > 1:
        return _build_many(args, configs)
    args.config = configs[0]
    config = _config(args)
    same = _unchanged(config, args.out, args)
    if same is not None:
        if not args.quiet:
            print(_nothing_changed(same), file=sys.stderr)
        return EXIT_OK
    from report.pipeline import build_report

    with _progress(args.quiet) as (console, progress):
        result = build_report(
            config,
            allow_errors=args.allow_errors,
            out_dir=args.out,
            progress=progress,
            use_cache=not args.no_cache,
        )
    where = result.out_dir
    console.print(
        f"Built the {config.period.label} report in {where}"
        + (" (DRAFT: the data has errors)" if result.draft else "")
    )
    if result.issues.warnings:
        console.print(f"{result.issues.warnings} warning(s); see {where / 'validation.csv'}")
    for warning in result.warnings:
        console.print(f"WARNING: {warning}", markup=False)
    return EXIT_OK


def _build_many(args: argparse.Namespace, configs: list[Path]) -> int:
    """Several councils, each in its own process (as many at once as there are cores): one line
    per council as it finishes; a council that fails is reported and the others carry on."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if args.out or args.data:
        raise ReportError(
            "--out and --data name one council's folders: with several --config files, set "
            "report.output and report.data in each config instead",
            EXIT_USAGE,
        )
    failed: list[str] = []
    todo: dict[Path, Any] = {}  # output folder -> config
    for path in configs:
        try:
            config = _config(argparse.Namespace(config=path, data=None, year=args.year))
        except ReportError as exc:
            failed.append(f"FAILED {path}: {exc.message}")
            continue
        target = config.out_dir.resolve()
        if target in todo:
            failed.append(f"FAILED {path}: writes to {target}, as {todo[target].source} does")
            continue
        todo[target] = config
    for line in failed:
        print(line, file=sys.stderr, flush=True)
    if todo:
        workers = max(1, min(len(todo), os.cpu_count() or 1))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(_build_one, config, args) for config in todo.values()]
            try:
                for job in as_completed(jobs):
                    ok, line = job.result()
                    if not ok:
                        failed.append(line)
                    print(line, file=sys.stdout if ok else sys.stderr, flush=True)
            except KeyboardInterrupt as exc:
                # Ctrl-C reached every process; SIGTERM or SIGHUP only this one: pass it on, so
                # each council's build stops cleanly (earlier outputs kept) before we return.
                workers_now = list((getattr(pool, "_processes", None) or {}).values())
                pool.shutdown(wait=False, cancel_futures=True)
                if isinstance(exc, Stopped):
                    for process in workers_now:
                        with suppress(OSError):
                            os.kill(process.pid, exc.signum)
                raise
    built = len(configs) - len(failed)
    print(
        f"{built} of {len(configs)} council(s) built"
        + (f"; {len(failed)} failed." if failed else ".")
    )
    return EXIT_DATA if failed else EXIT_OK


def _build_one(config: Any, args: argparse.Namespace) -> tuple[bool, str]:
    """One council's build in a worker process: (succeeded, the line that says so)."""
    name = f"{config.council.name} ({config.source})"
    try:
        same = _unchanged(config, None, args)
        if same is not None:
            return True, f"Unchanged {name}: {_nothing_changed(same)}"
        from report.pipeline import build_report

        result = build_report(config, allow_errors=args.allow_errors, use_cache=not args.no_cache)
    except ReportError as exc:
        return False, f"FAILED {name}: {exc.message}"
    except KeyboardInterrupt:
        return False, f"FAILED {name}: stopped"
    except Exception as exc:  # a bug in one council's build must not stop the others
        return False, f"FAILED {name}: internal error ({type(exc).__name__})"
    draft = " (DRAFT: the data has errors)" if result.draft else ""
    return True, f"Built {name}: {config.period.label} report in {result.out_dir}{draft}"


def _papers(args: argparse.Namespace) -> int:
    from report.papers_build import build_papers

    config = _config(args)
    with _progress(args.quiet) as (console, progress):
        result = build_papers(
            config, allow_errors=args.allow_errors, out_dir=args.out, progress=progress
        )
    deadline = result.publish_by
    console.print(
        f"Built the committee papers in {result.path}"
        + (" (DRAFT: the data has errors)" if result.draft else "")
        + f"; publish them by {deadline:%A} {deadline.day} {deadline:%B %Y}"
    )
    if len(result.files) > 1:
        console.print(f"Also in {', '.join(result.files[1:])} (the Welsh papers)")
    for warning in result.warnings:
        console.print(f"WARNING: {warning}", markup=False)
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from report import preview

    if not 0 <= args.port <= 65535:
        raise ReportError(f"--port {args.port}: expected a port number from 0 to 65535", EXIT_USAGE)
    _config(args)  # a config that cannot be read stops here, before anything is served
    live = preview.Preview(lambda: _config(args), args.config, allow_errors=args.allow_errors)
    try:
        server = preview.make_server(live, args.port)
    except OSError as exc:
        raise ReportError(
            f"cannot serve on {preview.HOST}:{args.port} ({exc.strerror}); "
            "try another --port, or leave it out for any free port",
            EXIT_USAGE,
        ) from None
    port = server.server_address[1]
    print(f"Preview at http://{preview.HOST}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        preview.run(live, server, stop=threading.Event(), say=lambda m: print(m, flush=True))
    except KeyboardInterrupt:
        print("Preview stopped.", flush=True)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from rich.console import Console

    from report.load.issues import describe
    from report.pipeline import validate_data
    from report.records import write_validation

    config = _config(args)
    console = Console(highlight=False)
    checked = validate_data(config)
    issues = checked.data.issues
    for row in issues.sorted_rows():
        console.print(describe(row), markup=False)
    summary = issues.summary()
    if summary:
        console.print("\nSummary by rule:", markup=False)
        for item in summary:
            console.print(
                f"  {item['severity']:7} {item['count']:6} {item['file']}: {item['rule']}",
                markup=False,
            )
    from report.rules.reconcile import reconcile

    rows = reconcile(checked.data.returns, checked.history, issues)
    path = write_validation(issues, args.out or config.out_dir, config, rows)
    console.print(
        f"\n{issues.errors} error(s), {issues.warnings} warning(s)"
        + (f", {issues.accepted} accepted in config" if issues.accepted else "")
        + f". Written to {path} and {path.with_name('reconciliation.csv')} (each return's"
        " counts beside the report's)",
        markup=False,
    )
    return EXIT_DATA if issues.errors else EXIT_OK


def _sections(_args: argparse.Namespace) -> int:
    from report.sections import registry

    for number, section in enumerate(registry(), start=1):
        needs = f"  [needs {', '.join(section.needs)}]" if section.needs else ""
        print(f"{number:2}. {section.key:18} {section.title}{needs}")
        if section.summary:
            print(f"    {'':18} {section.summary}")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from datetime import date

    from report.starter import refuse_non_empty, write_starter

    if (args.dir is None) == (args.sample is None):
        raise ReportError(
            "init needs one folder: `iro-report init DIR` (a new council) or "
            "`iro-report init --sample DIR` (the synthetic sample)",
            EXIT_USAGE,
        )
    if args.sample is not None:
        from report.sample import generate

        refuse_non_empty(args.sample)
        generate(args.sample)
        print(f"Wrote the synthetic sample council to {args.sample}")
        return EXIT_OK
    write_starter(args.dir, date.today())
    print(
        f"Started a council folder in {args.dir}: edit config.yaml, put the 903 returns in "
        f"{args.dir / 'data' / 'ssda903'}/<year>/ and the local extracts (from templates/) in "
        f"{args.dir / 'data' / 'local'}/, then run `iro-report validate --config "
        f"{args.dir / 'config.yaml'}`"
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
