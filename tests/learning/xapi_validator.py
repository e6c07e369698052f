"""A validator for the required parts of an xAPI 1.0.3 statement (properties, types and formats).

Written from the specification (xAPI 1.0.3, Data, section 2.4) rather than from our builder, so it can fail.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s]+$", re.IGNORECASE)
ALLOWED_TOP = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version",
    "attachments",
}  # fmt: skip


def _iri(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, str) or not IRI.match(value):
        errors.append(f"{where} must be an IRI, got {value!r}")


def _language_map(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict) or not value or not all(isinstance(v, str) for v in value.values()):
        errors.append(f"{where} must be a non-empty language map")


def _timestamp(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, str) or not ISO_8601.match(value):
        errors.append(f"{where} must be an ISO 8601 timestamp with a time zone, got {value!r}")
        return
    datetime.fromisoformat(value.replace("Z", "+00:00"))


def _actor(actor: Any, errors: list[str]) -> None:
    if not isinstance(actor, dict):
        errors.append("actor must be an object")
        return
    if actor.get("objectType", "Agent") != "Agent":
        errors.append("actor.objectType must be Agent")
    ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in actor]
    if len(ifis) != 1:
        errors.append(f"actor must have exactly one inverse functional identifier, has {ifis}")
        return
    if "mbox" in actor and not str(actor["mbox"]).startswith("mailto:"):
        errors.append("actor.mbox must be a mailto: IRI")
    if "account" in actor:
        account = actor["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            errors.append("actor.account must have exactly homePage and name")
        else:
            _iri(account["homePage"], "actor.account.homePage", errors)
            if not isinstance(account["name"], str) or not account["name"]:
                errors.append("actor.account.name must be a non-empty string")


def _result(result: Any, errors: list[str]) -> None:
    if not isinstance(result, dict):
        errors.append("result must be an object")
        return
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            errors.append(f"result.{key} must be a boolean")
    score = result.get("score")
    if score is not None:
        scaled = score.get("scaled")
        if scaled is not None and not (isinstance(scaled, int | float) and -1 <= scaled <= 1):
            errors.append("result.score.scaled must be a number from -1 to 1")
        low, high, raw = score.get("min"), score.get("max"), score.get("raw")
        if None not in (low, high) and low > high:
            errors.append("result.score.min must not exceed max")
        if raw is not None and None not in (low, high) and not low <= raw <= high:
            errors.append("result.score.raw must lie between min and max")
    for key in result.get("extensions", {}):
        _iri(key, "result.extensions key", errors)


def validate_statement(statement: dict[str, Any]) -> list[str]:
    """Every way `statement` breaks the xAPI 1.0.3 rules checked here; empty when it is valid."""
    errors: list[str] = []
    unknown = set(statement) - ALLOWED_TOP
    if unknown:
        errors.append(f"unknown properties: {sorted(unknown)}")
    for required in ("id", "actor", "verb", "object", "timestamp", "version"):
        if required not in statement:
            errors.append(f"{required} is required here")
    try:
        parsed = uuid.UUID(str(statement.get("id")))
        if str(parsed) != statement.get("id"):
            errors.append("id must be a UUID in its canonical lower-case form")
    except ValueError:
        errors.append("id must be a UUID")
    _actor(statement.get("actor"), errors)
    verb = statement.get("verb")
    if not isinstance(verb, dict):
        errors.append("verb must be an object")
    else:
        _iri(verb.get("id"), "verb.id", errors)
        if "display" in verb:
            _language_map(verb["display"], "verb.display", errors)
    obj = statement.get("object")
    if not isinstance(obj, dict) or obj.get("objectType", "Activity") != "Activity":
        errors.append("object must be an Activity")
    else:
        _iri(obj.get("id"), "object.id", errors)
        definition = obj.get("definition", {})
        if "name" in definition:
            _language_map(definition["name"], "object.definition.name", errors)
        if "type" in definition:
            _iri(definition["type"], "object.definition.type", errors)
    if "result" in statement:
        _result(statement["result"], errors)
    context = statement.get("context")
    if context is not None:
        if not isinstance(context, dict):
            errors.append("context must be an object")
        else:
            for parent in context.get("contextActivities", {}).get("parent", []):
                _iri(parent.get("id"), "context.contextActivities.parent.id", errors)
    _timestamp(statement.get("timestamp"), "timestamp", errors)
    if "stored" in statement:
        _timestamp(statement["stored"], "stored", errors)
    if not re.match(r"^1\.0\.\d+$", str(statement.get("version", ""))):
        errors.append("version must be 1.0.x")
    return errors
