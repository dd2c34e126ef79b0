"""The Excel task table (任务分解表): read one into a duban.plan/1 dict, write a plan out as one.

Offices pass plans around as a workbook with one row per task: 序号, 重点任务, 牵头单位, 配合单位,
完成时限, 目标指标, often a 所属章节 column and a title row above the header. `read_task_table` finds
the header by its words (所属章节/章节, 任务内容/工作任务/具体任务, 责任单位, 时间节点/完成时间 … are
understood too), fills merged cells, and reads section rows ("一、主要任务" merged across the table).

`export_plan` (a confirmed Plan) and `export_plan_dict` (a draft's duban.plan/1 dict) write the same
layout, plus a 方案信息 sheet with the plan's particulars, so that reading the file back gives the same
tasks, units, deadlines, targets and sections. A section is written as its path, one level per line
("二、主要任务" / "（一）强化财政金融支撑").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from duban.extract.errors import ExtractError
from duban.extract.formats import section_label as _printed_heading
from duban.extract.model import SCHEMA
from duban.extract.model import Section as ExtractedSection

try:  # written by the extractor engineers; the table still reads without them
    from duban.extract.deadlines import resolve_time_phrase
except ImportError:  # pragma: no cover
    resolve_time_phrase = None
try:
    from duban.extract.targets import find_targets
except ImportError:  # pragma: no cover
    find_targets = None
try:
    from duban.extract.unitlists import read_unit_cell as _read_unit_cell
except ImportError:  # pragma: no cover
    _read_unit_cell = None

SHEET = "任务分解表"
INFO_SHEET = "方案信息"
TARGETS_SHEET = "目标指标明细"
_TARGET_FIELDS = ("task", "text", "metric", "value", "unit", "comparator")
COLUMNS = ("序号", "所属章节", "重点任务", "牵头单位", "配合单位", "完成时限", "目标指标")
WIDTHS = (6, 22, 60, 20, 30, 16, 30)
INFO_LABELS = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "issued_on": "成文日期",
    "period_end": "实施期限至",
}
HEADER_SEARCH_ROWS = 20
MAX_ROWS = 20_000
MAX_COLUMNS = 40
MAX_BLANK_RUN = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) container

# Column kinds by header words, tried in this order on the header cell with spaces removed.
_HEADER_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("seq", re.compile(r"^(?:序号|编号|序)$")),
    ("lead_first", re.compile(r"牵头.*(?:配合|协办|责任|参与)|(?:责任|配合).*牵头")),  # 牵头及配合单位
    ("lead", re.compile(r"牵头")),
    ("co", re.compile(r"配合|协办|协助|参与单位")),
    (
        "resp",
        re.compile(r"责任(?:单位|部门|主体|处室)?$|负责(?:单位|部门)|实施(?:单位|主体)|承办单位|责任单位"),
    ),
    ("deadline", re.compile(r"时限|时间|节点|期限")),
    ("targets", re.compile(r"目标|指标")),
    ("section", re.compile(r"章节|板块|篇章|所属部分|类别")),
    ("content", re.compile(r"任务内容|工作任务|具体任务|工作措施|具体措施|工作内容|主要内容|^内容$|^措施$")),
    ("heading", re.compile(r"任务|事项|^工作$")),
]
_TITLE_SUFFIX = re.compile(r"(?:重点)?(?:任务|责任|工作)?(?:分解|分工)(?:方案|表|清单)$|任务清单$|任务台账$")
_ATTACHMENT_LINE = re.compile(r"^附\s*件\s*\d*\s*[：:]?$")
_CN = "一二三四五六七八九十百零〇两"
_SECTION_LABEL = re.compile(
    rf"^(?:[（(](?P<paren>[{_CN}]+|\d+)[）)]\s*"
    r"|(?P<circled>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*"
    rf"|(?P<number>第?[{_CN}]+[章节条]?|第\d+[章节条]|\d+(?:\.\d+)*|附件\d*)(?:\s+|[、，,．.：:](?!\d)\s*))"
    r"(?P<title>\S.*)$"
)
_DATE_IN_PARENS = re.compile(r"^(?P<text>.*?)\s*[（(](?P<date>\d{4}-\d{2}-\d{2})[）)]$")
_UNIT_SEPARATORS = re.compile(r"[、，,；;\n]")
_LEAD_MARK = re.compile(r"[（(]牵头[）)]$")
_ROLE_COLUMNS = ("lead", "lead_first", "resp", "co")


# ---------------------------------------------------------------------------------------------- reading


@dataclass
class _Cell:
    text: str = ""
    value: Any = None
    continued: bool = False  # filled from a merged range that starts on an earlier row
    spread: bool = False  # filled from a merged range that starts in an earlier column


@dataclass
class _Columns:
    kinds: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, kinds: list[str | None]) -> _Columns:
        columns = cls()
        for index, kind in enumerate(kinds):
            if kind:
                columns.kinds.setdefault(kind, []).append(index)
        return columns

    def first(self, kind: str) -> int | None:
        found = self.kinds.get(kind)
        return found[0] if found else None

    def all(self, kind: str) -> list[int]:
        return self.kinds.get(kind, [])

    @property
    def text(self) -> int | None:
        return self.first("content") if self.first("content") is not None else self.first("heading")

    @property
    def section_columns(self) -> list[int]:
        columns = self.all("section")[:1]
        if self.first("content") is not None and self.first("heading") is not None:
            columns.append(self.first("heading"))  # 重点任务 above 具体任务: the heading groups the rows
        return columns

    def is_task_table(self) -> bool:
        return self.text is not None and any(self.all(kind) for kind in _ROLE_COLUMNS)


@dataclass
class _Reading:
    """What has been read so far: sections by path, tasks in order."""

    sections: dict[tuple[str, ...], dict[str, Any]] = field(default_factory=dict)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    issued_on: dt.date | None = None
    target_details: dict[tuple[str, str], list[dict]] = field(default_factory=dict)

    def section_id(self, path: tuple[str, ...]) -> str | None:
        if not path:
            return None
        if path not in self.sections:
            parent = self.section_id(path[:-1])
            number, title = parse_section_label(path[-1])
            self.sections[path] = {
                "id": f"S{len(self.sections) + 1}",
                "parent": parent,
                "number": number,
                "title": title,
                "units": [],
            }
        return self.sections[path]["id"]


def read_task_table(data: bytes, name: str = "任务分解表.xlsx", *, issued_on: dt.date | None = None) -> dict:
    """An .xlsx task table as a duban.plan/1 dict; ExtractError (Chinese message) when it cannot be read.

    `issued_on` resolves relative deadlines (年底前); by default the 成文日期 of a 方案信息 sheet.
    """
    book = _open_workbook(data)
    meta = _read_info_sheet(book)
    found = _find_table(book)
    if found is None:
        raise ExtractError(
            "没有找到任务分解表的表头：请确认表格有“重点任务”（或“任务内容”）和“牵头单位”（或“责任单位”）等列。",
            "no_tasks",
        )
    grid, header_row, data_row, columns = found
    reference = issued_on or _iso_date(meta.get("issued_on"))
    reading = _Reading(issued_on=reference, target_details=_read_target_details(book))
    _read_rows(grid, header_row, data_row, columns, reading)
    if not reading.tasks:
        raise ExtractError("任务分解表里没有任务：表头下面没有填写任务的行。", "no_tasks")
    meta.setdefault("title", _title_above(grid, header_row) or _title_from_name(name))
    return _plan_dict(data, name, meta, reading)


def _open_workbook(data: bytes) -> Workbook:
    if not data or not data.strip():
        raise ExtractError("文件是空的。", "empty")
    if data.startswith(OLE_MAGIC):
        raise ExtractError(
            "这是旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 格式后再上传。", "old_doc"
        )
    if not data.startswith(b"PK"):
        raise ExtractError("这不是 Excel 表格（.xlsx）文件，无法按任务分解表读取。", "unsupported")
    try:
        return load_workbook(BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise ExtractError("这个 Excel 文件已损坏或不是 .xlsx 格式，无法读取。", "unsupported") from exc


def _find_table(book: Workbook):
    """(grid, header row, first data row, columns) of the first sheet holding a task table, else None."""
    sheets = sorted(book.worksheets, key=lambda s: s.title != SHEET)  # our own sheet name first
    for sheet in sheets:
        if sheet.title in (INFO_SHEET, TARGETS_SHEET):
            continue
        grid = _grid(sheet)
        for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
            kinds = _column_kinds(row)
            if _Columns.of(kinds).is_task_table():
                refined = _header_below(grid, index, kinds)
                if refined is not None:
                    return grid, index, index + 2, _Columns.of(refined)
                return grid, index, index + 1, _Columns.of(kinds)
    return None


def _header_below(grid: list[list[_Cell]], index: int, kinds: list[str | None]) -> list[str | None] | None:
    """A second header row under a merged one (责任单位 over 牵头单位 | 配合单位): the two combined."""
    if index + 1 >= len(grid):
        return None
    lower = grid[index + 1]
    own = {i: cell for i, cell in enumerate(lower) if cell.text and not cell.continued and not cell.spread}
    lower_kinds = {i: _column_kind(cell.text) for i, cell in own.items()}
    if not own or not all(lower_kinds.values()):
        return None
    width = max(len(kinds), len(lower))
    return [lower_kinds.get(i) or (kinds[i] if i < len(kinds) else None) for i in range(width)]


def _grid(sheet) -> list[list[_Cell]]:
    """The sheet's values as text, every cell of a merged range carrying the range's value."""
    rows: list[list[_Cell]] = []
    blank_run = 0
    for values in sheet.iter_rows(values_only=True, max_col=min(sheet.max_column, MAX_COLUMNS)):
        row = [_Cell(cell_text(value), value) for value in values]
        blank_run = 0 if any(cell.text for cell in row) else blank_run + 1
        if blank_run > MAX_BLANK_RUN:  # formatted but empty rows to the bottom of the sheet
            break
        if len(rows) >= MAX_ROWS:
            raise ExtractError(
                f"表格超过 {MAX_ROWS} 行，不像一份任务分解表：请只保留任务所在的工作表。", "too_large"
            )
        rows.append(row)
    for merged in sheet.merged_cells.ranges:
        origin = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else None
        if origin is None:
            continue
        for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) == (merged.min_row, merged.min_col) or c > len(rows[r - 1]):
                    continue
                rows[r - 1][c - 1] = _Cell(origin.text, origin.value, r > merged.min_row, c > merged.min_col)
    return rows


def cell_text(value: Any) -> str:
    """A cell's value as the text a person sees (whole numbers without .0, dates as 2024年6月30日)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _column_kinds(row: list[_Cell]) -> list[str | None]:
    return [None if cell.spread else _column_kind(cell.text) for cell in row]


