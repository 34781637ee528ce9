"""make messages, second step: merge the extracted template into each catalogue, deterministically.

Usage: python scripts/update_catalogue.py build/messages.pot
Keeps every translation whose msgid is still extracted, adds new msgids with an empty msgstr
(the tests then fail until they are translated), drops msgids no longer in the code (listed),
and writes the .po sorted, without source locations or dates, so it changes only when the text
does and merges cleanly between branches.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from report.i18n import DOMAIN, ENGLISH, LANGUAGES, po_path

HEADER = """\
Welsh (Cymraeg) text of iro-report's fixed strings. These translations are ours (the
iro-report maintainers'), marked for review by the council's translation service before
publication: see README "Languages". Update with `make messages`; never edit the msgids."""


def main(template_path: str) -> int:
    with open(template_path, "rb") as handle:
        template = read_po(handle)
    for lang in LANGUAGES:
        if lang == ENGLISH:
            continue
        path = po_path(lang)
        old = Catalog(locale=lang)
        if path.exists():
            with path.open("rb") as handle:
                old = read_po(handle, locale=lang)
        new = Catalog(
            locale=lang,
            domain=DOMAIN,
            header_comment="\n".join(f"# {line}" for line in HEADER.splitlines()),
            project="iro-report",
            last_translator="iro-report maintainers, for review by the council's translators",
            language_team="Welsh",
            fuzzy=False,
        )
        added, dropped = [], []
        for message in template:
            if not message.id:
                continue
            found = old.get(message.id)
            new.add(message.id, found.string if found else _empty(message.id))
            if found is None or not found.string:
                added.append(message.id)
        for message in old:
            if message.id and message.id not in new:
                dropped.append(message.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, new, width=100, no_location=True, omit_header=False, sort_output=True)
        _fix_header(path)
        for mid in added:
            print(f"{lang}: needs a translation: {_one(mid)}")
        for mid in dropped:
            print(f"{lang}: no longer used, removed: {_one(mid)}")
    return 0


def _empty(msgid: object) -> object:
    return ("",) * len(msgid) if isinstance(msgid, tuple) else ""


def _one(msgid: object) -> str:
    return str(msgid[0] if isinstance(msgid, tuple) else msgid)


def _fix_header(path: Path) -> None:
    """Babel writes today's date, its version and placeholders into the header: keep none."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    drop = ('"POT-Creation-Date', '"PO-Revision-Date', '"Generated-By', '"Report-Msgid-Bugs-To')
    keep = [
        line.replace("iro-report VERSION", "iro-report").replace(" <EMAIL@ADDRESS>", "")
        for line in lines
        if not line.startswith(drop)
    ]
    path.write_text("".join(keep), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
