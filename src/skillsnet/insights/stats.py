"""Published figures: tables of cells that already carry the privacy rules, and the SVG bar-chart geometry.

The rules (docs/ARCHITECTURE.md, "Insights"):
- a count of people or their actions from 1 to 4 is shown as "<5", never the exact number (0 is shown: it
  says nothing about anyone);
- a rate is shown only when both its numerator and its denominator are 0 or at least 5;
- a total is shown only when none of the cells it adds up is suppressed; otherwise it reads "withheld",
  so nobody can subtract the visible cells from it to get a suppressed one back;
- secondary suppression: the same total may be worked out from another table (the months and the regions
  of one figure add up to the same number), so wherever a line a total could be taken over (a column, or
  for the heatmaps a row) has exactly one suppressed cell, its smallest other non-zero cell is withheld too.
  Subtracting then gives the sum of two cells, never one.
Counts of things that are not people (seats offered, runs, courses) are never suppressed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from skillsnet.csvcells import csv_cell

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
WITHHELD = "withheld"


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # what a chart may draw; None when suppressed or not a number
    numeric: bool = False
    suppressed: bool = False
    heat: int = 0  # 0–4: shading bucket for heatmap cells (the number is always printed too)


def is_small(n: int) -> bool:
    return 0 < n < SUPPRESS_BELOW


def count(n: int) -> Cell:
    """A count of people (or of what people did): suppressed from 1 to 4."""
    n = int(n)
    if is_small(n):
        return Cell(SUPPRESSED, None, numeric=True, suppressed=True)
    return Cell(f"{n:,}", float(n), numeric=True)


def plain(n: float, *, decimals: int = 0) -> Cell:
    """A number that is not about people (seats, runs, courses): never suppressed."""
    return Cell(f"{n:,.{decimals}f}", float(n), numeric=True)


def rate(numerator: int, denominator: int) -> Cell:
    """A percentage, shown only when neither part is a suppressed count."""
    if denominator == 0:
        return Cell("–", None, numeric=True)
    if is_small(numerator) or is_small(denominator):
        return Cell(SUPPRESSED, None, numeric=True, suppressed=True)
    percent = 100 * numerator / denominator
    return Cell(f"{percent:.0f}%", percent, numeric=True)


def mean(total: float, n: int, *, decimals: int = 1) -> Cell:
    """An average over n people (a rating): shown only for 5 or more."""
    if n == 0:
        return Cell("–", None, numeric=True)
    if is_small(n):
        return Cell(SUPPRESSED, None, numeric=True, suppressed=True)
    value = total / n
    return Cell(f"{value:.{decimals}f}", value, numeric=True)


def text(value: str) -> Cell:
    return Cell(value)


def heat(cell: Cell, n: int, top: int) -> Cell:
    """A heatmap cell (already suppressed), shaded in five steps relative to the table's largest count."""
    if n == 0 or top == 0:
        return cell
    if cell.suppressed:
        # The lightest shade for every suppressed cell, so the shading cannot tell a 1 from a 4.
        return Cell(cell.text, None, numeric=True, suppressed=True, heat=1)
    bucket = 1 + min(3, int(4 * n / (top + 1)))
    return Cell(cell.text, cell.value, numeric=True, suppressed=cell.suppressed, heat=bucket)


