"""The ledger's actions: one function per thing a person does, each in one transaction with its audit trail.

Pages, the API, commands and tests call these and nothing else to change the ledger. Every error a
person can cause raises ActionError (DraftError for imports) with a Chinese message and changes nothing;
a forbidden action raises PermissionDenied. `user=None` means the system itself (a command run by the
operator) and skips the permission check.

Groups (各市州政府): a task is assigned to the group unit itself, as the document says; the group's
members (each city) get the 交办 notice, may report on and split the task, and the office may later
replace the group by its members with `expand_group_assignment`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from statistics import mean
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.log import build, record, record_many, snapshot
from duban.core import clock
from duban.extract.errors import ExtractError
from duban.units.directory import learned_lead_knowledge

from . import scheduling
from .choices import AssignmentRole, Comparator, Cycle, NoticeKind, PlanState, TaskKind, TaskState
from .kinds import guess_kind
from .models import Assignment, ImportDraft, Indicator, IndicatorStep, Milestone, Notice, Plan, Section, Task
from .permissions import assigned_unit_ids, can_edit_task, can_manage_plans, can_split_task, require

logger = logging.getLogger(__name__)

TASK_AUDIT_FIELDS = [
    "number",
    "text",
    "kind",
    "section",
    "start_on",
    "deadline",
    "deadline_text",
    "state",
    "progress",
    "closed_on",
]
EDITABLE_TASK_FIELDS = {
    "text",
    "kind",
    "section",
    "start_on",
    "deadline",
    "deadline_text",
    "progress",
    "state",
}
PLAN_AUDIT_FIELDS = [
    "title",
    "doc_number",
    "issuer",
    "issued_on",
    "period_start",
    "period_end",
    "cycle",
    "state",
]


class ActionError(Exception):
    """Something a person asked for that the ledger refuses; `message` is for them (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DraftError(ActionError):
    """A document or draft that cannot become a plan."""


@dataclass
class SubTaskSpec:
    """One part of a task a unit splits off for a unit below it (逐级分解)."""

    text: str
    unit: Any  # duban.units.models.Unit
    deadline: dt.date | None = None  # defaults to the parent's deadline; never later
    kind: str | None = None


# ---------------------------------------------------------------------------------------------- drafts


def create_draft(user, data: bytes, name: str) -> ImportDraft:
    """Read an uploaded document into an ImportDraft for review; nothing else is created."""
    _require(user, can_manage_plans)
    limit = settings.DUBAN_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise DraftError(
            _("文件过大（超过 %(mb)s MB），请拆分或精简后再上传。") % {"mb": limit // (1024 * 1024)}
        )
    document, plan = _read_plan(data, name, learned=learned_lead_knowledge())
    plan_json = plan.to_dict()
    if not plan_json["tasks"]:
        raise DraftError(_("未在文件中找到任何任务：请确认上传的是实施方案正文。"))
    reasons = {task.id: task.lead_reason for task in plan.tasks if task.lead_reason}
    rankings = {task.id: task.lead_ranking for task in plan.tasks if task.lead_ranking}
    text = document.text if document is not None else ""
    purge_expired_drafts()
    return ImportDraft.objects.create(
        created_by=_actor(user),
        source_name=name[:255],
        source_format=plan_json["source"].get("format") or "",
        source_text=text,
        plan_json=plan_json,
        lead_reasons=reasons,
        lead_rankings=rankings,
    )


def create_draft_from_plan(user, plan_json: dict, name: str, *, source_text: str = "") -> ImportDraft:
    """A draft from a duban.plan/1 dict read elsewhere (an Excel 任务分解表 by duban.reports.tasktable).

    Without `source_text` the review screen shows the plan's own sections and tasks as its text.
    """
    _require(user, can_manage_plans)
    if not isinstance(plan_json, dict) or not plan_json.get("tasks"):
        raise DraftError(_("未在文件中找到任何任务：请确认上传的是实施方案正文。"))
    source = plan_json.get("source") or {}
    text = source_text or plan_as_text(plan_json)
    reasons, rankings = suggest_learned_leads(plan_json, text)
    purge_expired_drafts()
    return ImportDraft.objects.create(
        created_by=_actor(user),
        source_name=name[:255],
        source_format=(source.get("format") or name.rsplit(".", 1)[-1].lower())[:10],
        source_text=text,
        plan_json=plan_json,
        lead_reasons=reasons,
        lead_rankings=rankings,
    )


def suggest_learned_leads(plan_json: dict, document_text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Suggest again, with what duban learned from earlier plans, the lead of every task whose document
    does not name exactly one; returns ({task id: reason}, {task id: units ranked}). Changes the tasks'
    suggested_lead in place.

    The extractor alone knows only its built-in table; the directory keeps what confirmed plans taught
    (duban.units.directory.learned_lead_knowledge). Nothing learned yet: the extractor's word stands.
    """
    from duban.extract.leads import declared_subjects, suggest_lead

    learned = learned_lead_knowledge()
    if not learned.tasks:
        return {}, {}
    subjects = declared_subjects(document_text or "")
    titles = {s.get("id"): s.get("title") or "" for s in plan_json.get("sections") or []}
    reasons: dict[str, str] = {}
    rankings: dict[str, list[str]] = {}
    for task in plan_json.get("tasks") or []:
        units = [u for u in task.get("units") or [] if u]
        if not units or len(task.get("lead") or []) == 1:
            continue
        suggestion = suggest_lead(
            task.get("text") or "",
            units,
            section_title=titles.get(task.get("section"), ""),
            learned=learned,
            subjects=subjects,
            per_task=task.get("units_from") == "task",
        )
        if suggestion is not None:
            task["suggested_lead"] = suggestion.unit
            reasons[task["id"]] = suggestion.reason
            rankings[task["id"]] = suggestion.ranked_units
    return reasons, rankings


def draft_days() -> int:
    """How many days an unconfirmed draft is kept (settings.DUBAN_DRAFT_DAYS, default 7)."""
    return int(getattr(settings, "DUBAN_DRAFT_DAYS", 7))


def purge_expired_drafts() -> int:
    """Delete every draft older than draft_days() by duban's clock, whoever uploaded it; return how many.

    Run by `duban drafts purge` and whenever someone uploads a new document, so an abandoned import
    leaves nothing behind.
    """
    cutoff = clock.now() - dt.timedelta(days=draft_days())
    _total, deleted = ImportDraft.objects.filter(created_at__lt=cutoff).delete()
    count = deleted.get(ImportDraft._meta.label, 0)
    if count:
        logger.info("purged %s drafts older than %s days", count, draft_days())
    return count


def plan_as_text(plan_json: dict) -> str:
    """A plain reading of a plan dict: title, headings and tasks with their units, one a line."""
    lines = [((plan_json.get("meta") or {}).get("title") or "").strip()]
    tasks_by_section: dict[str | None, list[dict]] = {}
    for task in plan_json.get("tasks") or []:
        tasks_by_section.setdefault(task.get("section"), []).append(task)
    for task in tasks_by_section.pop(None, []):
        lines.append(_task_line(task))
    for section in plan_json.get("sections") or []:
        lines.append(f"{section.get('number') or ''} {section.get('title') or ''}".strip())
        lines += [_task_line(task) for task in tasks_by_section.get(section.get("id"), [])]
    return "\n".join(line for line in lines if line)


def _task_line(task: dict) -> str:
    units = "、".join(task.get("units") or [])
    return f"{task.get('text') or ''}（{units}）" if units else task.get("text") or ""


def _read_plan(data: bytes, name: str, *, learned=None):
    """The document's blocks (for its text) and the plan parsed from them; ExtractError → DraftError.

    `learned`: what confirmed plans taught about leads (duban.units.directory.learned_lead_knowledge)."""
    try:
        from duban.extract import parse_document
        from duban.extract.readers import read_document

        document = read_document(data, name)
        plan = parse_document(document, learned=learned)
    except ExtractError as exc:
        raise DraftError(exc.message) from exc
    except (
        Exception
    ) as exc:  # a reader's bug on an odd file: the person still gets a sentence, we get the log
        logger.exception("extracting %s failed", name)
        raise DraftError(_("无法读取该文件，请确认它是实施方案的 Word、PDF、网页或文本文件。")) from exc
    plan.source.sha256 = plan.source.sha256 or hashlib.sha256(data).hexdigest()
    return document, plan


def cancel_draft(draft: ImportDraft, user) -> None:
    """Throw a draft away (nothing else existed)."""
    _require(user, can_manage_plans)
    draft.delete()


# ------------------------------------------------------------------------------- new units of a draft

CREATE, MAP = "create", "map"


@dataclass
class UnitProposal:
    """A unit name of a draft the directory does not know or cannot tell apart, with the reviewer's choice.

    `match` comes from duban.units.directory.match_names (proposed kind, likely aliases, candidates);
    `choice` is {"action": "create", "kind": …} or {"action": "map", "unit": pk}, or None (not decided).
    """

    match: Any  # duban.units.directory.NameMatch
    choice: dict | None

    @property
    def name(self) -> str:
        return self.match.name

    @property
    def ambiguous(self) -> bool:
        return bool(self.match.candidates)

    @property
    def decided(self) -> bool:
        return self.choice is not None

    @property
    def kind(self) -> str:
        """The kind the unit will be created with: the reviewer's, else the proposed one."""
        if self.choice and self.choice.get("action") == CREATE:
            return self.choice["kind"]
        return self.match.proposed_kind


def draft_unit_names(plan_json: dict) -> list[str]:
    """Every unit name of a draft's tasks (units and leads), each once, in order of appearance."""
    names: list[str] = []
    for item in plan_json.get("tasks") or []:
        if isinstance(item, dict):
            names += _unit_names(item)[0]
    return list(dict.fromkeys(names))


def unit_proposals(draft: ImportDraft) -> list[UnitProposal]:
    """The draft's unit names that will not simply be found in the directory on confirm (one query)."""
    from duban.units.directory import match_names

    names = draft_unit_names(draft.plan_json if isinstance(draft.plan_json, dict) else {})
    choices = draft.unit_choices or {}
    return (
        [UnitProposal(m, choices.get(m.name)) for m in match_names(names) if m.unit is None] if names else []
    )


def unit_choice_problems(proposals: list[UnitProposal]) -> list[str]:
    """What the reviewer must still decide about units before confirming (Chinese sentences)."""
    return [_ambiguous_message(p.match) for p in proposals if p.ambiguous and not p.decided]


def _ambiguous_message(match) -> str:
    return _("单位名称“%(name)s”可能指以下单位之一：%(names)s，请在“新单位”中选定后再确认。") % {
        "name": match.name,
        "names": "、".join(u.name for u in match.candidates),
    }


def choose_unit(draft: ImportDraft, user, name: str, *, kind: str | None = None, unit_id: int | None = None):
    """Record what a new unit name of the draft becomes on confirm: a new unit of `kind`, or the existing
    unit `unit_id` (the name then becomes its alias). Nothing is created before confirm."""
    from duban.units.models import Unit, UnitKind

    _require(user, can_manage_plans)
    if (kind is None) == (unit_id is None):
        raise DraftError(_("请选择新建单位，或对应到已有单位。"))
    if kind is not None and kind not in UnitKind.values:
        raise DraftError(_("请选择有效的单位类别。"))
    if unit_id is not None and not Unit.objects.filter(pk=unit_id, active=True).exists():
        raise DraftError(_("所选单位不存在或已停用，请重新选择。"))
    with transaction.atomic():
        draft = ImportDraft.objects.select_for_update().filter(pk=draft.pk).first()
        if draft is None:
            raise DraftError(_("该草稿已经确认或取消，请到方案列表查看。"))
        if name not in {p.name for p in unit_proposals(draft)}:
            raise DraftError(_("“%(name)s”不是本草稿中待确认的单位名称，请刷新页面。") % {"name": name})
        choice = {"action": CREATE, "kind": kind} if kind is not None else {"action": MAP, "unit": unit_id}
        draft.unit_choices = {**(draft.unit_choices or {}), name: choice}
        draft.save(update_fields=["unit_choices"])
    return draft


@dataclass
class _Parsed:
    """A draft's plan JSON checked and turned into Python values, before anything is written."""

    meta: dict
    sections: list[dict]
    tasks: list[dict]
    issued_on: dt.date | None
    period_start: dt.date
    period_end: dt.date
    cycle: str
    deadlines: list[dt.date | None]


def confirm_draft(draft: ImportDraft, user) -> Plan:
    """Turn a reviewed draft into the plan, its sections, tasks, units, milestones, indicators and notices."""
    _require(user, can_manage_plans)
    with transaction.atomic():
        # Locked and read again: a second click (or a second window) finds it gone, not a second plan.
        draft = ImportDraft.objects.select_for_update().filter(pk=draft.pk).first()
        if draft is None:
            raise DraftError(_("该草稿已经确认或取消，请到方案列表查看。"))
        parsed = _parse_draft(draft.plan_json)
        plan = Plan.objects.create(
            title=parsed.meta["title"],
            doc_number=(parsed.meta.get("doc_number") or "")[:100],
            issuer=(parsed.meta.get("issuer") or "")[:200],
            issued_on=parsed.issued_on,
            period_start=parsed.period_start,
            period_end=parsed.period_end,
            cycle=parsed.cycle,
            source_name=draft.source_name,
            source_format=draft.source_format,
            source_sha256=((draft.plan_json.get("source") or {}).get("sha256") or "")[:64],
            source_text=draft.source_text,
            created_by=_actor(user),
        )
        sections = _create_sections(plan, parsed.sections)
        tasks = _create_tasks(plan, parsed, sections, user)
        units = _resolve_units(parsed.tasks, user, draft.unit_choices or {})
        assignments = _create_assignments(tasks, parsed.tasks, units)
        _create_notices(plan, assignments)
        _create_schedules(tasks, parsed.tasks, plan.cycle)
        _record_confirm(plan, tasks, user, draft)
        _learn_leads(draft.plan_json)
        draft.delete()
    return plan


def _parse_draft(data: Any) -> _Parsed:
    if not isinstance(data, dict):
        raise DraftError(_("草稿内容已损坏，请重新上传文件。"))
    meta = dict(data.get("meta") or {})
    meta["title"] = (meta.get("title") or "").strip()
    if not meta["title"]:
        raise DraftError(_("请填写方案标题后再确认。"))
    if len(meta["title"]) > 500:
        raise DraftError(_("方案标题过长（最多 500 字）。"))
    sections = list(data.get("sections") or [])
    tasks = list(data.get("tasks") or [])
    if not tasks:
        raise DraftError(_("草稿中没有任务，无法确认。"))
    _check_sections(sections)
    section_ids = {s["id"] for s in sections}
    issued_on = _iso_date(meta.get("issued_on"), _("成文日期"))
    period_start = issued_on or clock.today()
    deadlines = [_task_deadline(task, index) for index, task in enumerate(tasks, start=1)]
    for index, task in enumerate(tasks, start=1):
        _check_task(task, index, section_ids)
    period_end = _iso_date(meta.get("period_end"), _("截止日期")) or max(
        (d for d in deadlines if d), default=dt.date(period_start.year, 12, 31)
    )
    if period_end < period_start:
        raise DraftError(_("方案的截止日期不能早于成文日期。"))
    cycle = data.get("cycle") or meta.get("cycle") or Cycle.MONTH
    if cycle not in Cycle.values:
        raise DraftError(_("调度周期只能是月、旬或周。"))
    return _Parsed(meta, sections, tasks, issued_on, period_start, period_end, cycle, deadlines)


def _check_sections(sections: list[dict]) -> None:
    seen: set[str] = set()
    for section in sections:
        if not isinstance(section, dict) or not section.get("id"):
            raise DraftError(_("草稿中的章节缺少编号，请重新上传文件。"))
        if section.get("parent") and section["parent"] not in seen:
            raise DraftError(_("章节“%(t)s”的上级章节不存在。") % {"t": section.get("title", "")})
        if not (section.get("title") or "").strip():
            raise DraftError(_("章节标题不能为空。"))
        seen.add(section["id"])


def _check_task(task: dict, index: int, section_ids: set[str]) -> None:
    if not isinstance(task, dict) or not (task.get("text") or "").strip():
        raise DraftError(_("第 %(n)s 项任务没有内容，请填写或删除该任务。") % {"n": index})
    if task.get("section") and task["section"] not in section_ids:
        raise DraftError(_("第 %(n)s 项任务所属的章节不存在。") % {"n": index})
    for name in [*(task.get("units") or []), *(task.get("lead") or [])]:
        if not isinstance(name, str) or len(name.strip()) > 200:
            raise DraftError(_("第 %(n)s 项任务的责任单位名称无效（最多 200 字）。") % {"n": index})
    for target in task.get("targets") or []:
        _decimal(target.get("value"), index)
        if (target.get("comparator") or "=") not in Comparator.values:
            raise DraftError(_("第 %(n)s 项任务的指标比较方式无效。") % {"n": index})


def _task_deadline(task: dict, index: int) -> dt.date | None:
    deadline = task.get("deadline") if isinstance(task, dict) else None
    if not isinstance(deadline, dict):
        return None
    return _iso_date(deadline.get("date"), _("第 %(n)s 项任务的完成时限") % {"n": index})


def _iso_date(value: Any, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DraftError(
            _("%(label)s“%(value)s”不是有效日期（格式：2019-12-31）。") % {"label": label, "value": value}
        ) from exc


def _decimal(value: Any, index: int) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DraftError(_("第 %(n)s 项任务的指标目标值不是数字。") % {"n": index}) from exc
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        raise DraftError(_("第 %(n)s 项任务的指标目标值不是有效数字。") % {"n": index})
    return number


def _create_sections(plan: Plan, items: list[dict]) -> dict[str, Section]:
    """Sections level by level (a parent is saved before its children): one INSERT per depth."""
    by_id: dict[str, Section] = {}
    depth: dict[str, int] = {}
    for position, item in enumerate(items, start=1):
        depth[item["id"]] = depth[item["parent"]] + 1 if item.get("parent") else 0
        by_id[item["id"]] = Section(
            plan=plan,
            number=(item.get("number") or "")[:20],
            title=item["title"].strip()[:500],
            position=position,
        )
    for level in sorted(set(depth.values())):
        batch = []
        for item in items:
            if depth[item["id"]] == level:
                section = by_id[item["id"]]
                section.parent = by_id[item["parent"]] if item.get("parent") else None
                batch.append(section)
        Section.objects.bulk_create(batch)
    return by_id


def _create_tasks(plan: Plan, parsed: _Parsed, sections: dict[str, Section], user) -> list[Task]:
    tasks = []
    for position, (item, deadline) in enumerate(zip(parsed.tasks, parsed.deadlines), start=1):
        deadline = deadline or plan.period_end
        deadline_text = ((item.get("deadline") or {}).get("text") or "")[:200]
        tasks.append(
            Task(
                plan=plan,
                section=sections.get(item.get("section") or ""),
                number=str(position),
                position=position,
                text=item["text"].strip(),
                kind=item.get("kind")
                if item.get("kind") in TaskKind.values
                else guess_kind(item["text"], item.get("targets") or []),
                start_on=min(plan.period_start, deadline),
                deadline=deadline,
                deadline_text=deadline_text,
                source_ref=str(item.get("id") or "")[:30],
                created_by=_actor(user),
            )
        )
    return Task.objects.bulk_create(tasks)


def _unit_names(item: dict) -> tuple[list[str], set[str]]:
    """A draft task's unit names in order (leads first if not listed) and the set of lead names."""
    names = [n.strip() for n in item.get("units") or [] if n and n.strip()]
    leads = [n.strip() for n in item.get("lead") or [] if n and n.strip()]
    ordered = [n for n in leads if n not in names] + names
    return ordered, set(leads)


def _resolve_units(items: list[dict], user, choices: dict[str, dict]) -> dict[str, Any]:
    """Every unit name of the draft → its Unit, as the reviewer chose for the names the directory lacks:
    mapped to an existing unit (the name becomes its alias) or created (with the chosen or proposed kind).
    An ambiguous name nobody decided stops the confirm."""
    from duban.units.directory import create_unit_from_proposal, match_names
    from duban.units.models import Unit

    matches = match_names(draft_unit_names({"tasks": items}))
    mapped_ids = {
        c.get("unit")
        for m in matches
        if m.unit is None and (c := choices.get(m.name)) and c.get("action") == MAP
    }
    existing = Unit.objects.in_bulk([pk for pk in mapped_ids if isinstance(pk, int)])
    units: dict[str, Any] = {}
    new_aliases: dict[int, list[str]] = {}
    for match in matches:
        choice = choices.get(match.name) or {}
        if match.unit is not None:
            units[match.name] = match.unit
        elif choice.get("action") == MAP:
            unit = existing.get(choice.get("unit"))
            if unit is None:
                raise DraftError(_("“%(name)s”要对应的单位已不存在，请重新选择。") % {"name": match.name})
            units[match.name] = unit
            new_aliases.setdefault(unit.pk, []).append(match.name)
        elif match.candidates and choice.get("action") != CREATE:
            raise DraftError(_ambiguous_message(match))
        else:
            kind = choice.get("kind") if choice.get("action") == CREATE else match.proposed_kind
            units[match.name] = create_unit_from_proposal(
                match.name, kind, match.proposed_aliases, actor=_actor(user)
            )
    for pk, aliases in new_aliases.items():
        _add_aliases(existing[pk], aliases, user)
    return units


def _add_aliases(unit, names: list[str], user) -> None:
    """The names a plan used for a unit become its aliases, so the next plan finds it (audited)."""
    from duban.units.directory import record_change, unit_snapshot

    before = unit_snapshot(unit)
    unit.aliases = [*(unit.aliases or []), *names]
    unit.save()
    note = _("导入方案时确认“%(names)s”即本单位") % {"names": "、".join(names)}
    record_change(_actor(user), "update", unit, before=before, after=unit_snapshot(unit), note=note)


def _create_assignments(tasks: list[Task], items: list[dict], units: dict[str, Any]) -> list[Assignment]:
    assignments = []
    for task, item in zip(tasks, items):
        names, leads = _unit_names(item)
        roles: dict[int, tuple[Any, str]] = {}
        for name in names:
            unit = units[name]
            role = AssignmentRole.LEAD if name in leads else AssignmentRole.CO
            if unit.pk not in roles or role == AssignmentRole.LEAD:
                roles[unit.pk] = (unit, role)
        ordered = sorted(roles.values(), key=lambda pair: pair[1] != AssignmentRole.LEAD)
        assignments += [Assignment(task=task, unit=unit, role=role) for unit, role in ordered]
    return Assignment.objects.bulk_create(assignments)


def _create_notices(plan: Plan, assignments: Iterable[Assignment]) -> list[Notice]:
    """交办: a notice to each assigned unit, or to each member of an assigned group."""
    from duban.units.directory import expand

    expanded: dict[int, list] = {}
    seen: set[tuple[int, int]] = set()
    notices = []
    for assignment in assignments:
        unit = assignment.unit
        if unit.pk not in expanded:
            expanded[unit.pk] = (list(expand(unit)) or [unit]) if unit.is_group else [unit]
        for target in expanded[unit.pk]:
            if (target.pk, assignment.task_id) not in seen:
                seen.add((target.pk, assignment.task_id))
                notices.append(Notice(unit=target, task=assignment.task, plan=plan, kind=NoticeKind.ASSIGNED))
    return Notice.objects.bulk_create(notices)


def _create_schedules(tasks: list[Task], items: list[dict], cycle: str) -> None:
    """Milestones for every task and indicators with their trajectories, in three INSERTs."""
    milestones: list[Milestone] = []
    indicators: list[Indicator] = []
    for task, item in zip(tasks, items):
        specs = scheduling.milestone_specs(task.start_on, task.deadline, cycle)
        milestones += _milestones(task, specs)
        indicators += [_indicator(task, target) for target in item.get("targets") or []]
    Milestone.objects.bulk_create(milestones)
    Indicator.objects.bulk_create(indicators)
    IndicatorStep.objects.bulk_create(
        [step for indicator in indicators for step in _steps(indicator, indicator.task, cycle)]
    )


def _milestones(task: Task, specs: Sequence[scheduling.MilestoneSpec]) -> list[Milestone]:
    return [
        Milestone(task=task, position=position, title=spec.title, due_on=spec.due_on)
        for position, spec in enumerate(specs, start=1)
    ]


def _indicator(task: Task, target: dict) -> Indicator:
    metric = (target.get("metric") or target.get("text") or task.text).strip()[:200]
    return Indicator(
        task=task,
        metric=metric,
        measure=(target.get("unit") or "")[:50],
        target=Decimal(str(target.get("value"))),
        comparator=target.get("comparator") or Comparator.EQUAL,
        source_text=target.get("text") or "",
    )


def _steps(indicator: Indicator, task: Task, cycle: str) -> list[IndicatorStep]:
    dates = scheduling.milestone_dates(task.start_on, task.deadline, cycle) if task.deadline else []
    values = scheduling.trajectory_values(indicator.baseline, indicator.target, len(dates))
    return [
        IndicatorStep(indicator=indicator, period_end=day, expected=value)
        for day, value in zip(dates, values)
    ]


def _record_confirm(plan: Plan, tasks: list[Task], user, draft: ImportDraft) -> None:
    note = _("由导入草稿“%(name)s”确认") % {"name": draft.source_name}
    record(_actor(user), "confirm", plan, after=snapshot(plan, PLAN_AUDIT_FIELDS), note=note)
    _record_many(
        _actor(user),
        "create",
        [(task, None, snapshot(task, TASK_AUDIT_FIELDS)) for task in tasks],
        parent=plan,
    )


def _learn_leads(plan_json: dict) -> None:
    from duban.units.directory import learn_leads_from_plan

    learn_leads_from_plan(plan_json)


def schedule_milestones(task: Task, cycle: str) -> list[Milestone]:
    """(Re)plan a task's open milestones back from its deadline; milestones already done are kept."""
    task.milestones.filter(done_on__isnull=True).delete()
    if task.deadline is None:
        return []
    done = list(task.milestones.order_by("position"))
    done_dates = {m.due_on for m in done}
    specs = [
        s
        for s in scheduling.milestone_specs(task.start_on, task.deadline, cycle)
        if s.due_on not in done_dates
    ]
    offset = max((m.position for m in done), default=0)
    milestones = _milestones(task, specs)
    for index, milestone in enumerate(milestones, start=1):
        milestone.position = offset + index
    return Milestone.objects.bulk_create(milestones)


def build_trajectory(indicator: Indicator, cycle: str) -> list[IndicatorStep]:
    """(Re)build an indicator's expected values at each cycle end up to its task's deadline."""
    indicator.steps.all().delete()
    return IndicatorStep.objects.bulk_create(_steps(indicator, indicator.task, cycle))


# ----------------------------------------------------------------------------------------------- tasks


def update_task(task: Task, user, **fields: Any) -> Task:
    """Change a task's fields (text, kind, section, dates, progress, state); audited with before/after."""
    _require(user, lambda u: can_edit_task(u, task))
    unknown = set(fields) - EDITABLE_TASK_FIELDS
    if unknown:
        raise ActionError(_("不能修改这些字段：%(f)s。") % {"f": "、".join(sorted(unknown))})
    with transaction.atomic():
        task = Task.objects.select_for_update(of=("self",)).select_related("plan", "parent").get(pk=task.pk)
        before = snapshot(task, TASK_AUDIT_FIELDS)
        _apply_task_fields(task, fields)
        after = snapshot(task, TASK_AUDIT_FIELDS)
        changed = [name for name in TASK_AUDIT_FIELDS if before.get(name) != after.get(name)]
        if not changed:
            return task
        task.save()
        record(
            _actor(user),
            "update",
            task,
            before={k: before.get(k) for k in changed},
            after={k: after.get(k) for k in changed},
            parent=task.plan,
        )
        if {"start_on", "deadline"} & set(changed):
            _reschedule(task)
        if task.parent_id and {"progress", "state"} & set(changed):
            roll_up(task.parent, user)
    return task


def _apply_task_fields(task: Task, fields: dict[str, Any]) -> None:
    if "text" in fields:
        text = (fields["text"] or "").strip()
        if not text:
            raise ActionError(_("任务内容不能为空。"))
        task.text = text
    if "kind" in fields:
        if fields["kind"] not in TaskKind.values:
            raise ActionError(_("任务类型无效。"))
        task.kind = fields["kind"]
    if "section" in fields:
        section = fields["section"]
        if section is not None and section.plan_id != task.plan_id:
            raise ActionError(_("只能选择本方案的章节。"))
        task.section = section
    for name in ("start_on", "deadline"):
        if name in fields:
            if fields[name] is not None and not isinstance(fields[name], dt.date):
                raise ActionError(_("日期无效。"))
            setattr(task, name, fields[name])
    if "deadline_text" in fields:
        task.deadline_text = (fields["deadline_text"] or "")[:200]
    _check_task_dates(task)
    if "progress" in fields:
        _set_progress(task, fields["progress"])
    if "state" in fields:
        _set_state(task, fields["state"])


def _check_task_dates(task: Task) -> None:
    if task.start_on and task.deadline and task.deadline < task.start_on:
        raise ActionError(_("完成时限不能早于开始日期。"))
    parent = task.parent
    if parent is not None and parent.deadline and task.deadline and task.deadline > parent.deadline:
        raise ActionError(
            _("子任务的完成时限不能晚于上级任务（%(d)s）。") % {"d": parent.deadline.isoformat()}
        )


def _set_progress(task: Task, value: Any) -> None:
    if task.pk and task.children.exists():
        raise ActionError(_("该任务已分解，进度由子任务汇总，不能直接修改。"))
    try:
        progress = int(value)
    except (TypeError, ValueError) as exc:
        raise ActionError(_("进度必须是 0 到 100 之间的整数。")) from exc
    if not 0 <= progress <= 100:
        raise ActionError(_("进度必须是 0 到 100 之间的整数。"))
    task.progress = progress


def _set_state(task: Task, state: Any) -> None:
    if state not in TaskState.values:
        raise ActionError(_("任务状态无效。"))
    if state == TaskState.CLOSED and task.pk and task.children.exclude(state=TaskState.CLOSED).exists():
        raise ActionError(_("还有未办结的子任务，不能办结该任务。"))
    task.state = state
    if state == TaskState.CLOSED:
        task.progress = 100
        task.closed_on = task.closed_on or clock.today()
    else:
        task.closed_on = None


def close_task(task: Task, user) -> Task:
    """办结 a task (progress 100); a split task closes when all its sub-tasks are closed."""
    return update_task(task, user, state=TaskState.CLOSED)


def reopen_task(task: Task, user) -> Task:
    return update_task(task, user, state=TaskState.ACTIVE)


def _reschedule(task: Task) -> None:
    schedule_milestones(task, task.plan.cycle)
    for indicator in task.indicators.all():
        indicator.task = task
        build_trajectory(indicator, task.plan.cycle)


def roll_up(task: Task, user) -> Task:
    """A split task's progress is the mean of its sub-tasks'; it is closed when all of them are."""
    children = list(task.children.values_list("progress", "state"))
    if not children:
        return task
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = snapshot(task, TASK_AUDIT_FIELDS)
    task.progress = round(mean(progress for progress, _state in children))
    all_closed = all(state == TaskState.CLOSED for _progress, state in children)
    task.state = TaskState.CLOSED if all_closed else TaskState.ACTIVE
    task.closed_on = (task.closed_on or clock.today()) if all_closed else None
    after = snapshot(task, TASK_AUDIT_FIELDS)
    changed = [name for name in TASK_AUDIT_FIELDS if before.get(name) != after.get(name)]
    if changed:
        task.save(update_fields=["progress", "state", "closed_on", "updated_at"])
        record(
            _actor(user),
            "update",
            task,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
            parent=task.plan,
            note=_("由子任务汇总"),
        )
        if task.parent_id:
            roll_up(task.parent, user)
    return task


def split_task(task: Task, user, parts: list[SubTaskSpec]) -> list[Task]:
    """逐级分解: split a task into sub-tasks, one per part, each for a unit below the splitting unit."""
    _require(user, lambda u: can_split_task(u, task))
    if not parts:
        raise ActionError(_("请至少填写一项子任务。"))
    with transaction.atomic():
        task = Task.objects.select_for_update(of=("self",)).select_related("plan").get(pk=task.pk)
        allowed_parents = None if user is None or can_manage_plans(user) else _splitting_units(task, user)
        existing = task.children.count()
        children = []
        for index, part in enumerate(parts, start=1):
            children.append(_sub_task(task, part, existing + index, allowed_parents, user))
        children = Task.objects.bulk_create(children)
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(task=child, unit=part.unit, role=AssignmentRole.LEAD)
                for child, part in zip(children, parts)
            ]
        )
        _create_notices(task.plan, assignments)
        milestones = []
        for child in children:
            milestones += _milestones(
                child, scheduling.milestone_specs(child.start_on, child.deadline, task.plan.cycle)
            )
        Milestone.objects.bulk_create(milestones)
        record(
            _actor(user),
            "split",
            task,
            after={
                "sub_tasks": [
                    {"number": c.number, "unit": p.unit.name, "text": c.text} for c, p in zip(children, parts)
                ]
            },
            parent=task.plan,
        )
        _record_many(
            _actor(user), "create", [(c, None, snapshot(c, TASK_AUDIT_FIELDS)) for c in children], parent=task
        )
        roll_up(task, user)
    return children


def _splitting_units(task: Task, user) -> set[int]:
    """The user's own units that hold the task (directly or through a group): sub-tasks go below them."""
    from duban.units.models import Unit
    from duban.units.roles import user_unit_ids

    assigned = assigned_unit_ids(task)
    mine = user_unit_ids(user)
    through_group = Unit.objects.filter(pk__in=mine, groups__in=assigned).values_list("id", flat=True)
    return (mine & assigned) | set(through_group)


def _is_below(unit, ancestors: set[int]) -> bool:
    """True when one of `ancestors` is above `unit` in the directory (Unit.parent chain)."""
    seen: set[int] = set()
    current = unit.parent
    while current is not None and current.pk not in seen:
        if current.pk in ancestors:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def _sub_task(parent: Task, part: SubTaskSpec, index: int, allowed_parents: set[int] | None, user) -> Task:
    text = (part.text or "").strip()
    if not text:
        raise ActionError(_("第 %(n)s 项子任务没有内容。") % {"n": index})
    if part.unit is None:
        raise ActionError(_("第 %(n)s 项子任务没有选择责任单位。") % {"n": index})
    if allowed_parents is not None and not _is_below(part.unit, allowed_parents):
        raise ActionError(_("只能分解给本单位的下级单位：“%(u)s”不是下级单位。") % {"u": part.unit.name})
    deadline = part.deadline or parent.deadline
    if parent.deadline and deadline and deadline > parent.deadline:
        raise ActionError(
            _("子任务的完成时限不能晚于上级任务（%(d)s）。") % {"d": parent.deadline.isoformat()}
        )
    start = max(parent.start_on or clock.today(), clock.today())
    if deadline and start > deadline:
        start = deadline
    kind = part.kind if part.kind in TaskKind.values else guess_kind(text)
    return Task(
        plan=parent.plan,
        section=parent.section,
        parent=parent,
        number=f"{parent.number}.{index}",
        position=parent.position,
        text=text,
        kind=kind,
        start_on=start,
        deadline=deadline,
        deadline_text="",
        created_by=_actor(user),
    )


def expand_group_assignment(assignment: Assignment, user) -> list[Assignment]:
    """Replace a group's assignment (各市州政府) by one for each of its members, with the same role."""
    from duban.units.directory import expand

    _require(user, can_manage_plans)
    group = assignment.unit
    members = [m for m in expand(group) if m.pk != group.pk] if group.is_group else []
    if not members:
        raise ActionError(_("“%(u)s”不是单位组，或还没有成员单位。") % {"u": group.name})
    with transaction.atomic():
        task = assignment.task
        taken = set(task.assignments.values_list("unit_id", flat=True))
        created = Assignment.objects.bulk_create(
            [Assignment(task=task, unit=m, role=assignment.role) for m in members if m.pk not in taken]
        )
        record(
            _actor(user),
            "assign",
            task,
            before={"units": [group.name]},
            after={"units": [a.unit.name for a in created]},
            parent=task.plan,
            note=_("展开单位组“%(u)s”") % {"u": group.name},
        )
        assignment.delete()
        notified = set(
            Notice.objects.filter(task=task, kind=NoticeKind.ASSIGNED).values_list("unit_id", flat=True)
        )
        _create_notices(task.plan, [a for a in created if a.unit_id not in notified])
    return created


# ----------------------------------------------------------------------------------------------- plans


EDITABLE_PLAN_FIELDS = {"title", "doc_number", "issuer", "issued_on", "period_end", "cycle"}


def update_plan(plan: Plan, user, **fields: Any) -> Plan:
    """Change a plan's particulars; a new cycle re-plans every open milestone and trajectory (audited)."""
    _require(user, can_manage_plans)
    unknown = set(fields) - EDITABLE_PLAN_FIELDS
    if unknown:
        raise ActionError(_("不能修改这些字段：%(f)s。") % {"f": "、".join(sorted(unknown))})
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        before = snapshot(plan, PLAN_AUDIT_FIELDS)
        _apply_plan_fields(plan, fields)
        after = snapshot(plan, PLAN_AUDIT_FIELDS)
        changed = [name for name in PLAN_AUDIT_FIELDS if before[name] != after[name]]
        if not changed:
            return plan
        plan.save()
        record(_actor(user), "update", plan, before=before, after=after)
        if "cycle" in changed:
            _reschedule_plan(plan)
    return plan


def _apply_plan_fields(plan: Plan, fields: dict[str, Any]) -> None:
    if "title" in fields:
        title = (fields["title"] or "").strip()
        if not title or len(title) > 500:
            raise ActionError(_("方案标题不能为空，最多 500 字。"))
        plan.title = title
    for name, limit in (("doc_number", 100), ("issuer", 200)):
        if name in fields:
            setattr(plan, name, (fields[name] or "").strip()[:limit])
    for name in ("issued_on", "period_end"):
        if name in fields:
            if fields[name] is not None and not isinstance(fields[name], dt.date):
                raise ActionError(_("日期无效。"))
            setattr(plan, name, fields[name])
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ActionError(_("方案的截止日期不能早于起始日期。"))
    if "cycle" in fields:
        if fields["cycle"] not in Cycle.values:
            raise ActionError(_("调度周期只能是月、旬或周。"))
        plan.cycle = fields["cycle"]


def _reschedule_plan(plan: Plan) -> None:
    """Every open task's undone milestones and every trajectory, again for the plan's cycle: 5 queries."""
    tasks = list(plan.tasks.exclude(state=TaskState.CLOSED).filter(deadline__isnull=False))
    Milestone.objects.filter(task__in=tasks, done_on__isnull=True).delete()
    done = set(Milestone.objects.filter(task__in=tasks).values_list("task_id", "due_on"))
    taken: dict[int, int] = {}
    for task_id, position in Milestone.objects.filter(task__in=tasks).values_list("task_id", "position"):
        taken[task_id] = max(taken.get(task_id, 0), position)
    milestones = []
    for task in tasks:
        specs = [
            spec
            for spec in scheduling.milestone_specs(task.start_on, task.deadline, plan.cycle)
            if (task.pk, spec.due_on) not in done
        ]
        for offset, milestone in enumerate(_milestones(task, specs), start=1):
            milestone.position = taken.get(task.pk, 0) + offset
            milestones.append(milestone)
    Milestone.objects.bulk_create(milestones)
    by_id = {task.pk: task for task in tasks}
    indicators = list(Indicator.objects.filter(task__in=tasks))
    IndicatorStep.objects.filter(indicator__in=indicators).delete()
    IndicatorStep.objects.bulk_create(
        [step for i in indicators for step in _steps(i, by_id[i.task_id], plan.cycle)]
    )


def close_plan(plan: Plan, user) -> Plan:
    return _set_plan_state(plan, user, PlanState.CLOSED)


def reopen_plan(plan: Plan, user) -> Plan:
    return _set_plan_state(plan, user, PlanState.ACTIVE)


def _set_plan_state(plan: Plan, user, state: str) -> Plan:
    _require(user, can_manage_plans)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.state == state:
            return plan
        before = snapshot(plan, ["state"])
        plan.state = state
        plan.save(update_fields=["state"])
        record(
            _actor(user),
            "close" if state == PlanState.CLOSED else "reopen",
            plan,
            before=before,
            after={"state": state},
        )
    return plan


def carry_over(plan: Plan, user, *, title: str, period_end: dt.date) -> Plan:
    """结转: copy the plan's unfinished tasks into a new plan (linked back) and close the old plan."""
    _require(user, can_manage_plans)
    title = (title or "").strip()
    if not title:
        raise ActionError(_("请填写新方案的标题。"))
    start = clock.today()
    if not isinstance(period_end, dt.date) or period_end < start:
        raise ActionError(_("新方案的截止日期不能早于今天（%(d)s）。") % {"d": start.isoformat()})
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.state == PlanState.CLOSED and plan.carried_to.exists():
            raise ActionError(_("该方案已结转，不能重复结转。"))
        old_tasks = list(
            plan.tasks.exclude(state=TaskState.CLOSED)
            .select_related("section")
            .prefetch_related("assignments__unit", "indicators")
            .order_by("position", "id")
        )
        new = Plan.objects.create(
            title=title[:500],
            doc_number=plan.doc_number,
            issuer=plan.issuer,
            issued_on=plan.issued_on,
            period_start=start,
            period_end=period_end,
            cycle=plan.cycle,
            source_name=plan.source_name,
            source_format=plan.source_format,
            source_sha256=plan.source_sha256,
            source_text=plan.source_text,
            carried_from=plan,
            created_by=_actor(user),
        )
        sections = _copy_sections(plan, new, old_tasks)
        copies = _copy_tasks(new, old_tasks, sections, user)
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(task=copies[t.pk], unit=a.unit, role=a.role)
                for t in old_tasks
                for a in t.assignments.all()
            ]
        )
        _create_notices(new, assignments)
        _copy_schedules(new, old_tasks, copies)
        record(
            _actor(user),
            "carry_over",
            plan,
            before={"state": plan.state},
            after={"state": PlanState.CLOSED, "to": new.pk},
        )
        record(
            _actor(user),
            "create",
            new,
            after=snapshot(new, PLAN_AUDIT_FIELDS),
            note=_("由方案“%(t)s”结转") % {"t": plan.title},
        )
        _record_many(
            _actor(user),
            "create",
            [(c, None, snapshot(c, TASK_AUDIT_FIELDS)) for c in copies.values()],
            parent=new,
        )
        plan.state = PlanState.CLOSED
        plan.save(update_fields=["state"])
    return new


