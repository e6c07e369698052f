"""Schemas shared by every app's API: one error body, so the OpenAPI document names it once."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    """Every 4xx/5xx body: a sentence, or (422 validation errors) a list of field errors."""

    detail: str | list[dict[str, Any]]
