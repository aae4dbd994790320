"""The comparison chart of the page, laid out by Vega (vl-convert) and drawn into a PDF.

The page shows one tall chart; on paper a 60-item chart squeezed onto one A4 would have
unreadable labels. So the same chart is drawn per group of whole sections, each group small
enough to fit a page at a readable size.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import vl_convert

from devtalk.domain.comparison import Comparison, SectionComparison
from devtalk.presentation.comparison_frames import dumbbell_spec
from devtalk.presentation.pdf.document import FONTS, Document
from devtalk.presentation.pdf.scenegraph import paint

# Vega measures the labels in the font the PDF then prints them in; vl-convert gets it from the
# package, for a server that has no DejaVu installed.
vl_convert.register_font_directory(str(FONTS))
FONT = "DejaVu Sans"

PLOT_WIDTH = 300  # px for the plot itself; the item labels come on top of this
MAX_ITEMS = 30  # per part: about 22 px per item keeps the labels at a readable size on A4


@dataclass(frozen=True)
class Picture:
    """One part of the chart as Vega laid it out, in pixels."""
    scene: dict
    width: int
    height: int

    def draw(self, doc: Document, max_height: float) -> None:
        """As wide as the text (smaller when too tall), centred, below what came before."""
        width, height = doc.image_size(self.width, self.height, max_height)
        doc.room_for(height)
        top = doc.get_y()
        paint(doc, self.scene, doc.l_margin + (doc.epw - width) / 2, top, width / self.width)
        doc.set_y(top + height + 2)


def chart_pictures(comparison: Comparison, lang: str) -> list[Picture]:
    """The dumbbell chart for every group of sections that has Likert items."""
    return [_render(Comparison(group), lang) for group in _groups(comparison.sections)]


def _groups(sections: tuple[SectionComparison, ...]) -> list[tuple[SectionComparison, ...]]:
    """Consecutive sections together while they stay under MAX_ITEMS; a larger section alone."""
    groups: list[list[SectionComparison]] = []
    count = 0
    for section in (s for s in sections if s.likert):
        if not groups or count + len(section.likert) > MAX_ITEMS:
            groups.append([])
            count = 0
        groups[-1].append(section)
        count += len(section.likert)
    return [tuple(group) for group in groups]


def _render(comparison: Comparison, lang: str) -> Picture:
    # The very chart the page shows, with a fixed width because a PDF has no container to stretch into.
    spec = _without_label_limit(dumbbell_spec(comparison, lang, width=PLOT_WIDTH))
    spec.setdefault("config", {})["font"] = FONT
    return _laid_out(json.dumps(spec, sort_keys=True))


def _without_label_limit(spec: dict) -> dict:
    """The chart data already cuts item labels at 48 characters. Vega's own pixel limit on top of
    that measures every long label again and again while shortening it, which in vl-convert
    costs about a third of the layout; the labels barely change without it."""
    for layer in spec.get("layer", ()):
        axis = layer.get("encoding", {}).get("y", {}).get("axis")
        if isinstance(axis, dict):
            axis["labelLimit"] = 0
    return spec


@lru_cache(maxsize=16)
def _laid_out(spec: str) -> Picture:
    """Measuring the labels makes this the slow step (several milliseconds per item). A revealed
    comparison never changes and the spec holds its data, so each part is laid out once per process:
    printing the preparation sheet, then the report, reuses it."""
    scene = vl_convert.vegalite_to_scenegraph(spec)
    return Picture(scene, scene["width"], scene["height"])
