"""Edit a draft plan (the duban.plan/1 dict under review) before it is confirmed.

Pure functions: each takes a plan dict and returns a new one, never touching its argument. After every
edit the tasks are renumbered T1…Tn in document order, so a task's id is always its place in the plan.
A person's mistake (an unknown task, an empty text, a lead that is not among the units) raises
DraftEditError with a Chinese message and changes nothing.

`edit_draft` runs any of the edits and carries the extractor's lead reasons ({task_id: reason}) to the
renumbered ids, dropping a reason once its task's suggested lead has changed.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

Plan = dict[str, Any]
TaskDict = dict[str, Any]

_ORIGIN = "_origin"  # a task's id before the edit, present only inside edit_draft
EDITABLE_FIELDS = ("text", "units", "lead", "suggested_lead", "deadline", "targets", "warnings", "section")
COMPARATORS = (">=", "<=", "=")


class DraftEditError(ValueError):
    """An edit a person asked for that cannot be made; `message` is one Chinese sentence for them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ── edits ──────────────────────────────────────────────────────────────────────────────────────────


def update_task(plan: Plan, task_id: str, **fields: Any) -> Plan:
    """Change a task's fields (text, units, lead, suggested_lead, deadline, targets, warnings, section)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DraftEditError(_("不能修改这些字段：%(names)s。") % {"names": "、".join(sorted(unknown))})
    new = copy.deepcopy(plan)
    task = _task(new, task_id)
    if "section" in fields:
        _check_section(new, fields["section"])
    if "text" in fields:
        fields["text"] = _clean_text(fields["text"])
    if "units" in fields:
        fields["units"] = _clean_names(fields["units"])
    if "lead" in fields:
        fields["lead"] = _clean_names(fields["lead"])
    if "deadline" in fields:
        fields["deadline"] = _clean_deadline(fields["deadline"])
    if "targets" in fields:
        fields["targets"] = [_clean_target(t) for t in fields["targets"] or []]
    task.update(fields)
    if "units" in fields:
        if "lead" not in fields:
            task["lead"] = [u for u in task.get("lead") or [] if u in task["units"]]
        if task.get("suggested_lead") not in task["units"]:
            task["suggested_lead"] = None
        task["units_from"] = "task"
    _check_leads(task)
    return _renumbered(new)


def split_task(plan: Plan, task_id: str, at: int | list[str]) -> Plan:
    """Cut a task in two at a character offset of its text, or into the given pieces of text.

    Every piece keeps the task's section, units and leads; a target or deadline goes with the piece whose
    text holds it (a deadline found in no piece stays with all of them); warnings stay with the first.
    """
    new = copy.deepcopy(plan)
    task = _task(new, task_id)
    pieces = _pieces(task["text"], at)
    parts = [_piece(task, text, first=(i == 0), pieces=pieces) for i, text in enumerate(pieces)]
    index = new["tasks"].index(task)
    new["tasks"][index : index + 1] = parts
    return _renumbered(new)


def merge_tasks(plan: Plan, task_ids: list[str]) -> Plan:
    """Join tasks into the first of them (in document order): texts in order, units and leads united."""
    if len(set(task_ids)) < 2:
        raise DraftEditError(_("请至少选择两项任务合并。"))
    new = copy.deepcopy(plan)
    chosen = [_task(new, tid) for tid in task_ids]
    chosen.sort(key=new["tasks"].index)
    first, rest = chosen[0], chosen[1:]
    for other in rest:
        first["text"] = _join_texts(first["text"], other["text"])
        first["units"] = _union(first.get("units") or [], other.get("units") or [])
        first["lead"] = _union(first.get("lead") or [], other.get("lead") or [])
        first["suggested_lead"] = first.get("suggested_lead") or other.get("suggested_lead")
        first["deadline"] = _later_deadline(first.get("deadline"), other.get("deadline"))
        first["targets"] = (first.get("targets") or []) + (other.get("targets") or [])
        first["warnings"] = _union(first.get("warnings") or [], other.get("warnings") or [])
        if first.get("units_from") != other.get("units_from"):
            first["units_from"] = "task"
    new["tasks"] = [t for t in new["tasks"] if not any(t is o for o in rest)]
    return _renumbered(new)


def move_task(plan: Plan, task_id: str, section_id: str | None) -> Plan:
    """Put a task in another section, after that section's last task.

    A task that took its units from its old section takes the new section's units (when it has any).
    """
    new = copy.deepcopy(plan)
    task = _task(new, task_id)
    section = _check_section(new, section_id)
    new["tasks"].remove(task)
    task["section"] = section_id
    if task.get("units_from") == "section" and section and section.get("units"):
        task["units"] = list(section["units"])
        task["lead"] = [u for u in task.get("lead") or [] if u in task["units"]]
        if task.get("suggested_lead") not in task["units"]:
            task["suggested_lead"] = None
    new["tasks"].insert(_place_in_section(new, section_id), task)
    return _renumbered(new)


def add_task(plan: Plan, section_id: str | None, text: str, after: str | None = None) -> Plan:
    """Add a task the extractor missed: at the end of its section, or right after task `after`.

    It takes the section's units; its lead, deadline and targets are for the reviewer to fill in.
    """
    new = copy.deepcopy(plan)
    section = _check_section(new, section_id)
    units = list(section.get("units") or []) if section else []
    task: TaskDict = {
        "id": "",
        "section": section_id,
        "text": _clean_text(text),
        "units": units,
        "units_from": "section" if units else "task",
        "lead": [],
        "suggested_lead": None,
        "deadline": None,
        "targets": [],
        "warnings": [],
    }
    if after is not None:
        anchor = _task(new, after)
        index = new["tasks"].index(anchor) + 1
    else:
        index = _place_in_section(new, section_id)
    new["tasks"].insert(index, task)
    return _renumbered(new)


def delete_task(plan: Plan, task_id: str) -> Plan:
    """Take a task out of the draft (it is not a task, or it was counted twice)."""
    new = copy.deepcopy(plan)
    task = _task(new, task_id)
    new["tasks"].remove(task)
    return _renumbered(new)


META_FIELDS = ("title", "doc_number", "issuer", "issued_on", "period_end")


def update_meta(plan: Plan, **fields: Any) -> Plan:
    """Change the plan's title, document number, issuer, date of issue or end of period."""
    unknown = set(fields) - set(META_FIELDS)
    if unknown:
        raise DraftEditError(_("不能修改这些字段：%(names)s。") % {"names": "、".join(sorted(unknown))})
    new = copy.deepcopy(plan)
    meta = new.setdefault("meta", {})
    for name, value in fields.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        value = (str(value).strip() if value is not None else "") or None
        if name in ("issued_on", "period_end") and value and _parse_date(value) is None:
            raise DraftEditError(_("日期“%(date)s”无法识别，请写成 2019-12-31 的形式。") % {"date": value})
        meta[name] = value
    if not (meta.get("title") or "").strip():
        raise DraftEditError(_("方案标题不能为空。"))
    return new


