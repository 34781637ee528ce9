"""The manager's Markdown: figure references in a Jinja sandbox, then CommonMark without HTML."""

from __future__ import annotations

import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt

from report.errors import ReportError

TEMPLATE_FILE = "<template>"
FIRST_HEADING = 3  # the report has one h1 and a h2 per section: narrative headings start at h3


@dataclass(frozen=True)
class NarrativeFigure:
    """What a narrative can read from a figure: its published (suppressed, formatted) strings."""

    label: str
    value: str
    pct: str
    numerator: str
    denominator: str
    previous: str
    change: str


class UnknownFigureError(Exception):
    """A narrative referred to a figure id that the report does not have.

    Not a LookupError, so Jinja does not turn it into an undefined value.
    """

    def __init__(self, figure_id: object) -> None:
        super().__init__(f"unknown figure {figure_id!r}")
        self.figure_id = figure_id


class FigureLookup(Mapping[str, object]):
    """Read-only figures by id for narrative templates; an unknown id is an error."""

    def __init__(self, figures: Mapping[str, object]) -> None:
        self._figures = dict(figures)

    def __getitem__(self, key: str) -> object:
        try:
            return self._figures[key]
        except (KeyError, TypeError):
            raise UnknownFigureError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._figures)

    def __len__(self) -> int:
        return len(self._figures)


MAX_CHARS = 200_000  # a narrative is some paragraphs: far longer text is a mistake or abuse


class NarrativeEnvironment(SandboxedEnvironment):
    """Jinja's sandbox (no attributes starting with _, no loader: no include, import or extends;
    ranges of at most 100,000), plus bounds on the operators that build huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            raise SecurityError("the ** operator is not allowed in a narrative")
        repeated, times = (left, right) if isinstance(right, int) else (right, left)
        sized = isinstance(repeated, str | list | tuple) and isinstance(times, int)
        if sized and len(repeated) * times > MAX_CHARS:
            raise SecurityError(f"the text would be longer than {MAX_CHARS:,} characters")
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    return NarrativeEnvironment(autoescape=True, undefined=StrictUndefined)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.disable("image")  # a picture would need its own alt text and would be fetched
    return md


def render_narrative(markdown_text: str, figures: Mapping[str, object], source_name: str) -> str:
    """Render one narrative file to HTML; problems become a ReportError naming file and line."""
    text = _fill_figures(markdown_text, figures, source_name)
    md = _markdown()
    tokens = md.parse(text)
    _nest_headings(tokens)
    html: str = md.renderer.render(tokens, md.options, {})
    return html


def _nest_headings(tokens: list[Any]) -> None:
    """Headings used, in rank order, become h3, h4, ... (never h1/h2, never skipping a level)."""
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    ranks = {level: i for i, level in enumerate(sorted({t.tag for t in headings}))}
    for token in headings:
        token.tag = f"h{min(FIRST_HEADING + ranks[token.tag], 6)}"


def _fill_figures(markdown_text: str, figures: Mapping[str, object], source_name: str) -> str:
    env = _environment()
    try:
        template = env.from_string(markdown_text)
        parts: list[str] = []
        size = 0
        for part in template.generate(figures=FigureLookup(figures)):
            size += len(part)
            if size > MAX_CHARS:
                raise SecurityError(f"the text would be longer than {MAX_CHARS:,} characters")
            parts.append(part)
        return "".join(parts)
    except TemplateSyntaxError as exc:
        raise _error(source_name, exc.lineno, exc.message or str(exc)) from None
    except UnknownFigureError as exc:
        raise _error(source_name, _template_line(exc), str(exc)) from None
    except TemplateError as exc:
        raise _error(source_name, _template_line(exc), _explain(exc.message or str(exc))) from None
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise _error(source_name, _template_line(exc), str(exc)) from None


def _explain(message: str) -> str:
    """Jinja's message, plus what a figure offers when an attribute was misspelt."""
    if f"{NarrativeFigure.__name__} object' has no attribute" in message:
        fields = ", ".join(NarrativeFigure.__dataclass_fields__)
        return f"{message.split(' has ', 1)[1]} (a figure has: {fields})"
    return message


def _template_line(exc: BaseException) -> int | None:
    """The narrative line an error happened on, from Jinja's rewritten traceback."""
    lines = [
        f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == TEMPLATE_FILE
    ]
    return lines[-1] if lines else None


def _error(source_name: str, line: int | None, message: str) -> ReportError:
    where = f"{source_name} line {line}" if line else source_name
    return ReportError(f"{where}: {message}")
