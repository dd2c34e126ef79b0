"""The ledger's pages after confirm: plans, a plan's overview and task table, a task, 我的任务.

Permissions as a person meets them: everyone reads, the office edits and carries over, a unit splits its
own tasks; another unit's liaison is refused (403) both the form and the POST.
"""

import datetime as dt

import pytest

from duban.plans.models import Notice, Plan, Task

pytestmark = pytest.mark.django_db


def task_of(plan, start: str) -> Task:
    return Task.objects.get(plan=plan, text__startswith=start)


# ── plans ──────────────────────────────────────────────────────────────────────────────────────────


def test_plan_list_shows_issuer_period_and_counts(client, dave, plan):
    task_of(plan, "推进").deadline = None
    Task.objects.filter(plan=plan, text__startswith="推进").update(deadline=dt.date(2019, 11, 1))
    client.force_login(dave)
    body = client.get("/plans/").content.decode()
    assert plan.title in body and "测试省人民政府办公厅" in body
    assert "2019-12-31" in body
    assert 'data-label="任务">3<' in body
    assert 'class="overdue-text">1<' in body


def test_plan_overview_counts_sections_units_and_overdue(client, dave, plan, units):
    Task.objects.filter(plan=plan, text__startswith="推进").update(deadline=dt.date(2019, 11, 1))
    client.force_login(dave)
    body = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "财政保障" in body and "医保改革" in body
    assert f"?unit={units['医保'].pk}" in body
    assert "各单位任务" in body and "逾期" in body
    assert "结转" not in body  # only supervisors carry over


def test_an_unknown_plan_or_task_is_404(client, dave):
    client.force_login(dave)
    assert client.get("/plans/999/").status_code == 404
    assert client.get("/plans/999/tasks/").status_code == 404
    assert client.get("/tasks/999/").status_code == 404


def test_task_table_filters_by_section_unit_state_kind_overdue_and_text(client, dave, plan, units):
    Task.objects.filter(plan=plan, text__startswith="推进").update(deadline=dt.date(2019, 11, 1))
    client.force_login(dave)
    base = f"/plans/{plan.pk}/tasks/"

    def shown(query=""):
        body = client.get(base + query).content.decode()
        return [t for t in ("压缩一般性支出", "完成医保基金清算", "推进医保支付方式改革") if t in body]

    assert len(shown()) == 3
    section = plan.sections.get(title="财政保障")
    assert shown(f"?section={section.pk}") == ["压缩一般性支出"]
    assert shown(f"?unit={units['财政'].pk}") == ["压缩一般性支出", "完成医保基金清算"]
    assert shown("?overdue=on") == ["推进医保支付方式改革"]
    assert shown("?q=基金") == ["完成医保基金清算"]
    assert shown("?state=closed") == []
    kind = task_of(plan, "压缩").kind
    assert "压缩一般性支出" in shown(f"?kind={kind}")
    assert len(shown("?section=abc&unit=x")) == 3  # a wrong filter is ignored


def test_task_table_pages_by_fifty(client, dave, plan):
    section = plan.sections.first()
    Task.objects.bulk_create(
        Task(plan=plan, section=section, number=str(100 + i), position=100 + i, text=f"批量任务{i:03d}。")
        for i in range(60)
    )
    client.force_login(dave)
    first = client.get(f"/plans/{plan.pk}/tasks/").content.decode()
    assert first.count('data-label="编号"') == 50 and "下一页" in first
    second = client.get(f"/plans/{plan.pk}/tasks/?q=批量&page=2").content.decode()
    assert second.count('data-label="编号"') == 10 and "批量任务059" in second


# ── a task ─────────────────────────────────────────────────────────────────────────────────────────


def test_task_page_shows_units_milestones_indicator_and_history(client, dave, plan):
    task = task_of(plan, "压缩")
    client.force_login(dave)
    body = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "省财政厅<small>牵头" in body and "省医保局<small>配合" in body
    assert "一般性支出压缩" in body
    assert "时间节点" in body and "变更记录" in body
    if task.milestones.exists():
        assert task.milestones.first().due_on.isoformat() in body
    assert "修改任务" not in body and "分解给下级单位" not in body