def _column_kind(text: str) -> str | None:
    compact = re.sub(r"\s+", "", text)
    if not compact or len(compact) > 12:
        return None
    for kind, pattern in _HEADER_WORDS:
        if pattern.search(compact):
            return kind
    return None


def _read_rows(
    grid: list[list[_Cell]], header_row: int, data_row: int, columns: _Columns, reading: _Reading
) -> None:
    header = [cell.text for cell in grid[header_row]]
    section_row: str | None = None
    for row in grid[data_row:]:
        texts = [cell.text for cell in row]
        if not any(texts) or texts[: len(header)] == header or _is_header_again(row):
            continue
        if _is_note(next(text for text in texts if text)):
            continue
        if _is_section_row(row, columns):
            section_row = next(text for text in texts if text)
            continue
        text_cell = _at(row, columns.text)
        if not text_cell.text:
            continue
        task = _read_task(row, columns, reading, section_row)
        if text_cell.continued and reading.tasks and reading.tasks[-1]["text"] == task["text"]:
            _merge_into(reading.tasks[-1], task)
        else:
            reading.tasks.append(task)


def _is_header_again(row: list[_Cell]) -> bool:
    """The header repeated inside the table (a Word table pasted page by page)."""
    own = [cell.text for cell in row if cell.text and not cell.spread]
    return len(own) >= 2 and all(_column_kind(text) for text in own)


