"""Renderings of an extracted plan: duban.plan/1 JSON, a Markdown task table, an Excel 任务分解表.

JSON is the contract (shared/spec/plan-format.md). Markdown is for reading in a terminal or a chat;
the workbook is the task-division table that supervision offices pass around, with the same columns
the ledger's Excel import reads.
"""

from __future__ import annotations

import json
import re
from io import BytesIO
from typing import Any

from .model import Plan, Section, Task

FORMATS = ("json", "md", "xlsx")
XLSX_SHEET = "任务分解表"
XLSX_COLUMNS = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限", "目标指标", "所属章节")
_XLSX_WIDTHS = (6, 70, 24, 36, 18, 30, 24)
_CHINESE_NUMERAL = re.compile(r"[一二三四五六七八九十百零]+")


def render_json(plan: Plan) -> str:
    """The plan as duban.plan/1 JSON text (UTF-8 characters kept, indent 1, final newline)."""
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=1) + "\n"


def render_markdown(plan: Plan) -> str:
    """A readable task table: title, metadata, then one Markdown table per section that holds tasks."""
    lines = [f"# {plan.meta.title or plan.source.name}", ""]
    lines.extend(_meta_lines(plan))
    by_section: dict[str | None, list[Task]] = {}
    for task in plan.tasks:
        by_section.setdefault(task.section, []).append(task)
    depth = _depths(plan.sections)
    for section in plan.sections:
        tasks = by_section.pop(section.id, [])
        level = depth[section.id]
        lines.append(f"{'#' * min(level + 2, 6)} {section_label(section, level)}")
        lines.append("")
        if section.units:
            lines.extend([f"责任单位：{'、'.join(section.units)}", ""])
        if tasks:
            lines.extend(_task_table(tasks))
    leftover = [task for tasks in by_section.values() for task in tasks]
    if leftover:
        lines.extend(["## 未归入章节的任务", ""])
        lines.extend(_task_table(leftover))
    lines.extend(_warning_lines(plan))
    return "\n".join(lines).rstrip("\n") + "\n"


def _meta_lines(plan: Plan) -> list[str]:
    meta = plan.meta
    pairs = [
        ("文号", meta.doc_number),
        ("发文机关", meta.issuer),
        ("成文日期", meta.issued_on),
        ("实施期限至", meta.period_end),
        ("来源文件", plan.source.name),
        ("任务数", str(len(plan.tasks))),
    ]
    return [f"- {label}：{value}" for label, value in pairs if value] + [""]


def _depths(sections: list[Section]) -> dict[str, int]:
    depth: dict[str, int] = {}
    for section in sections:
        depth[section.id] = depth.get(section.parent, -1) + 1 if section.parent else 0
    return depth


def section_label(section: Section, depth: int = 0) -> str:
    """The heading as a reader expects it printed: "二、主要任务", "（一）聚焦…", "1.…", "附件1 …"."""
    number = section.number
    if not number:
        return section.title
    if _CHINESE_NUMERAL.fullmatch(number):
        mark = f"{number}、" if depth == 0 else f"（{number}）"
    elif number.isdigit():
        mark = f"{number}." if depth < 3 else f"（{number}）"
    elif number.startswith("第"):
        mark = f"{number}，"
    else:
        mark = f"{number} "
    return f"{mark}{section.title}".strip()


def _task_table(tasks: list[Task]) -> list[str]:
    rows = ["| 序号 | 任务 | 责任单位 | 牵头 | 完成时限 | 目标 |", "| --- | --- | --- | --- | --- | --- |"]
    for task in tasks:
        cells = [
            task.id,
            task.text,
            "、".join(task.units),
            lead_text(task),
            deadline_text(task),
            targets_text(task),
        ]
        rows.append("| " + " | ".join(_md_cell(cell) for cell in cells) + " |")
    return rows + [""]


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _warning_lines(plan: Plan) -> list[str]:
    notes = [f"- {warning}" for warning in plan.warnings]
    notes += [f"- {task.id}：{warning}" for task in plan.tasks for warning in task.warnings]
    return ["## 需要核对", "", *notes, ""] if notes else []


def lead_text(task: Task) -> str:
    """The lead units the document names, else the extractor's suggestion marked as such."""
    if task.lead:
        return "、".join(task.lead)
    if not task.suggested_lead:
        return ""
    others = [unit for unit in task.lead_ranking if unit != task.suggested_lead][:2]
    return (
        f"{task.suggested_lead}（建议；其次：{'、'.join(others)}）"
        if others
        else f"{task.suggested_lead}（建议）"
    )


def deadline_text(task: Task) -> str:
    if task.deadline is None:
        return ""
    text, date = task.deadline.text, task.deadline.date
    return f"{text}（{date}）" if date and date not in text else text


def targets_text(task: Task) -> str:
    return "；".join(target.text for target in task.targets)


def render_xlsx(plan: Plan) -> bytes:
    """The plan's tasks as an .xlsx 任务分解表 (bold header, set widths, wrapped text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = XLSX_SHEET
    sheet.append(list(XLSX_COLUMNS))
    depth = _depths(plan.sections)
    titles = {section.id: section_label(section, depth[section.id]) for section in plan.sections}
    for number, task in enumerate(plan.tasks, start=1):
        lead = task.lead or ([task.suggested_lead] if task.suggested_lead else [])
        partners = [unit for unit in task.units if unit not in lead]
        sheet.append(
            [
                number,
                task.text,
                "、".join(lead),
                "、".join(partners),
                deadline_text(task),
                targets_text(task),
                titles.get(task.section or "", ""),
            ]
        )
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(_XLSX_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _info_sheet(book, plan)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _info_sheet(book: Any, plan: Plan) -> None:
    from openpyxl.styles import Font

    info = book.create_sheet("方案信息")
    meta = plan.meta
    for label, value in (
        ("标题", meta.title),
        ("文号", meta.doc_number),
        ("发文机关", meta.issuer),
        ("成文日期", meta.issued_on),
        ("实施期限至", meta.period_end),
        ("来源文件", plan.source.name),
        ("SHA-256", plan.source.sha256),
    ):
        info.append([label, value or ""])
    for warning in plan.warnings:
        info.append(["提示", warning])
    for row in info.iter_rows(max_col=1):
        row[0].font = Font(bold=True)
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 80
