"""The bundled DejaVu Sans: where its files are, how wide a text is in it, and glyph outlines."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

# report/fonts/: DejaVu Sans 2.37 (the files matplotlib 3.11 shipped), licence LICENSE_DEJAVU.
FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "DejaVu Sans"
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)
FALLBACK_EM = 0.62  # a character the font lacks: DejaVu Sans averages under 0.62 em


def _file(bold: bool, italic: bool) -> Path:
    return FONTS_DIR / FONT_FACES[(2 if italic else 0) + (1 if bold else 0)][0]


@lru_cache(maxsize=4)
def _font(bold: bool, italic: bool) -> Any:
    from fontTools.ttLib import TTFont

    return TTFont(str(_file(bold, italic)), lazy=True)


@lru_cache(maxsize=4)
def _advances(bold: bool, italic: bool) -> tuple[dict[int, float], float]:
    """Each character's advance width in em, and the font's line height (ascent + descent)."""
    font = _font(bold, italic)
    per_em = float(font["head"].unitsPerEm)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}
    hhea = font["hhea"]
    return widths, (hhea.ascent - hhea.descent) / per_em


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The advance width of `text` set at `size` (no kerning: a little wider, never narrower
    than most renderers set it)."""
    widths, _ = _advances(bold, italic)
    return size * sum(widths.get(ord(ch), FALLBACK_EM) for ch in text)


def outline(text: str, size: float, *, bold: bool = True) -> tuple[str, tuple[float, ...]]:
    """`text` as an SVG path (y up, baseline at 0) and its bounds (x0, y0, x1, y1)."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    font = _font(bold, False)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.2f}")
    bounds = BoundsPen(glyphs)
    x = 0.0
    for ch in text:
        name = cmap.get(ord(ch), ".notdef")
        at = (scale, 0, 0, scale, x, 0)
        glyphs[name].draw(TransformPen(pen, at))
        glyphs[name].draw(TransformPen(bounds, at))
        x += glyphs[name].width * scale
    return pen.getCommands(), tuple(bounds.bounds or (0.0, 0.0, 0.0, 0.0))