def _at(row: list[_Cell], index: int | None) -> _Cell:
    return row[index] if index is not None and index < len(row) else _Cell()


def _is_section_row(row: list[_Cell], columns: _Columns) -> bool:
    """A row such as "一、主要任务" merged across the table, or written alone in the 序号 column."""
    values = {cell.text for cell in row if cell.text}
    if len(values) != 1:
        return False
    spread = sum(1 for cell in row if cell.text and cell.spread)
    seq = _at(row, columns.first("seq"))
    return spread > 0 or (bool(seq.text) and not re.fullmatch(r"[\d.]+", seq.text))


def _is_note(text: str) -> bool:
    """A closing remark under the table ("注：…", "填表说明：…") rather than a task or a heading."""
    return bool(re.match(r"^(?:注|备注|说明|填表说明)\s*\d*\s*[：:]", text))


def _read_task(row: list[_Cell], columns: _Columns, reading: _Reading, section_row: str | None) -> dict:
    path = [section_row] if section_row else []
    for index in columns.section_columns:
        path.extend(_at(row, index).text.split("\n"))
    path = [part for part in path if part]
    lead, units = _units_of_row(row, columns)
    text = _at(row, columns.text).text.replace("\n", "")
    task = {
        "id": f"T{len(reading.tasks) + 1}",
        "section": reading.section_id(tuple(path)),
        "text": text,
        "units": units,
        "units_from": "task" if units else None,
        "lead": lead,
        "suggested_lead": lead[0] if lead else None,
        "deadline": _deadline(_at(row, columns.first("deadline")), reading.issued_on),
        "targets": [],
        "warnings": [],
    }
    if columns.first("targets") is not None:
        cell = _at(row, columns.first("targets")).text
        task["targets"], task["warnings"] = _targets_in_cell(cell, text, reading.target_details)
    elif find_targets is not None:
        task["targets"] = [target.to_dict() for target in find_targets(text)]
    if not units:
        task["warnings"].append("这一行没有填写牵头单位或责任单位，请补上。")
    return task