def test_supervisor_edits_a_task(client, alice, plan):
    task = task_of(plan, "压缩")
    client.force_login(alice)
    assert client.get(f"/tasks/{task.pk}/edit/").status_code == 200
    data = {
        "text": "压缩一般性支出20%以上。",
        "kind": task.kind,
        "deadline": "2019-12-15",
        "deadline_text": "12月中旬",
    }
    if task.section_id:
        data["section"] = task.section_id
    response = client.post(f"/tasks/{task.pk}/edit/", data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.text == "压缩一般性支出20%以上。" and task.deadline == dt.date(2019, 12, 15)
    assert "压缩一般性支出20%以上。" in client.get(f"/tasks/{task.pk}/").content.decode()


def test_a_wrong_edit_gets_the_domain_message(client, alice, plan):
    task = task_of(plan, "压缩")
    client.force_login(alice)
    data = {"text": " ", "kind": task.kind}
    body = client.post(f"/tasks/{task.pk}/edit/", data).content.decode()
    assert "field-error" in body or "不能为空" in body
    data = {"text": task.text, "kind": task.kind, "start_on": "2019-12-31", "deadline": "2019-11-30"}
    assert "完成时限不能早于开始日期" in client.post(f"/tasks/{task.pk}/edit/", data).content.decode()
    task.refresh_from_db()
    assert task.text.startswith("压缩一般性支出15%")


def test_a_liaison_cannot_open_or_post_the_edit_form(client, bob, plan):
    task = task_of(plan, "压缩")
    client.force_login(bob)
    assert client.get(f"/tasks/{task.pk}/edit/").status_code == 403
    assert client.post(f"/tasks/{task.pk}/edit/", {"text": "改掉", "kind": task.kind}).status_code == 403
    task.refresh_from_db()
    assert task.text != "改掉"


def test_the_assigned_units_liaison_splits_a_task_for_a_unit_below(client, bob, plan, units):
    task = task_of(plan, "压缩")
    client.force_login(bob)
    page = client.get(f"/tasks/{task.pk}/split/").content.decode()
    assert "西宁市财政局" in page and "省医保局</option>" not in page
    data = {
        "part-TOTAL_FORMS": "3",
        "part-INITIAL_FORMS": "0",
        "part-0-text": "西宁市压缩一般性支出15%以上。",
        "part-0-unit": units["西宁财政"].pk,
        "part-0-deadline": "2019-12-20",
    }
    response = client.post(f"/tasks/{task.pk}/split/", data)
    assert response.status_code == 302
    child = Task.objects.get(parent=task)
    assert child.deadline == dt.date(2019, 12, 20)
    assert child.assignments.get().unit == units["西宁财政"]
    body = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "西宁市压缩一般性支出" in body
    up = client.get(f"/tasks/{child.pk}/").content.decode()
    assert "上级任务" in up and f"/tasks/{task.pk}/" in up


def test_a_split_with_no_parts_or_a_late_deadline_is_refused(client, bob, plan, units):
    task = task_of(plan, "压缩")
    client.force_login(bob)
    empty = {"part-TOTAL_FORMS": "3", "part-INITIAL_FORMS": "0"}
    assert "请至少填写一项子任务" in client.post(f"/tasks/{task.pk}/split/", empty).content.decode()
    late = {
        **empty,
        "part-0-text": "西宁市压缩支出。",
        "part-0-unit": units["西宁财政"].pk,
        "part-0-deadline": "2020-06-30",
    }
    assert "不能晚于上级任务" in client.post(f"/tasks/{task.pk}/split/", late, follow=True).content.decode()
    assert not Task.objects.filter(parent=task).exists()


def test_another_units_liaison_cannot_split(client, bob, carol, plan, units):
    other = task_of(plan, "推进")  # only 省医保局's: carol may open its split form, bob may not
    data = {
        "part-TOTAL_FORMS": "1",
        "part-INITIAL_FORMS": "0",
        "part-0-text": "西宁市压缩支出。",
        "part-0-unit": units["西宁财政"].pk,
    }
    client.force_login(carol)
    page = client.get(f"/tasks/{other.pk}/split/").content.decode()
    assert "下级单位" in page and "西宁市财政局" not in page  # 西宁市财政局 is not below 省医保局
    assert client.post(f"/tasks/{other.pk}/split/", data).status_code == 200
    client.force_login(bob)
    assert client.get(f"/tasks/{other.pk}/split/").status_code == 403
    assert client.post(f"/tasks/{other.pk}/split/", data).status_code == 403
    assert not Task.objects.filter(parent__isnull=False).exists()


def test_supervisor_carries_over_unfinished_tasks(client, alice, plan):
    client.force_login(alice)
    assert "结转未完成任务" in client.get(f"/plans/{plan.pk}/").content.decode()
    response = client.post(
        f"/plans/{plan.pk}/carry-over/", {"title": "明年一季度专项行动", "period_end": "2020-03-31"}
    )
    new = Plan.objects.get(title="明年一季度专项行动")
    assert response.status_code == 302 and response["Location"] == f"/plans/{new.pk}/"
    assert new.tasks.count() == 3 and new.carried_from == plan
    moved = new.tasks.get(text__startswith="压缩")
    assert f"/tasks/{moved.carried_from_id}/" in client.get(f"/tasks/{moved.pk}/").content.decode()
    bad = client.post(f"/plans/{new.pk}/carry-over/", {"title": "", "period_end": "2020-03-31"}, follow=True)
    assert Plan.objects.count() == 2 and "messages" in bad.content.decode()


def test_a_liaison_cannot_carry_over(client, bob, plan):
    client.force_login(bob)
    response = client.post(f"/plans/{plan.pk}/carry-over/", {"title": "x", "period_end": "2020-03-31"})
    assert response.status_code == 403
    assert Plan.objects.count() == 1


# ── 我的任务 ─────────────────────────────────────────────────────────────────────────────────────────


def test_a_liaison_lands_on_my_tasks(client, bob, alice):
    client.force_login(bob)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/my/"
    client.force_login(alice)
    assert client.get("/").status_code == 200


def test_my_tasks_lists_the_units_tasks_lead_first_new_ones_marked_then_read(client, bob, plan, units):
    client.force_login(bob)
    body = client.get("/my/").content.decode()
    assert "压缩一般性支出" in body and "完成医保基金清算" in body
    assert "推进医保支付方式改革" not in body  # not 省财政厅's
    assert body.index("压缩一般性支出") < body.index("完成医保基金清算")  # leads first
    assert body.count("新交办") == 2
    assert not Notice.objects.filter(unit=units["财政"], read_at__isnull=True).exists()
    assert "新交办" not in client.get("/my/").content.decode()
    # 省医保局's notices are still unread
    assert Notice.objects.filter(unit=units["医保"], read_at__isnull=True).count() == 3


def test_my_tasks_for_someone_without_a_unit(client, dave):
    client.force_login(dave)
    assert "还不是任何单位的联络员" in client.get("/my/").content.decode()


def test_workbench_lists_active_plans_for_the_office(client, alice, plan):
    client.force_login(alice)
    body = client.get("/").content.decode()
    assert plan.title in body and "导入方案" in body
