"""A small SVG writer: shapes and real <text> in points, written in a fixed order (same bytes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from report.publish.fonts import FAMILY


def num(value: float) -> str:
    """A coordinate with two decimals at most and no "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(values: dict[str, str | float | None]) -> str:
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float | int) else value
        parts.append(f" {name}={quoteattr(shown)}")
    return "".join(parts)


@dataclass
class Canvas:
    """An SVG drawing `width` by `height` points; elements are kept in the order drawn."""

    width: float
    height: float
    title: str = ""
    desc: str = ""
    defs: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        stroke: str | None = None,
        stroke_width: float | None = None,
        dash: str | None = None,
        rx: float | None = None,
    ) -> None:
        self.body.append(
            "<rect"
            + _attrs(
                {
                    "x": x,
                    "y": y,
                    "width": max(w, 0.0),
                    "height": max(h, 0.0),
                    "rx": rx,
                    "fill": fill,
                    "stroke": stroke,
                    "stroke-width": stroke_width,
                    "stroke-dasharray": dash,
                }
            )
            + "/>"
        )

    def line(
        self,
        points: list[tuple[float, float]],
        stroke: str,
        width: float,
        dash: str | None = None,
    ) -> None:
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        self.body.append(
            "<polyline"
            + _attrs(
                {
                    "points": coords,
                    "fill": "none",
                    "stroke": stroke,
                    "stroke-width": width,
                    "stroke-dasharray": dash,
                    "stroke-linejoin": "round",
                }
            )
            + "/>"
        )

    def path(
        self, d: str, fill: str, stroke: str | None = None, width: float | None = None
    ) -> None:
        self.body.append(
            "<path" + _attrs({"d": d, "fill": fill, "stroke": stroke, "stroke-width": width}) + "/>"
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        fill: str,
        anchor: str = "start",
        bold: bool = False,
        italic: bool = False,
        rotate: float = 0.0,
    ) -> None:
        """One line of text with its baseline at y."""
        style = f"font-size: {num(size)}px; fill: {fill}; text-anchor: {anchor}"
        if bold:
            style += "; font-weight: bold"
        if italic:
            style += "; font-style: italic"
        turn = f"rotate({num(rotate)} {num(x)} {num(y)})" if rotate else None
        self.body.append(
            "<text"
            + _attrs({"x": x, "y": y, "transform": turn, "style": style})
            + f">{escape(text)}</text>"
        )

    def render(self) -> bytes:
        head = (
            '<svg xmlns="http://www.w3.org/2000/svg"'
            + _attrs(
                {
                    "width": f"{num(self.width)}pt",
                    "height": f"{num(self.height)}pt",
                    "viewBox": f"0 0 {num(self.width)} {num(self.height)}",
                    "role": "img",
                    "font-family": f"'{FAMILY}', Verdana, Arial, sans-serif",
                }
            )
            + ">"
        )
        parts = [head, f"<title>{escape(self.title)}</title>", f"<desc>{escape(self.desc)}</desc>"]
        if self.defs:
            parts += ["<defs>", *self.defs, "</defs>"]
        parts += self.body
        parts.append("</svg>")
        return ("\n".join(parts) + "\n").encode("utf-8")
