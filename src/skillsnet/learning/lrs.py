"""Forwarding statements to an external Learning Record Store (xAPI 1.0.3 `PUT /statements`).

`send` is the only place that touches the network; tests replace it with a fake transport.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Outcome:
    status: int  # HTTP status; 0 when no answer came back
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        """No answer, rate limiting and server errors may pass; other client errors will not."""
        return self.status == 0 or self.status == 429 or self.status >= 500


def statement_url(statement_id: str) -> str:
    query = urllib.parse.urlencode({"statementId": statement_id})
    return f"{settings.XAPI_LRS_ENDPOINT}/statements?{query}"


def payload(data: dict[str, Any]) -> bytes:
    # `stored` and `authority` belong to the receiving LRS, which sets its own.
    return json.dumps({k: v for k, v in data.items() if k not in {"stored", "authority"}}).encode()


def headers() -> dict[str, str]:
    result = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"}
    if settings.XAPI_LRS_USERNAME:
        pair = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}".encode()
        result["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    return result


def send(url: str, body: bytes, request_headers: dict[str, str]) -> Outcome:
    if not url.startswith(("https://", "http://")):
        return Outcome(status=400, error="XAPI_LRS_ENDPOINT must be an http(s) URL.")
    request = urllib.request.Request(url, data=body, headers=request_headers, method="PUT")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return Outcome(status=response.status)
    except urllib.error.HTTPError as exc:
        return Outcome(status=exc.code, error=f"HTTP {exc.code}: {exc.reason}")
    except (urllib.error.URLError, OSError) as exc:
        return Outcome(status=0, error=str(exc)[:300])
