"""Tables pasted as text with one line per row: cells split by tabs, by "|" or by runs of spaces.

Three shapes reach a .txt this way:

* tab-separated lines, copied from Word or Excel (a cell holding several paragraphs runs over lines);
* bar-separated lines: a Markdown table ("| 序号 | 任务 |", "|---|---|"), or a table drawn with
  box characters ("│序号│任务│" between "├──┼──┤" rules), where a row may wrap over several lines;
* fixed-width layout (text saved from a PDF): cells split by runs of spaces, a wrapped cell continued
  on the next line under its own column.

In every shape a column name may be printed over two lines (牵头 / 单位), the header may be printed
again after a page break, and page numbers may sit between rows; all three are repaired here.
"""

from __future__ import annotations

import re

from ..blocks import Table
from .celltables import (
    column_kind,
    compact,
    is_header_name,
    is_page_mark,
    is_serial_header,
    join_pieces,
    serial_number,
    starts_heading,
)

Span = tuple[Table, int, int]  # (table, first line, line after the table)

_BAR_SPLIT = re.compile(r"[|｜│┃]")
_BARS = "|｜│┃"
# A rule line of a Markdown or box-drawn table: only dashes, colons, box characters and bars.
_RULE = re.compile(
    r"^[\s|｜│┃:：+\-—─━=═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╞╡╪╤╧]*[-—─━=═]{2,}[\s|｜│┃:：+\-—─━=═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╞╡╪╤╧]*$"
)
_FRAGMENT = re.compile(r"\S+(?: \S+)*")  # text between runs of two or more spaces
_TAB_SPACES = re.compile(r"\s+")


def find_line_tables(raw_lines: list[str]) -> list[Span]:
    """All one-line-per-row tables in the lines (cleaned text, before spaces are shrunk)."""
    found: list[Span] = []
    index = 0
    while index < len(raw_lines):
        line = raw_lines[index]
        reader = _reader_for(line)
        span = reader(raw_lines, index) if reader else None
        if span is None:
            index += 1
            continue
        if index and _RULE.match(raw_lines[index - 1].strip()) and raw_lines[index - 1].strip():
            span = (span[0], index - 1, span[2])  # the rule drawn above the header
        found.append(span)
        index = span[2]
    return found


def _reader_for(line: str):
    """The reader for a table whose header this line may be (by what separates its cells)."""
    if len(line) > 300:
        return None
    if "|" in line or "｜" in line or "│" in line or "┃" in line:
        return _bar_table
    if "\t" in line and line.strip(" \r").count("\t") >= 2:
        return _tab_table
    if "  " in line and "  " in line.strip():
        return _space_table
    if line.strip().count(" ") >= 2:
        return _single_space_table
    return None


def _is_header(names: list[str], least: int, share: float) -> bool:
    named = [name for name in names if name]
    hits = sum(1 for name in named if is_header_name(name))
    return len(names) >= least and hits >= 2 and hits >= len(named) * share


# Bar-separated lines ----------------------------------------------------------------------------


def _bar_cells(line: str, edges: tuple[bool, bool] = (True, True)) -> list[str]:
    """The cells of a line; `edges` tells whether the table draws a bar before its first and after
    its last cell (so a line starting with spaces and a bar has an empty first cell when it does not).
    """
    text = line.strip()
    if edges[0] and text[:1] in _BARS:
        text = text[1:]
    if edges[1] and text[-1:] in _BARS:
        text = text[:-1]
    return [cell.strip() for cell in _BAR_SPLIT.split(text)]


def _edges(line: str) -> tuple[bool, bool]:
    text = line.strip()
    return text[:1] in _BARS, text[-1:] in _BARS


def _bar_table(raw_lines: list[str], start: int) -> Span | None:
    edges = _edges(raw_lines[start])
    header_cells = [compact(cell) for cell in _bar_cells(raw_lines[start], edges)]
    if not _is_header(header_cells, 2, 0.5):
        return None
    width = len(header_cells)
    groups, end = _bar_groups(raw_lines, start + 1, width, edges)
    header_lines, body = _bar_header(groups, header_cells)
    header = [compact(join_pieces(parts)) if parts else "" for parts in header_lines]
    rows = [_row_values(group, header) for group in body]
    rows = [row for row in rows if any(row) and [compact(c) for c in row] != header]
    if not rows:
        return None
    return Table(header=header, rows=rows, line=start), start, end