def _units_of_row(row: list[_Cell], columns: _Columns) -> tuple[list[str], list[str]]:
    """(leads, units): leads first, then the responsible units, then those co-operating."""
    leads: list[str] = []
    by_kind: dict[str, list[str]] = {}
    for kind in _ROLE_COLUMNS:
        for index in columns.all(kind):
            units, marked = read_unit_cell(_at(row, index).text)
            if kind == "lead":
                marked = marked or units  # a 牵头单位 cell names leads, whatever its wording
            elif kind == "lead_first" and units and not marked:
                marked = units[:1]  # 牵头及配合单位: the first listed leads
            leads += marked
            by_kind.setdefault(kind, []).extend(units)
    leads = _unique(leads)
    others = [unit for kind in _ROLE_COLUMNS for unit in by_kind.get(kind, [])]
    return leads, _unique(leads + others)


def read_unit_cell(text: str) -> tuple[list[str], list[str]]:
    """(units, leads) of a cell: lists split on 、，,；; and line breaks (parentheses stay with their
    name); "A（牵头）", "A牵头，B配合" and "牵头单位：A；配合单位：B" mark leads."""
    if not text:
        return [], []
    text = text.replace("\n", "；")
    if _read_unit_cell is not None:
        return _read_unit_cell(text)
    units = [unit.strip() for unit in _UNIT_SEPARATORS.split(text) if unit.strip()]
    leads = [_LEAD_MARK.sub("", unit) for unit in units if _LEAD_MARK.search(unit)]
    return [_LEAD_MARK.sub("", unit) for unit in units], leads


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _deadline(cell: _Cell, issued_on: dt.date | None) -> dict | None:
    if not cell.text:
        return None
    if isinstance(cell.value, dt.datetime | dt.date):
        day = cell.value.date() if isinstance(cell.value, dt.datetime) else cell.value
        return {"text": cell.text, "date": day.isoformat()}
    text = cell.text.replace("\n", "")
    written = _DATE_IN_PARENS.match(text)  # "年底前（2019-12-31）" as the extractor's own table writes it
    if written:
        return {"text": written.group("text"), "date": written.group("date")}
    resolved = resolve_time_phrase(text, issued_on) if resolve_time_phrase else None
    return {"text": text, "date": resolved.isoformat() if resolved else None}


