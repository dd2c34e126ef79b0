"""The application shell's own pages: the workbench, review queue and settings.

The ledger's pages live in views_plans (plans), views_tasks (tasks, 我的任务) and views_import (import and
review of a draft); `plans` and `my_tasks` here are the navigation's entries into them.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.plans.choices import PlanState
from duban.plans.models import ImportDraft
from duban.plans.permissions import can_manage_plans, visible_plans
from duban.web import views_plans, views_tasks

plans = views_plans.plan_list
my_tasks = views_tasks.my_tasks
HOME_PLANS = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """工作台: where everyone lands after logging in; a unit's liaison goes straight to 我的任务."""
    if views_tasks.is_unit_person(request.user):
        return redirect("web:my_tasks")
    active = visible_plans(request.user).filter(state=PlanState.ACTIVE)
    active = active.annotate(**views_plans.task_counts("tasks")).order_by("-created_at", "-id")[:HOME_PLANS]
    can_manage = can_manage_plans(request.user)
    drafts = ImportDraft.objects.filter(created_by=request.user).only("id", "source_name", "created_at")[:5]
    context = {"active_plans": active, "can_manage": can_manage, "drafts": drafts if can_manage else []}
    return render(request, "web/home.html", context)


@login_required
def review(request: HttpRequest) -> HttpResponse:
    return render(request, "web/empty.html", {"title": _("审核"), "message": _("没有等待审核的进展报告。")})


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """设置: the interface language for everyone, the admin site for administrators."""
    return render(request, "web/settings.html")
