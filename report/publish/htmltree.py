"""Our own rendered HTML read back as a small tree (for the Word version of the same page)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
SKIPPED = frozenset({"head", "style", "script", "template"})


@dataclass
class Node:
    """An element (tag, attributes, children) or, with tag "", a run of text."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self) -> Iterator[Node]:
        return (c for c in self.children if c.tag)

    def find_all(self, tag: str) -> Iterator[Node]:
        """Every descendant element with this tag, in document order."""
        for child in self.elements():
            if child.tag == tag:
                yield child
            yield from child.find_all(tag)

    def plain_text(self) -> str:
        """The text of the node and its descendants, white space collapsed."""
        return " ".join(_texts(self)).strip()


def _texts(node: Node) -> Iterator[str]:
    if not node.tag:
        yield from node.text.split()
    for child in node.children:
        yield from _texts(child)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag in VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):  # close up to the matching element
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(Node("", text=data))


def parse(html: str) -> Node:
    """The document as a tree (head, styles and scripts left out)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
