"""The ledger's plan pages: the list of plans, a plan's overview, its task table and carrying it over.

Every count is annotated in the database, so each page costs the same few queries however many tasks a
plan has. Only top-level tasks (not the sub-tasks units split off) are counted on the overview.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core import clock
from duban.plans import actions
from duban.plans.choices import AssignmentRole, TaskState
from duban.plans.models import Assignment, Plan, Section, Task
from duban.plans.permissions import can_manage_plans, require, visible_plans, visible_tasks
from duban.units.models import Unit
from duban.web import forms_plans as f

TASKS_PER_PAGE = 50


def task_counts(prefix: str = "") -> dict:
    """Count() annotations of top-level tasks: all, active, closed and overdue.

    `prefix` is the path from the annotated model to its tasks ("tasks" for a Plan or Section, "" when
    aggregating a Task queryset itself).
    """
    path = f"{prefix}__" if prefix else ""
    counted = prefix or "id"
    top = Q(**{f"{path}parent__isnull": True})
    active = Q(**{f"{path}state": TaskState.ACTIVE})
    overdue = active & Q(**{f"{path}deadline__lt": clock.today()})
    return {
        "n_tasks": Count(counted, filter=top),
        "n_active": Count(counted, filter=top & active),
        "n_closed": Count(counted, filter=top & Q(**{f"{path}state": TaskState.CLOSED})),
        "n_overdue": Count(counted, filter=top & overdue),
    }


def overdue_q(today=None) -> Q:
    return Q(state=TaskState.ACTIVE, deadline__lt=today or clock.today())


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """方案: every plan with its issuer, period, tasks by state and overdue tasks."""
    plans = (
        visible_plans(request.user).annotate(**task_counts("tasks")).order_by("state", "-created_at", "-id")
    )
    page = Paginator(plans, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "plans": page.object_list, "can_manage": can_manage_plans(request.user)}
    return render(request, "plans/plan_list.html", context)


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(visible_plans(request.user).select_related("carried_from"), pk=plan_id)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """方案概览: sections with their task counts, counts by state and by unit, overdue tasks."""
    plan = _plan(request, plan_id)
    counts = plan.tasks.aggregate(**task_counts())
    sections = Section.objects.filter(plan=plan).annotate(**task_counts("tasks")).order_by("position")
    by_unit = _counts_by_unit(plan)
    context = {
        "plan": plan,
        "counts": counts,
        "sections": sections,
        "by_unit": by_unit,
        "carried_to": list(plan.carried_to.only("id", "title")),
        "can_manage": can_manage_plans(request.user),
        "carry_form": f.CarryOverForm(initial={"title": _("%(title)s（结转）") % {"title": plan.title}}),
    }
    return render(request, "plans/plan_detail.html", context)


def xlsx_response(title: str, fallback: str) -> HttpResponse:
    """An empty .xlsx download named 「<title>任务分解表.xlsx」 (RFC 6266 filename* for the Chinese name)."""
    name = f"{safe_file_stem(title)}{_('任务分解表')}.xlsx"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_file_stem(title: str) -> str:
    """A title fit for a file name: no path or quote characters, no line breaks, at most 60 characters."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "", title or "")
    return cleaned[:60]


@login_required
def plan_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    """导出任务分解表: the plan's tasks as an Excel workbook, for everyone who may read the plan."""
    from duban.reports.tasktable import export_plan

    plan = _plan(request, plan_id)
    response = xlsx_response(plan.title, f"plan-{plan.pk}.xlsx")
    export_plan(plan, response)
    return response


def _counts_by_unit(plan: Plan) -> QuerySet:
    """Per unit: tasks it leads, tasks it co-operates on, closed and overdue among them."""
    today = clock.today()
    top = Q(task__parent__isnull=True)
    return (
        Assignment.objects.filter(task__plan=plan)
        .filter(top)
        .values("unit_id", "unit__name", "unit__sort_order")
        .annotate(
            n_lead=Count("id", filter=Q(role=AssignmentRole.LEAD)),
            n_co=Count("id", filter=Q(role=AssignmentRole.CO)),
            n_closed=Count("id", filter=Q(task__state=TaskState.CLOSED)),
            n_overdue=Count("id", filter=Q(task__state=TaskState.ACTIVE, task__deadline__lt=today)),
        )
        .order_by("-n_lead", "unit__sort_order", "unit__name")
    )


def assignments_prefetch(to_attr: str | None = None) -> Prefetch:
    """A task's assignments with their units, the lead first."""
    queryset = Assignment.objects.select_related("unit").order_by("-role", "id")
    return Prefetch("assignments", queryset=queryset, to_attr=to_attr)


def assignment_chips(task: Task) -> str:
    """The task's units with 牵头/配合 marks (prefetched assignments), rendered here: a page of 50 tasks
    with 20 units each is 1,000 chips, too many for a template include."""
    roles = dict(AssignmentRole.choices)
    chips = format_html_join(
        "",
        '<span class="unit-chip{}">{}<small>{}</small></span>',
        (
            (" lead" if a.role == AssignmentRole.LEAD else "", a.unit.name, roles[a.role])
            for a in task.assignments.all()
        ),
    )
    return chips or format_html('<span class="muted">{}</span>', _("未分配"))


@login_required
def plan_tasks(request: HttpRequest, plan_id: int) -> HttpResponse:
    """任务表: the plan's tasks filtered by section, unit, state, kind, overdue and text; 50 a page."""
    plan = _plan(request, plan_id)
    sections = list(Section.objects.filter(plan=plan).order_by("position"))
    units = Unit.objects.filter(assignments__task__plan=plan).distinct().order_by("sort_order", "name")
    form = f.TaskFilterForm(request.GET or None, sections=sections, units=units)
    tasks = _filtered_tasks(
        visible_tasks(request.user).filter(plan=plan), form.filters() if form.is_bound else {}
    )
    tasks = (
        tasks.select_related("section").prefetch_related(assignments_prefetch()).order_by("position", "id")
    )
    page = Paginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    for task in page.object_list:
        task.units_html = assignment_chips(task)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "tasks": page.object_list,
        "today": clock.today(),
        "query": query.urlencode(),
    }
    return render(request, "plans/plan_tasks.html", context)


def _filtered_tasks(tasks: QuerySet[Task], filters: dict) -> QuerySet[Task]:
    if "q" in filters:
        tasks = tasks.filter(text__icontains=filters["q"].strip())
    if "section" in filters:
        tasks = tasks.filter(section_id=filters["section"])
    if "unit" in filters:
        tasks = tasks.filter(assignments__unit_id=filters["unit"])
    if "state" in filters:
        tasks = tasks.filter(state=filters["state"])
    if "kind" in filters:
        tasks = tasks.filter(kind=filters["kind"])
    if filters.get("overdue"):
        tasks = tasks.filter(overdue_q())
    return tasks


@login_required
@require_POST
def plan_carry_over(request: HttpRequest, plan_id: int) -> HttpResponse:
    """结转: the unfinished tasks go on in a new plan; the old plan closes."""
    require(can_manage_plans(request.user))
    plan = _plan(request, plan_id)
    form = f.CarryOverForm(request.POST)
    if form.is_valid():
        try:
            new = actions.carry_over(plan, request.user, **form.cleaned_data)
        except actions.ActionError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("未完成的任务已结转到新方案。"))
            return redirect("web:plan_detail", new.pk)
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect("web:plan_detail", plan.pk)
