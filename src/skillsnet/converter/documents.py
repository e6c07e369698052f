"""Reading an uploaded CV (PDF, DOCX or plain text) into text, in memory, within fixed limits.

The file's type comes from its first bytes (its "magic"), not from its name; the name's extension must
agree. Every limit below exists so that a hostile or broken file costs little and gets a clear message:

- at most `MAX_BYTES` (5 MB) uploaded;
- text is counted as it is read and reading stops at `MAX_CHARS` (200,000 characters, a hundred pages of
  CV); the result says it was cut;
- PDF: at most `MAX_PAGES` (30) pages; a page whose content stream is larger than `PDF_MAX_PAGE_CONTENT`
  (or pages whose streams together exceed `PDF_MAX_CONTENT`) is refused before its text is extracted,
  since pypdf's time grows with every operator; `MAX_SECONDS` of work is checked between pages;
- DOCX (a zip): at most `DOCX_MAX_MEMBERS` members and `DOCX_MAX_UNCOMPRESSED` bytes declared once
  uncompressed; then `word/document.xml` is inflated here, in 64 KB chunks, counting the bytes that really
  come out (the sizes in the zip's headers are never trusted) and stopping at `DOCX_MAX_XML_BYTES`; it is
  parsed as a stream with entity resolution and network access off, and stopped after
  `DOCX_MAX_ELEMENTS` XML elements.

A file that hits a complexity limit gets `too_complex(name)`: "… is too complex to read — paste the text
instead." These limits bound the work; `skillsnet.converter.sandbox` runs this module in a separate process
with a memory, CPU and wall-clock cap, so even a file that slips past them cannot hurt the web worker.

This module writes nothing to disk and imports nothing from Django: the caller hands in bytes and gets text
back. (Django keeps an upload of up to FILE_UPLOAD_MAX_MEMORY_SIZE in memory; a larger one is spooled to a
temporary file that Django deletes at the end of the request; a request above SKILLSNET_MAX_REQUEST_BYTES is
refused before it is read.)
"""

from __future__ import annotations

import io
import logging
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
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
DOCX_MAX_XML_BYTES = 8 * 1024 * 1024
DOCX_MAX_ELEMENTS = 200_000
PDF_MAX_PAGE_CONTENT = 2 * 1024 * 1024
PDF_MAX_CONTENT = 8 * 1024 * 1024
CHUNK = 64 * 1024

Kind = Literal["pdf", "docx", "txt"]
EXTENSIONS: dict[str, Kind] = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt"}
KIND_NAMES = {"pdf": "a PDF", "docx": "a Word (.docx) document", "txt": "a plain text file"}
ACCEPTED = "a PDF, a Word document (.docx) or a plain text file (.txt)"


class DocumentError(Exception):
    """The file cannot be read; the message is a sentence for the person who uploaded it."""


def too_complex(name: str) -> DocumentError:
    """The refusal for a file that would cost too much to read (size once opened, elements, time, memory)."""
    return DocumentError(f"{name} is too complex to read — paste the text instead.")


def display_name(filename: str) -> str:
    """The file's own name without any folder the browser sent, for messages."""
    return PurePath(filename or "").name or "The file"


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
    name = display_name(filename)
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
        content = 0
        for page in reader.pages:
            # pypdf's extraction time grows with the number of operators, and a short file can hold a
            # large stream: measure the page's (decompressed) content before extracting anything.
            stream = page.get_contents()
            page_content = len(stream.get_data()) if stream is not None else 0
            content += page_content
            if page_content > PDF_MAX_PAGE_CONTENT or content > PDF_MAX_CONTENT:
                raise too_complex(name)
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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_T, W_P, W_TAB, W_TC, W_TR = f"{W}t", f"{W}p", f"{W}tab", f"{W}tc", f"{W}tr"
W_BREAKS = frozenset({f"{W}br", f"{W}cr"})
# Elements whose content has been read when they end: cleared then, so memory stays flat.
W_CONTAINERS = frozenset({W_P, W_TC, W_TR, f"{W}tbl", f"{W}body"})


