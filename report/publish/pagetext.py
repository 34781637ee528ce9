"""The words a reader meets on a rendered page: its visible text and its alt and aria labels."""

from __future__ import annotations

from html.parser import HTMLParser

READ_OUT = ("alt", "aria-label", "title")  # attributes a screen reader reads


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside <style> or <script>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("style", "script")
        self.parts += [value for name, value in attrs if name in READ_OUT and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The page's words, one piece a line (chart text inside inline SVG included)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)
