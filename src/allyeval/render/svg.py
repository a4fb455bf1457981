"""A small SVG canvas: shapes and text as XML elements, so every label is escaped by the XML
serialiser (a profile name can never become markup) and the drawing carries no script, no
style sheet and no external reference.

Colours are greys and one blue, and every mark that carries meaning also has a text label, so
a chart reads the same printed in black and white.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from allyeval.core.printable import printable

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
FONT = "'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
INK = "#1a1a1a"
MUTED = "#5f6368"
RULE = "#b8bcc2"
BAR = "#5b7083"
ACCENT = "#1f4e79"
BAND_FILL = "#c9d6e3"
CHAR_WIDTH = 0.56
"""Average glyph width as a share of the font size, to size label columns."""


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def shorten(text: str, limit: int) -> str:
    """*text* cut to *limit* characters with an ellipsis (the full text goes in a tooltip)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Canvas:
    """One ``<svg>`` element of *width* x *height* user units, drawn into in order."""

    def __init__(self, width: float, height: float, title: str, *, label: str) -> None:
        self.width = width
        self.height = height
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NAMESPACE,
                "viewBox": f"0 0 {_number(width)} {_number(height)}",
                "width": _number(width),
                "height": _number(height),
                "role": "img",
                "aria-label": label,
                "font-family": FONT,
                "font-size": "12",
                "fill": INK,
                "class": "chart",
            },
        )
        ET.SubElement(self.root, "title").text = title

    def _add(self, tag: str, attributes: dict[str, object], tooltip: str | None = None) -> None:
        element = ET.SubElement(
            self.root,
            tag,
            {
                key.rstrip("_").replace("_", "-"): _number(value)
                if isinstance(value, float | int)
                else str(value)
                for key, value in attributes.items()
            },
        )
        if tooltip:
            ET.SubElement(element, "title").text = tooltip

    def rect(
        self, x: float, y: float, w: float, h: float, *, fill: str = BAR, **extra: object
    ) -> None:
        self._add(
            "rect", {"x": x, "y": y, "width": max(w, 0.0), "height": h, "fill": fill, **extra}
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, stroke: str = INK, **extra: object
    ) -> None:
        self._add("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": stroke, **extra})

    def polyline(self, points: list[tuple[float, float]], **extra: object) -> None:
        coords = " ".join(f"{_number(x)},{_number(y)}" for x, y in points)
        self._add("polyline", {"points": coords, "fill": "none", **extra})

    def polygon(self, points: list[tuple[float, float]], **extra: object) -> None:
        coords = " ".join(f"{_number(x)},{_number(y)}" for x, y in points)
        self._add("polygon", {"points": coords, **extra})

    def circle(self, x: float, y: float, r: float, **extra: object) -> None:
        self._add("circle", {"cx": x, "cy": y, "r": r, **extra})

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        anchor: str = "start",
        size: float = 12,
        tooltip: str | None = None,
        **extra: object,
    ) -> None:
        attributes: dict[str, object] = {"x": x, "y": y, "text-anchor": anchor, "font-size": size}
        attributes.update(extra)
        element = ET.SubElement(
            self.root,
            "text",
            {
                key.rstrip("_").replace("_", "-"): _number(value)
                if isinstance(value, float | int)
                else str(value)
                for key, value in attributes.items()
            },
        )
        element.text = content
        if tooltip and tooltip != content:
            ET.SubElement(element, "title").text = tooltip

    def whisker(self, x1: float, x2: float, y: float, cap: float = 4.0) -> None:
        """An interval from *x1* to *x2* at height *y*, with end caps."""
        self.line(x1, y, x2, y, stroke_width=1.5)
        self.line(x1, y - cap, x1, y + cap, stroke_width=1.5)
        self.line(x2, y - cap, x2, y + cap, stroke_width=1.5)

    def markup(self) -> str:
        """The SVG element as text (for inline use in HTML or, with a declaration, alone).
        XML cannot hold control characters at all, not even as references: they, and the other
        unsafe characters, are shown as escapes, so the document is well-formed whatever the
        labels say."""
        return printable(ET.tostring(self.root, encoding="unicode", short_empty_elements=True))


def standalone(svg: str) -> str:
    """An SVG element as a file of its own."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
