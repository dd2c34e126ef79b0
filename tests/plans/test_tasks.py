"""Changing tasks: who may edit and split, 逐级分解 with roll-up, 结转, and the audit trail of each."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from duban.audit.log import history
from duban.audit.models import AuditEvent
from duban.plans import actions, permissions
from duban.plans.actions import ActionError, SubTaskSpec
from duban.plans.choices import AssignmentRole, PlanState, TaskState
from duban.plans.models import Assignment, ImportDraft, Notice, Plan, Task
from duban.units.directory import create_unit_from_proposal
from duban.units.models import UnitKind
from duban.units.roles import Role

from .conftest import make_liaison

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def units():
    made = {
        name: create_unit_from_proposal(name, kind, [])
        for name, kind in [
            ("省发展改革委", UnitKind.PROVINCIAL_DEPT),
            ("省财政厅", UnitKind.PROVINCIAL_DEPT),
            ("西宁市人民政府", UnitKind.CITY_GOV),
            ("城东区人民政府", UnitKind.COUNTY_GOV),
            ("城中区人民政府", UnitKind.COUNTY_GOV),
            ("海东市人民政府", UnitKind.CITY_GOV),
        ]
    }
    for county in ("城东区人民政府", "城中区人民政府"):
        made[county].parent = made["西宁市人民政府"]
        made[county].save()
    return made


@pytest.fixture
def plan(supervisor, small_plan_json, units):
    small_plan_json["tasks"][1]["units"] = ["西宁市人民政府", "海东市人民政府"]
    draft = ImportDraft.objects.create(
        created_by=supervisor, source_name="small.txt", plan_json=small_plan_json
    )
    return actions.confirm_draft(draft, supervisor)


def test_a_unit_cannot_edit_or_split_another_units_task(plan, units, django_user_model):
    czt_liaison = make_liaison(django_user_model, "czt", units["省财政厅"])
    xining_task = plan.tasks.get(number="2")  # 西宁, 海东
    assert not permissions.can_edit_task(czt_liaison, xining_task)
    with pytest.raises(PermissionDenied):
        actions.update_task(xining_task, czt_liaison, text="改掉")
    with pytest.raises(PermissionDenied):
        actions.split_task(xining_task, czt_liaison, [SubTaskSpec("分一部分", units["城东区人民政府"])])
    assert Task.objects.get(pk=xining_task.pk).text == "年底前制定出台稳就业的实施意见。"
    assert not xining_task.children.exists()


def test_supervisors_edit_any_task_and_the_change_is_audited(plan, supervisor):
    task = plan.tasks.get(number="1")
    actions.update_task(task, supervisor, deadline=D(2019, 11, 30), deadline_text="11月底前")
    task.refresh_from_db()
    assert task.deadline == D(2019, 11, 30)
    event = AuditEvent.objects.get(action="update", object_id=str(task.pk))
    assert event.before == {"deadline": "2019-12-31", "deadline_text": "年底前"}
    assert event.after == {"deadline": "2019-11-30", "deadline_text": "11月底前"}
    # milestones and the trajectory follow the new deadline
    assert [m.due_on for m in task.milestones.all()] == [D(2019, 10, 31), D(2019, 11, 30)]
    assert [s.period_end for s in task.indicators.get().steps.all()] == [D(2019, 10, 31), D(2019, 11, 30)]
    assert event in history(task)


def test_a_bad_edit_is_refused_in_chinese_and_changes_nothing(plan, supervisor):
    task = plan.tasks.get(number="1")
    for fields in (
        {"progress": 120},
        {"text": " "},
        {"kind": "poem"},
        {"deadline": D(2019, 1, 1)},
        {"number": "9"},
    ):
        with pytest.raises(ActionError):
            actions.update_task(task, supervisor, **fields)
    task.refresh_from_db()
    assert (task.progress, task.text, task.deadline) == (0, "完成新增减税50亿元。", D(2019, 12, 31))
    assert not AuditEvent.objects.filter(action="update").exists()


def test_an_assigned_unit_splits_its_task_downwards_and_progress_rolls_up(
    plan, units, django_user_model, supervisor
):
    xining = make_liaison(django_user_model, "xining", units["西宁市人民政府"])
    task = plan.tasks.get(number="2")
    assert permissions.can_split_task(xining, task)
    east, middle = units["城东区人民政府"], units["城中区人民政府"]
    parts = [
        SubTaskSpec("城东区起草本区稳就业措施", east, D(2019, 11, 10)),
        SubTaskSpec("城中区起草本区稳就业措施", middle),
    ]

    children = actions.split_task(task, xining, parts)

    assert [(c.number, c.parent_id, c.deadline) for c in children] == [
        ("2.1", task.pk, D(2019, 11, 10)),
        ("2.2", task.pk, D(2019, 11, 15)),
    ]
    assert [(a.unit, a.role) for a in Assignment.objects.filter(task__in=children)] == [
        (east, AssignmentRole.LEAD),
        (middle, AssignmentRole.LEAD),
    ]
    assert Notice.objects.filter(task__in=children).count() == 2
    assert children[0].milestones.exists()
    assert AuditEvent.objects.filter(action="split", object_id=str(task.pk)).exists()

    actions.update_task(children[0], xining, progress=100, state=TaskState.CLOSED)
    actions.update_task(children[1], supervisor, progress=50)
    task.refresh_from_db()
    assert (task.progress, task.state) == (75, TaskState.ACTIVE)
    with pytest.raises(ActionError, match="子任务汇总"):
        actions.update_task(task, supervisor, progress=10)

    actions.close_task(children[1], supervisor)
    task.refresh_from_db()
    assert (task.progress, task.state) == (100, TaskState.CLOSED)
    rollup = AuditEvent.objects.filter(action="update", object_id=str(task.pk)).first()
    assert rollup.after["state"] == TaskState.CLOSED and rollup.before["state"] == TaskState.ACTIVE


def test_a_split_goes_only_to_units_below_and_never_past_the_deadline(plan, units, django_user_model):
    xining = make_liaison(django_user_model, "xining", units["西宁市人民政府"])
    task = plan.tasks.get(number="2")
    with pytest.raises(ActionError, match="下级单位"):
        actions.split_task(task, xining, [SubTaskSpec("交给海东", units["海东市人民政府"])])
    with pytest.raises(ActionError, match="不能晚于"):
        actions.split_task(task, xining, [SubTaskSpec("晚了", units["城东区人民政府"], D(2019, 12, 20))])
    with pytest.raises(ActionError):
        actions.split_task(task, xining, [SubTaskSpec("  ", units["城东区人民政府"])])
    assert not task.children.exists() and not AuditEvent.objects.filter(action="split").exists()


def test_a_city_in_an_assigned_group_may_split_the_groups_task(
    supervisor, small_plan_json, units, django_user_model
):
    group = create_unit_from_proposal("各市州政府", UnitKind.CITY_GOV, [])
    group.members.add(units["西宁市人民政府"], units["海东市人民政府"])
    draft = ImportDraft.objects.create(created_by=supervisor, source_name="s.txt", plan_json=small_plan_json)
    plan = actions.confirm_draft(draft, supervisor)
    task = plan.tasks.get(number="2")  # assigned to 各市州政府
    xining = make_liaison(django_user_model, "xining", units["西宁市人民政府"])
    assert permissions.can_report_on(xining, task)
    children = actions.split_task(task, xining, [SubTaskSpec("城东区落实", units["城东区人民政府"])])
    assert children[0].assignments.get().unit == units["城东区人民政府"]


def test_carry_over_copies_only_unfinished_tasks_with_links(plan, supervisor, settings):
    settings.DUBAN_TODAY = D(2020, 1, 2)
    done = plan.tasks.get(number="3")
    actions.close_task(done, supervisor)
    actions.update_task(plan.tasks.get(number="1"), supervisor, progress=40)

    new = actions.carry_over(plan, supervisor, title="2020年一季度接续方案", period_end=D(2020, 3, 31))

    plan.refresh_from_db()
    assert plan.state == PlanState.CLOSED and new.carried_from == plan
    copies = list(new.tasks.order_by("position"))
    assert [c.carried_from.number for c in copies] == ["1", "2"]
    first = copies[0]
    assert (first.text, first.progress, first.start_on, first.deadline) == (
        "完成新增减税50亿元。",
        40,
        D(2020, 1, 2),
        D(2020, 3, 31),
    )
    assert [(a.unit.name, a.role) for a in first.assignments.all()] == [
        ("省财政厅", "lead"),
        ("省发展改革委", "co"),
    ]
    assert (
        first.section.title == "稳增长"
        and first.section.plan == new
        and first.section.parent.title == "主要任务"
    )
    assert [m.due_on for m in first.milestones.all()] == [D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31)]
    assert first.indicators.get().steps.count() == 3
    assert AuditEvent.objects.filter(action="carry_over", object_id=str(plan.pk)).exists()
    with pytest.raises(ActionError, match="已结转"):
        actions.carry_over(plan, supervisor, title="再来一次", period_end=D(2020, 3, 31))


def test_only_supervisors_carry_over(plan, units, django_user_model):
    head = make_liaison(django_user_model, "head", units["省财政厅"], Role.HEAD)
    with pytest.raises(PermissionDenied):
        actions.carry_over(plan, head, title="x", period_end=D(2020, 3, 31))
    assert Plan.objects.count() == 1


def test_everyone_logged_in_reads_the_ledger_but_not_outsiders(plan, units, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    reader = make_liaison(django_user_model, "fgw", units["省发展改革委"])
    assert permissions.visible_tasks(reader).count() == 3
    assert permissions.visible_tasks(AnonymousUser()).count() == 0
    assert not permissions.can_manage_plans(reader)
    with pytest.raises(PermissionDenied):
        permissions.require(permissions.can_manage_plans(reader))


def test_checking_many_tasks_costs_no_more_queries_than_checking_one(
    plan, units, django_user_model, django_assert_max_num_queries
):
    xining = make_liaison(django_user_model, "xining", units["西宁市人民政府"])
    tasks = list(plan.tasks.select_related("plan").prefetch_related("assignments"))
    permissions.can_split_task(xining, tasks[0])  # reads the user's roles once
    with django_assert_max_num_queries(0):
        allowed = [permissions.can_split_task(xining, task) for task in tasks]
    assert allowed == [False, True, False]


def test_changing_the_plans_cycle_replans_milestones_and_trajectories(plan, supervisor):
    actions.update_plan(plan, supervisor, cycle="ten_days", title="测试专项行动实施方案（修订）")
    task = plan.tasks.get(number="1")
    assert task.milestones.count() == 8  # 10-20, 10-31, 11-10 … 12-31
    assert task.milestones.first().title == "10月中旬末：完成进度的13%"
    assert task.indicators.get().steps.count() == 8
    event = AuditEvent.objects.get(action="update", object_id=str(plan.pk))
    assert event.before == {"cycle": "month", "title": "关于开展测试专项行动的实施方案"}
    with pytest.raises(ActionError):
        actions.update_plan(plan, supervisor, cycle="quarter")


def test_a_task_is_overdue_after_its_deadline_until_it_is_closed(plan, supervisor):
    task = plan.tasks.get(number="2")  # due 2019-11-15
    assert not task.is_overdue(D(2019, 11, 15)) and task.is_overdue(D(2019, 11, 16))
    actions.close_task(task, supervisor)
    task.refresh_from_db()
    assert not task.is_overdue(D(2019, 11, 16)) and task.progress == 100
    actions.reopen_task(task, supervisor)
    task.refresh_from_db()
    assert task.is_overdue(D(2019, 11, 16)) and task.closed_on is None
