"""voice.yaml: the quotes the manager approved and the "You said, we did" table, checked by
line and key; a quote with what looks like an identifier is never published.

The file is optional. Its layout (Welsh text in the `_cy` keys, all optional):

    quotes:
      - text: My IRO always asks what I think before the meeting.
        text_cy: Mae fy SAA bob amser yn gofyn beth rwy'n ei feddwl cyn y cyfarfod.
        respondent: child        # child, parent, carer or professional: never a name
        approved: yes            # only approved quotes are published
    you_said_we_did:
      - said: Reviews have too many people in them.
        did: IROs now ask each child who they want at their review.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from report import yamlfile
from report.i18n import N_
from report.load.identifiers import identifying
from report.load.issues import Issues
from report.load.yamlinput import read_yaml

FILE = "voice.yaml"
RESPONDENTS = ("child", "parent", "carer", "professional")
QUOTE_KEYS = ("text", "text_cy", "respondent", "approved")
SAID_KEYS = ("said", "said_cy", "did", "did_cy")
TOP_KEYS = ("quotes", "you_said_we_did")
MAX_QUOTE = 600  # characters: a quote, not a case study


@dataclass(frozen=True)
class Quote:
    text: str
    respondent: str  # one of RESPONDENTS
    approved: bool
    text_cy: str = ""
    line: int = 0


@dataclass(frozen=True)
class SaidDid:
    said: str
    did: str
    said_cy: str = ""
    did_cy: str = ""
    line: int = 0


@dataclass(frozen=True)
class VoiceText:
    quotes: list[Quote] = field(default_factory=list)  # every usable quote, approved or not
    said_did: list[SaidDid] = field(default_factory=list)


def read_voice(root: Path, issues: Issues, problems: list[str]) -> VoiceText | None:
    """<root>/voice.yaml, or None when there is none. The file's shape is a problem (the run
    stops); each faulty item is an error issue (file, line as the row, key as the column)
    and is left out."""
    read = read_yaml(root, FILE, problems)
    if read is None:
        return None
    node = read.node
    if node is None:
        return VoiceText()
    if not isinstance(node, MappingNode):
        problems.append(f"{FILE}: expected the keys quotes and you_said_we_did, each a list")
        return None
    lists: dict[str, list[Node]] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key not in TOP_KEYS:
            problems.append(
                f"{FILE} line {yamlfile.line_of(key_node)}: unknown key {key!r}; expected "
                "quotes and you_said_we_did"
            )
        elif isinstance(value, SequenceNode):
            lists[key] = list(value.value)
        elif not (isinstance(value, ScalarNode) and value.value in ("", "null", "~")):
            problems.append(
                f"{FILE} line {yamlfile.line_of(value)}: {key} should be a list of items "
                "(each starting with '- ')"
            )
    if problems:
        return None
    quotes = [q for item in lists.get("quotes", []) if (q := _quote(item, issues))]
    said = [s for item in lists.get("you_said_we_did", []) if (s := _said(item, issues))]
    return VoiceText(quotes=quotes, said_did=said)


def screened(voice: VoiceText | None, known: frozenset[str], issues: Issues) -> VoiceText | None:
    """The quotes without any that holds, or looks like, a child's id, UPN, date of birth or
    postcode (a warning names its line; the text is never shown)."""
    if voice is None:
        return None
    kept = []
    for quote in voice.quotes:
        if identifying(quote.text, known) or identifying(quote.text_cy, known):
            issues.add(
                FILE,
                quote.line,
                "text",
                "",
                "identifier-in-text",
                N_(
                    "this quote holds what looks like a child's id, UPN, date of birth or "
                    "postcode: it is never published; remove it from the quote"
                ),
                "warning",
            )
            continue
        kept.append(quote)
    return replace(voice, quotes=kept)


def _fields(
    node: Node, keys: tuple[str, ...], what: str, issues: Issues
) -> tuple[int, dict[str, tuple[Node, object]]] | None:
    line = yamlfile.line_of(node)
    if not isinstance(node, MappingNode):
        shape = N_("expected a {what} with {keys}", what=what, keys=", ".join(keys))
        issues.add(FILE, line, "", "", "voice-shape", shape)
        return None
    item = {
        str(k.value): (v, yamlfile.construct(v)) for k, v in node.value if isinstance(k, ScalarNode)
    }
    ok = True
    for key in sorted(set(item) - set(keys)):
        issues.add(
            FILE,
            yamlfile.line_of(item[key][0]),
            key,
            "",
            "voice-key",
            N_(
                "unknown key {key}; a {what} has only {keys} (never a name or other detail "
                "about who said it)",
                key=repr(key),
                what=what,
                keys=", ".join(keys),
            ),
        )
        ok = False
    return (line, item) if ok else None


def _text(
    item: dict[str, tuple[Node, object]],
    key: str,
    line: int,
    issues: Issues,
    *,
    required: bool,
) -> str | None:
    """The tidied text of `key`; "" when optional and absent; None after a problem."""
    node, value = item.get(key, (None, None))
    at = yamlfile.line_of(node) if node is not None else line
    if value is None:
        if required:
            issues.add(
                FILE, at, key, "", "voice-key", N_("{key} is missing; expected text", key=key)
            )
            return None
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        issues.add(
            FILE, at, key, "", "voice-value", N_("{key} is not text; expected text", key=key)
        )
        return None
    text = " ".join(str(value).split())
    if required and not text:
        issues.add(FILE, at, key, "", "voice-value", N_("{key} is blank; expected text", key=key))
        return None
    return text


def _quote(node: Node, issues: Issues) -> Quote | None:
    found = _fields(node, QUOTE_KEYS, N_("quote"), issues)
    if found is None:
        return None
    line, item = found
    text = _text(item, "text", line, issues, required=True)
    text_cy = _text(item, "text_cy", line, issues, required=False)
    ok = text is not None and text_cy is not None
    kind_node, kind = item.get("respondent", (None, None))
    at = yamlfile.line_of(kind_node) if kind_node is not None else line
    respondent = str(kind).strip().lower() if isinstance(kind, str) else ""
    if respondent not in RESPONDENTS:
        shown = N_("missing") if kind is None else repr(kind)
        issues.add(
            FILE,
            at,
            "respondent",
            "",
            "voice-value",
            N_(
                "respondent is {shown}; expected child, parent, carer or professional",
                shown=shown,
            ),
        )
        ok = False
    approved_node, approved = item.get("approved", (None, False))
    if not isinstance(approved, bool):
        issues.add(
            FILE,
            yamlfile.line_of(approved_node) if approved_node is not None else line,
            "approved",
            "",
            "voice-value",
            N_("approved should be yes or no (only approved quotes are published)"),
        )
        ok = False
    for value, key in ((text, "text"), (text_cy, "text_cy")):
        if value and len(value) > MAX_QUOTE:
            issues.add(
                FILE,
                line,
                key,
                "",
                "voice-value",
                N_(
                    "the quote has {length} characters; at most {most} (a quote, not a case "
                    "study: shorten it)",
                    length=len(value),
                    most=MAX_QUOTE,
                ),
            )
            ok = False
    if not ok or text is None or text_cy is None:
        return None
    return Quote(text, respondent, bool(approved), text_cy, line)


def _said(node: Node, issues: Issues) -> SaidDid | None:
    found = _fields(node, SAID_KEYS, N_("'You said, we did' item"), issues)
    if found is None:
        return None
    line, item = found
    said = _text(item, "said", line, issues, required=True)
    did = _text(item, "did", line, issues, required=True)
    said_cy = _text(item, "said_cy", line, issues, required=False)
    did_cy = _text(item, "did_cy", line, issues, required=False)
    if said is None or did is None or said_cy is None or did_cy is None:
        return None
    return SaidDid(said, did, said_cy, did_cy, line)