@dataclass(frozen=True)
class Table:
    key: str  # the CSV's name: /insights/<key>.csv
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    total: list[Cell] | None = None  # a last "Total" row, already checked by `total_of`

    def csv(self) -> str:
        """The same cells as the page, suppression included, as RFC 4180 CSV."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_csv_text(cell) for cell in row])
        if self.total is not None:
            writer.writerow([_csv_text(cell) for cell in self.total])
        return out.getvalue()


def _csv_text(cell: Cell) -> str:
    # Thousands separators would split a number into two spreadsheet cells' worth of text.
    return csv_cell(cell.text.replace(",", "") if cell.numeric else cell.text)


def suppress_grid(raw: Sequence[Sequence[int]], *, lines: str = "columns") -> list[list[Cell]]:
    """Counts as published cells: primary suppression (1–4), then secondary suppression along `lines`
    ("columns", "rows" or "both") until no line has exactly one suppressed cell."""
    grid = [[int(n) for n in row] for row in raw]
    hidden = [[is_small(n) for n in row] for row in grid]
    height, width = len(grid), (len(grid[0]) if grid else 0)
    lines_to_check: list[list[tuple[int, int]]] = []
    if lines in ("columns", "both"):
        lines_to_check += [[(i, j) for i in range(height)] for j in range(width)]
    if lines in ("rows", "both"):
        lines_to_check += [[(i, j) for j in range(width)] for i in range(height)]
    changed = True
    while changed:
        changed = False
        for line in lines_to_check:
            if sum(hidden[i][j] for i, j in line) != 1:
                continue
            others = [(grid[i][j], i, j) for i, j in line if not hidden[i][j] and grid[i][j] > 0]
            if others:
                _, i, j = min(others)
                hidden[i][j] = changed = True
    cells = []
    for i, row in enumerate(grid):
        cells.append(
            [
                (count(n) if is_small(n) else Cell(WITHHELD, None, numeric=True, suppressed=True))
                if hidden[i][j]
                else count(n)
                for j, n in enumerate(row)
            ]
        )
    return cells


def totals_row(raw: Sequence[Sequence[int]], cells: Sequence[Sequence[Cell]]) -> list[Cell]:
    """Column totals, each withheld when any cell of its column is suppressed."""
    width = len(raw[0]) if raw else 0
    totals = []
    for j in range(width):
        if any(row[j].suppressed for row in cells):
            totals.append(Cell(WITHHELD, None, numeric=True, suppressed=True))
        else:
            totals.append(count(sum(int(r[j]) for r in raw)))
    return [text("Total"), *totals]


def counts_table(
    key: str, title: str, columns: list[str], labels: Sequence[str], raw: Sequence[Sequence[int]], note: str = ""
) -> Table:
    """A table of counts, one labelled row each, with secondary suppression by column and a total row."""
    cells = suppress_grid(raw, lines="columns")
    rows = [[text(label), *row] for label, row in zip(labels, cells, strict=True)]
    return Table(key, title, columns, rows, note, totals_row(raw, cells) if raw else None)


# ---------------------------------------------------------------- charts


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: float
    text_y: float
    width: float
    value_x: float
    suppressed: bool


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    desc: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    x0: int
    label_x: int
    bar_height: int
    ticks: tuple[tuple[str, float], ...] = field(default=())
    axis_y: float = 0.0


CHART_LABEL_WIDTH = 230
CHART_BAR_AREA = 420
CHART_ROW = 28
CHART_BAR = 18
CHART_TOP = 8
MAX_LABEL = 30


def bar_chart(chart_id: str, title: str, desc: str, items: Sequence[tuple[str, Cell]]) -> BarChart:
    """Horizontal bars with the figure printed beside each; a suppressed figure is an outlined stub reading
    "<5", so no bar length ever gives a suppressed number away."""
    values = [cell.value or 0.0 for _, cell in items]
    top = max(values, default=0.0) or 1.0
    bars = []
    for i, (label, cell) in enumerate(items):
        y = CHART_TOP + i * CHART_ROW
        width = 0.0 if cell.value is None else round(CHART_BAR_AREA * cell.value / top, 1)
        width = width if not cell.suppressed else 12.0
        bars.append(
            Bar(
                label=label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…",
                value_text=cell.text,
                y=y + (CHART_ROW - CHART_BAR) / 2,
                text_y=y + CHART_ROW / 2 + 5,
                width=width,
                value_x=CHART_LABEL_WIDTH + width + 6,
                suppressed=cell.suppressed,
            )
        )
    axis_y = CHART_TOP + len(bars) * CHART_ROW + 2
    step = _nice_step(top)
    ticks = []
    tick = 0.0
    while tick <= top + 1e-9:
        ticks.append((f"{tick:,.0f}", CHART_LABEL_WIDTH + CHART_BAR_AREA * tick / top))
        tick += step
    return BarChart(
        id=chart_id,
        title=title,
        desc=desc,
        bars=tuple(bars),
        width=CHART_LABEL_WIDTH + CHART_BAR_AREA + 70,
        height=int(axis_y + 22),
        x0=CHART_LABEL_WIDTH,
        label_x=CHART_LABEL_WIDTH - 8,
        bar_height=CHART_BAR,
        ticks=tuple(ticks),
        axis_y=axis_y,
    )


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 5:
            return float(step)
    return float(10 ** len(str(int(top))) / 5)
