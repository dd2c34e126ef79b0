"""A confirmed plan written as the task table: the office's own layout, read back to the same tasks."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest

from duban.audit.log import verify_chain
from duban.plans.models import Assignment, AssignmentRole, Indicator, Plan, Section, Task
from duban.reports.tasktable import export_plan, export_plan_dict, read_task_table
from duban.units.models import Unit

pytestmark = pytest.mark.django_db


def make_plan(task_count: int = 3) -> Plan:
    plan = Plan.objects.create(
        title="关于优化营商环境的实施方案",
        doc_number="某政办〔2024〕8号",
        issuer="某市人民政府办公室",
        issued_on=dt.date(2024, 3, 1),
        period_end=dt.date(2024, 12, 31),
    )
    top = Section.objects.create(plan=plan, number="一", title="重点任务", position=1)
    sub = Section.objects.create(plan=plan, parent=top, number="一", title="提升政务服务", position=2)
    lead, co, group = (
        Unit.objects.get_or_create(name=name)[0] for name in ("市政务服务局", "市公安局", "各区县政府")
    )
    for n in range(1, task_count + 1):
        task = Task.objects.create(
            plan=plan,
            section=sub if n % 2 else top,
            number=str(n),
            position=n,
            text=f"第{n}项：企业开办时间压缩至1个工作日以内。",
            deadline=dt.date(2024, 12, 31),
            deadline_text="年底前" if n % 2 else "长期坚持",
        )
        Assignment.objects.create(task=task, unit=lead, role=AssignmentRole.LEAD)
        Assignment.objects.create(task=task, unit=co, role=AssignmentRole.CO)
        Assignment.objects.create(task=task, unit=group, role=AssignmentRole.CO)
        Indicator.objects.create(
            task=task,
            metric="企业开办时间",
            measure="个工作日",
            target=Decimal("1"),
            comparator="<=",
            source_text="企业开办时间压缩至1个工作日以内",
        )
    return plan


def exported(plan: Plan) -> bytes:
    out = BytesIO()
    export_plan(plan, out)
    return out.getvalue()


def test_a_plan_reads_back_as_the_same_tasks():
    plan = make_plan()
    back = read_task_table(exported(plan), "任务分解表.xlsx")

    assert back["meta"]["title"] == plan.title
    assert back["meta"]["issued_on"] == "2024-03-01"
    assert [(s["number"], s["title"], s["parent"]) for s in back["sections"]] == [
        ("一", "重点任务", None),
        ("一", "提升政务服务", "S1"),
    ]
    rows = [
        (
            t["text"],
            t["lead"],
            t["units"][1:],
            t["deadline"],
            [(x["text"], x["value"], x["comparator"]) for x in t["targets"]],
        )
        for t in back["tasks"]
    ]
    expected = [
        (
            task.text,
            ["市政务服务局"],
            ["市公安局", "各区县政府"],
            {"text": task.deadline_text, "date": "2024-12-31"},
            [("企业开办时间压缩至1个工作日以内", 1, "<=")],
        )
        for task in Task.objects.filter(plan=plan).order_by("position")
    ]
    assert rows == expected
    assert [t["section"] for t in back["tasks"]] == ["S2", "S1", "S2"]


def test_sub_tasks_follow_the_task_they_were_split_from():
    plan = make_plan(2)
    first = Task.objects.get(plan=plan, number="1")
    Task.objects.create(plan=plan, parent=first, number="1.1", position=3, text="甲区：压缩开办时间。")
    back = read_task_table(exported(plan))
    assert [t["text"][:3] for t in back["tasks"]] == ["第1项", "甲区：", "第2项"]


def test_export_takes_the_same_number_of_queries_for_a_bigger_plan(django_assert_num_queries):
    small, big = make_plan(2), make_plan(30)
    with django_assert_num_queries(4):
        exported(small)
    with django_assert_num_queries(4):
        exported(big)


def test_an_office_table_confirmed_and_exported_comes_back_the_same(admin_user):
    from duban.plans.actions import confirm_draft, create_draft_from_plan

    from .test_tasktable import draft_plan, task_view

    original = draft_plan()
    original["tasks"][3]["deadline"] = {"text": "年底前", "date": "2019-12-31"}
    out = BytesIO()
    export_plan_dict(original, out)
    read = read_task_table(out.getvalue(), "任务分解表.xlsx")
    plan = confirm_draft(create_draft_from_plan(admin_user, read, "任务分解表.xlsx"), admin_user)

    back = read_task_table(exported(plan), "导出.xlsx")
    assert without_dates(task_view(back)) == without_dates(task_view(read))
    assert back["meta"]["title"] == original["meta"]["title"]
    assert verify_chain().ok and verify_chain().checked >= 5, "confirming wrote a whole audit chain"
    dates = [(t["deadline"] or {}).get("date") for t in back["tasks"]]
    assert dates == ["2019-12-31", "2024-12-31", "2019-12-31", "2019-12-31"], (
        "dated deadlines kept; an open one (每月10日前) gets the plan's end on confirm and says so"
    )


def without_dates(view):
    return [(*row[:3], (row[3] or {}).get("text"), *row[4:]) for row in view]
