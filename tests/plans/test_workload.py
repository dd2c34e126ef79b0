"""unit_workload: per plan, what a unit leads and co-operates on, open and overdue, itself and through groups."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.plans.models import Assignment, Plan, Task
from duban.plans.workload import GroupLoad, Load, unit_workload
from duban.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

TODAY = dt.date(2019, 11, 20)
EARLY, LATE = dt.date(2019, 11, 1), dt.date(2019, 12, 31)


@pytest.fixture
def cast():
    city = Unit.objects.create(name="测试市人民政府", kind=UnitKind.CITY_GOV, sort_order=5)
    other_city = Unit.objects.create(name="另一市人民政府", kind=UnitKind.CITY_GOV, sort_order=6)
    cities = Unit.objects.create(name="各市州政府", kind=UnitKind.CITY_GOV, is_group=True, sort_order=1)
    cities.members.set([city, other_city])
    towns = Unit.objects.create(name="各试点地区", kind=UnitKind.OTHER, is_group=True, sort_order=2)
    towns.members.set([city])
    dept = Unit.objects.create(name="省财政厅", kind=UnitKind.PROVINCIAL_DEPT)
    return {"city": city, "other": other_city, "cities": cities, "towns": towns, "dept": dept}


def task(plan: Plan, number: str, deadline=LATE, state="active", parent=None) -> Task:
    return Task.objects.create(
        plan=plan, number=number, text=f"任务{number}", deadline=deadline, state=state, parent=parent
    )


def assign(t: Task, unit: Unit, role: str = "co") -> None:
    Assignment.objects.create(task=t, unit=unit, role=role)


def test_counts_a_units_own_tasks_per_plan(cast):
    city, dept = cast["city"], cast["dept"]
    plan = Plan.objects.create(title="营商环境方案")
    t1, t2, t3 = task(plan, "1", EARLY), task(plan, "2", EARLY, state="closed"), task(plan, "3")
    assign(t1, city, "lead")
    assign(t2, city, "lead")
    assign(t3, city, "co")
    assign(t3, dept, "lead")
    sub = task(plan, "1.1", EARLY, parent=t1)  # a sub-task split off to the city counts like any task
    assign(sub, city, "co")

    [row] = unit_workload(city, TODAY)
    assert (row.plan_id, row.title, row.closed) == (plan.pk, "营商环境方案", False)
    assert row.direct == Load(lead=2, co=2, open=3, overdue=2)
    assert row.direct.tasks == 4
    assert row.via_groups == []
    assert unit_workload(dept, TODAY)[0].direct == Load(lead=1, co=0, open=1, overdue=0)


def test_tasks_through_a_group_are_counted_apart_for_each_group(cast):
    city, cities, towns = cast["city"], cast["cities"], cast["towns"]
    plan = Plan.objects.create(title="稳就业方案")
    t1, t2, t3 = task(plan, "1", EARLY), task(plan, "2"), task(plan, "3")
    assign(t1, cities, "co")
    assign(t2, cities, "lead")
    assign(t2, towns, "co")
    assign(t3, city, "lead")

    [row] = unit_workload(city, TODAY)
    assert row.direct == Load(lead=1, co=0, open=1, overdue=0)
    assert row.via_groups == [
        GroupLoad(cities.pk, "各市州政府", Load(lead=1, co=1, open=2, overdue=1)),
        GroupLoad(towns.pk, "各试点地区", Load(lead=0, co=1, open=1, overdue=0)),
    ]
    # The group itself carries them as its own; a unit outside it carries nothing.
    assert unit_workload(cities, TODAY)[0].direct == Load(lead=1, co=1, open=2, overdue=1)
    assert unit_workload(cast["dept"], TODAY) == []


def test_a_plan_reached_only_through_a_group_has_no_own_tasks(cast):
    plan = Plan.objects.create(title="只经分组的方案")
    assign(task(plan, "1"), cast["cities"], "co")
    [row] = unit_workload(cast["other"], TODAY)
    assert row.direct == Load() and row.direct.tasks == 0
    assert [g.group_name for g in row.via_groups] == ["各市州政府"]


def test_open_plans_come_first_then_the_newest(cast):
    city = cast["city"]
    old = Plan.objects.create(title="旧方案")
    closed = Plan.objects.create(title="已结束方案", state="closed")
    new = Plan.objects.create(title="新方案")
    for plan in (old, closed, new):
        assign(task(plan, "1"), city, "lead")
    rows = unit_workload(city, TODAY)
    assert [r.title for r in rows] == ["新方案", "旧方案", "已结束方案"]
    assert rows[-1].closed


def test_overdue_follows_the_given_day(cast):
    plan = Plan.objects.create(title="方案")
    assign(task(plan, "1", deadline=dt.date(2019, 11, 19)), cast["city"], "lead")
    assert unit_workload(cast["city"], dt.date(2019, 11, 19))[0].direct.overdue == 0
    assert unit_workload(cast["city"], dt.date(2019, 11, 20))[0].direct.overdue == 1


def test_one_query_however_many_plans_tasks_and_groups(cast):
    city = cast["city"]
    for p in range(5):
        plan = Plan.objects.create(title=f"方案{p}")
        tasks = Task.objects.bulk_create(
            Task(plan=plan, number=str(i), text="任务", deadline=EARLY if i % 2 else LATE) for i in range(40)
        )
        Assignment.objects.bulk_create(
            [Assignment(task=t, unit=city, role="lead" if i % 3 == 0 else "co") for i, t in enumerate(tasks)]
            + [Assignment(task=t, unit=cast["cities"], role="co") for t in tasks[:10]]
        )
    with CaptureQueriesContext(connection) as captured:
        rows = unit_workload(city, TODAY)
    assert len(captured) == 1
    assert len(rows) == 5
    assert rows[0].direct == Load(lead=14, co=26, open=40, overdue=20)
    assert rows[0].via_groups[0].load == Load(lead=0, co=10, open=10, overdue=5)