def _read_docx(data: bytes, name: str) -> tuple[str, bool]:
    damaged = DocumentError(f"{name} could not be read as a Word document: it may be damaged.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > DOCX_MAX_MEMBERS:
                raise DocumentError(f"{name} has too many parts to be a CV: save it again as .docx or PDF.")
            # A cheap first refusal from the directory; the real sizes are counted below as they inflate.
            if sum(m.file_size for m in members) > DOCX_MAX_UNCOMPRESSED:
                raise DocumentError(f"{name} is too large once opened: save it without pictures, or as a PDF.")
            if any(m.flag_bits & 0x1 for m in members):
                raise DocumentError(f"{name} is protected with a password: remove the password and upload it again.")
            body = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise damaged from None
    try:
        return _docx_text(_inflate(data, body, name), name)
    except DocumentError:
        raise
    except Exception as exc:  # lxml and zlib raise several kinds of error on bad files
        logger.info("unreadable DOCX upload: %s: %s", type(exc).__name__, exc)
        raise damaged from None


def _inflate(data: bytes, member: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """A member's bytes in chunks of at most CHUNK, inflated here from the local header on.

    The zip's size fields are ignored: the bytes are counted as they come out, and reading stops with
    `too_complex` once DOCX_MAX_XML_BYTES have come out (a 1 MB member may inflate to 1 GB).
    """
    offset = member.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ValueError("no local file header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    position = offset + 30 + name_length + extra_length
    view = memoryview(data)
    produced = 0
    if member.compress_type == zipfile.ZIP_STORED:
        end = min(len(data), position + member.compress_size)
        while position < end:
            chunk = bytes(view[position : min(end, position + CHUNK)])
            position += len(chunk)
            produced += len(chunk)
            if produced > DOCX_MAX_XML_BYTES:
                raise too_complex(name)
            yield chunk
        return
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise ValueError(f"compression method {member.compress_type}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while not inflater.eof:
        if inflater.unconsumed_tail:
            source = inflater.unconsumed_tail
        else:
            source = bytes(view[position : position + CHUNK])
            position += len(source)
            if not source:
                raise ValueError("the member ends early")
        chunk = inflater.decompress(source, CHUNK)
        produced += len(chunk)
        if produced > DOCX_MAX_XML_BYTES:
            raise too_complex(name)
        if chunk:
            yield chunk


def _docx_text(chunks: Iterator[bytes], name: str) -> tuple[str, bool]:
    """The text of `word/document.xml`, parsed as a stream: paragraphs one a line, table cells joined by
    two spaces, in document order. Stops at DOCX_MAX_ELEMENTS elements (`too_complex`) or MAX_CHARS."""
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    lines: list[str] = []
    run: list[str] = []  # the text of the paragraph being read
    cells: list[list[str]] = []  # per open table row: its finished cells
    cell: list[list[str]] = []  # per open cell: its finished paragraphs
    elements = 0
    size = 0

    def emit(line: str) -> bool:
        nonlocal size
        if not line.strip():  # empty paragraphs carry nothing; they still count as elements
            return False
        lines.append(line)
        size += len(line) + 1
        return size > MAX_CHARS

    for chunk in chunks:
        parser.feed(chunk)
        for event, element in parser.read_events():
            tag = element.tag
            if event == "start":
                elements += 1
                if elements > DOCX_MAX_ELEMENTS:
                    raise too_complex(name)
                if tag == W_TC:
                    cell.append([])
                elif tag == W_TR:
                    cells.append([])
                continue
            if tag == W_T:
                if element.text:
                    run.append(element.text)
            elif tag == W_P:
                text = "".join(run)
                run.clear()
                if cell:
                    cell[-1].append(text)
                elif emit(text):
                    return _cap("\n".join(lines))
            elif tag == W_TAB:
                run.append("\t")
            elif tag in W_BREAKS:
                run.append("\n")
            elif tag == W_TC and cell:
                finished = "\n".join(cell.pop())
                if cells:
                    cells[-1].append(finished)
                elif emit(finished):
                    return _cap("\n".join(lines))
            elif tag == W_TR and cells:
                row = "  ".join(cells.pop())
                if cell:
                    cell[-1].append(row)
                elif emit(row):
                    return _cap("\n".join(lines))
            if tag in W_CONTAINERS:
                # Forget what has been read, so memory stays flat however long the document is.
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    parser.close()
    return _cap("\n".join(lines))
