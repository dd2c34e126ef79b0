"""Turn a table read cell by cell (Word, HTML) into blocks: captions, a header, aligned rows.

Readers hand over a grid with one entry per column: the cell's lines and whether it is the lower
part of a cell merged down from the row above. A cell merged across columns appears in its first
column and leaves ([], False) in the others, so every row lines up with the header.

* A title row spanning the whole table ("重点任务分工表") is a caption paragraph.
* A table whose first row names no columns is page layout: its text becomes paragraphs.
* A second header row under a merged one (责任单位 over 牵头单位 | 配合单位) names the columns.
* A cell merged down repeats in unit and date columns (each task keeps its units and deadline) and
  is "" elsewhere (a category is printed once, as when the same table arrives as text).
"""

from __future__ import annotations

from ..blocks import Block, Paragraph, Table
from .celltables import column_kind, compact, finishes_name, join_pieces, looks_like_header, serial_number

Cell = tuple[list[str], bool]  # (lines of the cell, merged down from the row above)


def grid_blocks(grid: list[list[Cell]], wrapped: bool = False) -> list[Block]:
    """Blocks for one table; `wrapped` when a cell's lines are visual wraps rather than paragraphs."""
    rows = [row for row in grid if any(parts for parts, below in row if not below)]
    blocks: list[Block] = []
    while len(rows) > 1 and _is_caption(rows[0]) and len(rows[1]) > 1:
        blocks.append(Paragraph(_plain(next(parts for parts, _ in rows[0] if parts)), 0))
        rows = rows[1:]
    if not rows:
        return blocks
    width = max(len(row) for row in rows)
    rows = [row + [([], False)] * (width - len(row)) for row in rows]
    header = [_plain(parts) for parts, _ in rows[0]]
    if width == 1 or not looks_like_header(header):
        lines = [line for row in rows for parts, below in row if not below for line in parts]
        return blocks + [Paragraph(line, 0) for line in lines]
    if len(rows) > 1 and _is_second_header(rows[0], rows[1]):
        header = _two_row_header(rows[0], rows[1])
        rows = rows[1:]
    kinds = [column_kind(name) for name in header]
    body = [[_value(cell, kind, wrapped) for cell, kind in zip(row, kinds)] for row in rows[1:]]
    body = [row for row in body if [compact(cell) for cell in row] != [compact(name) for name in header]]
    blocks.append(Table(header=header, rows=body, line=0))
    return blocks


def _two_row_header(upper: list[Cell], lower: list[Cell]) -> list[str]:
    """Column names from two header rows.

    Under a name spanning several columns (责任单位 over 牵头单位 | 配合单位) the lower names stand
    alone; under a one-column name the lower line finishes it (牵头 over 单位 is 牵头单位).
    """
    names = []
    for column, ((parts, _), (lower_parts, below)) in enumerate(zip(upper, lower)):
        name = _plain(parts)
        if not lower_parts or below:
            names.append(name)
            continue
        second = _plain(lower_parts)
        spans = column + 1 < len(upper) and not upper[column + 1][0] and not upper[column + 1][1]
        if name and not spans and finishes_name(name, second):
            names.append(name + second)
        else:
            names.append(second)
    return names


def _is_caption(row: list[Cell]) -> bool:
    return len({_plain(parts) for parts, below in row if parts and not below}) == 1


def _is_second_header(upper: list[Cell], row: list[Cell]) -> bool:
    """Names under the header: column names, or the second halves of the names above (单位 under 牵头)."""
    texts = [_plain(parts) for parts, below in row if parts and not below]
    if not texts or serial_number(texts[0]) is not None:
        return False
    halves = [
        finishes_name(_plain(above), _plain(parts))
        for (above, _), (parts, below) in zip(upper, row)
        if parts and not below
    ]
    return looks_like_header(texts) or all(halves)


def _value(cell: Cell, kind: str, wrapped: bool) -> str:
    parts, below = cell
    if not parts or (below and kind not in ("unit", "date")):
        return ""
    return join_pieces(parts, kind == "unit", wrapped)


def _plain(parts: list[str]) -> str:
    return join_pieces(parts) if parts else ""