def _targets_in_cell(
    text: str, task_text: str, details: dict[tuple[str, str], list[dict]]
) -> tuple[list[dict], list[str]]:
    """The targets written one per line (a line naming several numbers gives one target for each);
    a line without a number is not a target and warns."""
    targets, warnings = [], []
    for line in _target_lines(text):
        found = [dict(target) for target in details.get((task_text, line), [])]
        if not found and find_targets:
            found = [target.to_dict() for target in find_targets(line)]
        for target in found:  # the line is the target's own words (80%、50%以上: both share them)
            target["text"] = line
        if not found:
            warnings.append(f"目标指标“{line}”没有读出数值，请核对。")
        targets.extend(found)
    return targets, warnings


def _target_lines(text: str) -> list[str]:
    """One target per line; a line of several joined by ；(as the extractor's own table writes) splits."""
    return [piece.strip() for line in text.split("\n") for piece in re.split(r"[；;]", line) if piece.strip()]


def _merge_into(task: dict, more: dict) -> None:
    """A row whose task cell is merged with the row above adds its units, targets and deadline to it."""
    lead = _unique(task["lead"] + more["lead"])
    task["units"] = _unique(lead + task["units"] + more["units"])
    task["lead"] = lead
    task["units_from"] = "task" if task["units"] else None
    task["targets"] += [t for t in more["targets"] if t not in task["targets"]]
    task["deadline"] = task["deadline"] or more["deadline"]
    task["warnings"] = [w for w in task["warnings"] if not task["units"] or "单位" not in w]


def parse_section_label(label: str) -> tuple[str, str]:
    """(number, title) of a written heading: "二、主要任务", "（一）强化…", "第一，…", "1.…" or a bare title."""
    label = label.strip()
    match = _SECTION_LABEL.match(label)
    if not match:
        return "", label
    number = match.group("paren") or match.group("circled") or match.group("number")
    return number, match.group("title").strip()


def _title_above(grid: list[list[_Cell]], header_row: int) -> str:
    for row in grid[:header_row]:
        values = _unique(cell.text.replace("\n", "") for cell in row)
        if len(values) == 1 and not _ATTACHMENT_LINE.match(values[0]):
            return clean_title(values[0])
    return ""


def clean_title(text: str) -> str:
    """A title row without "附件1" and without the table's own name: 《X实施方案》任务分解表 → X实施方案."""
    text = re.sub(r"^附\s*件\s*\d*\s*[：:]?\s*", "", text.strip())
    stripped = _TITLE_SUFFIX.sub("", text).strip() or text
    if stripped.startswith("《") and stripped.endswith("》"):
        stripped = stripped[1:-1]
    return stripped


def _title_from_name(name: str) -> str:
    return clean_title(PurePath(name).stem) if name else ""


def _read_info_sheet(book: Workbook) -> dict[str, Any]:
    if INFO_SHEET not in book.sheetnames:
        return {}
    by_label = {label: key for key, label in INFO_LABELS.items()}
    meta: dict[str, Any] = {}
    for label, value, *_ in book[INFO_SHEET].iter_rows(values_only=True, max_col=2):
        key = by_label.get(cell_text(label))
        if key and value not in (None, ""):
            meta[key] = value.date().isoformat() if isinstance(value, dt.datetime) else cell_text(value)
    return meta


