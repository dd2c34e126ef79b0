"""PDF plans with a text layer, read with pdfplumber page by page in reading order.

A PDF has lines, not paragraphs: a line that runs to the right margin is joined with the next unless
the next starts a heading or a new item or is indented as a new paragraph (where the document does
not indent its paragraphs, a line that ends a sentence ends its paragraph too). Page numbers and the
running header/footer printed on every page are dropped. Ruled tables become Table blocks and their text is
not repeated as paragraphs. A PDF without a text layer (a scan) is refused with its own code.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from ..blocks import Block, Document, Paragraph, Table
from ..errors import ExtractError
from ..model import Source
from .celltables import (
    column_kind,
    compact,
    finishes_name,
    group_cell_tables,
    is_header_name,
    join_pieces,
    serial_number,
)
from .grid import grid_blocks
from .text import clean_line, clean_text, ends_sentence, starts_item

_PAGE_NUMBER = re.compile(
    r"^(?:[—\-－–\s]*[0-9０-９]+[—\-－–\s]*|第\s*[0-9]+\s*页.*|[0-9]+\s*/\s*[0-9]+|Page \d+.*)$"
)
_MIN_TEXT_CHARS = 20
# Glyphs without a Unicode mapping: pdfminer writes "(cid:123)"; some fonts map to the private-use area.
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]+")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float


def read_pdf(data: bytes, source: Source) -> Document:
    """Read a text PDF into Paragraph and Table blocks."""
    import pdfplumber

    # pdfminer logs a warning for every font quirk; a person reading a plan has no use for them.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
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
    _check_text_layer(pages)
    return Document(source=source, blocks=_renumber(group_cell_tables(_blocks(_without_unmapped(pages)))))


def _check_text_layer(pages: list[tuple[list[_Line], list[tuple[float, list[list[str]]]]]]) -> None:
    """Refuse a scan (no text) and a PDF whose fonts carry no character codes (text as "(cid:123)")."""
    text = "".join(line.text for lines, _ in pages for line in lines)
    text += "".join(cell for _, tables in pages for _, table in tables for row in table for cell in row)
    if len(text.strip()) < _MIN_TEXT_CHARS:
        raise ExtractError(
            "这个 PDF 没有文字层（可能是扫描件），请上传可复制文字的 PDF、.docx 或先做文字识别（OCR）。",
            "scanned_pdf",
        )
    unreadable = sum(len(m) for m in _UNMAPPED.findall(text))
    if unreadable > len(text) * 0.3:
        raise ExtractError(
            "这个 PDF 的字体没有文字编码，复制出来是乱码；请上传原始 .docx，或先做文字识别（OCR）。",
            "encoding",
        )


def _without_unmapped(pages: list[tuple[list[_Line], list[tuple[float, list[list[str]]]]]]) -> list[Any]:
    """Drop the few unmapped glyphs (a symbol font's bullet) a readable PDF may still have."""
    out = []
    for lines, tables in pages:
        kept = [_Line(clean_line(_UNMAPPED.sub("", line.text)), line.x0, line.x1, line.top) for line in lines]
        cleaned = [(top, [[_UNMAPPED.sub("", cell) for cell in row] for row in rows]) for top, rows in tables]
        out.append(([line for line in kept if line.text], cleaned))
    return out


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
    flow: list[_Line | list[list[str]]] = []
    for lines, tables in pages:
        kept = [line for i, line in enumerate(lines) if not _furniture(line, i, len(lines), running)]
        items: list[tuple[float, Any]] = [(line.top, line) for line in kept] + list(tables)
        items.sort(key=lambda item: item[0])
        flow.extend(item for _, item in items)
    layout = Layout.of([item for item in flow if isinstance(item, _Line)])
    blocks: list[Block] = []
    pending: list[_Line] = []
    for item in flow:
        if isinstance(item, _Line):
            pending.append(item)
            continue
        blocks.extend(Paragraph(text, 0) for text in join_wrapped_lines(pending, layout))
        pending = []
        _add_table(blocks, item)
    blocks.extend(Paragraph(text, 0) for text in join_wrapped_lines(pending, layout))
    return _renumber(blocks)


def _furniture(line: _Line, index: int, count: int, running: set[str]) -> bool:
    """A page number (only among a page's first or last two lines) or a running header/footer."""
    at_edge = index < 2 or index >= count - 2
    return (at_edge and bool(_PAGE_NUMBER.match(line.text))) or _shape(line.text) in running


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


@dataclass
class Layout:
    """Where the text column of a document sits: its left and right margins and its character width.

    `indents` is True when paragraphs begin with a first-line indent (most Chinese documents): an
    unindented line after a full one then continues the paragraph even after a full stop.
    """

    left: float
    right: float
    char_width: float
    indents: bool

    @classmethod
    def of(cls, lines: list[_Line]) -> Layout:
        body = [line for line in lines if len(line.text) >= 4] or lines
        if not body:
            return cls(0.0, 0.0, 10.0, False)
        widths = sorted((line.x1 - line.x0) / len(line.text) for line in body)
        char_width = widths[len(widths) // 2] or 10.0
        left = min(line.x0 for line in body)
        ends = sorted(line.x1 for line in body)
        right = ends[int((len(ends) - 1) * 0.9)]
        indented = sum(1 for line in body if 1.5 <= (line.x0 - left) / char_width <= 3.5)
        return cls(left, right, char_width, indented >= max(3, len(body) * 0.02))

    def full(self, line: _Line) -> bool:
        return line.x1 >= self.right - self.char_width * 1.5

    def indented(self, line: _Line) -> bool:
        return line.x0 > self.left + self.char_width * 1.2


def join_wrapped_lines(lines: list[_Line], layout: Layout) -> list[str]:
    """Join the hard line breaks inside paragraphs.

    A line runs on into the next when it reaches the right margin and the next line neither starts a
    heading or new item nor is indented as a new paragraph; where the document does not indent its
    paragraphs, a line that ends a sentence is also taken to end its paragraph.
    """
    out: list[str] = []
    current = ""
    previous: _Line | None = None
    for line in lines:
        if (
            previous is not None
            and layout.full(previous)
            and not layout.indented(line)
            and not starts_item(line.text)
            and (layout.indents or not ends_sentence(previous.text))
        ):
            current = join_pieces([current, line.text])
        else:
            if current:
                out.append(current)
            current = line.text
        previous = line
    if current:
        out.append(current)
    return out


def join_text_lines(lines: list[str]) -> list[str]:
    """The same joining for plain lines without positions: every line of the longest length is full."""
    width = max((len(line) for line in lines), default=0)
    placed = [_Line(line, 0.0, float(len(line)), 0.0) for line in lines]
    return join_wrapped_lines(placed, Layout(0.0, float(width), 1.0, False))


def _add_table(blocks: list[Block], rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    previous = blocks[-1] if blocks else None
    # A table running over a page break continues the previous one (with or without a repeated header).
    if isinstance(previous, Table) and len(previous.header) == width:
        previous.rows.extend(_body(_without_header_rows(rows), previous.header))
        return
    # A new table: captions, layout boxes and two-row headers as for Word and HTML. pdfplumber gives
    # None for every part of a merged cell but its first, so merged-down cells read as "".
    grid = [
        [([part for part in (clean_line(p) for p in cell.split("\n")) if part], False) for cell in row]
        for row in rows
    ]
    blocks.extend(grid_blocks(grid, wrapped=True))


def _without_header_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows after the header printed again at the top of the page (one or two rows of names)."""
    if len(rows) < 2 or not _names_columns(rows[0]):
        return rows
    second = [_cell(cell) for cell in rows[1]]
    halves = [finishes_name(_cell(above), cell) for above, cell in zip(rows[0], second) if cell]
    if len(rows) > 2 and (_names_columns(rows[1]) or (halves and all(halves))):
        return rows[2:]
    return rows[1:]


def _names_columns(row: list[str]) -> bool:
    """Every filled cell of the row is a column name (a data row holds at least one sentence or unit)."""
    cells = [compact(_cell(cell)) for cell in row if _cell(cell)]
    return len(cells) >= 2 and serial_number(cells[0]) is None and all(is_header_name(cell) for cell in cells)


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