def accept_suggested_lead(plan: Plan, task_id: str) -> Plan:
    """Make a task's suggested lead its lead."""
    task = _task(plan, task_id)
    if not task.get("suggested_lead"):
        raise DraftEditError(_("这项任务没有建议的牵头单位。"))
    return update_task(plan, task_id, lead=[task["suggested_lead"]])


def accept_suggested_leads(plan: Plan) -> Plan:
    """Every task without a lead takes its suggested lead (全部采纳建议牵头单位)."""
    new = copy.deepcopy(plan)
    for task in new.get("tasks") or []:
        suggested = task.get("suggested_lead")
        if not task.get("lead") and suggested and suggested in (task.get("units") or []):
            task["lead"] = [suggested]
    return _renumbered(new)


# ── checking ───────────────────────────────────────────────────────────────────────────────────────


def validate(plan: Plan) -> list[str]:
    """What stands in the way of confirming the draft, in Chinese sentences; [] when it may be confirmed."""
    problems: list[str] = []
    tasks = plan.get("tasks") or []
    if not ((plan.get("meta") or {}).get("title") or "").strip():
        problems.append(_("方案还没有标题。"))
    if not tasks:
        problems.append(_("方案中没有任务。"))
    section_ids = {s.get("id") for s in plan.get("sections") or []}
    for task in tasks:
        problems.extend(_task_problems(task, section_ids))
    return problems


