"""The fingerprint of everything a build's outputs are made from, read without pandas or WeasyPrint.

A build records it in the output folder's marker (report/outdir.py) beside each output's hash;
the CLI computes it first, and when the folder holds intact outputs of the same fingerprint it
reports that nothing changed and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from report import outdir
from report.cache import digest, source_hash
from report.errors import ReportError
from report.load.files import InputError, check_input, read_input

if TYPE_CHECKING:
    from report.config import Config

# where the data, the outputs and the Word template are is no part of the outputs (the
# template's content is)
PLACES = {"report": {"data", "output"}, "publishing": {"word_template"}}


def inputs_sha256(root: Path) -> dict[str, str]:
    """Every input file's hash. Folders holding this tool's outputs (from a version that let
    them be written there) are not inputs and are skipped; a file that is not a regular file,
    or a link out of the data folder, stops the build (it could hang or leak the run)."""
    found: dict[str, str] = {}
    problems: list[str] = []
    skipped: list[Path] = []
    for path in sorted(root.rglob("*")):
        if any(path.is_relative_to(s) for s in skipped):
            continue
        name = path.relative_to(root).as_posix()
        if path.is_dir() and not path.is_symlink():
            if outdir.is_output(path):
                skipped.append(path)
            continue
        try:
            check_input(path, root, name)
            found[name] = hashlib.sha256(read_input(path, root, name)).hexdigest()
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise ReportError.from_problems(
            f"The data in {root} cannot be used until these are fixed:", problems
        )
    return found


def installed() -> list[str]:
    """The name and version of every installed distribution (its dist-info folder's name), so
    an upgraded dependency (whose version the manifest records) changes the fingerprint."""
    names: set[str] = set()
    for entry in sys.path:
        try:
            names.update(n for n in os.listdir(entry or ".") if n.endswith(".dist-info"))
        except OSError:
            continue
    return sorted(names)


def of(config: Config, inputs: dict[str, str], *, allow_errors: bool) -> str:
    """What a build's outputs depend on: the tool (version, code, templates), Python and the
    installed packages, the config file and its settings (after command-line overrides), every
    input file (narrative included), --allow-errors and SOURCE_DATE_EPOCH."""
    source = config.source
    return digest(
        "build",
        source_hash(),
        sys.version,
        zlib.ZLIB_RUNTIME_VERSION,
        *installed(),
        source.read_bytes() if source.is_file() else b"",
        # where the data and outputs are is no part of the outputs (the manifest leaves it out)
        json.dumps(config.model_dump(mode="json", exclude=PLACES), sort_keys=True),
        str(allow_errors),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        *(f"{name} {sha}" for name, sha in inputs.items()),
        template_sha256(config),
    )


def template_sha256(config: Config) -> str:
    """The hash of the council's Word template (publishing.word_template), or ""."""
    path = config.publishing.word_template
    if path is None:
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"  # the build itself says why


def unchanged(config: Config, target: Path, *, allow_errors: bool) -> bool:
    """True when `target` holds the intact outputs of a build from the same fingerprint."""
    recorded = outdir.recorded_fingerprint(target)
    if recorded is None:
        return False
    current = of(config, inputs_sha256(config.data_dir), allow_errors=allow_errors)
    return recorded == current and outdir.intact(target)
