"""PDF plans with a text layer, read with pdfplumber page by page in reading order.

A PDF has lines, not paragraphs: a line that runs to the right margin and does not end a sentence is
joined with the next unless the next starts a heading or a new item. Page numbers and the running
header/footer printed on every page are dropped. Ruled tables become Table blocks and their text is
not repeated as paragraphs. A PDF without a text layer (a scan) is refused with its own code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from ..blocks import Block, Document, Paragraph, Table
from ..errors import ExtractError
from ..model import Source
from .celltables import column_kind, join_pieces
from .text import clean_line, clean_text

# A colon at the end of a full line is mid-sentence more often than not ("（责任单位：" + next line).
_SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";", "”", "」", "）", ")")
_ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百]+[，、章节条部分]|"
    r"[0-9０-９]{1,3}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,3}[）)]|[①-⑳]|附件|附表|抄送|主送|[—-]{0,2}\s*[0-9]+\s*[—-]{0,2}$)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[—\-－–\s]*[0-9０-９]+[—\-－–\s]*|第\s*[0-9]+\s*页.*|[0-9]+\s*/\s*[0-9]+|Page \d+.*)$"
)
_MIN_TEXT_CHARS = 20


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float


def read_pdf(data: bytes, source: Source) -> Document:
    """Read a text PDF into Paragraph and Table blocks."""
    import pdfplumber

    source.format = "pdf"
    source.encoding = None
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            pages = [_read_page(page) for page in pdf.pages]
    except ExtractError:
        raise
    except Exception:  # pdfminer raises many kinds for damaged or encrypted files
        raise ExtractError(
            "PDF 文件已损坏或已加密，无法读取文字；请上传未加密的原文件。", "unreadable"
        ) from None
    text_chars = sum(len(line.text) for lines, _ in pages for line in lines)
    text_chars += sum(len("".join(row)) for _, tables in pages for _, table in tables for row in table)
    if text_chars < _MIN_TEXT_CHARS:
        raise ExtractError(
            "这个 PDF 没有文字层（可能是扫描件），请上传可复制文字的 PDF、.docx 或先做文字识别（OCR）。",
            "scanned_pdf",
        )
    return Document(source=source, blocks=_blocks(pages))


def _read_page(page: Any) -> tuple[list[_Line], list[tuple[float, list[list[str]]]]]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    lines = [
        _Line(clean_line(clean_text(item["text"])), item["x0"], item["x1"], item["top"])
        for item in text_page.extract_text_lines(return_chars=False)
    ]
    found = [(table.bbox[1], _table_cells(table.extract())) for table in tables]
    return [line for line in lines if line.text], [(top, rows) for top, rows in found if rows]


def _table_cells(rows: list[list[str | None]]) -> list[list[str]]:
    out = []
    for row in rows:
        cells = [clean_text(cell or "") for cell in row]
        if any(cell.strip() for cell in cells):
            out.append(cells)
    return out


def _blocks(pages: list[tuple[list[_Line], list[tuple[float, list[list[str]]]]]]) -> list[Block]:
    running = _running_lines([lines for lines, _ in pages])
    blocks: list[Block] = []
    for lines, tables in pages:
        kept = [
            line for line in lines if not _PAGE_NUMBER.match(line.text) and _shape(line.text) not in running
        ]
        items: list[tuple[float, Any]] = [(line.top, line) for line in kept] + list(tables)
        items.sort(key=lambda item: item[0])
        pending: list[_Line] = []
        for _, item in items:
            if isinstance(item, _Line):
                pending.append(item)
                continue
            _add_paragraphs(blocks, pending)
            pending = []
            _add_table(blocks, item)
        _add_paragraphs(blocks, pending)
    return _renumber(blocks)


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Header and footer lines printed on most pages (digits ignored, so "第 3 页" matches "第 4 页")."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_shape(line.text) for line in lines[:2] + lines[-2:]}
        counts.update(edges)
    return {shape for shape, n in counts.items() if n >= max(3, len(pages) * 0.6)}


def _shape(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", text)


def _add_paragraphs(blocks: list[Block], lines: list[_Line]) -> None:
    if not lines:
        return
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    width = _char_width(lines)
    # A paragraph that runs on from the previous page continues the last paragraph block.
    if blocks and isinstance(blocks[-1], Paragraph) and _continues(blocks[-1].text, lines[0], left, width):
        first = blocks.pop()
        lines = [_Line(first.text, lines[0].x0, right, 0.0), *lines]
    for text in join_wrapped_lines(lines, left, right, width):
        blocks.append(Paragraph(text, 0))


def _char_width(lines: list[_Line]) -> float:
    widths = sorted((line.x1 - line.x0) / len(line.text) for line in lines if len(line.text) >= 4)
    return widths[len(widths) // 2] if widths else 10.0


def _continues(previous: str, line: _Line, left: float, width: float) -> bool:
    return (
        not previous.endswith(_SENTENCE_END)
        and not _ITEM_START.match(line.text)
        and line.x0 <= left + width * 1.2
        and len(previous) > 20
    )


def join_wrapped_lines(lines: list[_Line], left: float, right: float, char_width: float) -> list[str]:
    """Join the hard line breaks inside paragraphs.

    A line is continued by the next when it reaches the right margin, does not end a sentence, and
    the next line neither starts a heading or new item nor is indented as a new paragraph.
    """
    out: list[str] = []
    current = ""
    full_line: bool = False
    for line in lines:
        indented = line.x0 > left + char_width * 1.2
        starts_item = bool(_ITEM_START.match(line.text))
        if current and full_line and not current.endswith(_SENTENCE_END) and not indented and not starts_item:
            current = join_pieces([current, line.text])
        else:
            if current:
                out.append(current)
            current = line.text
        full_line = line.x1 >= right - char_width * 1.5
    if current:
        out.append(current)
    return out


def join_text_lines(lines: list[str]) -> list[str]:
    """The same joining for plain lines without positions: all lines count as running to the margin."""
    width = max((len(line) for line in lines), default=0)
    placed = [_Line(line, 0.0, float(width if len(line) >= width - 1 else len(line)), 0.0) for line in lines]
    return join_wrapped_lines(placed, 0.0, float(width), 1.0)


def _add_table(blocks: list[Block], rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    previous = blocks[-1] if blocks else None
    # A table running over a page break continues the previous one (with or without a repeated header).
    if isinstance(previous, Table) and len(previous.header) == width:
        header = [_cell(cell) for cell in rows[0]]
        body = rows[1:] if header == previous.header else rows
        previous.rows.extend(_body(body, previous.header))
        return
    header = [_cell(cell) for cell in rows[0]]
    blocks.append(Table(header=header, rows=_body(rows[1:], header), line=0))


def _body(rows: list[list[str]], header: list[str]) -> list[list[str]]:
    units = [column_kind(name) == "unit" for name in header]
    return [[_cell(cell, units[i]) for i, cell in enumerate(row)] for row in rows]


def _cell(text: str, unit_column: bool = False) -> str:
    parts = [part for part in (clean_line(p) for p in text.split("\n")) if part]
    return join_pieces(parts, unit_column, wrapped=True) if parts else ""


def _renumber(blocks: list[Block]) -> list[Block]:
    for index, block in enumerate(blocks):
        block.line = index
    return blocks
