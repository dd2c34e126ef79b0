"""Import → review → confirm: the draft holds everything until confirm, which creates exactly what it says."""

import datetime as dt
from decimal import Decimal

import pytest

from duban.audit.models import AuditEvent
from duban.plans import actions
from duban.plans.actions import DraftError
from duban.plans.choices import AssignmentRole, TaskKind
from duban.plans.models import (
    Assignment,
    ImportDraft,
    Indicator,
    IndicatorStep,
    Milestone,
    Notice,
    Plan,
    Section,
    Task,
)
from duban.units.directory import create_unit_from_proposal
from duban.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

D = dt.date
LEDGER = [Plan, Section, Task, Assignment, Milestone, Indicator, IndicatorStep, Notice]


def ledger_counts():
    return {model.__name__: model.objects.count() for model in LEDGER}


def draft_of(plan_json, user):
    return ImportDraft.objects.create(created_by=user, source_name="small.txt", plan_json=plan_json)


def test_create_draft_keeps_the_plan_json_and_text_and_creates_nothing_else(supervisor, example_bytes):
    draft = actions.create_draft(supervisor, example_bytes, "000.txt")
    assert len(draft.plan_json["tasks"]) == 130
    assert "收好官" in draft.source_text and draft.source_format == "txt"
    assert set(ledger_counts().values()) == {0}
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "empty.txt", "空"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.png", ""),
        ("这是一段普通的文字，没有任何任务。".encode(), "note.txt", "任务"),
    ],
)
def test_unreadable_uploads_are_refused_in_chinese_and_leave_nothing(supervisor, data, name, words):
    with pytest.raises(DraftError) as caught:
        actions.create_draft(supervisor, data, name)
    assert words in caught.value.message and any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)
    assert not ImportDraft.objects.exists()


def test_too_large_upload_is_refused_before_reading(supervisor, settings):
    settings.DUBAN_MAX_UPLOAD_BYTES = 100
    with pytest.raises(DraftError, match="文件过大"):
        actions.create_draft(supervisor, "一、主要任务\n".encode() * 50, "big.txt")


def test_confirm_creates_exactly_what_the_draft_says(supervisor, small_plan_json):
    fgw = create_unit_from_proposal("省发展改革委", UnitKind.PROVINCIAL_DEPT, [])
    czt = create_unit_from_proposal("省财政厅", UnitKind.PROVINCIAL_DEPT, [])
    draft = draft_of(small_plan_json, supervisor)

    plan = actions.confirm_draft(draft, supervisor)

    assert not ImportDraft.objects.exists()
    assert (plan.title, plan.doc_number, plan.issued_on) == (
        "关于开展测试专项行动的实施方案",
        "测政办〔2019〕1号",
        D(2019, 10, 17),
    )
    assert (plan.period_start, plan.period_end) == (D(2019, 10, 17), D(2019, 12, 31))  # the latest deadline
    sections = list(plan.sections.order_by("position"))
    assert [(s.number, s.title, s.parent and s.parent.title) for s in sections] == [
        ("一", "主要任务", None),
        ("（一）", "稳增长", "主要任务"),
        ("（二）", "保就业", "主要任务"),
    ]
    t1, t2, t3 = plan.tasks.order_by("position")
    assert (t1.number, t1.section.title, t1.deadline, t1.deadline_text, t1.kind) == (
        "1",
        "稳增长",
        D(2019, 12, 31),
        "年底前",
        TaskKind.INDICATOR,
    )
    assert (t2.deadline, t2.kind) == (D(2019, 11, 15), TaskKind.DOCUMENT)
    # no date: the plan's end; the words are kept
    assert (t3.deadline, t3.deadline_text, t3.section) == (D(2019, 12, 31), "长期坚持", None)

    assert [(a.unit_id, a.role) for a in t1.assignments.all()] == [
        (czt.pk, AssignmentRole.LEAD),
        (fgw.pk, AssignmentRole.CO),
    ]
    t2_units = [(a.unit.name, a.role) for a in t2.assignments.select_related("unit")]
    assert t2_units == [
        (n, AssignmentRole.CO) for n in ["省人力资源社会保障厅", "各市州政府", "测试县新设中心"]
    ]
    assert Unit.objects.get(name="各市州政府").is_group  # unknown names became units, nothing dropped
    assert not t3.assignments.exists()

    assert [m.title for m in t1.milestones.all()] == [
        "10月底：完成进度的33%",
        "11月底：完成进度的67%",
        "12月底：全面完成",
    ]
    assert [m.due_on for m in t2.milestones.all()] == [D(2019, 10, 31), D(2019, 11, 15)]

    indicator = t1.indicators.get()
    assert (indicator.metric, indicator.measure, indicator.target, indicator.comparator) == (
        "新增减税",
        "亿元",
        Decimal(50),
        ">=",
    )
    assert [(s.period_end, s.expected) for s in indicator.steps.all()] == [
        (D(2019, 10, 31), Decimal("16.6667")),
        (D(2019, 11, 30), Decimal("33.3333")),
        (D(2019, 12, 31), Decimal("50")),
    ]
    assert Notice.objects.filter(plan=plan, kind="assigned").count() == 5
    assert set(Notice.objects.filter(task=t1).values_list("unit_id", flat=True)) == {czt.pk, fgw.pk}