def _copy_sections(old: Plan, new: Plan, tasks: list[Task]) -> dict[int, Section]:
    """The sections holding carried tasks, with their ancestors, in the old order."""
    all_sections = {s.pk: s for s in old.sections.all()}
    needed: set[int] = set()
    for task in tasks:
        section_id = task.section_id
        while section_id and section_id not in needed:
            needed.add(section_id)
            section_id = all_sections[section_id].parent_id
    copies: dict[int, Section] = {}
    ordered = sorted((all_sections[pk] for pk in needed), key=lambda s: s.position)
    for section in ordered:  # parents come first in document order
        copies[section.pk] = Section.objects.create(
            plan=new,
            parent=copies.get(section.parent_id),
            number=section.number,
            title=section.title,
            position=section.position,
        )
    return copies


def _copy_tasks(new: Plan, tasks: list[Task], sections: dict[int, Section], user) -> dict[int, Task]:
    """Unfinished tasks, parents before sub-tasks; a deadline already past moves to the new period's end."""
    copies: dict[int, Task] = {}
    carried = {t.pk for t in tasks}
    pending = list(tasks)
    while pending:
        ready = [t for t in pending if t.parent_id in copies or t.parent_id not in carried]
        batch = []
        for task in ready:
            keep = task.deadline is not None and new.period_start <= task.deadline <= new.period_end
            deadline = task.deadline if keep else new.period_end
            batch.append(
                Task(
                    plan=new,
                    section=sections.get(task.section_id),
                    parent=copies.get(task.parent_id),
                    number=task.number,
                    position=task.position,
                    text=task.text,
                    kind=task.kind,
                    start_on=new.period_start,
                    deadline=deadline,
                    deadline_text=task.deadline_text if keep else "",
                    progress=task.progress,
                    source_ref=task.source_ref,
                    carried_from=task,
                    created_by=_actor(user),
                )
            )
        for task, copy in zip(ready, Task.objects.bulk_create(batch)):
            copies[task.pk] = copy
        pending = [t for t in pending if t.pk not in copies]
    return copies


