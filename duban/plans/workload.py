"""What a unit carries: per plan, the tasks it leads and co-operates on, how many are open or overdue.

A unit is named on a task either itself or through a group it belongs to (a city under 各市州政府); the
two are counted apart, one row per group, so a page can say which tasks reach the unit how. Every task
the unit is assigned to is counted, sub-tasks included, as the plan's task table filtered to the unit
(?unit=<id>) lists them. One query, however many plans, tasks and groups there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from duban.core import clock

from .choices import AssignmentRole, PlanState, TaskState
from .models import Assignment


@dataclass(frozen=True)
class Load:
    """Tasks of one plan assigned to one unit: led, co-operated on, not yet closed, overdue."""

    lead: int = 0
    co: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def tasks(self) -> int:
        return self.lead + self.co


@dataclass(frozen=True)
class GroupLoad:
    """The tasks that reach the unit through one of its groups (经“各市州政府”)."""

    group_id: int
    group_name: str
    load: Load


@dataclass
class PlanWorkload:
    """One plan in which the unit is named: its own assignments and those through its groups."""

    plan_id: int
    title: str
    state: str
    direct: Load = field(default_factory=Load)
    via_groups: list[GroupLoad] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.state == PlanState.CLOSED


def unit_workload(unit, today: dt.date | None = None) -> list[PlanWorkload]:
    """The plans naming `unit` (directly or through a group it belongs to), open plans first, newest first.

    `today` decides what is overdue (default duban.core.clock.today()): active with a deadline before it.
    """
    from duban.units.models import Unit

    today = today or clock.today()
    groups = Unit.objects.filter(members=unit).values("pk")
    active = Q(task__state=TaskState.ACTIVE)
    rows = (
        Assignment.objects.filter(Q(unit_id=unit.pk) | Q(unit_id__in=groups))
        .values(
            "task__plan_id",
            "task__plan__title",
            "task__plan__state",
            "task__plan__created_at",
            "unit_id",
            "unit__name",
            "unit__sort_order",
        )
        .annotate(
            n_lead=Count("id", filter=Q(role=AssignmentRole.LEAD)),
            n_co=Count("id", filter=Q(role=AssignmentRole.CO)),
            n_open=Count("id", filter=active),
            n_overdue=Count("id", filter=active & Q(task__deadline__lt=today)),
        )
        .order_by(
            "task__plan__state", "-task__plan__created_at", "-task__plan_id", "unit__sort_order", "unit__name"
        )
    )
    plans: dict[int, PlanWorkload] = {}
    for row in rows:
        plan_id = row["task__plan_id"]
        entry = plans.get(plan_id)
        if entry is None:
            entry = plans[plan_id] = PlanWorkload(plan_id, row["task__plan__title"], row["task__plan__state"])
        load = Load(row["n_lead"], row["n_co"], row["n_open"], row["n_overdue"])
        if row["unit_id"] == unit.pk:
            entry.direct = load
        else:
            entry.via_groups.append(GroupLoad(row["unit_id"], row["unit__name"], load))
    return list(plans.values())
