"""Every ledger page costs the same number of queries for a plan of 10 tasks as for one of 1,000."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.plans.models import Assignment, Indicator, IndicatorStep, Milestone, Notice, Plan, Section, Task
from duban.units.models import Membership, Unit
from tests.web.conftest import make_draft, plan_json

pytestmark = pytest.mark.django_db

MOST_QUERIES = 20  # a generous ceiling: the point is that it does not grow


def build_plan(size: int, units: list[Unit], creator) -> Plan:
    """A plan of `size` tasks in three sections, each task with a lead, a co-unit, two milestones; every
    tenth with an indicator and its trajectory; every fifth split into a sub-task; notices unread."""
    plan = Plan.objects.create(
        title=f"{size}项任务的方案", issuer="测试省政府", period_end=dt.date(2019, 12, 31)
    )
    sections = Section.objects.bulk_create(
        Section(plan=plan, number=str(i + 1), title=f"第{i + 1}部分", position=i) for i in range(3)
    )
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            section=sections[i % 3],
            number=str(i + 1),
            position=i,
            text=f"第{i + 1}项任务：推进医保和财政工作。",
            deadline=dt.date(2019, 11, 1) if i % 4 == 0 else dt.date(2019, 12, 31),
            created_by=creator,
        )
        for i in range(size)
    )
    subtasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            section=t.section,
            parent=t,
            number=f"{t.number}.1",
            position=t.position,
            text="子任务。",
        )
        for t in tasks[::5]
    )
    everything = tasks + subtasks
    Assignment.objects.bulk_create(
        [Assignment(task=t, unit=units[i % len(units)], role="lead") for i, t in enumerate(everything)]
        + [Assignment(task=t, unit=units[(i + 1) % len(units)], role="co") for i, t in enumerate(everything)]
    )
    Milestone.objects.bulk_create(
        Milestone(task=t, position=p, title=f"节点{p}", due_on=dt.date(2019, 11 + p, 15))
        for t in tasks
        for p in (0, 1)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(task=t, metric="新增就业", measure="万人", target=Decimal(6), comparator=">=")
        for t in tasks[::10]
    )
    IndicatorStep.objects.bulk_create(
        IndicatorStep(indicator=ind, period_end=dt.date(2019, m, 28), expected=Decimal(m - 9))
        for ind in indicators
        for m in (11, 12)
    )
    Notice.objects.bulk_create(
        Notice(unit=a.unit, task=a.task, plan=plan) for a in Assignment.objects.filter(task__plan=plan)
    )
    return plan


@pytest.fixture
def many_units(units):
    extra = [Unit.objects.create(name=f"测试单位{i}", sort_order=10 + i) for i in range(5)]
    return [units["财政"], units["医保"], *extra]


def queries(client, url: str) -> int:
    ContentType.objects.clear_cache()  # every page starts cold, so one page's cache never favours another
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page_costs(client, plan: Plan, draft) -> dict[str, int]:
    task = plan.tasks.filter(parent__isnull=True, indicators__isnull=False).order_by("position").first()
    return {
        "overview": queries(client, f"/plans/{plan.pk}/"),
        "task table": queries(client, f"/plans/{plan.pk}/tasks/"),
        "filtered table": queries(client, f"/plans/{plan.pk}/tasks/?overdue=on&q=医保"),
        "task": queries(client, f"/tasks/{task.pk}/"),
        "review": queries(client, f"/plans/import/{draft.pk}/"),
        "plans": queries(client, "/plans/"),
    }


def big_draft_json(size: int) -> dict:
    data = plan_json()
    template = data["tasks"][0]
    data["tasks"] = [{**template, "id": f"T{i + 1}", "text": f"第{i + 1}项任务。"} for i in range(size)]
    return data


def test_office_pages_cost_the_same_for_10_and_1000_tasks(client, alice, many_units):
    client.force_login(alice)
    small = page_costs(client, build_plan(10, many_units, alice), make_draft(alice, big_draft_json(10)))
    large = page_costs(client, build_plan(1000, many_units, alice), make_draft(alice, big_draft_json(1000)))
    assert small == large
    assert max(large.values()) <= MOST_QUERIES, large


def test_my_tasks_costs_the_same_for_10_and_1000_tasks(client, bob, many_units):
    client.force_login(bob)
    build_plan(10, many_units, None)
    small = queries(client, "/my/")  # the first visit also marks the shown tasks read
    Task.objects.all().delete()
    build_plan(1000, many_units, None)
    large = queries(client, "/my/")
    assert small == large
    assert large <= MOST_QUERIES


def grow_directory(unit: Unit, group: Unit, size: int, django_user_model) -> None:
    """`size` units below `unit` and in `group` (so also assigned through it), and `size` people in it."""
    below = [Unit(name=f"下级单位{size}-{i}", parent=unit, sort_order=100 + i) for i in range(size)]
    for child in below:
        child.save()
    group.members.add(unit, *below)
    people = django_user_model.objects.bulk_create(
        django_user_model(username=f"p{size}-{i}", first_name=f"联络员{i}") for i in range(size)
    )
    Membership.objects.bulk_create(Membership(user=p, unit=unit, role="liaison") for p in people)


def test_unit_page_costs_the_same_for_small_and_large_data(client, alice, many_units, django_user_model):
    unit = many_units[0]
    group = Unit.objects.create(name="各测试单位", is_group=True)
    client.force_login(alice)
    costs = {}
    for size, n_plans in ((10, 1), (500, 3)):
        for _ in range(n_plans):
            plan = build_plan(size, [*many_units, group], alice)
        grow_directory(unit, group, size // 10, django_user_model)
        costs[size] = (queries(client, f"/units/{unit.pk}/"), queries(client, f"/units/{group.pk}/"))
    assert costs[10] == costs[500], costs
    assert max(costs[500]) <= MOST_QUERIES, costs
    assert f"/plans/{plan.pk}/tasks/?unit={group.pk}" in client.get(f"/units/{unit.pk}/").content.decode()
