"""duban.extract: a government plan document → the duban.plan/1 structure (pure Python, no Django).

    from duban.extract import extract
    plan = extract("方案.docx")          # or extract(data, name="方案.txt")
    plan.to_dict()                      # the spec's JSON (shared/spec/plan-format.md)

`parse_document(doc)` does the same from blocks a reader (or a test) already made.
"""

from __future__ import annotations

import os
from pathlib import Path

from .blocks import Document
from .errors import ExtractError
from .leads import LeadKnowledge
from .model import Plan
from .structure import parse_document

__all__ = ["ExtractError", "Plan", "extract", "parse_document"]

NO_TASKS = "未在文件中找到任何任务：请确认上传的是实施方案正文。"


def extract(
    source: str | os.PathLike | bytes, *, name: str | None = None, learned: LeadKnowledge | None = None
) -> Plan:
    """Read a plan from a path (its file name names it) or from bytes (give `name`, for its suffix).

    `learned`: what duban learned from plans that named their leads (duban.extract.leads.LeadKnowledge);
    without it, leads are suggested from the built-in table of department functions alone."""
    if isinstance(source, bytes | bytearray):
        if not name:
            raise ExtractError("请提供文件名，以便判断文件格式。", "unsupported")
        data = bytes(source)
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ExtractError(f"无法读取文件：{path.name}。", "unreadable") from exc
        name = name or path.name
    plan = parse_document(_read(data, name), learned=learned)
    if not plan.tasks:
        raise ExtractError(NO_TASKS, "no_tasks")
    return plan


def _read(data: bytes, name: str) -> Document:
    from .readers import read_document

    return read_document(data, name)
