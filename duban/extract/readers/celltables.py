"""Tables that arrive as one cell per line, as when a web page's task table is copied into a .txt.

The shape that survives the copy: a run of short column names (序号, 任务名称, 牵头单位, 完成时限 …,
one a line, or all on one line), then the cells of each row on their own lines. Rows are opened by
serial numbers counting up from any number (1 / 1. / （1） / 一 / ①), or, when the table has none, are
cut where the columns' kinds start over. Cells may keep the "|" that bordered them ("县教育局 |").
What goes wrong in the copy and is repaired here:

* a cell merged over several rows (typically a category column such as 任务名称) is printed only in
  its first row, so later rows have fewer cells; the gap is filled with "" so the parser can inherit;
* a serial merged over two rows opens the cells of both: they are cut into two rows;
* a cell wrapped over several lines (a unit list ending in "、", a two-line category name) arrives as
  several cells; a column name printed over two lines (牵头 / 单位) is joined;
* page numbers, 续表 marks and the header printed again at the top of a page sit between rows.

Rows are aligned to the header's columns with a small dynamic programme: every column has a kind
(name, text, unit, date, other) guessed from its header, every cell a fit to each kind, and merging or
skipping has a price. The cheapest alignment wins; run round the columns repeatedly, the same
programme cuts a table without serial numbers into rows.
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
    r"牵头|配合|协办|主办|主体|项目|工作|实事|工程|环节|标准|数量|单位名称|要点|安排|成效|负责人|清单|"
    r"(?:目标|预期|期望|基期|基准|计划|指标)值))"
    r"(?:[（(][^（）()]{1,20}[）)])?$"
)
_HEADER_SUFFIX_NOTE = re.compile(r"^[（(][^（）()]{1,12}[）)]$")  # "（平方公里）" under a header cell
_SERIAL = re.compile(
    r"^(?:(?P<digits>[0-9０-９]{1,3})[.、．)）]?|[（(](?P<bdigits>[0-9０-９]{1,3})[）)]|"
    r"(?P<chinese>[一二三四五六七八九十]{1,3})[、.．]?|[（(](?P<bchinese>[一二三四五六七八九十]{1,3})[）)]|"
    r"(?P<circled>[①-⑳]))$"
)
_BARS = "|｜│┃"
_NAME_GAPS = re.compile(r"\s*[|｜│┃]\s*|\s+")
# A column name's second half printed on a line of its own ("完成" / "时限").
_HEADER_TAIL = re.compile(
    r"^(?:单位|部门|时限|时间|期限|节点|名称|内容|任务|措施|举措|领导|目标|指标|事项|要求|类别|领域)$"
)
_PAGE_MARK = re.compile(
    r"^(?:[-—–－]\s*[0-9０-９]{1,3}\s*[-—–－]|第\s*[0-9]{1,3}\s*页(?:\s*[，,]?\s*共\s*[0-9]{1,3}\s*页)?|"
    r"[0-9]{1,3}\s*/\s*[0-9]{1,3}|续表[0-9０-９]*|[（(]续表?[）)])$"
)
# A full date as the last line before a heading or the end is the date under a signature ("2025年3月1日").
_SIGNATURE_DATE = re.compile(
    r"^[0-9０-９〇零一二三四五六七八九]{4}年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日$"
)
_HEADING = re.compile(
    r"^(?:附件|附表|抄送|抄报|主送|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|"
    r"第[一二三四五六七八九十百]+[章节条部分]|表[0-9０-９]+)"
)
_DATE_CELL = re.compile(
    r"^(?:[0-9０-９]{4}年.{0,12}|.{0,8}(?:年底|年内|月底|季度|上半年|下半年|[0-9０-９]+月|前|期间)|"
    r"长期.{0,4}|持续.{0,4}|常态.{0,4}|每[年月季周旬].{0,10}|[0-9]{4}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?|"
    # a deadline that names the milestone due by then ("5月底前动工", "9月投入使用")
    r".{0,8}(?:[0-9０-９一二三四五六七八九十]月|年底|年内|季度)(?:[上中下]旬|底|末|份)?(?:前|以前|内)?"
    r"(?:完成|完工|动工|开工|建成|竣工|投用|投入使用|投入运行|投产|启动|开业|开放|通车|开通|运行|上线|验收|交付|到位|见效))$"
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
_SPLIT_ROW_COST = 2.0  # a serial's cells read as two rows only when that fits clearly better
_ROW_COST = 1.0  # the price of one more row in a table without serial numbers
_ROW_CELL_CREDIT = 0.8  # what taking one more cell into such a table is worth
_MAX_UNNUMBERED_CELLS = 600


@dataclass
class _Header:
    cells: list[str]  # column names, a name printed over two lines joined
    printed: list[str]  # the lines as printed (to recognise the header printed again after a page break)
    start: int  # line index of the first header cell
    end: int  # line index after the last header cell
    grouped: bool  # cells are separated by blank lines (one cell may wrap over several lines)


Cell = tuple[str, int, int]  # (text, first line, line after)


def find_cell_tables(lines: list[str]) -> list[tuple[Table, int, int]]:
    """Find cell-per-line tables in cleaned lines; return (table, first line, line after the table).

    A cell may carry the "|" that separated it from its neighbour on the web page ("县教育局 |").
    """
    view = [cell_text(line) for line in lines]
    found: list[tuple[Table, int, int]] = []
    index = 0
    while index < len(view):
        if not _may_open_header(view, index):
            index += 1
            continue
        header = _read_header(view, index)
        result = _read_table(view, header) if header else None
        if result is None:
            index += 1
            continue
        table, end = result
        found.append((table, index, end))
        index = end
    return found


def cell_text(line: str) -> str:
    """A line without the cell borders ("|", "｜", "│") a copied table leaves at its ends."""
    if not line or line[0] not in _BARS and line[-1] not in _BARS:
        return line
    return line.strip(_BARS + " \t")


def _may_open_header(view: list[str], index: int) -> bool:
    """A 序号 line, or the first of a run of column-name lines (the one before it names no column)."""
    line = view[index]
    if len(line) > 80:
        return False
    if line in _SERIAL_HEADERS or one_line_header(line):
        return True
    if not _names_column(line):
        return False
    before = index - 1
    while before >= 0 and not view[before]:
        before -= 1
    return before < 0 or not _names_column(view[before])


def _names_column(line: str) -> bool:
    return is_header_name(compact(line)) and not _HEADING.match(line)


def compact(text: str) -> str:
    """A short label without the spaces that justified it ("分 管 县领导" -> "分管县领导")."""
    return _SPACES.sub("", text) if " " in text and len(text) <= 24 else text


def group_cell_tables(blocks: list[Block]) -> list[Block]:
    """Regroup tables typed as paragraphs: one cell a paragraph (a web page that typed its table as
    <p>s), or one row a paragraph with cells split by tabs or "|" (a Word table made with tab stops).
    """
    if not any(isinstance(b, Paragraph) and _may_hold_table(b.text) for b in blocks):
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


def _may_hold_table(text: str) -> bool:
    return "\t" in text or any(bar in text for bar in _BARS) or _may_open_header([text], 0)


def _regroup_run(run: list[Paragraph]) -> list[Block]:
    from .linetables import find_line_tables

    texts = [paragraph.text for paragraph in run]
    spans = find_line_tables(texts)
    spans += [s for s in find_cell_tables(texts) if not any(s[1] < o[2] and o[1] < s[2] for o in spans)]
    out: list[Block] = []
    index = 0
    for table, start, end in sorted(spans, key=lambda span: span[1]):
        out.extend(run[index:start])
        table.line = run[start].line
        out.append(table)
        index = end
    out.extend(run[index:])
    return out


def _read_header(lines: list[str], start: int) -> _Header | None:
    names = one_line_header(lines[start])
    if names:  # cells separated by blank lines below a one-line header are blank-separated groups
        pieces, index = names, start + 1
        grouped = (
            index + 2 < len(lines) and not lines[index] and bool(lines[index + 1]) and not lines[index + 2]
        )
    else:
        pieces, index, grouped = _header_lines(lines, start)
    if len(pieces) < 3 and not (len(pieces) == 2 and pieces[0] in _SERIAL_HEADERS):
        return None
    printed = [_SPACES.sub("", line) for line in lines[start:index] if line]
    return _Header(pieces, printed, start, index, grouped)


def _header_lines(lines: list[str], start: int) -> tuple[list[str], int, bool]:
    """Column names one a line: (names, line after the header, names separated by blank lines)."""
    pieces: list[str] = []
    blank_between = False
    index = start
    while index < len(lines):
        line = compact(lines[index])
        if not line:
            blank_between = blank_between or bool(pieces)
            index += 1
            continue
        if _names_column(line) and (not pieces or line not in _SERIAL_HEADERS):
            pieces.append(line)
        elif pieces and _HEADER_SUFFIX_NOTE.match(line) and serial_number(line) is None:
            pieces[-1] += line
        elif pieces and len(line) <= 4 and _split_name(lines, index + 1, line):
            index = _split_name(lines, index + 1, line)
            pieces.append(line + compact(lines[index - 1]))  # a name printed over two lines ("完成" / "时限")
            continue
        else:
            break
        index += 1
    while index > start and not lines[index - 1]:
        index -= 1
    return pieces, index, blank_between


def one_line_header(line: str) -> list[str]:
    """The column names of a header printed on one line ("序号 重点任务 牵头单位 完成时限"), else []."""
    if len(line) > 80 or line.count(" ") + line.count("|") + line.count("｜") < 2:
        return []
    names = [name for name in _NAME_GAPS.split(line) if name]
    return names if len(names) >= 3 and all(_names_column(name) for name in names) else []


def _split_name(lines: list[str], index: int, first: str) -> int:
    """The line after the second half of a column name that starts with `first`, or 0."""
    while index < len(lines) and not lines[index]:
        index += 1
    if index < len(lines) and _HEADER_TAIL.match(compact(lines[index])):
        return index + 1
    return 0


def _read_table(lines: list[str], header: _Header) -> tuple[Table, int] | None:
    cells = _without_page_furniture(_cells(lines, header.end, header.grouped), header.printed)
    if not cells:
        return None
    numbered = serial_number(cells[0][0]) is not None
    if numbered:
        if header.cells[0] not in _SERIAL_HEADERS:  # a 序号 column whose header cell was left blank
            header.cells.insert(0, "")
        header.cells = _join_split_names(header.cells, _usual_width(cells))
        rows, end = _numbered_rows(cells, [column_kind(name) for name in header.cells[1:]])
    elif header.cells[0] in _SERIAL_HEADERS:  # the page numbered its rows itself: no serials in the copy
        header.cells = _join_split_names(header.cells, None)
        rows, end = _unnumbered_rows(cells, [column_kind(name) for name in header.cells[1:]])
        rows = [["", *row] for row in rows]
    else:
        header.cells = _join_split_names(header.cells, None)
        rows, end = _unnumbered_rows(cells, [column_kind(name) for name in header.cells])
    if not rows:
        return None
    return Table(header=list(header.cells), rows=rows, line=header.start), end


def _cells(lines: list[str], start: int, grouped: bool) -> list[Cell]:
    """Candidate cells as (text, first line, line after): a blank-separated group, or one line each."""
    out: list[Cell] = []
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


def _without_page_furniture(cells: list[Cell], header: list[str]) -> list[Cell]:
    """Drop page numbers, 续表 marks and the header printed again at the top of a new page."""
    out: list[Cell] = []
    index = 0
    size = len(header)
    while index < len(cells):
        text = cells[index][0]
        if _PAGE_MARK.match(text):
            index += 1
        elif (
            _SPACES.sub("", text) == header[0]
            and [_SPACES.sub("", c[0]) for c in cells[index : index + size]] == header
        ):
            index += size
        else:
            out.append(cells[index])
            index += 1
    return out


def _usual_width(cells: list[Cell]) -> int | None:
    """How many cells most numbered rows hold (their serial included), from the first rows."""
    counts: list[int] = []
    last: tuple[int, int] | None = None  # (position, serial) of the previous serial cell
    for position, (text, _, _) in enumerate(cells[:200]):
        number = serial_number(text)
        if number is None:
            continue
        if last is not None and number == last[1] + 1:
            counts.append(position - last[0])
        last = (position, number)
    if not counts:
        return None
    return max(set(counts), key=counts.count)


def _join_split_names(names: list[str], width: int | None) -> list[str]:
    """Join column names printed over two lines ("牵头" / "单位") until the header is as wide as the rows.

    Without rows to measure (no serial numbers), only a short name followed by a bare head noun is joined.
    """
    names = list(names)
    index = 1
    while index < len(names) - 1:
        if width is not None and len(names) <= width:
            break
        first, second = names[index], names[index + 1]
        splittable = (
            len(first) <= 3
            and len(second) <= 3
            and first not in _SERIAL_HEADERS
            and not _HEADER_TAIL.match(first)  # "任务" / "单位" are two columns, "牵头" / "单位" one
        )
        if splittable and (width is not None or _HEADER_TAIL.match(second)):
            names[index : index + 2] = [first + second]
        index += 1
    return names


def _numbered_rows(cells: list[Cell], kinds: list[str]) -> tuple[list[list[str]], int]:
    """Rows opened by consecutive serial numbers (from any number: a copy may start mid-table).

    A serial merged over several rows opens a run of cells holding more than one row: it is split
    where the columns start over, and the later rows get an empty serial.
    """
    rows: list[list[str]] = []
    if serial_number(cells[0][0]) is None:
        return rows, 0
    style = serial_style(cells[0][0])
    expected = serial_number(cells[0][0])
    position = 0
    widest = len(kinds)  # the most cells a row has used so far
    while position < len(cells) and _is_serial(cells[position][0], expected, style):
        serial, first = cells[position][0], position + 1
        after = _row_end(cells, first, expected + 1, style, kinds)
        if after is None:  # last row: the numbering stops, prose resumes
            taken, values = _last_row(cells, first, kinds, widest)
            rows.append([serial, *values])
            position = first + taken
            break
        texts = tuple(c[0] for c in cells[first:after])
        widest = max(widest, len(texts))
        for number, values in enumerate(_split_rows(texts, kinds)):
            rows.append([serial if number == 0 else "", *values])
        position, expected = after, expected + 1
    return rows, cells[position - 1][2]


def _row_end(cells: list[Cell], first: int, serial: int, style: str, kinds: list[str]) -> int | None:
    """Where the next row opens. A figure in the row equal to the next serial ("2" in a 目标值 column)
    leaves the row short of cells: the next such number is taken when the row then aligns better.
    """
    after = _next_serial(cells, first, serial, style)
    if after is None or after - first >= len(kinds) - 1:
        return after
    later = _next_serial(cells, after + 1, serial, style)
    if later is None or later - first > len(kinds) + 2:
        return after
    short = _align(tuple(c[0] for c in cells[first:after]), tuple(kinds))[0]
    full = _align(tuple(c[0] for c in cells[first:later]), tuple(kinds))[0]
    return later if full < short else after


def _split_rows(texts: tuple[str, ...], kinds: list[str]) -> list[list[str]]:
    if len(texts) <= len(kinds) + 1:
        return [align_row(list(texts), kinds)]
    return _rows_of(texts, tuple(kinds), _SPLIT_ROW_COST, open_end=False)[1]


def _unnumbered_rows(cells: list[Cell], kinds: list[str]) -> tuple[list[list[str]], int]:
    """Rows of a table without serial numbers: cut where the columns' kinds start over."""
    limit = 0
    while limit < min(len(cells), _MAX_UNNUMBERED_CELLS) and not _ends_table(cells[limit][0]):
        limit += 1
    if limit and _SIGNATURE_DATE.match(cells[limit - 1][0]):
        limit -= 1  # the date under the signature after the table (a deadline usually says 前 or 底)
    if limit == 0 or len(kinds) < 2 or not ({_UNIT, _DATE} & set(kinds)):
        return [], 0
    taken, rows = _rows_of(tuple(c[0] for c in cells[:limit]), tuple(kinds), _ROW_COST, open_end=True)
    return rows, (cells[taken - 1][2] if taken else 0)


