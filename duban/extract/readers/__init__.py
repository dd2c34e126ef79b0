"""Turn the bytes of any plan document into a `Document` of paragraphs and tables.

The format is decided by content first and by the file name's suffix second, so a .txt that is
really a Word file (or a download with no suffix) still reads. Every refusal is an `ExtractError`
with a one-sentence Chinese message and a `code` programs can test.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from io import BytesIO
from pathlib import PurePath

from ..blocks import Document
from ..errors import ExtractError
from ..model import Source

MAX_BYTES = 20 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGICS = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"RIFF",
    b"\x7fELF",
    b"MZ",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"%!PS",
)
_TAG = re.compile(rb"<(?:[a-zA-Z][a-zA-Z0-9]*|!--|/[a-zA-Z])[\s>/]")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def read_document(data: bytes, name: str) -> Document:
    """Read one document's bytes; `name` is the file name as the person gave it (used for its suffix)."""
    if len(data) > MAX_BYTES:
        raise ExtractError(
            f"文件过大（超过 {MAX_BYTES // (1024 * 1024)} MB），请拆分或精简后再上传。", "too_large"
        )
    if not data.strip():
        raise ExtractError("文件是空的，没有可读取的内容。", "empty")
    source = Source(name=name, format="txt", sha256=hashlib.sha256(data).hexdigest())
    kind = sniff_format(data, name)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, source)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, source)
    if kind == "html":
        from .html import read_html

        return read_html(data, source)
    from .text import read_text

    return read_text(data, source)


def sniff_format(data: bytes, name: str) -> str:
    """Return txt, docx, pdf or html, or raise for formats that are not plans or not readable."""
    head = data[:8]
    if head.startswith(_OLE_MAGIC):
        _refuse_ole(data, name)
    if head.startswith(b"{\\rtf"):
        raise ExtractError("这是 RTF 文件，请在 Word 或 WPS 中另存为 .docx 后再上传。", "unsupported")
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    magic = next((m for m in _BINARY_MAGICS if head.startswith(m)), None)
    # An ASCII signature ("BM", "MZ") may just be how a text begins: binary only with NUL bytes near it.
    if magic and (not magic.isascii() or b"\x00" in data[:1024]):
        raise ExtractError(
            "这不是文字文档（可能是图片、压缩包或程序），请上传 .docx、.pdf、.txt 或网页文件。", "binary"
        )
    if b"multipart/related" in data[:2048].lower() and b"mime-version" in data[:2048].lower():
        raise ExtractError(
            "这是网页归档（.mht）文件，请在浏览器中另存为“网页，仅 HTML”后再上传。", "unsupported"
        )
    suffix = PurePath(name).suffix.lower()
    if looks_like_html(data) or (suffix in _HTML_SUFFIXES and _TAG.search(data[:4096])):
        return "html"
    return "txt"


def _refuse_ole(data: bytes, name: str) -> None:
    """Old Office files share one container: tell Excel and PowerPoint apart from Word/WPS by stream name."""
    suffix = PurePath(name).suffix.lower()
    if "Workbook".encode("utf-16-le") in data or suffix in (".xls", ".et"):
        raise ExtractError(
            "这是旧版 Excel 表格，不是方案文件；任务分解表请另存为 .xlsx 后在台账中导入。", "unsupported"
        )
    if "PowerPoint Document".encode("utf-16-le") in data or suffix in (".ppt", ".dps"):
        raise ExtractError("这是 PowerPoint 演示文稿，请上传方案的 .docx、.pdf 或 .txt 文件。", "unsupported")
    raise ExtractError("这是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再上传。", "old_doc")


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ExtractError("文件已损坏或不是完整的文档，无法打开。", "binary") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise ExtractError(
            "这是 Excel 表格，不是方案文件；任务分解表请在台账的“导入 Excel”处上传。", "unsupported"
        )
    if "ppt/presentation.xml" in names:
        raise ExtractError("这是 PowerPoint 演示文稿，请上传方案的 .docx、.pdf 或 .txt 文件。", "unsupported")
    if "OFD.xml" in names:
        raise ExtractError(
            "这是 OFD 版式文件，请在数科或福昕 OFD 阅读器中导出为 PDF 后再上传。", "unsupported"
        )
    if "content.xml" in names:
        raise ExtractError("这是 WPS/OpenDocument 格式，请另存为 .docx 后再上传。", "unsupported")
    raise ExtractError("这是压缩包，不是文档；请解压后上传其中的方案文件。", "binary")


def looks_like_html(data: bytes) -> bool:
    """True when the start of the bytes is markup (a doctype or an <html>/<head>/<body>/<meta> tag)."""
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return True
    return start.startswith(b"<") and any(
        tag in start for tag in (b"<head", b"<body", b"<meta", b"<div", b"<p>")
    )


__all__ = ["MAX_BYTES", "read_document", "sniff_format"]
