"""priorities.yaml: last year's priorities with their status, and next year's (DESIGN 3).

The file is optional. Its layout:

    last_year:
      - title: Improve the timeliness of reviews
        status: partly            # achieved, partly or not_achieved
        commentary: What happened.
    next_year:
      - title: Hold every review on time
        detail: How we will do it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from report import yamlfile
from report.i18n import N_
from report.load.yamlinput import read_yaml

FILE = "priorities.yaml"
STATUSES: dict[str, str] = {
    "achieved": N_("Achieved"),
    "partly": N_("Partly achieved"),
    "not_achieved": N_("Not achieved"),
}
TOP_KEYS = ("last_year", "next_year")


@dataclass(frozen=True)
class LastYearPriority:
    title: str
    status: str  # a key of STATUSES
    commentary: str = ""

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True)
class NextYearPriority:
    title: str
    detail: str = ""


@dataclass(frozen=True)
class Priorities:
    last_year: list[LastYearPriority] = field(default_factory=list)
    next_year: list[NextYearPriority] = field(default_factory=list)


def read_priorities(root: Path, problems: list[str]) -> Priorities | None:
    """Read <root>/priorities.yaml; None when there is no such file or it has problems.

    Every problem (naming the file, the list, the item number and what was expected) is
    appended to `problems`; the loader reports them all at once.
    """
    read = read_yaml(root, FILE, problems)
    if read is None:
        return None
    raw = yamlfile.construct(read.node)
    if raw is None:
        return Priorities()
    if not isinstance(raw, dict):
        problems.append(f"{FILE}: expected the keys last_year and next_year, each a list")
        return None
    found: list[str] = []
    unknown = sorted(str(k) for k in raw if k not in TOP_KEYS)
    if unknown:
        found.append(
            f"{FILE}: unknown key(s) {', '.join(unknown)}; expected last_year and "
            f"next_year (check the spelling)"
        )
    last = [_last_item(i, item, found) for i, item in _items(raw, "last_year", found)]
    nxt = [_next_item(i, item, found) for i, item in _items(raw, "next_year", found)]
    if found:
        problems.extend(found)
        return None
    return Priorities(
        last_year=[p for p in last if p is not None],
        next_year=[p for p in nxt if p is not None],
    )


def _items(raw: dict[object, object], key: str, found: list[str]) -> list[tuple[int, object]]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        found.append(f"{FILE}: {key} should be a list of items (each starting with '- title:')")
        return []
    return list(enumerate(value, start=1))


def _last_item(n: int, item: object, found: list[str]) -> LastYearPriority | None:
    where = f"{FILE}: last_year item {n}"
    expected = "title, status (achieved, partly or not_achieved) and commentary"
    if not isinstance(item, dict):
        found.append(f"{where}: expected {expected}")
        return None
    ok = _unknown_keys(item, ("title", "status", "commentary"), where, found)
    title = _text(item, "title", where, found, required=True)
    commentary = _text(item, "commentary", where, found, required=False)
    status = item.get("status")
    normal = str(status).strip().lower() if isinstance(status, str) else None
    if normal not in STATUSES:
        shown = "missing" if status is None else f"{status!r}"
        found.append(f"{where}: status is {shown}; expected achieved, partly or not_achieved")
        return None
    if title is None or commentary is None or not ok:
        return None
    return LastYearPriority(title=title, status=normal, commentary=commentary)


def _next_item(n: int, item: object, found: list[str]) -> NextYearPriority | None:
    where = f"{FILE}: next_year item {n}"
    if not isinstance(item, dict):
        found.append(f"{where}: expected title and detail")
        return None
    ok = _unknown_keys(item, ("title", "detail"), where, found)
    title = _text(item, "title", where, found, required=True)
    detail = _text(item, "detail", where, found, required=False)
    if title is None or detail is None or not ok:
        return None
    return NextYearPriority(title=title, detail=detail)


def _unknown_keys(
    item: dict[object, object], allowed: tuple[str, ...], where: str, found: list[str]
) -> bool:
    unknown = sorted(str(k) for k in item if k not in allowed)
    if unknown:
        found.append(f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(allowed)}")
        return False
    return True


def _text(
    item: dict[object, object], key: str, where: str, found: list[str], *, required: bool
) -> str | None:
    """The stripped text of item[key]: "" when optional and absent; None after a problem."""
    value = item.get(key)
    if value is None and not required:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        shown = "missing" if value is None else "not text"
        found.append(f"{where}: {key} is {shown}; expected text")
        return None
    text = " ".join(str(value).split())
    if required and not text:
        found.append(f"{where}: {key} is blank; expected text")
        return None
    return text