def _ends_table(text: str) -> bool:
    return bool(_HEADING.match(text))


def _next_serial(cells: list[Cell], position: int, serial: int, style: str) -> int | None:
    """Where the row numbered `serial` opens, or None when the numbering stops before a heading."""
    for index in range(position, len(cells)):
        text = cells[index][0]
        if _is_serial(text, serial, style) and index + 1 < len(cells):
            return index
        if index > position and _ends_table(text):
            return None
    return None


def _last_row(cells: list[Cell], position: int, kinds: list[str], widest: int) -> tuple[int, list[str]]:
    """The last row has no next serial to end it: take as many cells as align well.

    Up to the next heading and to the most cells an earlier row used; each cell taken earns a small
    credit, so a row wrapped over many lines is taken whole while prose after a complete row is not.
    """
    limit = position
    while limit < len(cells) and limit - position < widest + 2 and not _ends_table(cells[limit][0]):
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


def _rows_of(
    cells: tuple[str, ...], kinds: tuple[str, ...], row_cost: float, open_end: bool
) -> tuple[int, list[list[str]]]:
    """Cut a run of cells into rows of the columns `kinds`: (cells used, rows).

    The alignment of `_align` run round the columns again and again, each new row costing `row_cost`.
    With `open_end` the rows may stop early: each cell taken earns `_ROW_CELL_CREDIT`, so the table
    ends where the cells stop fitting the columns (prose after the table).
    """
    n, m = len(cells), len(kinds)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    prices = _Prices(cells, kinds)
    for i in range(n + 1):
        _fill_columns(prices, kinds, cost, back, i)
        if i and cost[i][m] + row_cost < cost[i][0]:
            cost[i][0], back[i][0] = cost[i][m] + row_cost, (i, m)
            for j in range(1, m + 1):  # a row starting here may leave its first columns empty
                skip = cost[i][j - 1] + _SKIP_COST[kinds[j - 1]]
                if skip < cost[i][j]:
                    cost[i][j], back[i][j] = skip, (i, j - 1)
    if open_end:
        gains = [_ROW_CELL_CREDIT * i - cost[i][m] for i in range(n + 1)]
        end = max(range(1, n + 1), key=lambda i: (gains[i], i), default=0)
        if end == 0 or gains[end] <= row_cost:
            return 0, []
    else:
        end = n
    return end, _trace_rows(cells, kinds, back, end)