def _bar_groups(
    raw_lines: list[str], index: int, width: int, edges: tuple[bool, bool]
) -> tuple[list[list[list[str]]], int]:
    """The lines of the table after its first line, as groups of lines (a group: one row).

    Rules (├──┼──┤) separate groups when the table draws them between rows; otherwise each line is
    a row, except a line that continues the row above (its serial cell and most others empty).
    """
    lines: list[list[str] | None] = []  # None: a rule
    end = index
    while index < len(raw_lines):
        line = raw_lines[index].strip()
        index += 1
        if _RULE.match(line) and line:
            lines.append(None)
        elif line and any(bar in line for bar in _BARS) and len(_bar_cells(line, edges)) > min(width // 2, 2):
            lines.append(_fit_width(_bar_cells(line, edges), width))
        elif is_page_mark(line):
            continue
        elif line or not _bar_follows(raw_lines, index):
            break
        end = index
    ruled = _rules_between_rows(lines)
    groups: list[list[list[str]]] = [[]]
    for cells in lines:
        if cells is None:
            groups.append([])
        elif ruled or not groups[-1] or _continues_row(cells):
            groups[-1].append(cells)
        else:
            groups.append([cells])
    return [group for group in groups if group], end


def _bar_follows(raw_lines: list[str], index: int) -> bool:
    """A blank line inside a bar table: the table goes on when the next line is a bar row."""
    while index < len(raw_lines) and not raw_lines[index].strip():
        index += 1
    return index < len(raw_lines) and any(bar in raw_lines[index] for bar in _BARS)


def _rules_between_rows(lines: list[list[str] | None]) -> bool:
    """True when rules separate the body rows (a box-drawn table), not just the header (Markdown)."""
    seen_rows = 0
    for cells in lines:
        if cells is None and seen_rows:
            return True
        seen_rows += cells is not None
    return False


def _continues_row(cells: list[str]) -> bool:
    """A line with an empty first cell continues the row above unless it fills a row of its own."""
    return not cells[0] and not _fills_a_row({k for k, cell in enumerate(cells) if cell}, len(cells))


def _bar_header(
    groups: list[list[list[str]]], first: list[str]
) -> tuple[list[list[str]], list[list[list[str]]]]:
    """The header's lines per column (the first line, plus a second line finishing split names)."""
    columns = [[name] if name else [] for name in first]
    if groups and _finishes_names(groups[0][0], first) and len(groups[0]) == 1:
        for column, cell in zip(columns, groups[0][0]):
            if cell:
                column.append(cell)
        return columns, groups[1:]
    if groups and _finishes_names(groups[0][0], first):
        for column, cell in zip(columns, groups[0][0]):
            if cell:
                column.append(cell)
        rest = groups[0][1:]
        groups = ([rest] if rest else []) + groups[1:]
    return columns, groups


def _finishes_names(cells: list[str], names: list[str]) -> bool:
    """A line under the header holding only the second halves of column names (单位, 时限)."""
    filled = [(cell, name) for cell, name in zip(cells, names) if cell]
    return bool(filled) and all(
        len(cell) <= 6 and serial_number(cell) is None and is_header_name(compact(name + cell))
        for cell, name in filled
    )


def _fit_width(cells: list[str], width: int) -> list[str]:
    if len(cells) > width:  # a "|" inside the last cell's text
        return cells[: width - 1] + ["|".join(cells[width - 1 :])]
    return cells + [""] * (width - len(cells))


def _row_values(group: list[list[str]], header: list[str]) -> list[str]:
    """One row from its lines: each column's pieces joined as wrapped lines of one cell."""
    values = []
    for column, name in enumerate(header):
        pieces = [cells[column] for cells in group if cells[column]]
        values.append(join_pieces(pieces, column_kind(name) == "unit", wrapped=True) if pieces else "")
    return values


# Fixed-width layout -----------------------------------------------------------------------------


def _fragments(line: str) -> list[tuple[int, str]]:
    """(display column, text) of each run of text between runs of two or more spaces."""
    return [(_display_width(line[: match.start()]), match.group()) for match in _FRAGMENT.finditer(line)]


def _space_table(raw_lines: list[str], start: int) -> Span | None:
    heads = _fragments(raw_lines[start].rstrip())
    names = [compact(text) for _, text in heads]
    if len(names) < 3 or not all(is_header_name(name) for name in names):
        return None
    bounds = _column_bounds(raw_lines[start], heads)
    numbered = is_serial_header(names[0])
    groups: list[list[tuple[int, str]]] = []
    index, end = start + 1, start + 1
    while index < len(raw_lines):
        line = raw_lines[index].rstrip()
        index += 1
        if not line.strip() or is_page_mark(line.strip()):
            continue
        pieces = _place(_fragments(line), bounds)
        if [compact(text) for _, text in pieces] == names:
            continue  # the header again, after a page break
        if _opens_row(pieces, numbered, len(names)):
            groups.append(pieces)
        elif groups and not starts_heading(line.strip()) and not _prose_line(pieces, numbered):
            groups[-1].extend(pieces)
        else:
            break
        end = index
    rows = [_layout_row(group, names) for group in groups]
    if not rows:
        return None
    return Table(header=names, rows=rows, line=start), start, end


def _single_space_header(line: str) -> list[str]:
    """'序号 工 作 任 务 牵头负责部门' → [序号, 工作任务, 牵头负责部门]: letter-spaced names rejoined."""
    names: list[str] = []
    spaced = False
    for token in line.split():
        if len(token) == 1 and spaced:
            names[-1] += token
        else:
            names.append(token)
        spaced = len(token) == 1
    return names


def _single_space_table(raw_lines: list[str], start: int) -> Span | None:
    """A numbered table whose cells are split by single spaces (a web page's table copied as text):
    serial first, the work in the middle, the unit (and date) columns last, one line per row."""
    names = _single_space_header(raw_lines[start])
    if len(names) < 3 or not is_serial_header(names[0]) or not all(is_header_name(n) for n in names):
        return None
    trailing = len(names) - 2
    if column_kind(names[-1]) == "text":
        return None
    rows: list[list[str]] = []
    index, end = start + 1, start + 1
    while index < len(raw_lines):
        line = raw_lines[index].strip()
        index += 1
        if not line:
            continue
        tokens = line.split()
        if len(tokens) < len(names) or serial_number(tokens[0]) != len(rows) + 1:
            break
        rows.append([tokens[0], " ".join(tokens[1 : len(tokens) - trailing]), *tokens[-trailing:]])
        end = index
    if len(rows) < 2:
        return None
    return Table(header=names, rows=rows, line=start), start, end


def _column_bounds(line: str, heads: list[tuple[int, str]]) -> list[int]:
    """Where each column after the first begins: halfway between two headers (they are often centred)."""
    ends = [position + _display_width(text) for position, text in heads]
    return [(ends[k] + heads[k + 1][0]) // 2 for k in range(len(heads) - 1)]


def _place(fragments: list[tuple[int, str]], bounds: list[int]) -> list[tuple[int, str]]:
    """(column, text) of each fragment: in order when a line fills every column, else by position."""
    if len(fragments) == len(bounds) + 1:
        return [(column, text) for column, (_, text) in enumerate(fragments)]
    return [(_column_at(bounds, position), text) for position, text in fragments]


def _column_at(bounds: list[int], position: int) -> int:
    column = 0
    while column < len(bounds) and position >= bounds[column]:
        column += 1
    return column


def _opens_row(pieces: list[tuple[int, str]], numbered: bool, width: int) -> bool:
    """A row opens with its serial, or (its serial merged with the row above) by filling most columns;
    without serials, by text in the first column and at least one more.
    """
    if numbered and pieces[0][0] == 0:
        return serial_number(pieces[0][1]) is not None
    if numbered:
        return _fills_a_row({column for column, _ in pieces}, width)
    return len(pieces) >= 2 and pieces[0][0] == 0


def _fills_a_row(columns: set[int], width: int) -> bool:
    """Text in the columns after the serial's: all of them (all but one in wide tables), as a row whose
    serial cell is merged with the row above has; a wrapped line continues only some cells.
    """
    filled = len(columns - {0})
    return 1 in columns and filled >= (width - 1) - (1 if width >= 5 else 0)


def _prose_line(pieces: list[tuple[int, str]], numbered: bool) -> bool:
    """A line starting in the first column that does not open a row ends the table."""
    return pieces[0][0] == 0 and (numbered or len(pieces) == 1)


def _layout_row(group: list[tuple[int, str]], names: list[str]) -> list[str]:
    columns: list[list[str]] = [[] for _ in names]
    for column, text in group:
        columns[column].append(text)
    return [
        join_pieces(parts, column_kind(name) == "unit", wrapped=True) if parts else ""
        for parts, name in zip(columns, names)
    ]


def _display_width(text: str) -> int:
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


# Tab-separated lines ----------------------------------------------------------------------------


def _tab_table(raw_lines: list[str], start: int) -> Span | None:
    header = _tab_cells(raw_lines[start])
    if len(header) < 3 or not _is_header([compact(cell) for cell in header], 3, 0.5):
        return None
    header = printed = [compact(cell) for cell in header]
    first = start + 1
    second = _tab_cells(raw_lines[first]) if first < len(raw_lines) else []
    if len(second) == len(header) and _finishes_names(second, header):
        header = [compact(name + cell) for name, cell in zip(header, second)]
        first += 1
    rows, end = _tab_rows(raw_lines, first, len(header))
    rows = [
        row
        for row in rows
        if [compact(c) for c in row] not in (header, printed) and not _finishes_names(row, printed)
    ]
    if not rows:
        return None
    return Table(header=header, rows=rows, line=start), start, end


def _tab_cells(line: str) -> list[str]:
    if line.count("\t") < 2:
        return []
    return [_TAB_SPACES.sub(" ", cell.strip()) for cell in line.strip(" \r").split("\t")]


def _tab_rows(raw_lines: list[str], start: int, width: int) -> tuple[list[list[str]], int]:
    """Rows until the tab-separated lines stop; a cell with several paragraphs spans several lines."""
    rows: list[list[str]] = []
    index = start
    while index < len(raw_lines):
        while index < len(raw_lines) and (
            not raw_lines[index].strip() or is_page_mark(raw_lines[index].strip())
        ):
            index += 1
        if index >= len(raw_lines) or "\t" not in raw_lines[index]:
            break
        row, after = _tab_row(raw_lines, index, width)
        if row is None:
            break
        rows.append(row)
        index = after
    end = index
    while end > start and not raw_lines[end - 1].strip():
        end -= 1
    return rows, end


def _tab_row(raw_lines: list[str], start: int, width: int) -> tuple[list[str] | None, int]:
    """One row from `start`, joining lines until it has width - 1 tabs (at most 8 lines)."""
    parts: list[str] = []
    index = start
    while index < len(raw_lines) and index - start < 8:
        line = raw_lines[index].strip(" \r")
        if parts and (not line or starts_heading(line)):
            break
        parts.append(line)
        index += 1
        if "\n".join(parts).count("\t") >= width - 1:
            cells = "\n".join(parts).split("\t")
            cells = cells[: width - 1] + ["".join(cells[width - 1 :])]
            return [
                join_pieces([p.strip() for p in cell.split("\n") if p.strip()] or [""]) for cell in cells
            ], index
    if "\n".join(parts).count("\t") >= 1 and len(parts) == 1:
        cells = parts[0].split("\t")
        return [_TAB_SPACES.sub(" ", cell.strip()) for cell in cells] + [""] * (width - len(cells)), index
    return None, start
