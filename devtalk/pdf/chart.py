"""The comparison chart of the page, as PNG images to put into a PDF.

The page shows one tall chart; on paper a 60-item chart squeezed onto one A4 would have
unreadable labels. So the same chart is drawn per group of whole sections, each group small
enough to fit a page at a readable size.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from functools import lru_cache

import vl_convert

from devtalk.comparison import Comparison, SectionComparison
from devtalk.comparison_frames import dumbbell_spec

PLOT_WIDTH = 300  # px for the plot itself; the item labels come on top of this
MAX_ITEMS = 30  # per image: about 22 px per item keeps the labels at a readable size on A4


@dataclass(frozen=True)
class Picture:
    png: bytes
    width: int
    height: int


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
    spec = dumbbell_spec(comparison, lang, width=PLOT_WIDTH)
    return _png(json.dumps(_without_label_limit(spec), sort_keys=True))


def _without_label_limit(spec: dict) -> dict:
    """The chart data already cuts item labels at 48 characters. Vega's own pixel limit on top of
    that measures every long label again and again while shortening it, which in vl-convert
    costs about a third of the whole rendering; the labels barely change without it."""
    for layer in spec.get("layer", ()):
        axis = layer.get("encoding", {}).get("y", {}).get("axis")
        if isinstance(axis, dict):
            axis["labelLimit"] = 0
    return spec


@lru_cache(maxsize=16)
def _png(spec: str) -> Picture:
    """Drawing the labels makes this the slow step (tens of milliseconds per item). A revealed
    comparison never changes and the spec holds its data, so each picture is drawn once per process:
    printing the preparation sheet, then the report, or a page rerun, reuses it."""
    png = vl_convert.vegalite_to_png(spec, scale=2)
    width, height = struct.unpack(">II", png[16:24])  # the PNG header holds the pixel size
    return Picture(png, width, height)