def _task_problems(task: TaskDict, section_ids: set) -> list[str]:
    tid = task.get("id", "?")
    problems = []
    if not (task.get("text") or "").strip():
        problems.append(_("任务 %(id)s 没有内容。") % {"id": tid})
    units = task.get("units") or []
    if not units:
        problems.append(_("任务 %(id)s 没有责任单位。") % {"id": tid})
    elif not task.get("lead"):
        problems.append(_("任务 %(id)s 没有确定牵头单位。") % {"id": tid})
    for lead in task.get("lead") or []:
        if lead not in units:
            problems.append(_("任务 %(id)s 的牵头单位“%(unit)s”不在责任单位中。") % {"id": tid, "unit": lead})
    if task.get("section") is not None and task.get("section") not in section_ids:
        problems.append(_("任务 %(id)s 所属的部分不存在。") % {"id": tid})
    date = (task.get("deadline") or {}).get("date")
    if date and _parse_date(date) is None:
        problems.append(_("任务 %(id)s 的完成时限日期“%(date)s”无法识别。") % {"id": tid, "date": date})
    return problems


# ── lead reasons across edits ──────────────────────────────────────────────────────────────────────


def edit_draft(
    plan: Plan, lead_reasons: dict[str, Any], edit: Callable[..., Plan], *args: Any, **kwargs: Any
) -> tuple[Plan, dict[str, Any]]:
    """Run one edit of this module and return the new plan with the lead reasons under the new ids.

    `lead_reasons` maps task ids to whatever explains a task's suggested lead (a reason, a ranking); an
    entry follows its task while the suggestion stands and is dropped once the suggestion changes."""
    marked = copy.deepcopy(plan)
    before = {}
    for task in marked.get("tasks") or []:
        task[_ORIGIN] = task["id"]
        before[task["id"]] = task.get("suggested_lead")
    edited = edit(marked, *args, **kwargs)
    reasons: dict[str, Any] = {}
    for task in edited.get("tasks") or []:
        origin = task.pop(_ORIGIN, None)
        if origin in lead_reasons and task.get("suggested_lead") == before.get(origin):
            reasons[task["id"]] = lead_reasons[origin]
    return edited, reasons


# ── helpers ────────────────────────────────────────────────────────────────────────────────────────


def task_by_id(plan: Plan, task_id: str) -> TaskDict | None:
    """The task with this id, or None."""
    for task in plan.get("tasks") or []:
        if task.get("id") == task_id:
            return task
    return None


def _task(plan: Plan, task_id: str) -> TaskDict:
    task = task_by_id(plan, task_id)
    if task is None:
        raise DraftEditError(_("找不到任务 %(id)s，可能已被合并或删除，请刷新页面。") % {"id": task_id})
    return task


def _check_section(plan: Plan, section_id: str | None) -> dict | None:
    if section_id is None:
        return None
    for section in plan.get("sections") or []:
        if section.get("id") == section_id:
            return section
    raise DraftEditError(_("找不到这个部分，请刷新页面后重试。"))


def _renumbered(plan: Plan) -> Plan:
    for number, task in enumerate(plan.get("tasks") or [], start=1):
        task["id"] = f"T{number}"
    return plan


def _place_in_section(plan: Plan, section_id: str | None) -> int:
    """The index where a task added to the end of this section goes, keeping sections in order."""
    tasks = plan.get("tasks") or []
    last = max((i for i, t in enumerate(tasks) if t.get("section") == section_id), default=None)
    if last is not None:
        return last + 1
    order = {s["id"]: i for i, s in enumerate(plan.get("sections") or [])}
    if section_id is None:
        return len(tasks)
    mine = order[section_id]
    later = [i for i, t in enumerate(tasks) if order.get(t.get("section"), -1) > mine]
    return later[0] if later else len(tasks)