def test_a_group_notifies_each_member_and_can_be_expanded_later(supervisor, small_plan_json):
    group = create_unit_from_proposal("各市州政府", UnitKind.CITY_GOV, [])
    cities = [
        create_unit_from_proposal(n, UnitKind.CITY_GOV, []) for n in ("西宁市人民政府", "海东市人民政府")
    ]
    group.members.add(*cities)
    plan = actions.confirm_draft(draft_of(small_plan_json, supervisor), supervisor)
    task = plan.tasks.get(number="2")
    assert set(Notice.objects.filter(task=task).values_list("unit__name", flat=True)) >= {
        "西宁市人民政府",
        "海东市人民政府",
    }

    assignment = task.assignments.get(unit=group)
    actions.expand_group_assignment(assignment, supervisor)
    names = set(task.assignments.values_list("unit__name", flat=True))
    assert "各市州政府" not in names and {"西宁市人民政府", "海东市人民政府"} <= names


def test_confirm_writes_the_audit_trail(supervisor, small_plan_json):
    plan = actions.confirm_draft(draft_of(small_plan_json, supervisor), supervisor)
    confirm = AuditEvent.objects.get(action="confirm")
    assert confirm.object_id == str(plan.pk) and confirm.actor == supervisor
    creates = AuditEvent.objects.filter(action="create", parent_id=str(plan.pk))
    assert sorted(int(e.object_id) for e in creates) == sorted(plan.tasks.values_list("pk", flat=True))
    assert creates.first().after["text"]


def test_example_plan_confirms_into_the_ledger(supervisor, example_bytes):
    draft = actions.create_draft(supervisor, example_bytes, "000_qinghai_shouguan_kaiju.txt")
    expected_tasks = len(draft.plan_json["tasks"])
    plan = actions.confirm_draft(draft, supervisor)
    assert plan.tasks.count() == expected_tasks == 130
    assert plan.period_end == D(2019, 12, 31)
    assert plan.source_text and plan.source_sha256
    tax = plan.tasks.get(text__contains="完成新增减税50亿元")
    assert tax.kind == TaskKind.INDICATOR and tax.indicators.filter(target=50).exists()
    assert not Milestone.objects.filter(task__plan=plan).exclude(due_on__lte=D(2019, 12, 31)).exists()


@pytest.mark.parametrize(
    "breakage",
    [
        lambda p: p["meta"].update(title=""),
        lambda p: p["tasks"][1].update(text="  "),
        lambda p: p["tasks"][0]["deadline"].update(date="2019-13-45"),
        lambda p: p["tasks"][2].update(section="S9"),
        lambda p: p["tasks"][0]["targets"][0].update(value="五十"),
        lambda p: p.update(tasks=[]),
        lambda p: p["meta"].update(period_end="2019-01-01"),
        lambda p: p["tasks"][1]["units"].append("单" * 201),
    ],
)
def test_an_invalid_draft_fails_to_confirm_in_chinese_and_leaves_nothing(
    supervisor, small_plan_json, breakage
):
    breakage(small_plan_json)
    draft = draft_of(small_plan_json, supervisor)
    units_before = Unit.objects.count()
    with pytest.raises(DraftError) as caught:
        actions.confirm_draft(draft, supervisor)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)
    assert set(ledger_counts().values()) == {0}
    assert Unit.objects.count() == units_before and not AuditEvent.objects.exists()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_failure_half_way_rolls_everything_back(supervisor, small_plan_json, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "_create_schedules", broken)
    draft = draft_of(small_plan_json, supervisor)
    with pytest.raises(RuntimeError):
        actions.confirm_draft(draft, supervisor)
    assert set(ledger_counts().values()) == {0}
    assert not Unit.objects.exists() and ImportDraft.objects.filter(pk=draft.pk).exists()


def test_only_supervisors_import_and_confirm(django_user_model, small_plan_json, example_bytes):
    from django.core.exceptions import PermissionDenied

    clerk = django_user_model.objects.create_user("clerk", password="x-pw-1234")
    with pytest.raises(PermissionDenied):
        actions.create_draft(clerk, example_bytes, "000.txt")
    draft = draft_of(small_plan_json, None)
    with pytest.raises(PermissionDenied):
        actions.confirm_draft(draft, clerk)
    assert not Plan.objects.exists()


def test_a_plan_read_elsewhere_becomes_a_draft_with_a_readable_text(supervisor, small_plan_json):
    draft = actions.create_draft_from_plan(supervisor, small_plan_json, "任务分解表.xlsx")
    assert draft.plan_json == small_plan_json and draft.source_format == "txt"
    assert "稳增长\n完成新增减税50亿元。（省财政厅、省发展改革委）" in draft.source_text
    assert set(ledger_counts().values()) == {0}
    with pytest.raises(DraftError):
        actions.create_draft_from_plan(supervisor, {"tasks": []}, "空.xlsx")


def test_confirming_the_same_draft_twice_makes_one_plan(supervisor, small_plan_json):
    draft = draft_of(small_plan_json, supervisor)
    actions.confirm_draft(draft, supervisor)
    with pytest.raises(DraftError, match="已经确认"):
        actions.confirm_draft(draft, supervisor)
    assert Plan.objects.count() == 1
