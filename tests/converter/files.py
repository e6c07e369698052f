"""Tiny CV files built in memory for the tests: text PDFs written by hand, DOCX by python-docx."""

from __future__ import annotations

import io
import zipfile


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of the numbered objects, with its cross-reference table (object 1 is the catalogue)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_pdf(pages: list[str]) -> bytes:
    """A valid PDF with one line of Helvetica text per page (enough for pypdf to extract)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, text in enumerate(pages):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf(objects)


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF with no text at all, like a scanned image."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(text: str, password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([text]))))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(uncompressed: int) -> bytes:
    """A .docx-shaped zip whose one member inflates to `uncompressed` bytes (it compresses to very little)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * uncompressed + b"</w:document>")
    return out.getvalue()


def many_members_docx(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(count):
            archive.writestr(f"word/media/{i}.txt", "x")
    return out.getvalue()


# ---------------------------------------------------------------- hostile files (issue 16), built in memory

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
DOCUMENT_TAIL = b"</w:body></w:document>"


def paragraphs_docx(megabytes: int = 24) -> bytes:
    """A small .docx whose document.xml is `megabytes` MB of empty paragraphs (`<w:p/>`)."""
    body = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", DOCUMENT_HEAD + body + DOCUMENT_TAIL)
    return out.getvalue()


def lying_docx(megabytes: int = 1024, declared: int = 1000) -> bytes:
    """A .docx whose document.xml inflates to `megabytes` MB while both of its uncompressed-size fields (local
    header and central directory) say `declared` bytes. Built from one deflated 1 MB block repeated: after a
    full flush a deflate stream does not refer back, so each block's compressed form is the same."""
    import struct
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = compressor.compress(DOCUMENT_HEAD) + compressor.flush(zlib.Z_FULL_FLUSH)
    block_data = b" " * (1024 * 1024)
    block = compressor.compress(block_data) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(DOCUMENT_TAIL) + compressor.flush()
    stream = head + block * megabytes + tail
    crc = zlib.crc32(DOCUMENT_HEAD)
    for _ in range(megabytes):
        crc = zlib.crc32(block_data, crc)
    crc = zlib.crc32(DOCUMENT_TAIL, crc)
    name = b"word/document.xml"
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), declared, len(name), 0)
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(stream),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory_offset = len(local) + len(name) + len(stream)
    directory = central + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), directory_offset, 0)
    return local + name + stream + directory + end


def heavy_pdf(megabytes: int = 5) -> bytes:
    """A one-page PDF (a few KB) whose compressed content stream is `megabytes` MB of `(a) '` operators."""
    import zlib

    operators = b"(a) '\n" * (megabytes * 1024 * 1024 // 6)
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td 14 TL\n" + operators + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)
