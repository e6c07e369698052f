"""The skill-gap chart: server-rendered SVG geometry (no script, no inline style) for one role.

Each of the role's skills is a row: its name on one line, and under it an outlined bar to the required
level and a filled bar to the person's current level (own or transferred). Names sit above the bars, not
beside them, so the whole chart is about 300 units wide and a phone shows it at nearly full size (text
stays legible). The page shows the same figures in a table after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MARGIN = 12  # left and right, room for the first and last tick labels
LEVEL_WIDTH = 70  # pixels per proficiency level
ROW_HEIGHT = 46  # a line of text and a bar
BAR_HEIGHT = 16
TOP = 28
MAX_LABEL = 40  # characters of 14px text that fit across the four levels


@dataclass(frozen=True)
class ChartRow:
    name: str
    label: str  # the name, shortened to fit; the table beside the chart has it in full
    required: int
    current: float
    gap: float
    essential: bool
    y: float
    bar_y: float
    text_y: float
    required_width: float
    current_width: float


@dataclass(frozen=True)
class Chart:
    rows: tuple[ChartRow, ...]
    width: int
    height: int
    x0: int
    ticks: tuple[tuple[int, float], ...]  # (level, x)
    axis_y: float


def gap_chart(match: dict[str, Any]) -> Chart:
    """Chart geometry from a serialised match (`serializers.match_dict`): every requirement of the role."""
    current: dict[str, tuple[str, int, float, bool]] = {}
    for met in match["met"]:
        current[met["skill"]] = (met["name"], met["required_level"], float(min(met["level"], 4)), met["essential"])
    for t in match["transferred"]:
        current[t["skill"]] = (t["name"], t["required_level"], float(t["level_gained"]), t["essential"])
    for gap in match["gaps"]:
        current[gap["skill"]] = (gap["name"], gap["required_level"], float(gap["current_level"]), gap["essential"])
    ordered = sorted(current.values(), key=lambda r: (not r[3], -(r[1] - min(r[2], r[1])), r[0].lower()))
    rows = []
    for i, (name, required, level, essential) in enumerate(ordered):
        y = TOP + i * ROW_HEIGHT
        shown = min(level, 4.0)
        rows.append(
            ChartRow(
                name=name,
                label=name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…",
                required=required,
                current=round(shown, 1),
                gap=round(max(0.0, required - shown), 1),
                essential=essential,
                y=y,
                bar_y=y + 20,
                text_y=y + 14,
                required_width=required * LEVEL_WIDTH,
                current_width=round(shown * LEVEL_WIDTH, 1),
            )
        )
    axis_y = TOP + len(rows) * ROW_HEIGHT + 4
    return Chart(
        rows=tuple(rows),
        width=2 * MARGIN + 4 * LEVEL_WIDTH,
        height=int(axis_y + 24),
        x0=MARGIN,
        ticks=tuple((level, MARGIN + level * LEVEL_WIDTH) for level in range(5)),
        axis_y=axis_y,
    )