def _iso_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _plan_dict(data: bytes, name: str, meta: dict, reading: _Reading) -> dict:
    return {
        "schema": SCHEMA,
        "source": {
            "name": name,
            "format": "xlsx",
            "encoding": None,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
        "meta": {key: meta.get(key) for key in INFO_LABELS},
        "sections": list(reading.sections.values()),
        "tasks": reading.tasks,
        "warnings": [],
    }


# ---------------------------------------------------------------------------------------------- writing


@dataclass
class TableRow:
    """One task as the table shows it."""

    number: str
    section: str  # the section's path, one level per line
    text: str
    lead: list[str]
    co: list[str]
    deadline: str
    targets: list[dict[str, Any]]  # spec targets: the cell shows their texts, the hidden sheet keeps the rest


@dataclass
class TableContent:
    title: str
    meta: dict[str, str | None]
    rows: list[TableRow]


def export_plan_dict(plan_json: dict, path_or_buffer: str | PurePath | IO[bytes]) -> None:
    """Write a draft or extracted duban.plan/1 dict as a 任务分解表 workbook."""
    write_table(content_of_plan_dict(plan_json), path_or_buffer)


def content_of_plan_dict(plan_json: dict) -> TableContent:
    sections = {section["id"]: section for section in plan_json.get("sections") or []}
    meta = dict(plan_json.get("meta") or {})
    issued_on = _iso_date(meta.get("issued_on"))
    rows = []
    for position, task in enumerate(plan_json.get("tasks") or [], start=1):
        lead = list(task.get("lead") or [])
        deadline = task.get("deadline") or {}
        rows.append(
            TableRow(
                number=str(position),
                section=_section_path(task.get("section"), sections),
                text=task.get("text", ""),
                lead=lead,
                co=[unit for unit in task.get("units") or [] if unit not in lead],
                deadline=deadline_cell(deadline.get("text") or "", deadline.get("date"), issued_on),
                targets=list(task.get("targets") or []),
            )
        )
    return TableContent(meta.get("title") or "", meta, rows)


def _section_path(section_id: str | None, sections: dict[str, dict]) -> str:
    labels: list[str] = []
    seen: set[str] = set()
    while section_id and section_id in sections and section_id not in seen:
        seen.add(section_id)
        section = sections[section_id]
        labels.append((section.get("number") or "", section.get("title") or ""))
        section_id = section.get("parent")
    return _path_text(labels)


def section_label(number: str, title: str, depth: int = 0) -> str:
    """The heading as printed ("二、主要任务", "（一）强化…"), the form parse_section_label reads back."""
    return _printed_heading(ExtractedSection("", None, number or "", title or ""), depth)


def export_plan(plan, path_or_buffer: str | PurePath | IO[bytes]) -> None:
    """Write a confirmed Plan (duban.plans.models.Plan) as a 任务分解表 workbook, in a fixed number of queries."""
    write_table(content_of_plan(plan), path_or_buffer)


def content_of_plan(plan) -> TableContent:
    """The rows of a confirmed plan: 4 queries (sections, tasks, assignments with units, indicators)."""
    from django.db.models import Prefetch

    from duban.plans.models import Assignment, AssignmentRole, Section, Task

    sections = {section.pk: section for section in Section.objects.filter(plan=plan)}
    tasks = Task.objects.filter(plan=plan).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("id")),
        "indicators",
    )
    rows = []
    for task in _parents_first(list(tasks)):
        assignments = list(task.assignments.all())
        rows.append(
            TableRow(
                number=task.number,
                section=_model_section_path(task.section_id, sections),
                text=task.text,
                lead=[a.unit.name for a in assignments if a.role == AssignmentRole.LEAD],
                co=[a.unit.name for a in assignments if a.role == AssignmentRole.CO],
                deadline=deadline_cell(
                    task.deadline_text, task.deadline.isoformat() if task.deadline else None, plan.issued_on
                ),
                targets=[_indicator_target(indicator) for indicator in task.indicators.all()],
            )
        )
    return TableContent(plan.title, _plan_meta(plan), rows)


def _parents_first(tasks: list) -> list:
    """Tasks in plan order, each sub-task (split off by a unit) right after the task it came from."""
    children: dict[int | None, list] = {}
    for task in sorted(tasks, key=lambda t: (t.position, t.pk)):
        children.setdefault(task.parent_id, []).append(task)
    ordered: list = []

    def visit(parent_id: int | None) -> None:
        for task in children.get(parent_id, []):
            ordered.append(task)
            visit(task.pk)

    visit(None)
    known = {task.pk for task in ordered}
    return ordered + [task for task in tasks if task.pk not in known]  # a parent in another plan


def _plan_meta(plan) -> dict[str, str | None]:
    return {
        "title": plan.title,
        "doc_number": plan.doc_number,
        "issuer": plan.issuer,
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "period_end": plan.period_end.isoformat() if plan.period_end else None,
    }


