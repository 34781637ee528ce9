"""Parts of a section's narrative that its template shows in their own place, found by their
heading (e.g. "## Children in Care Council" in narrative/voice.md), taken out of the rest."""

from __future__ import annotations

import re

# section key -> part key -> the headings that start it (English, and the Welsh narrative's)
PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "voice": {"council": ("Children in Care Council", "Cyngor Plant mewn Gofal")},
}
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def split(key: str, text: str | None) -> tuple[str | None, dict[str, str]]:
    """(the narrative without its parts, {part: its text}) for section `key`.

    A part runs from its heading (any level, any letter case) to the next heading of the same
    or a higher level. The lines taken out are left blank in the rest, and each part keeps the
    blank lines before it, so a problem in either is reported at its line in the file."""
    wanted = PARTS.get(key)
    if text is None or not wanted:
        return text, {}
    by_heading = {h.casefold(): part for part, hs in wanted.items() for h in hs}
    lines = text.splitlines()
    rest = list(lines)
    found: dict[str, list[str]] = {}
    current: str | None = None
    level = 0
    for number, line in enumerate(lines):
        match = HEADING.match(line)
        if match and current is not None and len(match.group(1)) <= level:
            current = None
        if match and match.group(2).casefold() in by_heading and current is None:
            current, level = by_heading[match.group(2).casefold()], len(match.group(1))
            found.setdefault(current, [""] * number)
            rest[number] = ""
            continue
        if current is not None:
            found[current].append(line)
            rest[number] = ""
    parts = {part: "\n".join(body) for part, body in found.items() if "".join(body).strip()}
    remaining = "\n".join(rest)
    return (remaining if remaining.strip() else None), parts
