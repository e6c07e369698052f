"""Reading an uploaded CV in a separate, limited process, so that no document can hurt the web worker.

`read_document` has the same signature and answers as `documents.read_document`, but the work happens in
a child process (`python -m skillsnet.converter.sandbox`) that reads one file and exits:

- its address space is capped (`RLIMIT_AS`, setting `SKILLSNET_DOCUMENT_MEMORY_MB`, default 512 MB): an
  allocation past it fails inside the child;
- its CPU time is capped (`RLIMIT_CPU`, `SKILLSNET_DOCUMENT_CPU_SECONDS`, default 8 s): the kernel stops it;
- the web worker waits at most `SKILLSNET_DOCUMENT_SECONDS` (default 10 s) of wall-clock time for the answer
  and then kills it;
- it may write no file (`RLIMIT_FSIZE` 0) and dumps no core; its answer is one JSON object of bounded size.

To keep normal files fast, each web process keeps one spare child already started, with the parsers
imported and the limits set, waiting on its standard input; a file goes to the spare, and a new spare is
started at once for the next file. A spare whose web process has gone sees its input close and exits.

Whatever happens to the child, the person gets a `DocumentError` with a sentence ("… is too complex to
read — paste the text instead" when a limit stopped it), never an exception of another kind. The limits
inside `documents` (characters, elements, real inflated size, content-stream size) stop almost every
hostile file long before these caps do; the caps are for whatever slips past them.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import math
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import PurePath
from typing import Any

from skillsnet.converter import documents
from skillsnet.converter.documents import Document, DocumentError, display_name, too_complex

logger = logging.getLogger(__name__)

MEMORY_MB = 512
CPU_SECONDS = 8
WALL_SECONDS = 10.0
# The child's answer: the text (at most MAX_CHARS characters, up to 6 bytes each once JSON-escaped) and a little more.
MAX_ANSWER_BYTES = documents.MAX_CHARS * 6 + 4096
COMMAND = [sys.executable, "-m", "skillsnet.converter.sandbox"]

_spare: subprocess.Popen[bytes] | None = None
_spare_key: tuple[Any, ...] | None = None  # the command and limits the spare was started with
_lock = threading.Lock()


def limits() -> tuple[int, int, float]:
    """(memory in MB, CPU seconds, wall-clock seconds), from the settings when Django is configured."""
    memory, cpu, wall = MEMORY_MB, CPU_SECONDS, WALL_SECONDS
    from django.conf import settings

    if settings.configured:
        memory = int(getattr(settings, "SKILLSNET_DOCUMENT_MEMORY_MB", memory))
        cpu = int(getattr(settings, "SKILLSNET_DOCUMENT_CPU_SECONDS", cpu))
        wall = float(getattr(settings, "SKILLSNET_DOCUMENT_SECONDS", wall))
    return memory, cpu, wall


def _start(memory: int, cpu: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
        [*COMMAND, str(memory), str(cpu)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        close_fds=True,
    )


def _take(memory: int, cpu: int) -> subprocess.Popen[bytes]:
    """The spare child if it is alive and has these limits, else a new one; then start the next spare."""
    global _spare, _spare_key
    key = (*COMMAND, memory, cpu)
    with _lock:
        child, _spare = _spare, None
        if child is not None and (child.poll() is not None or _spare_key != key):
            _discard(child)
            child = None
        if child is None:
            child = _start(memory, cpu)
        try:
            _spare, _spare_key = _start(memory, cpu), key
        except OSError:  # no spare this time: the next file starts its own child
            _spare = None
    return child


@atexit.register
def _discard_spare() -> None:
    """At exit, stop the spare child rather than leave it to notice its input closing."""
    global _spare
    with _lock:
        child, _spare = _spare, None
    if child is not None:
        _discard(child)


def _discard(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.kill()
    with contextlib.suppress(subprocess.TimeoutExpired, OSError, ValueError):
        child.communicate(timeout=2)


def read_document(*, data: bytes, filename: str) -> Document:
    """The text of an uploaded CV, read in a limited child process. Raises DocumentError with a sentence."""
    name = display_name(filename)
    if len(data) > documents.MAX_BYTES:  # refused at once: no need to copy it to a child
        return documents.read_document(data=data, filename=filename)
    memory, cpu, wall = limits()
    started = time.monotonic()
    try:
        child = _take(memory, cpu)
    except OSError as exc:
        logger.error("could not start the document sandbox: %s", exc)
        raise DocumentError(f"{name} could not be read just now: paste the text instead.") from None
    header = json.dumps({"filename": filename, "size": len(data)}).encode() + b"\n"
    try:
        answer, _ = child.communicate(input=header + data, timeout=wall)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        logger.warning("document sandbox: %s stopped after %.1f s (wall-clock limit)", _kind(filename), wall)
        raise too_complex(name) from None
    except OSError:  # the child died before it read everything (a broken pipe)
        _discard(child)
        answer = b""
    elapsed = time.monotonic() - started
    message = _parse(answer)
    if message is None:
        logger.warning(
            "document sandbox: %s stopped after %.1f s (exit status %s)", _kind(filename), elapsed, child.returncode
        )
        raise too_complex(name)
    status = message.get("status")
    if status == "ok":
        return Document(text=str(message["text"]), kind=message["kind"], truncated=bool(message["truncated"]))
    if status == "refused":
        raise DocumentError(str(message["message"]))
    if status == "memory":
        logger.warning("document sandbox: %s ran out of memory after %.1f s", _kind(filename), elapsed)
        raise too_complex(name)
    logger.info("unreadable upload in the sandbox: %s", str(message.get("message", ""))[:300])
    raise DocumentError(f"{name} could not be read: it may be damaged. Paste the text instead.")


def _parse(answer: bytes) -> dict[str, Any] | None:
    if not answer or len(answer) > MAX_ANSWER_BYTES:
        return None
    try:
        message = json.loads(answer)
    except ValueError:
        return None
    if not isinstance(message, dict):
        return None
    if message.get("status") == "ok" and not (
        isinstance(message.get("text"), str) and message.get("kind") in documents.KIND_NAMES
    ):
        return None
    return message


def _kind(filename: str) -> str:
    """The file's extension, for logs (never its name: that may be personal)."""
    return PurePath(filename or "").suffix.lower() or "a file without extension"


