"""Importing a plan: upload a document, review its draft beside the source text, confirm or cancel.

Nothing but the ImportDraft exists before confirm; every edit of the draft is a function of
duban.plans.drafts, applied under a row lock. Each form carries the edited task's fingerprint (`check`),
so a form left open in another window cannot change a task that has since moved or changed.
A draft belongs to the supervisor who uploaded it: anyone else gets 404.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.extract.errors import ExtractError
from duban.plans import actions, drafts
from duban.plans.drafts import DraftEditError
from duban.plans.models import ImportDraft
from duban.plans.permissions import can_manage_plans, require
from duban.web import forms_plans as f


def stale() -> str:
    return _("这项任务已有变化（可能在另一个窗口里改过），请刷新页面后再试。")


# ── upload ─────────────────────────────────────────────────────────────────────────────────────────


@login_required
def import_plan(request: HttpRequest) -> HttpResponse:
    """导入方案: upload a document; a bad one gets its message here and nothing is created."""
    require(can_manage_plans(request.user))
    form = f.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = _create_draft(request, form)
        except actions.DraftError as err:
            form.add_error("file", err.message)
        else:
            return redirect("web:draft_review", draft.pk)
    unfinished = ImportDraft.objects.filter(created_by=request.user).only("id", "source_name", "created_at")
    context = {"form": form, "unfinished": unfinished[:20], "draft_days": actions.draft_days()}
    return render(request, "plans/import.html", context)


def _create_draft(request: HttpRequest, form: f.ImportForm) -> ImportDraft:
    upload = form.cleaned_data["file"]
    data = upload.read()
    if form.is_task_table():
        return _create_draft_from_table(request, data, upload.name)
    return actions.create_draft(request.user, data, upload.name)


def _create_draft_from_table(request: HttpRequest, data: bytes, name: str) -> ImportDraft:
    """An Excel 任务分解表 is read by duban.reports.tasktable; refused with a message while it is missing."""
    try:
        from duban.reports.tasktable import read_task_table
    except ImportError as exc:
        raise actions.DraftError(
            _("暂不能导入 Excel 任务分解表（该功能尚未安装），请上传方案原文。")
        ) from exc
    try:
        plan_json = read_task_table(data, name)
    except ExtractError as exc:
        raise actions.DraftError(exc.message) from exc
    return actions.create_draft_from_plan(request.user, plan_json, name)


# ── the review screen ──────────────────────────────────────────────────────────────────────────────


def _own_draft(request: HttpRequest, draft_id: int, *, lock: bool = False) -> ImportDraft:
    require(can_manage_plans(request.user))
    drafts_of_user = ImportDraft.objects.filter(created_by=request.user)
    if lock:
        drafts_of_user = drafts_of_user.select_for_update()
    return get_object_or_404(drafts_of_user, pk=draft_id)


def task_check(task: dict) -> str:
    """A short fingerprint of a draft task's content and place."""
    blob = json.dumps(task, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


@login_required
def draft_review(request: HttpRequest, draft_id: int) -> HttpResponse:
    """审核草稿: sections and tasks on the left, the source text on the right."""
    draft = _own_draft(request, draft_id)
    return render(request, "plans/draft_review.html", review_context(draft))


class UnitPanel:
    """新单位（确认后将加入单位名录）: each unit name the directory lacks, what it is proposed to become and
    the reviewer's choice; the kind options and the directory's names are rendered once for the page."""

    def __init__(self, draft: ImportDraft) -> None:
        from duban.units.models import UnitKind

        self.proposals = actions.unit_proposals(draft)
        self.kinds = UnitKind.choices
        self.kind_labels = dict(UnitKind.choices)
        self.rows = [self._row(p) for p in self.proposals]
        self.problems = actions.unit_choice_problems(self.proposals)

    def _row(self, proposal: actions.UnitProposal) -> dict:
        choice = proposal.choice or {}
        mapped = choice.get("unit") if choice.get("action") == actions.MAP else None
        return {
            "proposal": proposal,
            "name": proposal.name,
            "kind_label": self.kind_labels.get(proposal.match.proposed_kind, ""),
            "chosen_kind_label": self.kind_labels.get(proposal.kind, ""),
            "aliases": proposal.match.proposed_aliases,
            "candidates": proposal.match.candidates,
            "action": choice.get("action") or ("" if proposal.ambiguous else actions.CREATE),
            "kind_options": format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((v, mark_safe(" selected") if v == proposal.kind else "", label) for v, label in self.kinds),
            ),
            "mapped": mapped,
        }

    def directory_names(self) -> list[str]:
        """Every active unit's name, for the search field's list (one query, only when there is a panel)."""
        from duban.units.models import Unit

        if not self.rows:
            return []
        return list(
            Unit.objects.filter(active=True).order_by("sort_order", "name").values_list("name", flat=True)
        )

    def mapped_names(self) -> dict[int, str]:
        from duban.units.models import Unit

        ids = [row["mapped"] for row in self.rows if row["mapped"]]
        return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def unit_notes(panel: UnitPanel, mapped: dict[int, str]) -> dict[str, tuple[str, str]]:
    """For each unit name the directory lacks: (what its chip says, the longer note), after the reviewer's
    choice in the 新单位 panel — mapped to a unit, to be created, or still to be chosen."""
    notes = {}
    for row in panel.rows:
        proposal = row["proposal"]
        if row["mapped"]:
            target = mapped.get(row["mapped"], "")
            notes[proposal.name] = (
                _("→ %(unit)s") % {"unit": target},
                _("确认后作为“%(unit)s”的别名") % {"unit": target},
            )
        elif proposal.ambiguous and not proposal.decided:
            notes[proposal.name] = (_("待选定"), proposal.match.warning)
        elif proposal.decided:
            label = row["chosen_kind_label"]
            notes[proposal.name] = (_("新单位"), _("确认后加入单位名录（%(kind)s）") % {"kind": label})
        else:
            notes[proposal.name] = (_("名录中没有"), proposal.match.warning)
    return notes


