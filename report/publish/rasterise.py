"""A chart's SVG (as the HTML embeds it) drawn as PNG for Word, offline and the same every time."""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from report.cache import Cache, digest
from report.errors import ReportError

DPI = 192  # pixels per inch of the chart's own size (its pt sizes): sharp on paper and screen
SVG_URI = "data:image/svg+xml;base64,"


@dataclass(frozen=True)
class Picture:
    png: bytes
    width_in: float  # the chart's own width: the size it was drawn for


def picture(uri: str, cache: Cache | None = None) -> Picture:
    """The PNG of an embedded SVG chart (a `data:` URI); reused from `cache` when drawn before."""
    if not uri.startswith(SVG_URI):
        raise ReportError(f"internal error: a chart is not an embedded SVG ({uri[:30]}...)")
    svg = base64.b64decode(uri.removeprefix(SVG_URI))
    key = digest("png", _cairosvg_version(), str(DPI), svg)
    png = cache.get("png", key) if cache else None
    if png is None:
        png = _draw(svg)
        if cache:
            cache.put("png", key, png)
    width_px = struct.unpack(">I", png[16:20])[0]  # the IHDR chunk: width, then height
    return Picture(png, width_px / DPI)


def _draw(svg: bytes) -> bytes:
    import cairosvg  # only when a chart is drawn for Word

    png: bytes = cairosvg.svg2png(bytestring=svg, dpi=DPI, background_color="white")
    return png


@lru_cache(maxsize=1)
def _cairosvg_version() -> str:
    return metadata.version("cairosvg")