def _model_section_path(section_id: int | None, sections: dict) -> str:
    labels: list[str] = []
    seen: set[int] = set()
    while section_id is not None and section_id in sections and section_id not in seen:
        seen.add(section_id)
        section = sections[section_id]
        labels.append((section.number, section.title))
        section_id = section.parent_id
    return _path_text(labels)


def _path_text(labels_upwards: list[tuple[str, str]]) -> str:
    path = list(reversed(labels_upwards))
    return "\n".join(section_label(number, title, depth) for depth, (number, title) in enumerate(path))


_COMPARATOR_WORDS = {">=": "不少于", "<=": "不超过", "=": "达到"}


def _indicator_target(indicator) -> dict[str, Any]:
    """An Indicator as a spec target; its text is the words it was read from, else made up of its parts."""
    value = indicator.target.normalize() if indicator.target is not None else None
    number = format(value, "f") if value is not None else ""
    text = indicator.source_text or (
        f"{indicator.metric}{_COMPARATOR_WORDS.get(indicator.comparator, '')}{number}{indicator.measure}"
    )
    return {
        "text": text,
        "metric": indicator.metric,
        "value": None
        if value is None
        else (int(value) if value == value.to_integral_value() else float(value)),
        "unit": indicator.measure,
        "comparator": indicator.comparator,
    }


def deadline_cell(text: str, date: str | None, issued_on: dt.date | None) -> str:
    """The 完成时限 as written, with its date in brackets when the words alone would not give it back."""
    if not date:
        return text
    if not text:
        return date
    resolved = resolve_time_phrase(text, issued_on) if resolve_time_phrase else None
    return text if resolved and resolved.isoformat() == date else f"{text}（{date}）"


def write_table(content: TableContent, path_or_buffer: str | PurePath | IO[bytes]) -> None:
    """The workbook: a title row, the bold header, one row per task, print-ready; then 方案信息."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _title_row(sheet, content.title)
    sheet.append(list(COLUMNS))
    for row in content.rows:
        sheet.append(
            [
                int(row.number) if row.number.isdigit() else row.number,
                row.section,
                row.text,
                "、".join(row.lead),
                "、".join(row.co),
                row.deadline,
                "\n".join(_unique(target.get("text", "") for target in row.targets)),
            ]
        )
    _style(sheet)
    _info(book, content.meta)
    _target_details(book, content.rows)
    book.save(path_or_buffer)


def _title_row(sheet, title: str) -> None:
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    cell = sheet.cell(row=1, column=1)
    cell.font = Font(bold=True, size=16)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36


def _style(sheet) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = centred if cell.column == 1 else wrap
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 2)}"
    _print_setup(sheet)


def _print_setup(sheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _target_details(book: Workbook, rows: list[TableRow]) -> None:
    """A hidden sheet with each target's number, unit and comparator, keyed by task and target text.

    Reading the table back takes them from here while the task and target words are unchanged, so the
    round trip keeps what the words alone do not say (达到80%、50%以上: the first is "以上" too).
    """
    details = book.create_sheet(TARGETS_SHEET)
    details.sheet_state = "hidden"
    details.append(list(_TARGET_FIELDS))
    for row in rows:
        for target in row.targets:
            details.append([row.text, *(target.get(name) for name in _TARGET_FIELDS[1:])])


def _read_target_details(book: Workbook) -> dict[tuple[str, str], list[dict]]:
    if TARGETS_SHEET not in book.sheetnames:
        return {}
    details: dict[tuple[str, str], list[dict]] = {}
    for values in book[TARGETS_SHEET].iter_rows(min_row=2, values_only=True):
        task_text, text, metric, value, unit, comparator = (list(values) + [None] * 6)[:6]
        if not task_text or not text or not isinstance(value, int | float):
            continue
        target = {
            "text": text,
            "metric": metric or "",
            "value": value,
            "unit": unit or "",
            "comparator": comparator,
        }
        details.setdefault((str(task_text), str(text)), []).append(target)
    return details


def _info(book: Workbook, meta: dict[str, Any]) -> None:
    info = book.create_sheet(INFO_SHEET)
    for key, label in INFO_LABELS.items():
        info.append([label, meta.get(key) or ""])
    for row in info.iter_rows(max_col=1):
        row[0].font = Font(bold=True)
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 80
