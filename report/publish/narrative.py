"""The manager's Markdown: figure references in a Jinja sandbox, then CommonMark without HTML."""

from __future__ import annotations

import math
import re
import string
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_environment, pass_eval_context
from jinja2.visitor import NodeTransformer
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

    def __str__(self) -> str:
        raise NotPlainError("a whole figure cannot be shown: use .value, .pct, .numerator, ...")

    __html__ = __str__

    def __format__(self, spec: str) -> str:
        return self.__str__()


class NotPlainError(SecurityError):
    """Something other than text or a number was to be shown (an object, a list of figures)."""


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

    def __str__(self) -> str:
        raise NotPlainError('all the figures cannot be shown: pick one, figures["id"].value')

    __html__ = __str__

    def __format__(self, spec: str) -> str:
        return self.__str__()


MAX_CHARS = 200_000  # a narrative is some paragraphs: far longer text is a mistake or abuse


MAX_STEPS = 1_000_000  # loop turns and calls: a narrative needs hundreds
MAX_SECONDS = 10.0  # and however it spends its steps, no longer than this
MAX_DEPTH = 40  # macros calling macros (a macro that calls itself stops here)
MAX_WIDTH = 1_000  # a padding or format width ("center", "%9999d"): wider is a mistake
PLAIN = (str, int, float)  # what may be shown: text and numbers (bool is an int)
# Filters that would make the output differ between builds, or show a Python object.
REMOVED_FILTERS = ("random", "pprint", "xmlattr")
REMOVED_GLOBALS = ("lipsum", "cycler", "joiner")
WIDTH_FIELD = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


class NarrativeEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox (no attributes starting with _, no loader: no include, import
    or extends; no changing lists or dicts; ranges of at most 100,000), and bounded work: every
    loop turn and call is a step (at most MAX_STEPS, and MAX_SECONDS), macros nest at most
    MAX_DEPTH deep, operators, joins and format widths cannot build text over MAX_CHARS, and
    only text and numbers are shown."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_plain)
        self.steps = 0
        self.depth = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        for name in REMOVED_GLOBALS:
            self.globals.pop(name, None)
        self.filters.update(_bounded_filters(dict(self.filters)))  # wrapping the originals

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SecurityError(
                f"the narrative does more than {MAX_STEPS:,} steps (loop turns and calls); "
                "a loop inside a loop?"
            )
        if self.steps % 1000 == 0 and time.monotonic() > self.deadline:
            raise SecurityError(f"the narrative took longer than {MAX_SECONDS:.0f} seconds")

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """A for loop's items, each a step."""
        for item in iterable:
            self.step()
            yield item

    def joined(self, *parts: Any) -> str:
        """The ~ operator: plain values only, and never longer than MAX_CHARS."""
        for part in parts:
            _plain(part)
        _check_size(sum(len(str(p)) for p in parts))
        return str(markup_join(parts))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        bounded: nodes.Template = _Bounded().visit(tree)
        return bounded

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.step()
        _check_str_method(__obj, args)
        if __self.depth >= MAX_DEPTH:
            raise SecurityError(
                f"macros call each other more than {MAX_DEPTH} deep (a macro that calls itself?)"
            )
        __self.depth += 1
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self.depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            raise SecurityError("the ** operator is not allowed in a narrative")
        if operator == "*":
            repeated, times = (left, right) if isinstance(right, int) else (right, left)
            sized = isinstance(repeated, str | list | tuple) and isinstance(times, int)
            if sized:
                _check_size(len(repeated) * times)
        elif operator == "+" and isinstance(left, str | list | tuple):
            if isinstance(right, str | list | tuple):
                _check_size(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = str(value.__self__)
        for _text, _field, spec, _conversion in string.Formatter().parse(template):
            if spec and ("{" in spec or _too_wide(re.findall(r"\d+", spec))):
                raise SecurityError(f"a format width over {MAX_WIDTH} is not allowed")

        def checked(*args: Any, **kwargs: Any) -> str:
            for arg in [*args, *kwargs.values()]:
                if not isinstance(arg, Mapping):
                    _plain(arg)
            result = wrapped(*args, **kwargs)
            _check_size(len(result))
            return result

        return checked


class _Bounded(NodeTransformer):
    """Every for loop's items counted as steps; every ~ checked (size, plain values)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        counted = nodes.EnvironmentAttribute("counted", lineno=node.lineno)
        node.iter = nodes.Call(counted, [node.iter], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        joined = nodes.EnvironmentAttribute("joined", lineno=node.lineno)
        return nodes.Call(joined, list(node.nodes), [], None, None, lineno=node.lineno)


def _plain(value: Any) -> Any:
    """`value` if it may be shown (text or a number), else an error saying what it is."""
    if isinstance(value, PLAIN):
        if isinstance(value, float) and not math.isfinite(value):
            raise NotPlainError("only finite numbers can be shown")
        return value
    if value is None:
        raise NotPlainError("nothing (none) cannot be shown")
    str(value)  # a figure or the figures say what to use instead
    raise NotPlainError(f"only text and numbers can be shown, not a {type(value).__name__}")


def _check_size(size: int) -> None:
    if size > MAX_CHARS:
        raise SecurityError(f"the text would be longer than {MAX_CHARS:,} characters")


def _too_wide(numbers: list[str]) -> bool:
    return any(len(n) > 6 or int(n) > MAX_WIDTH for n in numbers)


def _check_format(template: str, values: Any) -> None:
    """printf-style formatting: widths bounded, and only plain values formatted."""
    for match in WIDTH_FIELD.finditer(template):
        widths = [w for w in match.groups() if w]
        if "*" in widths or _too_wide(widths):
            raise SecurityError(f"a format width over {MAX_WIDTH} is not allowed")
    items = values.values() if isinstance(values, Mapping) else values
    for item in items if isinstance(values, tuple | Mapping) else [values]:
        _plain(item)


WIDENING = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def _check_str_method(obj: Any, args: tuple[Any, ...]) -> None:
    """Text methods that widen or multiply: 'x'.center(10**9), s.replace('x', s), ...join()."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    if name in WIDENING and args and isinstance(args[0], int) and args[0] > MAX_CHARS:
        raise SecurityError(f"a width over {MAX_CHARS:,} is not allowed")
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        new = args[1]
        if isinstance(new, str) and owner.count(args[0]) * len(new) + len(owner) > MAX_CHARS:
            _check_size(MAX_CHARS + 1)
    if name == "join" and args:
        items = list(args[0]) if isinstance(args[0], list | tuple | str) else []
        for item in items:
            _plain(item)
        _check_size(sum(len(str(i)) for i in items) + len(owner) * len(items))


def _bounded_filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """The filters that stringify, widen or add up, wrapped with the same bounds."""

    def center(value: Any, width: int = 80) -> Any:
        if isinstance(width, int) and width > MAX_CHARS:
            raise SecurityError(f"a width over {MAX_CHARS:,} is not allowed")
        return filters["center"](_plain(value), width)

    def indent(value: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> Any:
        if (isinstance(width, int) and width > MAX_WIDTH) or (
            isinstance(width, str) and len(width) > MAX_WIDTH
        ):
            raise SecurityError(f"an indent over {MAX_WIDTH} is not allowed")
        result = filters["indent"](_plain(value), width, *args, **kwargs)
        _check_size(len(result))
        return result

    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_format(str(_plain(value)), args or kwargs)
        return filters["format"](value, *args, **kwargs)

    @pass_eval_context
    def replace(ctx: Any, value: Any, old: str, new: str, count: int | None = None) -> Any:
        text = str(_plain(value))
        _check_size(len(text) + text.count(str(old)) * len(str(new)))
        return filters["replace"](ctx, value, old, new, count)

    @pass_eval_context
    def joined(ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        if attribute is None:
            for item in items:
                _plain(item)
        result = filters["join"](ctx, items, d, attribute)
        _check_size(len(result))
        return result

    def text(value: Any) -> Any:
        return filters["string"](_plain(value))

    @pass_environment
    def total(env: Any, value: Iterable[Any], attribute: Any = None, start: Any = 0) -> Any:
        items = list(value)
        if attribute is None and not all(isinstance(i, int | float) for i in [start, *items]):
            raise NotPlainError("sum adds up numbers only")
        return filters["sum"](env, items, attribute, start)

    @pass_eval_context
    def tojson(ctx: Any, value: Any, indent: int | None = None) -> Any:
        return filters["tojson"](ctx, _plain(value), indent)

    return {
        "center": center,
        "indent": indent,
        "format": format_,
        "replace": replace,
        "join": joined,
        "string": text,
        "sum": total,
        "tojson": tojson,
    }


def _environment() -> NarrativeEnvironment:
    return NarrativeEnvironment()


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
        text = "".join(parts)
    except TemplateSyntaxError as exc:
        raise _error(source_name, exc.lineno, exc.message or str(exc)) from None
    except UnknownFigureError as exc:
        raise _error(source_name, _template_line(exc), str(exc)) from None
    except TemplateError as exc:
        raise _error(source_name, _template_line(exc), _explain(exc.message or str(exc))) from None
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise _error(source_name, _template_line(exc), str(exc)) from None
    except RecursionError as exc:
        raise _error(source_name, _template_line(exc), "it calls itself too deeply") from None
    except MemoryError:
        raise _error(source_name, None, "it would need more memory than the machine has") from None
    if OBJECT_REPR.search(text):
        raise _error(source_name, None, "it shows a Python object, not a value")
    return text


OBJECT_REPR = re.compile(r" at 0x[0-9a-fA-F]+>|&lt;[\w.]+ object at 0x")


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


PART_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def split_parts(
    text: str | None, figures: Mapping[str, object], headings: Mapping[str, str], source: str
) -> dict[str, str]:
    """A narrative made of parts headed "## <heading>" (those of `headings`, key: heading,
    any letter case), each part rendered like a narrative; empty parts are left out.

    Text before the first heading or under another heading is refused, so nothing the author
    wrote is silently dropped."""
    if text is None:
        return {}
    by_heading = {heading.lower(): key for key, heading in headings.items()}
    found: dict[str, list[str]] = {}
    current: str | None = None
    starts: dict[str, int] = {}

    def problem(line: int, what: str) -> ReportError:
        listed = ", ".join(f"'## {h}'" for h in headings.values())
        return ReportError(
            f"{source} line {line}: {what}; the file is made of parts headed {listed}, "
            "each optional."
        )

    for number, line in enumerate(text.splitlines(), start=1):
        match = PART_HEADING.match(line)
        if match:
            key = by_heading.get(match.group(1).strip().lower())
            if key is None:
                raise problem(number, f"unknown heading '{match.group(1)}'")
            if key in found:
                raise problem(number, f"'{match.group(1)}' appears twice")
            current, starts[key] = key, number
            found[key] = []
        elif current is None:
            if line.strip():
                raise problem(number, "text before the first heading")
        else:
            found[current].append(line)
    parts = {}
    for key, lines in found.items():
        body = "\n".join(lines)
        if body.strip():
            # Blank lines in front keep the line numbers of error messages right.
            parts[key] = render_narrative("\n" * starts[key] + body, figures, source)
    return parts