def review_context(draft: ImportDraft) -> dict:
    plan = draft.plan_json
    tasks = plan.get("tasks") or []
    panel = UnitPanel(draft)
    mapped = panel.mapped_names()
    notes = unit_notes(panel, mapped)
    options = SectionOptions(plan)
    cards = {t["id"]: task_card(draft, t, nxt, notes, options) for t, nxt in zip(tasks, [*tasks[1:], None])}
    meta = plan.get("meta") or {}
    for row in panel.rows:
        row["mapped_name"] = mapped.get(row["mapped"], "")
        row["mapped_is_candidate"] = any(u.pk == row["mapped"] for u in row["candidates"])
    return {
        "unit_panel": panel,
        "unit_rows": panel.rows,
        "directory_names": panel.directory_names(),
        "draft": draft,
        "plan": plan,
        "meta": meta,
        "meta_form": f.DraftMetaForm(initial=meta),
        "blocks": _section_blocks(plan, cards),
        "problems": drafts.validate(plan) + panel.problems,
        "task_count": len(tasks),
        "without_lead": sum(1 for t in tasks if not t.get("lead")),
        "suggestions_open": sum(1 for t in tasks if not t.get("lead") and t.get("suggested_lead")),
    }


def _section_blocks(plan: dict, cards: dict[str, dict]) -> list[dict]:
    """The sections in document order, each with its depth and its task cards."""
    sections = plan.get("sections") or []
    depth: dict[str, int] = {}
    for s in sections:
        depth[s["id"]] = depth.get(s.get("parent"), -1) + 1 if s.get("parent") else 0
    by_section: dict[str | None, list[dict]] = {}
    for card in cards.values():
        by_section.setdefault(card["task"].get("section"), []).append(card)
    blocks = [
        {"section": s, "depth": min(depth[s["id"]], 3), "cards": by_section.get(s["id"], [])}
        for s in sections
    ]
    known = {s["id"] for s in sections}
    orphans = [c for sid, cs in by_section.items() if sid not in known for c in cs]
    if orphans:
        blocks.append({"section": None, "depth": 0, "cards": orphans})
    return blocks


def section_choices(plan: dict) -> list[tuple[str, str]]:
    choices = [
        (s["id"], Truncator(f"{s.get('number') or ''} {s.get('title') or ''}".strip()).chars(24))
        for s in plan.get("sections") or []
    ]
    return [("", _("（不归入任何部分）")), *choices]


class SectionOptions:
    """The <option>s of the move-to-section select, rendered once per section rather than once per card
    (a plan of 130 tasks in 20 sections would otherwise render 2,600 options through the template)."""

    def __init__(self, plan: dict) -> None:
        self.choices = section_choices(plan)
        self.rendered: dict[str, str] = {}

    def for_section(self, section_id: str | None) -> str:
        current = section_id or ""
        if current not in self.rendered:
            self.rendered[current] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if value == current else "", label)
                    for value, label in self.choices
                ),
            )
        return self.rendered[current]