def _clean_text(text: Any) -> str:
    cleaned = " ".join(str(text or "").split())
    if not cleaned:
        raise DraftEditError(_("任务内容不能为空。"))
    return cleaned


def _clean_names(names: Any) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names or [] if n and n.strip()))


def _clean_deadline(deadline: Any) -> dict | None:
    if not deadline:
        return None
    text = (deadline.get("text") or "").strip()
    date = deadline.get("date") or None
    if isinstance(date, dt.date):
        date = date.isoformat()
    if date and _parse_date(date) is None:
        raise DraftEditError(_("完成日期“%(date)s”无法识别，请写成 2019-12-31 的形式。") % {"date": date})
    if not text and not date:
        return None
    return {"text": text or date, "date": date}


def _clean_target(target: dict) -> dict:
    comparator = target.get("comparator") or "="
    if comparator not in COMPARATORS:
        raise DraftEditError(_("比较方式只能是 >=、<= 或 =。"))
    try:
        value = float(target.get("value"))
    except (TypeError, ValueError) as exc:
        raise DraftEditError(_("目标值“%(value)s”不是数字。") % {"value": target.get("value")}) from exc
    metric = (target.get("metric") or "").strip()
    if not metric:
        raise DraftEditError(_("每个目标都要写明指标名称。"))
    return {
        "text": (target.get("text") or "").strip() or metric,
        "metric": metric,
        "value": int(value) if value.is_integer() else value,
        "unit": (target.get("unit") or "").strip(),
        "comparator": comparator,
    }


def _check_leads(task: TaskDict) -> None:
    for lead in task.get("lead") or []:
        if lead not in (task.get("units") or []):
            raise DraftEditError(_("牵头单位“%(unit)s”不在这项任务的责任单位中。") % {"unit": lead})


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _pieces(text: str, at: int | list[str]) -> list[str]:
    if isinstance(at, int):
        if not 0 < at < len(text):
            raise DraftEditError(_("拆分位置不在任务内容中间。"))
        pieces = [text[:at], text[at:]]
    else:
        pieces = list(at)
    pieces = [" ".join(p.split()) for p in pieces]
    if len(pieces) < 2 or not all(pieces):
        raise DraftEditError(_("拆分后的每一项都要有内容，且至少拆成两项。"))
    return pieces


def _piece(task: TaskDict, text: str, *, first: bool, pieces: list[str]) -> TaskDict:
    part = copy.deepcopy(task)
    part["text"] = text
    part["targets"] = [
        t for t in task.get("targets") or [] if _belongs(t.get("text", ""), text, pieces, first)
    ]
    deadline = task.get("deadline")
    part["deadline"] = (
        deadline if deadline and _belongs(deadline.get("text", ""), text, pieces, True) else None
    )
    part["warnings"] = list(task.get("warnings") or []) if first else []
    return part


def _belongs(fragment: str, text: str, pieces: list[str], fallback: bool) -> bool:
    """Whether `fragment` goes with this piece: it is in the piece, or in no piece and fallback says so."""
    if fragment and fragment in text:
        return True
    return fallback and not any(fragment and fragment in p for p in pieces)


def _join_texts(a: str, b: str) -> str:
    if a and a[-1] not in "。！？；;.!?":
        a += "；"
    return a + b


def _union(a: list, b: list) -> list:
    return list(dict.fromkeys([*a, *b]))


def _later_deadline(a: dict | None, b: dict | None) -> dict | None:
    if not a or not b:
        return a or b
    if (b.get("date") or "") > (a.get("date") or ""):
        return b
    return a


def sentences(text: str) -> list[tuple[int, str]]:
    """The task's sentences with the offset each starts at (where the review screen offers to split)."""
    found, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。！？；" and i + 1 < len(text):
            found.append((start, text[start : i + 1]))
            start = i + 1
    found.append((start, text[start:]))
    return [(offset, s) for offset, s in found if s.strip()]