class _Prices:
    """Per column kind, what each cell costs in it (`fit`) and what continuing it costs (`merge`)."""

    def __init__(self, cells: tuple[str, ...], kinds: tuple[str, ...]) -> None:
        self.fit = {kind: [_fit(cell, kind) for cell in cells] for kind in set(kinds)}
        self.merge = {kind: [_merge_cost(cell, kind) for cell in cells] for kind in set(kinds)}


def _fill_columns(prices: _Prices, kinds: tuple[str, ...], cost, back, i: int) -> None:
    """cost[i][j] for every column j: skip column j, or give it the cells first..i-1 (wrapped lines)."""
    inf = float("inf")
    lowest = max(0, i - _MAX_PIECES) - 1
    for j in range(1, len(kinds) + 1):
        kind = kinds[j - 1]
        fit, merge = prices.fit[kind], prices.merge[kind]
        take, first_taken = inf, i
        span = -merge[i - 1] if i else 0.0  # cells first..i-1 in this column, grown backwards
        for first in range(i - 1, lowest, -1):
            span += fit[first] + merge[first]
            c = cost[first][j - 1] + span + 0.01 * j * (i - first - 1)
            if c <= take:  # on a tie the longer span, as a left-to-right search would keep
                take, first_taken = c, first
        skip = cost[i][j - 1] + _SKIP_COST[kind]
        if take < skip:
            cost[i][j], back[i][j] = take, (first_taken, j - 1)
        else:
            cost[i][j], back[i][j] = skip, (i, j - 1)


