"""The manager's narrative files (narrative/<section>.md, narrative/cy/...): read as UTF-8 text."""

from __future__ import annotations

from pathlib import Path

from report.errors import ReportError
from report.load.files import InputError, read_input

GLANCE = "at_a_glance"  # narrative/at_a_glance.md: the manager's words on "At a glance"


def read_narrative(root: Path, key: str) -> str | None:
    """narrative/<key>.md as text (a BOM dropped), or None when there is none; a file that
    cannot be read, or is not UTF-8, stops the run naming it."""
    path = root / "narrative" / f"{key}.md"
    if not path.exists() and not path.is_symlink():
        return None
    try:
        return read_input(path, root, f"narrative/{key}.md").decode("utf-8-sig")
    except InputError as exc:
        raise ReportError(str(exc)) from None
    except UnicodeDecodeError:
        raise ReportError(f"narrative/{key}.md: not UTF-8 text; save it as UTF-8") from None