def unit_chips(units: list[tuple[str, bool, tuple[str, str] | None]]) -> str:
    """The units of a draft task with their 牵头/配合 marks and directory notes (rendered here for speed)."""
    lead, co = _("牵头"), _("配合")
    return format_html_join(
        "",
        '<span class="unit-chip{}{}"{}>{}<small>{}</small>{}</span>',
        (
            (
                " lead" if is_lead else "",
                " unknown" if note else "",
                format_html(' title="{}"', note[1]) if note else "",
                name,
                lead if is_lead else co,
                format_html('<small class="new-unit">{}</small>', note[0]) if note else "",
            )
            for name, is_lead, note in units
        ),
    )


def runners_up(task: dict, ranking: list[str] | None, shown: int = 3) -> list[str]:
    """The next most likely leads after the suggestion, among the task's units as they are now."""
    units = set(task.get("units") or [])
    suggested = task.get("suggested_lead")
    return [u for u in ranking or [] if u in units and u != suggested][:shown]


def task_card(
    draft: ImportDraft,
    task: dict,
    next_task: dict | None,
    notes: dict[str, tuple[str, str]],
    options: SectionOptions,
) -> dict:
    """What one task's card shows and the forms it offers."""
    lead = task.get("lead") or []
    suggested = task.get("suggested_lead")
    return {
        "task": task,
        "check": task_check(task),
        "units": unit_chips([(name, name in lead, notes.get(name)) for name in task.get("units") or []]),
        "section_options": options.for_section(task.get("section")),
        "reason": (draft.lead_reasons or {}).get(task["id"], ""),
        "runners_up": runners_up(task, (draft.lead_rankings or {}).get(task["id"])),
        "offer_suggestion": bool(suggested) and suggested not in lead,
        "next": {"id": next_task["id"], "check": task_check(next_task)} if next_task else None,
        "split_points": drafts.sentences(task.get("text") or "")[1:],
    }


def _card_notes(draft: ImportDraft) -> dict[str, tuple[str, str]]:
    panel = UnitPanel(draft)
    return unit_notes(panel, panel.mapped_names())


def _render_card(request: HttpRequest, draft: ImportDraft, task_id: str, error: str = "") -> HttpResponse:
    plan = draft.plan_json
    tasks = plan.get("tasks") or []
    index = next((i for i, t in enumerate(tasks) if t["id"] == task_id), None)
    if index is None:
        return HttpResponse(status=404)
    next_task = tasks[index + 1] if index + 1 < len(tasks) else None
    context = {
        "draft": draft,
        "card": task_card(draft, tasks[index], next_task, _card_notes(draft), SectionOptions(plan)),
        "card_error": error,
    }
    return render(request, "plans/_draft_task.html", context)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back_to(draft: ImportDraft, task_id: str | None = None) -> HttpResponse:
    url = reverse("web:draft_review", args=[draft.pk])
    return redirect(f"{url}#task-{task_id}" if task_id else url)


# ── editing one task ───────────────────────────────────────────────────────────────────────────────