def _trace_rows(cells: tuple[str, ...], kinds: tuple[str, ...], back, end: int) -> list[list[str]]:
    m = len(kinds)
    rows: list[list[str]] = []
    values = [""] * m
    i, j = end, m
    while i > 0 or j > 0:
        prev = back[i][j]
        assert prev is not None
        if j == 0:  # the row before ends here
            rows.append(values)
            values = [""] * m
        elif prev[0] < i:
            values[j - 1] = join_pieces(list(cells[prev[0] : i]), kinds[j - 1] == _UNIT)
        i, j = prev
    rows.append(values)
    return rows[::-1]


def serial_number(text: str) -> int | None:
    """The number of a row's serial cell: 1 / 1. / 1、 / （1） / 一 / 一、 / （一） / ①, else None."""
    if len(text) > 6:
        return None
    match = _SERIAL.match(text)
    if not match:
        return None
    digits = match.group("digits") or match.group("bdigits")
    if digits:
        return int(digits.translate(_FULLWIDTH_DIGITS))
    chinese = match.group("chinese") or match.group("bchinese")
    if chinese:
        return chinese_number(chinese)
    return ord(match.group("circled")) - ord("①") + 1


def serial_style(text: str) -> str:
    """Which kind of serial: arabic, chinese or circled, bracketed or not (rows keep one style)."""
    match = _SERIAL.match(text) if len(text) <= 6 else None
    return match.lastgroup or "" if match else ""


