"""The task pages: one task with its units, milestones, indicators, cascade and history; editing and
splitting it; and 我的任务, the tasks of the units a liaison works for.

The cascade (a task's sub-tasks and the tasks above it) is read by task number — a sub-task of "12" is
"12.1", of "12.1" is "12.1.3" — so the whole chain up and down is two queries at any depth.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from duban.audit.log import describe_changes, history
from duban.core import clock
from duban.plans import actions
from duban.plans.choices import AssignmentRole
from duban.plans.models import Assignment, IndicatorStep, Notice, Task
from duban.plans.permissions import can_edit_task, can_manage_plans, can_split_task, require, visible_tasks
from duban.units.models import Unit
from duban.units.roles import user_unit_ids
from duban.web import forms_plans as f
from duban.web.views_plans import TASKS_PER_PAGE, assignments_prefetch

HISTORY_SHOWN = 50


def _task(request: HttpRequest, task_id: int) -> Task:
    tasks = visible_tasks(request.user).select_related("plan", "section", "parent", "carried_from__plan")
    return get_object_or_404(tasks.prefetch_related(assignments_prefetch()), pk=task_id)


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """任务: text, section, units, deadline, milestones, indicators with their trajectory, cascade, history."""
    task = _task(request, task_id)
    steps = Prefetch("steps", queryset=IndicatorStep.objects.order_by("period_end"))
    events = list(history(task).select_related("actor")[:HISTORY_SHOWN])
    context = {
        "task": task,
        "today": clock.today(),
        "milestones": task.milestones.order_by("position"),
        "indicators": task.indicators.prefetch_related(steps),
        "ancestors": _ancestors(task),
        "descendants": _descendants(task),
        "carried_to": task.carried_to.select_related("plan").only("id", "number", "plan__title"),
        "events": [(event, describe_changes(event)) for event in events],
        "can_edit": can_edit_task(request.user, task),
        "can_split": can_split_task(request.user, task),
    }
    return render(request, "plans/task_detail.html", context)


def _ancestors(task: Task) -> list[Task]:
    parts = task.number.split(".")
    numbers = [".".join(parts[:i]) for i in range(1, len(parts))]
    if not numbers:
        return []
    return list(Task.objects.filter(plan_id=task.plan_id, number__in=numbers).order_by("number"))


def _descendants(task: Task) -> list[Task]:
    """Every sub-task below `task` (each with `depth` below it), in cascade order."""
    below = (
        Task.objects.filter(plan_id=task.plan_id, number__startswith=f"{task.number}.")
        .prefetch_related(assignments_prefetch())
        .order_by("id")
    )
    found = {t.number: t for t in below}
    ordered = sorted(
        found.values(), key=lambda t: [int(p) if p.isdigit() else 0 for p in t.number.split(".")]
    )
    base = task.number.count(".")
    for sub in ordered:
        sub.depth = sub.number.count(".") - base
    return ordered


@login_required
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    """修改任务 (supervisors; a unit for the sub-tasks it split off): actions.update_task."""
    task = _task(request, task_id)
    require(can_edit_task(request.user, task))
    form = f.TaskEditForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            actions.update_task(task, request.user, **changes)
        except actions.ActionError as err:
            form.add_error(None, err.message)
        else:
            if changes:
                messages.success(request, _("已保存任务修改。"))
            return redirect("web:task_detail", task.pk)
    return render(request, "plans/task_edit.html", {"task": task, "form": form})


def split_units(user, task: Task):
    """The units a sub-task may go to: for a unit's liaison, the units below its own assigned units."""
    units = Unit.objects.filter(active=True, is_group=False).order_by("sort_order", "name")
    if can_manage_plans(user):
        return units
    assigned = {a.unit_id for a in task.assignments.all()}
    through_groups = Unit.objects.filter(pk__in=user_unit_ids(user), groups__in=assigned).values_list(
        "id", flat=True
    )
    mine = (user_unit_ids(user) & assigned) | set(through_groups)
    return units.filter(Q(parent__in=mine) | Q(parent__parent__in=mine) | Q(parent__parent__parent__in=mine))


@login_required
def task_split(request: HttpRequest, task_id: int) -> HttpResponse:
    """逐级分解: a unit splits its task into sub-tasks for the units below it, each with its deadline."""
    task = _task(request, task_id)
    require(can_split_task(request.user, task))
    units = split_units(request.user, task)
    formset = f.SubTaskFormSet(request.POST or None, units=units, prefix="part")
    if request.method == "POST" and formset.is_valid():
        parts = [
            actions.SubTaskSpec(text=d["text"], unit=d["unit"], deadline=d.get("deadline"))
            for d in formset.cleaned_data
            if d
        ]
        try:
            children = actions.split_task(task, request.user, parts)
        except actions.ActionError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("已分解为 %(n)s 项子任务并交办。") % {"n": len(children)})
            return redirect("web:task_detail", task.pk)
    return render(
        request, "plans/task_split.html", {"task": task, "formset": formset, "has_units": units.exists()}
    )


# ── 我的任务 ─────────────────────────────────────────────────────────────────────────────────────────


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的任务: the tasks of the user's units (directly or through a group), the lead ones first.

    Newly assigned tasks (an unread 交办 notice) are marked 新交办 and count as read once shown.
    """
    mine = user_unit_ids(request.user)
    units = list(Unit.objects.filter(pk__in=mine).order_by("sort_order", "name"))
    page = Paginator(_my_task_queryset(request.user, mine), TASKS_PER_PAGE).get_page(request.GET.get("page"))
    tasks = list(page.object_list)
    _mark_seen(mine, tasks)
    context = {"units": units, "mine": mine, "page": page, "tasks": tasks, "today": clock.today()}
    return render(request, "plans/my_tasks.html", context)


def _my_task_queryset(user, mine: set[int]):
    mine_q = Q(unit_id__in=mine) | Q(unit__members__in=mine)
    my_assignments = Assignment.objects.filter(mine_q, task=OuterRef("pk"))
    unread = Notice.objects.filter(task=OuterRef("pk"), unit_id__in=mine, read_at__isnull=True)
    return (
        visible_tasks(user)
        .filter(Exists(my_assignments))
        .annotate(
            is_lead=Exists(my_assignments.filter(role=AssignmentRole.LEAD)),
            is_new=Exists(unread),
        )
        .select_related("plan", "section")
        .prefetch_related(assignments_prefetch())
        .order_by(
            "state", "-is_lead", "-is_new", F("deadline").asc(nulls_last=True), "plan_id", "position", "id"
        )
    )


def _mark_seen(mine: set[int], tasks: list[Task]) -> None:
    new = [t.pk for t in tasks if t.is_new]
    if new:
        Notice.objects.filter(unit_id__in=mine, task_id__in=new, read_at__isnull=True).update(
            read_at=clock.now()
        )


def is_unit_person(user) -> bool:
    """A liaison or head of a unit who is not also in the office: they land on 我的任务."""
    from duban.units.roles import is_leader, is_supervisor

    return bool(user_unit_ids(user)) and not is_supervisor(user) and not is_leader(user)