@login_required
def draft_task(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    """One task's card (htmx asks for it to put it back after an edit is cancelled)."""
    draft = _own_draft(request, draft_id)
    return _render_card(request, draft, task_id)


@login_required
def draft_task_edit(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    """The edit form of one task: swapped into its card by htmx, or a page of its own without JS."""
    if request.method == "POST":
        return _save_task_edit(request, draft_id, task_id)
    draft = _own_draft(request, draft_id)
    task = drafts.task_by_id(draft.plan_json, task_id)
    if task is None:
        return _gone(request, draft)
    form = f.DraftTaskForm(initial=f.DraftTaskForm.initial_for(task, task_check(task)))
    return _render_edit(request, draft, task, form)


def _render_edit(request: HttpRequest, draft: ImportDraft, task: dict, form) -> HttpResponse:
    template = "plans/_draft_task_form.html" if _is_htmx(request) else "plans/draft_task_edit.html"
    return render(request, template, {"draft": draft, "task": task, "form": form})


def _save_task_edit(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    with transaction.atomic():
        draft = _own_draft(request, draft_id, lock=True)
        task = drafts.task_by_id(draft.plan_json, task_id)
        if task is None:
            return _gone(request, draft)
        form = f.DraftTaskForm(request.POST, previous_targets=task.get("targets") or [])
        if request.POST.get("check") != task_check(task):
            return _gone(request, draft)
        if form.is_valid():
            try:
                _save(draft, drafts.update_task, task_id, **form.draft_fields())
            except DraftEditError as err:
                form.add_error(None, err.message)
        if form.errors:
            return _render_edit(request, draft, task, form)
    if _is_htmx(request):
        return _render_card(request, draft, task_id)
    messages.success(request, _("已保存任务 %(id)s。") % {"id": task_id})
    return _back_to(draft, task_id)


def _gone(request: HttpRequest, draft: ImportDraft) -> HttpResponse:
    messages.error(request, stale())
    response = _back_to(draft)
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("web:draft_review", args=[draft.pk])
    return response


def _save(draft: ImportDraft, edit: Callable[..., dict], *args, **kwargs) -> None:
    reasons, rankings = draft.lead_reasons or {}, draft.lead_rankings or {}
    explained = {tid: (reasons.get(tid), rankings.get(tid)) for tid in reasons.keys() | rankings.keys()}
    plan, explained = drafts.edit_draft(draft.plan_json, explained, edit, *args, **kwargs)
    draft.plan_json = plan
    draft.lead_reasons = {tid: reason for tid, (reason, _) in explained.items() if reason}
    draft.lead_rankings = {tid: ranking for tid, (_, ranking) in explained.items() if ranking}
    draft.save(update_fields=["plan_json", "lead_reasons", "lead_rankings"])


class _Stale(DraftEditError):
    def __init__(self) -> None:
        super().__init__(stale())


def _checked_edit(
    request: HttpRequest, draft_id: int, task_id: str, form_class, make_edit: Callable[..., tuple]
) -> tuple[ImportDraft, DraftEditError | None]:
    """Apply one checked edit of a task; return the draft and what went wrong (None when done).

    make_edit(form, plan) returns the drafts function and its arguments, or raises DraftEditError.
    """
    with transaction.atomic():
        draft = _own_draft(request, draft_id, lock=True)
        task = drafts.task_by_id(draft.plan_json, task_id)
        form = form_class(request.POST)
        try:
            if task is None:
                raise _Stale
            if not form.is_valid():
                raise DraftEditError(_first_error(form))
            if form.cleaned_data["check"] != task_check(task):
                raise _Stale
            edit, args = make_edit(form, draft.plan_json)
            _save(draft, edit, *args)
        except DraftEditError as err:
            return draft, err
    return draft, None


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return stale()


def _structural(request, draft_id: int, task_id: str, form_class, make_edit, done: str) -> HttpResponse:
    draft, error = _checked_edit(request, draft_id, task_id, form_class, make_edit)
    if error:
        messages.error(request, error.message)
        return _back_to(draft, task_id)
    messages.success(request, done)
    return _back_to(draft)


@login_required
@require_POST
def draft_task_split(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    def edit(form, plan):
        return drafts.split_task, (task_id, form.split_at())

    return _structural(
        request, draft_id, task_id, f.DraftSplitForm, edit, _("已拆分任务 %(id)s。") % {"id": task_id}
    )


@login_required
@require_POST
def draft_task_merge(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    """Merge a task with the next one (both fingerprints must still match)."""

    def edit(form, plan):
        next_id = form.cleaned_data["next_id"]
        nxt = drafts.task_by_id(plan, next_id)
        if nxt is None or form.cleaned_data["next_check"] != task_check(nxt):
            raise _Stale
        return drafts.merge_tasks, ([task_id, next_id],)

    return _structural(request, draft_id, task_id, f.DraftMergeForm, edit, _("已合并任务。"))


@login_required
@require_POST
def draft_task_move(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    def edit(form, plan):
        return drafts.move_task, (task_id, form.cleaned_data.get("section") or None)

    return _structural(request, draft_id, task_id, f.DraftMoveForm, edit, _("已移动任务。"))


@login_required
@require_POST
def draft_task_delete(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    def edit(form, plan):
        return drafts.delete_task, (task_id,)

    return _structural(
        request, draft_id, task_id, f.DraftCheckForm, edit, _("已删除任务 %(id)s。") % {"id": task_id}
    )


@login_required
@require_POST
def draft_task_accept_lead(request: HttpRequest, draft_id: int, task_id: str) -> HttpResponse:
    """采纳建议: the suggested lead becomes the task's lead (the card is swapped in place with htmx)."""

    def edit(form, plan):
        return drafts.accept_suggested_lead, (task_id,)

    draft, error = _checked_edit(request, draft_id, task_id, f.DraftCheckForm, edit)
    if _is_htmx(request):
        if isinstance(error, _Stale):
            return _gone(request, draft)
        return _render_card(request, draft, task_id, error.message if error else "")
    if error:
        messages.error(request, error.message)
    return _back_to(draft, task_id)


# ── editing the whole draft ────────────────────────────────────────────────────────────────────────


@login_required
@require_POST
def draft_accept_leads(request: HttpRequest, draft_id: int) -> HttpResponse:
    """全部采纳建议牵头单位."""
    with transaction.atomic():
        draft = _own_draft(request, draft_id, lock=True)
        _save(draft, drafts.accept_suggested_leads)
    messages.success(request, _("已采纳全部建议的牵头单位。"))
    return _back_to(draft)


def _form_edit(
    request: HttpRequest, draft_id: int, form, edit: Callable[..., dict], done: str
) -> HttpResponse:
    """A whole-draft edit from a form: the form's errors or the edit's own refusal come back as a message."""
    with transaction.atomic():
        draft = _own_draft(request, draft_id, lock=True)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return _back_to(draft)
        try:
            _save(draft, edit, form.cleaned_data)
        except DraftEditError as err:
            messages.error(request, err.message)
            return _back_to(draft)
    messages.success(request, done)
    return _back_to(draft)


@login_required
@require_POST
def draft_add_task(request: HttpRequest, draft_id: int) -> HttpResponse:
    def add(plan: dict, data: dict) -> dict:
        return drafts.add_task(plan, data["section"] or None, data["text"])

    return _form_edit(request, draft_id, f.DraftAddForm(request.POST), add, _("已补充任务。"))


@login_required
@require_POST
def draft_meta(request: HttpRequest, draft_id: int) -> HttpResponse:
    """The plan's title, number, issuer and dates."""

    def update(plan: dict, data: dict) -> dict:
        return drafts.update_meta(plan, **data)

    return _form_edit(request, draft_id, f.DraftMetaForm(request.POST), update, _("已保存方案信息。"))


@login_required
@require_POST
def draft_confirm(request: HttpRequest, draft_id: int) -> HttpResponse:
    """确认交办: the draft becomes an active plan and its units are notified."""
    draft = _own_draft(request, draft_id)
    problems = drafts.validate(draft.plan_json) + actions.unit_choice_problems(actions.unit_proposals(draft))
    if problems:
        for problem in problems[:10]:
            messages.error(request, problem)
        return _back_to(draft)
    try:
        plan = actions.confirm_draft(draft, request.user)
    except actions.DraftError as err:
        messages.error(request, err.message)
        return _back_to(draft)
    messages.success(request, _("方案已确认，任务已交办到各责任单位。"))
    return redirect("web:plan_detail", plan.pk)


@login_required
@require_POST
def draft_unit_choice(request: HttpRequest, draft_id: int) -> HttpResponse:
    """新单位: create a name the directory lacks as a unit of a kind, or map it to an existing unit."""
    draft = _own_draft(request, draft_id)
    form = f.UnitChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return _back_to_units(draft)
    data = form.cleaned_data
    try:
        if data["action"] == form.CREATE:
            actions.choose_unit(draft, request.user, data["name"], kind=data["kind"])
        else:
            unit_id = data.get("unit") or _unit_by_name(data.get("unit_name") or "")
            actions.choose_unit(draft, request.user, data["name"], unit_id=unit_id)
    except actions.DraftError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("已记下“%(name)s”的处理方式，确认方案时生效。") % {"name": data["name"]})
    return _back_to_units(draft)


def _unit_by_name(typed: str) -> int:
    """The unit a reviewer typed in the search field (its name, or a spelling the directory knows)."""
    from duban.units.directory import resolve
    from duban.units.models import Unit

    typed = typed.strip()
    unit = Unit.objects.filter(name=typed, active=True).first() or resolve(typed)
    if unit is None:
        raise actions.DraftError(_("单位名录中没有“%(name)s”，请从列表中选择。") % {"name": typed})
    return unit.pk


def _back_to_units(draft: ImportDraft) -> HttpResponse:
    return redirect(reverse("web:draft_review", args=[draft.pk]) + "#new-units")


@login_required
def draft_export(request: HttpRequest, draft_id: int) -> HttpResponse:
    """下载任务分解表: the draft under review as an Excel workbook (to check it with others offline)."""
    from duban.reports.tasktable import export_plan_dict
    from duban.web.views_plans import xlsx_response

    draft = _own_draft(request, draft_id)
    title = (draft.plan_json.get("meta") or {}).get("title") or draft.source_name.rsplit(".", 1)[0]
    response = xlsx_response(title, f"draft-{draft.pk}.xlsx")
    export_plan_dict(draft.plan_json, response)
    return response


@login_required
@require_POST
def draft_cancel(request: HttpRequest, draft_id: int) -> HttpResponse:
    """放弃导入: the draft is deleted and nothing is left behind."""
    draft = _own_draft(request, draft_id)
    actions.cancel_draft(draft, request.user)
    messages.success(request, _("已放弃导入，草稿已删除。"))
    return redirect("web:plan_import")
