"""The build's record files: validation.csv, reconciliation.csv and manifest.json."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from report import fingerprint, outdir
from report.config import Config
from report.fingerprint import inputs_sha256
from report.load.issues import Issues
from report.model import Reconciled
from report.staging import write_text_into, writing

if TYPE_CHECKING:
    pass

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
        "version": package_version("iro-report"),
        "dependencies": {name: package_version(name) for name in DEPENDENCIES},
        "config_sha256": sha256_of(config.source) if config.source.is_file() else "",
        "word_template_sha256": fingerprint.template_sha256(config),
        "settings": settings,
        "allow_errors": allow_errors,
        "collections": collections,
        "inputs_sha256": inputs_sha256(root) if inputs is None else inputs,
    }


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


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def write_json(path: Path, value: object) -> None:
    path.write_text(
        json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