def _copy_schedules(new: Plan, tasks: list[Task], copies: dict[int, Task]) -> None:
    milestones = []
    indicators = []
    for task in tasks:
        copy = copies[task.pk]
        milestones += _milestones(copy, scheduling.milestone_specs(copy.start_on, copy.deadline, new.cycle))
        for old in task.indicators.all():
            indicators.append(
                Indicator(
                    task=copy,
                    metric=old.metric,
                    measure=old.measure,
                    target=old.target,
                    comparator=old.comparator,
                    baseline=old.baseline,
                    cumulative=old.cumulative,
                    source_text=old.source_text,
                )
            )
    Milestone.objects.bulk_create(milestones)
    Indicator.objects.bulk_create(indicators)
    IndicatorStep.objects.bulk_create([s for i in indicators for s in _steps(i, i.task, new.cycle)])


# --------------------------------------------------------------------------------------------- helpers


def _actor(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _require(user, check) -> None:
    if user is None:  # the operator at the command line
        return
    require(check(user))


def _record_many(
    actor, action: str, items: list[tuple[Any, dict | None, dict | None]], *, parent=None
) -> None:
    """Audit many objects in one bulk INSERT."""
    record_many(
        [build(actor, action, obj, before=before, after=after, parent=parent) for obj, before, after in items]
    )
