"""Languages of the published report: the message catalogue, `_`/`N_`, dates and numbers by Babel.

Fixed text is English in the code and templates, and translated when the report is laid out:

- `_("Key figures")` translates now, into the language of the enclosing `language(...)` block
  (publish code; templates use `{{ _("...") }}` through jinja2.ext.i18n, see `install`).
- `N_("Reviews held on time")` marks text made before the language is known (section modules,
  computed once for both languages): it returns a `Message`, a `str` whose value is the English
  text, carrying its msgid and parameters, so the publish layer's `_()` can translate it later.
  `N_("{count} reviews could not be assessed", count=n)` formats with `str.format`; a parameter
  that is itself a Message is translated too. `P_(singular, plural, n, **params)` is the plural.

The Welsh catalogue is report/locale/cy/LC_MESSAGES/messages.po (text, in git); it is compiled in
memory when first used, so no binary .mo is kept. `make messages` extracts every marked string
(babel.cfg) and updates the catalogue; tests fail while any string lacks its Welsh.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
ENGLISH = "en"
WELSH = "cy"
LANGUAGES: tuple[str, ...] = (ENGLISH, WELSH)
# The HTML lang attribute and the PDF's /Lang, by language.
HTML_LANG = {ENGLISH: "en-GB", WELSH: "cy"}
# The Babel locale for dates and numbers, by language.
BABEL_LOCALE = {ENGLISH: "en_GB", WELSH: "cy"}
NAMES = {ENGLISH: "English", WELSH: "Welsh"}
# What each language's outputs add to their file names: report.html, report.cy.html.
SUFFIX = {ENGLISH: "", WELSH: ".cy"}


def with_suffix(name: str, lang: str) -> str:
    """An output's file name in `lang`: report.docx, report.cy.docx."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}{SUFFIX[lang]}{dot}{ext}" if dot else f"{name}{SUFFIX[lang]}"


_active: ContextVar[str] = ContextVar("report_language", default=ENGLISH)
# The council's own words in the language being published (config.yaml welsh_text and the
# Welsh names), keyed by their English text as `_key` gives it: see `language(own=...)`.
_own: ContextVar[Mapping[str, str] | None] = ContextVar("report_own_words", default=None)


class Message(str):
    """Text marked for translation: its value is the English text, with its msgid kept."""

    msgid: str
    params: dict[str, Any]
    plural: str | None
    n: int | None

    def __new__(
        cls,
        msgid: str,
        params: Mapping[str, Any] | None = None,
        plural: str | None = None,
        n: int | None = None,
    ) -> Message:
        chosen = plural if plural is not None and n != 1 else msgid
        values = dict(params or {})
        if n is not None:
            values.setdefault("n", n)
        text = chosen.format(**values) if values else chosen
        self = super().__new__(cls, text)
        self.msgid = msgid
        self.params = values
        self.plural = plural
        self.n = n
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.msgid, self.params, self.plural, self.n))

    def __deepcopy__(self, memo: dict[int, Any]) -> Message:
        return self


def N_(msgid: str, **params: Any) -> Message:
    """Mark text to translate later (at publish time); the value is the English text."""
    return Message(msgid, params)


def P_(singular: str, plural: str, n: int, **params: Any) -> Message:
    """Mark text with a plural to translate later; `{n}` in it is the count."""
    return Message(singular, params, plural, n)


def current() -> str:
    """The language being published: "en" or "cy"."""
    return _active.get()


@contextmanager
def language(lang: str, own: Mapping[str, str] | None = None) -> Iterator[None]:
    """Translate with `lang` inside the block (and for code it calls).

    `own` gives the council's own words in `lang` (English text -> translation): text the
    catalogue cannot know (escalation themes, feedback questions, the committee's name).
    They are used where the catalogue has no translation, for text given to `_()` and for
    the plain-text parameters of a Message; English ignores them."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    words = {} if lang == ENGLISH else {_key(k): v for k, v in (own or {}).items()}
    token, own_token = _active.set(lang), _own.set(words)
    try:
        yield
    finally:
        _own.reset(own_token)
        _active.reset(token)


def _key(text: str) -> str:
    """Own words match whatever their case and spacing."""
    return " ".join(text.split()).casefold()


def own_word(text: str) -> str:
    """`text` in the council's own words for the current language, or `text` as it is."""
    words = _own.get()
    if not words or not isinstance(text, str):
        return text
    return words.get(_key(text), text)


def _(text: str) -> str:
    """`text` in the current language: a Message with its parameters, or a msgid as it is."""
    if not text:
        return text  # gettext("") would give the catalogue's header
    translations = _translations(current())
    if isinstance(text, Message):
        if text.plural is not None and text.n is not None:
            chosen = translations.ngettext(text.msgid, text.plural, text.n)
        else:
            chosen = translations.gettext(text.msgid)
            if chosen == text.msgid:
                chosen = own_word(chosen)
        if not text.params:
            return chosen
        return chosen.format(**{k: _param(v) for k, v in text.params.items()})
    chosen = translations.gettext(text)
    return own_word(chosen) if chosen == text else chosen


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural text for `n`, in the current language (no formatting)."""
    return _translations(current()).ngettext(singular, plural, n)


def _param(value: Any) -> Any:
    if isinstance(value, Message):
        return _(value)
    return own_word(value) if isinstance(value, str) else value


def install(environment: Any) -> None:
    """Give a Jinja2 environment (made with extensions=["jinja2.ext.i18n"]) `_`, `gettext`,
    `ngettext` and `{% trans %}` in the current language (newstyle: `_("%(n)s", n=1)`)."""
    environment.install_gettext_callables(
        gettext=lambda text: _translations(current()).gettext(text),
        ngettext=lambda s, p, n: _translations(current()).ngettext(s, p, n),
        newstyle=True,
    )


# ---------------------------------------------------------------- the catalogue


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    """The language's .po file as a Babel catalogue."""
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@cache
def _translations(lang: str) -> NullTranslations:
    """English is the source text; another language is compiled from its .po in memory."""
    if lang == ENGLISH:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(lang), use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# ---------------------------------------------------------------- dates and numbers


def long_date(day: date | str, *, weekday: bool = False) -> str:
    """31 March 2025 / 31 Mawrth 2025 (with the weekday first when asked)."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    return format_date(day, pattern, locale=BABEL_LOCALE[current()])


def number(value: Any, places: int = 0) -> str:
    """A number with the language's grouping and decimal signs, `places` decimals shown."""
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    try:
        return _number(kind, value, places, BABEL_LOCALE[current()])
    except TypeError:  # unhashable: formatted as it is
        return _number.__wrapped__(kind, value, places, BABEL_LOCALE[current()])


@lru_cache(maxsize=8192)
def _number(kind: str, value: Any, places: int, locale: str) -> str:
    """number(), formatted once per value, type and language (Babel parses the pattern on
    every call: a report formats a few thousand numbers, most of them more than once)."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=locale)
