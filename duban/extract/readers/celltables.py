"""Tables that arrive as one cell per line, as when a web page's task table is copied into a .txt.

The shape that survives the copy: a run of short column names (序号, 任务名称, 牵头单位, 完成时限 …),
then the cells of each row on their own lines, each row opened by its serial number (1, 2, 3 …).
Two things go wrong in the copy and are repaired here:

* a cell merged over several rows (typically a category column such as 任务名称) is printed only in
  its first row, so later rows have fewer cells; the gap is filled with "" so the parser can inherit;
* a cell wrapped over several lines (a unit list ending in "、", a two-line category name) arrives as
  several cells.

Both are solved at once by aligning each row's cells to the header's columns with a small dynamic
programme: every column has a kind (name, text, unit, date, other) guessed from its header, every
cell a fit to each kind, and merging or skipping has a price. The cheapest alignment wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..blocks import Block, Paragraph, Table

_SERIAL_HEADERS = {"序号", "编号", "序", "序列", "项目序号", "任务序号"}
_HEADER_CELL = re.compile(
    r"^(?:序号|编号|[^\s，。；：:,;]{0,10}(?:任务|内容|名称|类型|类别|分类|领域|单位|部门|时限|时间|节点|期限|日期|"
    r"目标|指标|措施|举措|事项|备注|文件|依据|街镇|镇街|区县|要求|成果|形式|责任人|领导|分工|进度|计划|"
    r"牵头|配合|协办|主办|主体|项目|工作|环节|标准|数量|单位名称))(?:[（(][^（）()]{1,20}[）)])?$"
)
_HEADER_SUFFIX_NOTE = re.compile(r"^[（(][^（）()]{1,12}[）)]$")  # "（平方公里）" under a header cell
_SERIAL = re.compile(r"^([0-9０-９]{1,3})[.、．]?$")
_HEADING = re.compile(
    r"^(?:附件|附表|抄送|抄报|主送|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|"
    r"第[一二三四五六七八九十百]+[章节条部分]|表[0-9０-９]+)"
)
_DATE_CELL = re.compile(
    r"^(?:[0-9０-９]{4}年.{0,12}|.{0,8}(?:年底|年内|月底|季度|上半年|下半年|[0-9０-９]+月|前|期间)|"
    r"长期.{0,4}|持续.{0,4}|常态.{0,4}|每[年月季周旬].{0,10}|[0-9]{4}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?)$"
)
_UNIT_END = re.compile(
    r"(?:局|委|办|部|厅|院|会|室|处|科|所|站|队|中心|政府|街道|街镇|镇|乡|区|县|市|州|园区|管委会|公司|集团|"
    r"单位|部门|机构|组|团|联|社|行|署|司|馆|台|校|协会|学会|联合会|成员单位|[）)])$"
)
# How a unit name usually begins; "办公厅" on its own line is the wrapped end of "省政府办公厅".
_UNIT_START = re.compile(r"^(?:[省市区县州镇乡旗各国中全]|[^\s]{2,}(?:省|市|区|县|州))")
_UNIT_SPLIT = re.compile(r"[、，,；;/\s]+")
_TRAILING_ETC = re.compile(r"等(?:相关|有关)?(?:部门|单位)?[，,、；;。]*$|[，,、；;。]+$")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？!?；;]")

_NAME, _TEXT, _UNIT, _DATE, _OTHER = "name", "text", "unit", "date", "other"
_SKIP_COST = {_NAME: 1.0, _OTHER: 1.5, _UNIT: 2.5, _DATE: 2.5, _TEXT: 4.0}
_MAX_PIECES = 6  # cells one column may absorb in one row
_CELL_CREDIT = 0.4  # what taking one more cell into the last row is worth (less than any merge costs)


@dataclass
class _Header:
    cells: list[str]
    start: int  # line index of the first header cell
    end: int  # line index after the last header cell
    grouped: bool  # cells are separated by blank lines (one cell may wrap over several lines)


def find_cell_tables(lines: list[str]) -> list[tuple[Table, int, int]]:
    """Find cell-per-line tables in cleaned lines; return (table, first line, line after the table)."""
    found: list[tuple[Table, int, int]] = []
    index = 0
    while index < len(lines):
        if lines[index] not in _SERIAL_HEADERS:
            index += 1
            continue
        header = _read_header(lines, index)
        result = _read_table(lines, header) if header else None
        if result is None:
            index += 1
            continue
        table, end = result
        found.append((table, index, end))
        index = end
    return found


def group_cell_tables(blocks: list[Block]) -> list[Block]:
    """Regroup cell-per-paragraph tables inside runs of paragraphs (a web page that typed its table as <p>s)."""
    if not any(isinstance(b, Paragraph) and b.text in _SERIAL_HEADERS for b in blocks):
        return blocks
    out: list[Block] = []
    run: list[Paragraph] = []
    for block in [*blocks, None]:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        out.extend(_regroup_run(run))
        run = []
        if block is not None:
            out.append(block)
    return out


def _regroup_run(run: list[Paragraph]) -> list[Block]:
    texts = [paragraph.text for paragraph in run]
    out: list[Block] = []
    index = 0
    for table, start, end in find_cell_tables(texts):
        out.extend(run[index:start])
        table.line = run[start].line
        out.append(table)
        index = end
    out.extend(run[index:])
    return out


def find_tab_tables(raw_lines: list[str]) -> list[tuple[Table, int, int]]:
    """Tables copied from Word or Excel as tab-separated lines: a header line of column names, then rows.

    A row may run over several lines when one of its cells held several paragraphs.
    """
    found: list[tuple[Table, int, int]] = []
    index = 0
    while index < len(raw_lines):
        header = _tab_cells(raw_lines[index])
        if len(header) < 3 or sum(bool(_HEADER_CELL.match(cell)) for cell in header) * 2 < len(header):
            index += 1
            continue
        rows, end = _tab_rows(raw_lines, index + 1, len(header))
        if rows:
            found.append((Table(header=header, rows=rows, line=index), index, end))
            index = end
        else:
            index += 1
    return found


def _tab_cells(line: str) -> list[str]:
    if line.count("\t") < 2:
        return []
    return [_SPACES.sub(" ", cell.strip()) for cell in line.strip(" \r").split("\t")]


def _tab_rows(raw_lines: list[str], start: int, width: int) -> tuple[list[list[str]], int]:
    """Rows until the tab-separated lines stop; a cell with several paragraphs spans several lines."""
    rows: list[list[str]] = []
    index = start
    while index < len(raw_lines):
        while index < len(raw_lines) and not raw_lines[index].strip():
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
        if parts and (not line or _HEADING.match(line)):
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
        return [_SPACES.sub(" ", cell.strip()) for cell in cells] + [""] * (width - len(cells)), index
    return None, start


def _read_header(lines: list[str], start: int) -> _Header | None:
    cells: list[str] = []
    blank_between = False
    index = start
    while index < len(lines):
        line = lines[index]
        if not line:
            blank_between = blank_between or bool(cells)
            index += 1
            continue
        if _HEADER_CELL.match(line) and (not cells or line not in _SERIAL_HEADERS):
            cells.append(line)
        elif cells and _HEADER_SUFFIX_NOTE.match(line):
            cells[-1] += line
        else:
            break
        index += 1
    while index > start and not lines[index - 1]:
        index -= 1
    if len(cells) < 3:
        return None
    return _Header(cells, start, index, blank_between)


def _read_table(lines: list[str], header: _Header) -> tuple[Table, int] | None:
    kinds = [column_kind(name) for name in header.cells[1:]]
    cells = _cells(lines, header.end, header.grouped)
    rows: list[list[str]] = []
    position = 0
    widest = len(kinds)  # the most cells a row has used so far
    while position < len(cells) and serial_number(cells[position][0]) == len(rows) + 1:
        first = position + 1
        bounds = _row_bounds(cells, first, len(rows) + 2, header.cells)
        if bounds is None:  # last row: the numbering stops, prose resumes
            taken, values = _last_row(cells, first, kinds, widest)
            position = first + taken
        else:
            values = align_row([c[0] for c in cells[first : bounds[0]]], kinds)
            widest = max(widest, bounds[0] - first)
            position = bounds[1]
        rows.append([str(len(rows) + 1), *values])
    if not rows:
        return None
    end = cells[position - 1][2]
    return Table(header=list(header.cells), rows=rows, line=header.start), end


def _cells(lines: list[str], start: int, grouped: bool) -> list[tuple[str, int, int]]:
    """Candidate cells as (text, first line, line after): a blank-separated group, or one line each."""
    out: list[tuple[str, int, int]] = []
    index = start
    while index < len(lines):
        if not lines[index]:
            index += 1
            continue
        first = index
        parts = [lines[index]]
        index += 1
        if grouped and not serial_number(parts[0]):
            while index < len(lines) and lines[index] and not serial_number(lines[index]):
                parts.append(lines[index])
                index += 1
        out.append((join_pieces(parts), first, index))
    return out


def _row_bounds(
    cells: list[tuple[str, int, int]], position: int, serial: int, header: list[str]
) -> tuple[int, int] | None:
    """(end of this row's cells, start of the next row) or None when no next row follows.

    A header printed again before the next row (a page break in the original) is skipped.
    """
    size = len(header)
    for index in range(position, len(cells)):
        text = cells[index][0]
        if serial_number(text) == serial and index + 1 < len(cells):
            return index, index
        if text == header[0] and [c[0] for c in cells[index : index + size]] == header:
            after = index + size
            if after + 1 < len(cells) and serial_number(cells[after][0]) == serial:
                return index, after
            return None
        if _HEADING.match(text) and index > position:
            return None
    return None


def _last_row(
    cells: list[tuple[str, int, int]], position: int, kinds: list[str], widest: int
) -> tuple[int, list[str]]:
    """The last row has no next serial to end it: take as many cells as align well.

    Up to the next heading and to the most cells an earlier row used; each cell taken earns a small
    credit, so a row wrapped over many lines is taken whole while prose after a complete row is not.
    """
    limit = position
    while limit < len(cells) and limit - position < widest + 2 and not _HEADING.match(cells[limit][0]):
        limit += 1
    best: tuple[float, int, list[str]] | None = None
    for count in range(1, limit - position + 1):
        texts = tuple(c[0] for c in cells[position : position + count])
        cost, values = _align(texts, tuple(kinds))
        cost -= _CELL_CREDIT * count
        if best is None or cost < best[0] - 1e-9:
            best = (cost, count, values)
    if best is None:
        return 0, [""] * len(kinds)
    return best[1], best[2]


def serial_number(text: str) -> int | None:
    match = _SERIAL.match(text)
    if not match:
        return None
    return int(match.group(1).translate(_FULLWIDTH_DIGITS))


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def looks_like_header(cells: list[str]) -> bool:
    """A table's first row names its columns (序号, 重点任务, 牵头单位 …): at least two such names.

    Tables without one are page layout (a letterhead, a signature block, a text box) and are read as
    paragraphs.
    """
    names = [_SPACES.sub("", cell) for cell in cells if cell.strip()]
    return sum(1 for name in names if _HEADER_CELL.match(name)) >= 2


def column_kind(name: str) -> str:
    """The kind of a column from its header: name, text, unit, date or other."""
    if re.search(r"时限|时间|节点|期限|日期|进度", name):
        return _DATE
    if re.search(r"单位|部门|责任人|牵头|配合|协办|主办|主体|领导|街镇|镇街|区县", name):
        return _UNIT
    if re.search(r"名称|类型|类别|分类|领域|方面|板块|环节", name):
        return _NAME
    if re.search(r"备注|文件|依据|成果|形式|标准", name):
        return _OTHER
    return _TEXT


def align_row(cells: list[str], kinds: list[str]) -> list[str]:
    """Spread one row's cells over the columns of `kinds`: merge wrapped cells, leave merged ones ""."""
    return _align(tuple(cells), tuple(kinds))[1]


@lru_cache(maxsize=4096)
def _align(cells: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[float, list[str]]:
    n, m = len(cells), len(kinds)
    inf = float("inf")
    # cost[i][j]: cheapest way to place the first i cells into the first j columns.
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for j in range(1, m + 1):
        kind = kinds[j - 1]
        for i in range(n + 1):
            best, choice = cost[i][j - 1] + _SKIP_COST[kind], (i, j - 1)
            for first in range(max(0, i - _MAX_PIECES), i):
                if cost[first][j - 1] == inf:
                    continue
                c = cost[first][j - 1] + _span_cost(cells[first:i], kind) + 0.01 * j * (i - first - 1)
                if c < best:
                    best, choice = c, (first, j - 1)
            cost[i][j], back[i][j] = best, choice
    values = [""] * m
    i, j = n, m
    if cost[n][m] == inf:
        return inf, [" ".join(cells)] + [""] * (m - 1) if m else []
    while j > 0:
        prev = back[i][j]
        assert prev is not None
        first, _ = prev
        if first < i:
            values[j - 1] = join_pieces(list(cells[first:i]), kinds[j - 1] == _UNIT)
        i, j = prev
    return cost[n][m], values


def _span_cost(pieces: tuple[str, ...], kind: str) -> float:
    total = sum(_fit(piece, kind) for piece in pieces)
    for before in pieces[:-1]:
        total += _merge_cost(before, kind)
    return total


def _merge_cost(before: str, kind: str) -> float:
    """The price of continuing a cell with the next line: cheap after "、"/"，", dear for dates."""
    if before.endswith(("、", "，", ",", "及", "和", "与", "—", "-")):
        return 0.2
    if kind in (_TEXT, _OTHER):
        return 0.3 if not _SENTENCE_END.search(before[-1:]) else 0.6
    if kind == _UNIT:
        return 0.8
    if kind == _NAME:
        return 0.5 if len(before) <= 8 else 2.0
    return 2.0


def _fit(cell: str, kind: str) -> float:
    """How badly one cell fits a column kind (0 = typical)."""
    is_date = bool(_DATE_CELL.match(cell))
    unit_share = unit_likeness(cell)
    long_text = len(cell) > 30 or bool(_SENTENCE_END.search(cell))
    if kind == _DATE:
        return 0.0 if is_date else 3.0
    if kind == _UNIT:
        if is_date:
            return 3.0
        return 0.0 if unit_share >= 0.5 else (3.0 if long_text else 1.5)
    if kind == _NAME:
        if is_date:
            return 2.0
        return 3.0 if long_text or len(cell) > 16 else (0.5 if unit_share >= 0.5 else 0.0)
    if kind == _TEXT:
        if is_date:
            return 3.0
        if unit_share >= 0.5 and not long_text:
            return 2.0
        return 0.0 if long_text or len(cell) >= 12 else 0.8
    return 1.5 if is_date else 0.5


def unit_likeness(cell: str) -> float:
    """Share of the "、"-separated items of a cell that end like a unit name (局, 委, 政府, 街镇 …)."""
    if len(cell) > 120:
        return 0.0
    items = [item for item in _UNIT_SPLIT.split(_TRAILING_ETC.sub("", cell)) if item]
    if not items:
        return 0.0
    hits = sum(1 for item in items if len(item) <= 24 and _UNIT_END.search(item))
    return hits / len(items)


def _whole_unit(text: str) -> bool:
    return bool(_UNIT_START.match(text)) and unit_likeness(text) == 1


def join_pieces(pieces: list[str], list_of_units: bool = False, wrapped: bool = False) -> str:
    """Join wrapped lines of one cell: no space between Chinese or digits, a space between Latin words.

    In a unit column, a piece that follows a whole unit name gets a "、" before it; when the pieces are
    visual wraps of one line (`wrapped`, as in PDF cells) only if the piece itself is a whole unit name.
    """
    out = pieces[0]
    for piece in pieces[1:]:
        if list_of_units and _UNIT_END.search(out) and (not wrapped or _whole_unit(piece)):
            out += "、" + piece
        elif (
            out
            and piece
            and out[-1].isascii()
            and out[-1].isalpha()
            and piece[0].isascii()
            and piece[0].isalpha()
        ):
            out += " " + piece
        else:
            out += piece
    return out