# ---------------------------------------------------------------- the child


def _set_limits(memory_mb: int, cpu_seconds: int) -> None:
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = math.ceil(used.ru_utime + used.ru_stime) + cpu_seconds
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))


def _serve(memory_mb: int, cpu_seconds: int) -> int:
    """Read one request from standard input (a JSON line, then the file's bytes), answer one JSON line."""
    import lxml.etree  # noqa: F401 - imported before the limits and before the file arrives
    import pypdf  # noqa: F401

    _set_limits(memory_mb, cpu_seconds)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    header = stdin.readline(4096)
    if not header:  # the web process went away without sending a file
        return 0
    answer: dict[str, Any]
    try:
        request = json.loads(header)
        data = stdin.read(int(request["size"]))
        document = documents.read_document(data=data, filename=str(request["filename"]))
        answer = {"status": "ok", "text": document.text, "kind": document.kind, "truncated": document.truncated}
    except DocumentError as exc:
        answer = {"status": "refused", "message": str(exc)}
    except MemoryError:
        answer = {"status": "memory"}
    except Exception as exc:  # anything else a parser raises means "cannot read", never a crash
        answer = {"status": "damaged", "message": f"{type(exc).__name__}: {exc}"[:300]}
    stdout.write(json.dumps(answer).encode())
    stdout.flush()
    return 0


if __name__ == "__main__":
    status = _serve(int(sys.argv[1]), int(sys.argv[2]))
    # The answer is flushed: leave without the interpreter's clean-up, which would only delay the end of
    # the output the web process is waiting for.
    os._exit(status)
