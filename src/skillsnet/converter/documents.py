"""Reading an uploaded CV (PDF, DOCX or plain text) into text, in memory, safely.

The file's type comes from its first bytes (its "magic"), not from its name; the name's extension must
agree. Every limit below exists so that a hostile or broken file costs little and gets a clear message:

- at most `MAX_BYTES` (5 MB) uploaded;
- PDF: at most `MAX_PAGES` (30) pages, stopping early once `MAX_CHARS` of text is read or after
  `MAX_SECONDS` of work between pages; pypdf itself caps each decompressed stream (75 MB);
- DOCX (a zip): before anything is parsed, at most `DOCX_MAX_MEMBERS` members and `DOCX_MAX_UNCOMPRESSED`
  bytes once uncompressed (a zip bomb is refused from its directory alone); python-docx parses XML with
  entity resolution off, so "billion laughs" documents expand nothing;
- text beyond `MAX_CHARS` (200,000 characters, a hundred pages of CV) is cut off, and the result says so.

This module writes nothing to disk: the caller hands in bytes and gets text back. (Django itself keeps an
upload of up to FILE_UPLOAD_MAX_MEMORY_SIZE, 6 MB, in memory; a larger one is spooled to a temporary file
that Django deletes at the end of the request, and is then refused here for its size.)
"""

from __future__ import annotations

import io
import logging
import time
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_PAGES = 30
MAX_CHARS = 200_000
MAX_SECONDS = 10.0
DOCX_MAX_MEMBERS = 500
DOCX_MAX_UNCOMPRESSED = 25 * 1024 * 1024

Kind = Literal["pdf", "docx", "txt"]
EXTENSIONS: dict[str, Kind] = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt"}
KIND_NAMES = {"pdf": "a PDF", "docx": "a Word (.docx) document", "txt": "a plain text file"}
ACCEPTED = "a PDF, a Word document (.docx) or a plain text file (.txt)"


class DocumentError(Exception):
    """The file cannot be read; the message is a sentence for the person who uploaded it."""


@dataclass(frozen=True)
class Document:
    text: str
    kind: Kind
    truncated: bool  # text was cut at MAX_CHARS


def sniff(data: bytes) -> Kind | Literal["ole", "zip", "unknown"]:
    """The type of a file from its first bytes."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _zip_has(data, "word/document.xml") else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # old binary Office formats, and password-protected Office files
    if _decode_text(data[:4096], partial=True) is not None:
        return "txt"
    return "unknown"


def read_document(*, data: bytes, filename: str) -> Document:
    """The text of an uploaded CV. Raises DocumentError with a plain-language reason."""
    name = PurePath(filename or "").name or "The file"
    if not data:
        raise DocumentError(f"{name} is empty.")
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB: upload a smaller file.")
    expected = EXTENSIONS.get(PurePath(filename or "").suffix.lower())
    if expected is None:
        raise DocumentError(f"{name} must be {ACCEPTED}.")
    found = sniff(data)
    if found == "ole":
        raise DocumentError(
            f"{name} is password-protected or in the old Word 97–2003 format: remove the password, "
            "or save it as .docx or PDF, and upload it again."
        )
    if found != expected:
        raise DocumentError(f"{name} is not {KIND_NAMES[expected]}: its contents do not match its name.")
    if expected == "pdf":
        text, truncated = _read_pdf(data, name)
    elif expected == "docx":
        text, truncated = _read_docx(data, name)
    else:
        decoded = _decode_text(data)
        if decoded is None:
            raise DocumentError(f"{name} is not {KIND_NAMES['txt']} we can read: save it as UTF-8 text.")
        text, truncated = _cap(decoded)
    if not text.strip():
        raise DocumentError(
            f"{name} has no text we can read. If it is a scan or a picture, paste the text of your CV instead."
        )
    return Document(text=text, kind=expected, truncated=truncated)


def _cap(text: str) -> tuple[str, bool]:
    return (text[:MAX_CHARS], True) if len(text) > MAX_CHARS else (text, False)


def _decode_text(data: bytes, *, partial: bool = False) -> str | None:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; None for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16", errors="strict" if not partial else "ignore")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a character is still text.
        if partial and exc.start >= len(data) - 3:
            text = data[: exc.start].decode("utf-8-sig")
        else:
            return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return None if controls > max(8, len(text) // 100) else text


def _zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _read_pdf(data: bytes, name: str) -> tuple[str, bool]:
    from pypdf import PdfReader

    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _unlock(reader):
            raise DocumentError(f"{name} is protected with a password: remove the password and upload it again.")
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise DocumentError(f"{name} has {pages} pages: we read CVs of up to {MAX_PAGES} pages.")
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size > MAX_CHARS:
                break
            if time.monotonic() - started > MAX_SECONDS:
                raise DocumentError(f"{name} took too long to read: paste the text of your CV instead.")
    except DocumentError:
        raise
    except Exception as exc:  # a malformed PDF can raise almost anything inside pypdf
        logger.info("unreadable PDF upload: %s: %s", type(exc).__name__, exc)
        raise DocumentError(f"{name} could not be read as a PDF: it may be damaged.") from None
    return _cap("\n".join(parts))


def _unlock(reader: object) -> bool:
    """Open a PDF that is encrypted with an empty user password (it only restricts printing or copying)."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # unsupported encryption (or a missing AES backend) is "locked" too
        return False


def _read_docx(data: bytes, name: str) -> tuple[str, bool]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > DOCX_MAX_MEMBERS:
                raise DocumentError(f"{name} has too many parts to be a CV: save it again as .docx or PDF.")
            if sum(m.file_size for m in members) > DOCX_MAX_UNCOMPRESSED:
                raise DocumentError(f"{name} is too large once opened: save it without pictures, or as a PDF.")
            if any(m.flag_bits & 0x1 for m in members):
                raise DocumentError(f"{name} is protected with a password: remove the password and upload it again.")
    except zipfile.BadZipFile:
        raise DocumentError(f"{name} could not be read as a Word document: it may be damaged.") from None

    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
        lines: list[str] = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append("  ".join(cell.text for cell in row.cells))
    except Exception as exc:  # python-docx and lxml raise many kinds of error on bad files
        logger.info("unreadable DOCX upload: %s: %s", type(exc).__name__, exc)
        raise DocumentError(f"{name} could not be read as a Word document: it may be damaged.") from None
    return _cap("\n".join(lines))
