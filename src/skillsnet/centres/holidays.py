"""UK bank holidays, computed (no network): demo runs are never scheduled on one.

The rules are those published for England and Wales, Scotland and Northern Ireland (gov.uk/bank-holidays):
fixed dates move to the next weekday when they fall at a weekend; Easter follows the Gregorian computus.
Centres are UK-wide, so a day that is a bank holiday in any nation counts, and so does the week between
Christmas and New Year, when training centres are closed. One-off holidays (a coronation, a jubilee) are
not predictable and not included.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _monday(year: int, month: int, *, last: bool = False) -> date:
    """The first (or last) Monday of a month."""
    if last:
        end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return end - timedelta(days=end.weekday())
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _substitutes(days: list[date]) -> set[date]:
    """Fixed-date holidays, each moved to the next free weekday when it falls at a weekend."""
    taken: set[date] = set()
    for day in sorted(days):
        while day.weekday() >= 5 or day in taken:
            day += timedelta(days=1)
        taken.add(day)
    return taken


@functools.cache
def uk_bank_holidays(year: int) -> frozenset[date]:
    """Every day that is a bank holiday somewhere in the UK in `year`."""
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2),  # Good Friday
        easter + timedelta(days=1),  # Easter Monday (not Scotland, but a holiday elsewhere)
        _monday(year, 5),  # early May
        _monday(year, 5, last=True),  # spring
        _monday(year, 8),  # summer, Scotland
        _monday(year, 8, last=True),  # summer, England, Wales and Northern Ireland
    }
    days |= _substitutes([date(year, 1, 1), date(year, 1, 2)])  # New Year; 2 January in Scotland
    days |= _substitutes([date(year, 12, 25), date(year, 12, 26)])
    days |= _substitutes([date(year, 3, 17)])  # St Patrick's Day, Northern Ireland
    days |= _substitutes([date(year, 7, 12)])  # Battle of the Boyne, Northern Ireland
    days |= _substitutes([date(year, 11, 30)])  # St Andrew's Day, Scotland
    return frozenset(days)


def is_closed(day: date) -> bool:
    """A weekend, a UK bank holiday, or the Christmas to New Year week (24 December to 2 January)."""
    if day.weekday() >= 5 or day in uk_bank_holidays(day.year):
        return True
    return (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day <= 2)
