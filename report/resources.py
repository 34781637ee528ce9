"""Where the package's templates are: inside an installed wheel, else the checkout's templates/."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries templates/ as package data at report/templates (pyproject.toml maps it);
# in the checkout (an editable install, or `python -m report` from the top folder) they are
# the top-level templates/ beside report/.
TEMPLATES_DIR = (
    _PACKAGE / "templates" if (_PACKAGE / "templates").is_dir() else _PACKAGE.parent / "templates"
)
