"""The one rule for a cell of any CSV skillsnet writes for people to open (a data export, the audit log, the
dashboard's tables, provider statistics): blank for None, JSON for a dict or a list, and never something a
spreadsheet would run as a formula — such a cell is prefixed with `'`.

The ESCO bridge (data/esco_bridge.csv) is not such a file: it is data the importer reads back, and its
cells are ESCO URIs, labels and curated slugs written by our own builder.
"""

from __future__ import annotations

import json
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """One CSV cell: blank for None, JSON for a dict or list, and never something a spreadsheet would run."""
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text