def _is_serial(text: str, number: int, style: str) -> bool:
    return serial_number(text) == number and serial_style(text) == style


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an int."""
    if "十" not in text:
        return _CHINESE_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    value = (_CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CHINESE_DIGITS.get(ones, 0) if ones else 0)
    return value if (not tens or tens in _CHINESE_DIGITS) and (not ones or ones in _CHINESE_DIGITS) else None


_CHINESE_DIGITS = {ch: value for value, ch in enumerate("一二三四五六七八九", start=1)}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def is_header_name(text: str) -> bool:
    """The text is shaped like a column name (序号, 重点任务, 牵头单位, 完成时限 …)."""
    return len(text) <= 24 and bool(_HEADER_CELL.match(text))


def finishes_name(first: str, second: str) -> bool:
    """`second` is the rest of a column name begun by `first` (牵头 + 单位, 完成 + 时限)."""
    first, second = compact(first), compact(second)
    return (
        len(second) <= 3
        and bool(_HEADER_TAIL.match(second))
        and not _HEADER_TAIL.match(first)
        and (len(first) <= 3 or not is_header_name(first))
    )


def is_serial_header(text: str) -> bool:
    return text in _SERIAL_HEADERS


def is_page_mark(text: str) -> bool:
    """A page number ("- 3 -", "第3页") or a 续表 mark left between the rows of a table."""
    return bool(_PAGE_MARK.match(text))


def starts_heading(text: str) -> bool:
    """The line opens a heading, an attachment or a 抄送 line: no table row goes on past it."""
    return bool(_HEADING.match(text))


def looks_like_header(cells: list[str]) -> bool:
    """A table's first row names its columns (序号, 重点任务, 牵头单位 …): at least two such names.

    Tables without one are page layout (a letterhead, a signature block, a text box) and are read as
    paragraphs.
    """
    names = [_SPACES.sub("", cell) for cell in cells if cell.strip()]
    return sum(1 for name in names if _HEADER_CELL.match(name)) >= 2


def column_kind(name: str) -> str:
    """The kind of a column from its header: name, text, unit, date or other."""
    return next((kind for kind, words in _KIND_WORDS if words.search(name)), _TEXT)


_KIND_WORDS = [
    (_DATE, re.compile(r"时限|时间|节点|期限|日期|进度")),
    (_UNIT, re.compile(r"单位|部门|责任人|负责人|牵头|配合|协办|主办|主体|领导|街镇|镇街|区县")),
    (_NAME, re.compile(r"名称|类型|类别|分类|领域|方面|板块|环节")),
    (_OTHER, re.compile(r"备注|文件|依据|成果|形式|标准")),
]


def align_row(cells: list[str], kinds: list[str]) -> list[str]:
    """Spread one row's cells over the columns of `kinds`: merge wrapped cells, leave merged ones ""."""
    return _align(tuple(cells), tuple(kinds))[1]


