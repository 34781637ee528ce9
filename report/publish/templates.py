"""The one Jinja2 environment for the package's templates (report, sections, papers)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from report import i18n
from report.resources import TEMPLATES_DIR


@cache
def environment() -> Environment:
    """The templates' Jinja2 environment, with `_()` in the current language (jinja2.ext.i18n:
    the language is looked up at each call, so one environment serves every language)."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(environment)
    return environment


def section_template(key: str) -> str:
    """templates/sections/<key>.html when it exists, else the generic partial."""
    specific = f"sections/{key}.html"
    return specific if (TEMPLATES_DIR / specific).is_file() else "sections/_generic.html"


def stylesheet() -> str:
    """templates/report.css, put inline in the page."""
    return (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
