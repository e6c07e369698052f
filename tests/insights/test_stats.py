"""The publishing rules on their own: primary and secondary suppression, totals, CSV, chart geometry."""

from __future__ import annotations

import csv
import io

from skillsnet.insights import stats


def test_counts_from_one_to_four_are_suppressed() -> None:
    assert [stats.count(n).text for n in (0, 1, 4, 5, 1234)] == ["0", "<5", "<5", "5", "1,234"]
    assert stats.count(3).value is None


def test_a_rate_needs_five_on_both_sides() -> None:
    assert stats.rate(3, 10).text == "<5"
    assert stats.rate(5, 4).text == "<5"
    assert stats.rate(5, 10).text == "50%"
    assert stats.rate(0, 10).text == "0%"
    assert stats.rate(0, 0).text == "–"


def test_a_lone_suppressed_cell_in_a_column_takes_the_smallest_other_with_it() -> None:
    cells = stats.suppress_grid([[3, 9], [7, 8], [20, 6]], lines="columns")
    texts = [[c.text for c in row] for row in cells]
    # Column 0: 3 is suppressed, so 7 (the smallest other non-zero) is withheld. Column 1 has nothing small.
    assert texts == [["<5", "9"], ["withheld", "8"], ["20", "6"]]


def test_secondary_suppression_never_shows_a_withheld_cell_as_small() -> None:
    cells = stats.suppress_grid([[2, 40, 0, 11]], lines="rows")
    assert [c.text for c in cells[0]] == ["<5", "40", "0", "withheld"]


def test_a_total_is_withheld_when_it_would_give_a_cell_back() -> None:
    table = stats.counts_table("t", "T", ["Row", "A", "B"], ["x", "y", "z"], [[3, 10], [6, 10], [9, 10]])
    assert table.total is not None
    assert [c.text for c in table.total] == ["Total", "withheld", "30"]


def test_csv_carries_the_same_suppressed_cells() -> None:
    table = stats.counts_table("t", "T", ["Row", "People"], ["North", "South"], [[3], [1200]])
    rows = list(csv.reader(io.StringIO(table.csv())))
    assert rows == [["Row", "People"], ["North", "<5"], ["South", "withheld"], ["Total", "withheld"]]


def test_a_suppressed_bar_is_a_fixed_stub_that_gives_nothing_away() -> None:
    chart = stats.bar_chart("c", "C", "d", [("a", stats.count(2)), ("b", stats.count(4)), ("c", stats.count(10))])
    assert chart.bars[0].width == chart.bars[1].width
    assert chart.bars[0].value_text == "<5"
    assert chart.bars[2].width == stats.CHART_BAR_AREA


def test_the_csv_uses_the_one_cell_rule_so_a_formula_is_not_run() -> None:
    # A course title is a provider's text: one beginning with "=" must not run when the CSV is opened.
    table = stats.Table(
        key="t", title="T", columns=["course", "people"], rows=[[stats.Cell('=HYPERLINK("x")'), stats.count(7)]]
    )
    rows = list(csv.reader(io.StringIO(table.csv())))
    assert rows[1] == ['\'=HYPERLINK("x")', "7"]