@lru_cache(maxsize=4096)
def _align(cells: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[float, list[str]]:
    n, m = len(cells), len(kinds)
    if n == m and all(_fit(cell, kind) == 0 for cell, kind in zip(cells, kinds)):
        return 0.0, list(cells)  # one typical cell per column: nothing cheaper exists
    inf = float("inf")
    # cost[i][j]: cheapest way to place the first i cells into the first j columns.
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    prices = _Prices(cells, kinds)
    for i in range(n + 1):
        _fill_columns(prices, kinds, cost, back, i)
    if cost[n][m] == inf:
        return inf, [" ".join(cells)] + [""] * (m - 1) if m else []
    return cost[n][m], _trace_rows(cells, kinds, back, n)[0]


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
    is_date, unit_share, long_text = _looks(cell)
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


@lru_cache(maxsize=8192)
def _looks(cell: str) -> tuple[bool, float, bool]:
    """What a cell looks like: (a date, share of unit names, a sentence or long text)."""
    return (
        bool(_DATE_CELL.match(cell)),
        unit_likeness(cell),
        len(cell) > 30 or bool(_SENTENCE_END.search(cell)),
    )


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
        if piece.startswith(("、", "，", ",", "；", ";")):
            out += piece
        elif list_of_units and _UNIT_END.search(out) and (not wrapped or _whole_unit(piece)):
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
