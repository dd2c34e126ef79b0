"""Who may see and do what in the ledger: THE one place pages, the API and commands ask.

- Everyone logged in reads every plan and task (a unit reads the whole plan, writes only its own).
- Supervisors (督查室, and superusers) manage plans: import, confirm, edit any task, carry over, close.
- A liaison or head of a unit assigned to a task may split it into sub-tasks for units below it, edit
  the sub-tasks split off it, and report on it.
Views answer 404 for objects a user may not see and 403 (PermissionDenied) for actions they may not take.
For a constant number of queries on a list, load tasks with select_related("plan") and
prefetch_related("assignments"): the checks then read those and the user's cached roles.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duban.units.roles import is_supervisor, user_unit_ids

from .choices import PlanState, TaskState
from .models import Plan, Task

_SCOPE_ATTR = "_duban_plan_scope"


def _logged_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def visible_plans(user) -> QuerySet[Plan]:
    """The plans `user` may read: all of them once logged in."""
    return Plan.objects.all() if _logged_in(user) else Plan.objects.none()


def visible_tasks(user) -> QuerySet[Task]:
    """The tasks `user` may read: the whole ledger once logged in."""
    return Task.objects.all() if _logged_in(user) else Task.objects.none()


def can_manage_plans(user) -> bool:
    """Import, confirm, edit any task, carry over and close plans: supervisors and superusers."""
    return _logged_in(user) and is_supervisor(user)


def assigned_unit_ids(task: Task) -> set[int]:
    """The units assigned to `task` (uses prefetched assignments when the caller loaded them)."""
    cache = getattr(task, "_prefetched_objects_cache", {})
    if "assignments" in cache:
        return {a.unit_id for a in cache["assignments"]}
    return set(task.assignments.values_list("unit_id", flat=True))


def user_scope_unit_ids(user) -> set[int]:
    """The units `user` acts for (liaison or head) and the groups they belong to (各市州政府 for a city)."""
    from duban.units.models import Unit

    mine = user_unit_ids(user) if _logged_in(user) else set()
    if not mine:
        return set()
    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is None or cached[0] != mine:  # one query per request, however many tasks a page checks
        groups = Unit.objects.filter(is_group=True, members__in=mine).values_list("id", flat=True)
        cached = (mine, mine | set(groups))
        setattr(user, _SCOPE_ATTR, cached)
    return cached[1]


def is_task_unit_member(user, task: Task) -> bool:
    """True when `user` is a liaison or head of a unit assigned to `task` (directly or through a group)."""
    scope = user_scope_unit_ids(user)
    return bool(scope) and bool(scope & assigned_unit_ids(task))


def can_edit_task(user, task: Task) -> bool:
    """Supervisors edit any task; a unit edits the sub-tasks split off a task assigned to it."""
    if can_manage_plans(user):
        return True
    return task.parent_id is not None and _plan_open(task) and is_task_unit_member(user, task.parent)


def can_split_task(user, task: Task) -> bool:
    """逐级分解: supervisors, or a liaison/head of a unit assigned to the (open) task."""
    if task.state == TaskState.CLOSED or not _plan_open(task):
        return False
    return can_manage_plans(user) or is_task_unit_member(user, task)


def can_report_on(user, task: Task) -> bool:
    """Write a progress report: a liaison/head of a unit assigned to the open task."""
    if task.state == TaskState.CLOSED or not _plan_open(task):
        return False
    return is_task_unit_member(user, task)


def require(allowed: bool, message: str | None = None) -> None:
    """Raise PermissionDenied (403) with a Chinese message unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message or _("您没有执行此操作的权限。"))


def _plan_open(task: Task) -> bool:
    return task.plan.state == PlanState.ACTIVE
