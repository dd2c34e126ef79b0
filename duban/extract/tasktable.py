"""Task tables (任务分解表 / 分工表): map columns by their header words and read one task per row.

A table is a task table only when it has a column of work (任务/内容/措施) — or, lacking one, of targets
(2022年预期目标 / 指标) — and a column of units; a table of figures per district or per year with no
column of units is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Table
from .textutil import collapse
from .unitlists import read_unit_cell

_COLUMN_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("seq", re.compile(r"^(?:序号|编号|序)$")),
    ("lead", re.compile(r"牵头|主责|主办")),
    ("coop", re.compile(r"配合|协办|协助|参与|协同")),
    (
        "resp",
        re.compile(
            r"责任(?:单位|部门|主体|处室|科室|司局)|实施(?:单位|主体)|承办|负责(?:单位|部门|处室)|落实(?:单位|部门)|^责任$"
        ),
    ),
    ("deadline", re.compile(r"时限|时间|节点|进度|期限|完成时")),
    ("content", re.compile(r"内容|具体任务|措施|举措|工作要求|任务描述|具体工作|主要工作")),
    ("name", re.compile(r"任务|事项|实事|工程|项目|类型|类别|领域|名称|工作$")),
    ("target", re.compile(r"目标|指标|成效|成果")),
]


_SUB_KINDS = ("lead", "coop", "resp")
_CATEGORY_RE = re.compile(r"类别|类型|领域|板块|方面|分类|大类|专项")


@dataclass
class Columns:
    seq: int | None = None
    name: int | None = None
    content: int | None = None
    lead: list[int] = field(default_factory=list)
    others: list[int] = field(default_factory=list)  # 责任/配合 columns, in printed order
    deadline: int | None = None
    target: int | None = None
    more_targets: list[int] = field(default_factory=list)  # 目标值 after 指标, when they are the work
    category: int | None = None  # 类别 / 领域 beside a column of work: a grouping, not the task's words

    @property
    def text_columns(self) -> list[int]:
        return [c for c in (self.name, self.content) if c is not None] + self.more_targets


@dataclass
class RowTask:
    text: str
    units: list[str]
    leads: list[str]
    deadline_text: str | None
    target_text: str | None = None


def task_table(table: Table) -> tuple[Table, Columns] | None:
    """The table with its real header row (a title row above it is skipped) and its columns, if a task table.

    A header over two rows ("责任单位" above "牵头单位 | 配合单位") is read as one."""
    for skip in range(min(3, len(table.rows) + 1)):
        header = table.header if skip == 0 else table.rows[skip - 1]
        rows = table.rows[skip:]
        if rows and _is_sub_header(rows[0]):
            header, rows = _join_header(header, rows[0]), rows[1:]
        cols = map_columns(header)
        if cols is not None:
            return Table(header=header, rows=rows, line=table.line), cols
    return None


def _is_sub_header(row: list[str]) -> bool:
    cells = [collapse(c).replace(" ", "") for c in row]
    named = [c for c in cells if c]
    return bool(named) and len(named) < len(cells) and all(_column_kind(c) in _SUB_KINDS for c in named)


def _join_header(top: list[str], sub: list[str]) -> list[str]:
    width = max(len(top), len(sub))
    top = [*top, *[""] * (width - len(top))]
    sub = [*sub, *[""] * (width - len(sub))]
    return [collapse(s) or collapse(t) for t, s in zip(top, sub, strict=True)]


def map_columns(header: list[str]) -> Columns | None:
    """Which column holds what; None when the table is not a task table."""
    cols = Columns()
    for i, cell in enumerate(header):
        kind = _column_kind(collapse(cell).replace(" ", ""))
        if kind == "seq" and cols.seq is None:
            cols.seq = i
        elif kind == "lead":
            cols.lead.append(i)
        elif kind in ("coop", "resp"):
            cols.others.append(i)
        elif kind == "deadline" and cols.deadline is None:
            cols.deadline = i
        elif kind == "content" and cols.content is None:
            cols.content = i
        elif kind == "name" and cols.name is None:
            cols.name = i
        elif kind == "name" and cols.content is None:
            cols.content = i  # 重点工作 | 目标任务: the second column of work holds the details
        elif kind == "target" and cols.target is None:
            cols.target = i
        elif kind == "target":
            cols.more_targets.append(i)
    if not (cols.lead or cols.others):
        return None
    if cols.name is not None and cols.content is not None and _CATEGORY_RE.search(header[cols.name]):
        cols.category, cols.name = cols.name, None
    if cols.name is None and cols.content is None and cols.target is not None:
        # 指标 / 目标值 / 责任单位: each row's indicator and its target are the work
        cols.content, cols.target = cols.target, None
    else:
        cols.more_targets = []
    return cols if cols.text_columns else None


def _column_kind(cell: str) -> str | None:
    for kind, pattern in _COLUMN_WORDS:
        if pattern.search(cell):
            return kind
    return None


def read_rows(table: Table, cols: Columns) -> list[RowTask]:
    """One task per data row; a repeated header row (a page break) and empty rows are skipped.

    A row whose unit cells are all empty sits under a unit cell merged over several rows (printed only
    in its first row): it takes the units of the row above.
    """
    out: list[RowTask] = []
    header_key = [collapse(c) for c in table.header]
    for row in table.rows:
        cells = [collapse(c) for c in row]
        if cells == header_key or not any(cells):
            continue
        cells = _align(cells, len(table.header), cols)
        text = "".join(cells[c] for c in cols.text_columns if c < len(cells) and cells[c])
        if not text:
            continue
        units, leads = _row_units(cells, cols)
        if out and not any(_cell(cells, c) for c in [*cols.lead, *cols.others]):
            units, leads = list(out[-1].units), list(out[-1].leads)
        out.append(RowTask(text, units, leads, _cell(cells, cols.deadline), _cell(cells, cols.target)))
    return out


def _row_units(cells: list[str], cols: Columns) -> tuple[list[str], list[str]]:
    """The units named in a row's unit columns, and which of them lead."""
    units: list[str] = []
    leads: list[str] = []
    for c in [*cols.lead, *cols.others]:
        if c >= len(cells):
            continue
        names, marked = read_unit_cell(cells[c])
        units.extend(u for u in names if u not in units)
        leads.extend(u for u in (names if c in cols.lead else marked) if u not in leads)
    return units, leads


def _cell(cells: list[str], column: int | None) -> str | None:
    return (cells[column] or None) if column is not None and column < len(cells) else None


def _align(cells: list[str], width: int, cols: Columns) -> list[str]:
    """A row short of one cell lost its merged category cell: put an empty one back in its place."""
    merged = cols.name if cols.name is not None else cols.category
    if len(cells) == width - 1 and merged is not None and cols.content is not None:
        return cells[:merged] + [""] + cells[merged:]
    return cells
