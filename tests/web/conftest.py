"""The cast of the ledger's page tests: a supervisor, two units' liaisons, an outsider, a confirmed plan.

alice is the supervisor (督查员); bob is the liaison of 省财政厅, which has 西宁市财政局 below it;
carol is the liaison of 省医保局; dave is logged in with no role at all.
"""

from __future__ import annotations

import pytest

from duban.plans import actions
from duban.plans.models import ImportDraft, Plan
from duban.units.models import Membership, Unit
from duban.units.roles import Role
from tests.conftest import PASSWORD

SOURCE_TEXT = "关于开展医保财政专项行动的实施方案\n一、财政保障\n压缩一般性支出15%以上。\n二、医保改革\n年底前完成医保基金清算。"


def plan_json(**meta) -> dict:
    """A small duban.plan/1 draft: two sections, three tasks, a target, deadlines, a lead suggestion."""
    return {
        "schema": "duban.plan/1",
        "source": {"name": "zhuanxiang.txt", "format": "txt", "encoding": "utf-8", "sha256": "ab" * 32},
        "meta": {
            "title": "关于开展医保财政专项行动的实施方案",
            "doc_number": "测政办〔2019〕7号",
            "issuer": "测试省人民政府办公厅",
            "issued_on": "2019-10-17",
            "period_end": "2019-12-31",
            **meta,
        },
        "sections": [
            {
                "id": "S1",
                "parent": None,
                "number": "一",
                "title": "财政保障",
                "units": ["省财政厅", "省医保局"],
            },
            {
                "id": "S2",
                "parent": None,
                "number": "二",
                "title": "医保改革",
                "units": ["省医保局", "省财政厅"],
            },
        ],
        "tasks": [
            {
                "id": "T1",
                "section": "S1",
                "text": "压缩一般性支出15%以上。盘活存量资金。",
                "units": ["省财政厅", "省医保局"],
                "units_from": "section",
                "lead": [],
                "suggested_lead": "省财政厅",
                "deadline": {"text": "年底前", "date": "2019-12-31"},
                "targets": [
                    {
                        "text": "压缩一般性支出15%以上",
                        "metric": "一般性支出压缩",
                        "value": 15,
                        "unit": "%",
                        "comparator": ">=",
                    }
                ],
                "warnings": [],
            },
            {
                "id": "T2",
                "section": "S2",
                "text": "年底前完成医保基金清算。",
                "units": ["省医保局", "省财政厅"],
                "units_from": "section",
                "lead": [],
                "suggested_lead": "省医保局",
                "deadline": {"text": "年底前", "date": "2019-12-31"},
                "targets": [],
                "warnings": ["请核对完成时限"],
            },
            {
                "id": "T3",
                "section": "S2",
                "text": "推进医保支付方式改革。",
                "units": ["省医保局"],
                "units_from": "task",
                "lead": ["省医保局"],
                "suggested_lead": "省医保局",
                "deadline": {"text": "11月底前", "date": "2019-11-30"},
                "targets": [],
                "warnings": [],
            },
        ],
        "warnings": [],
    }


@pytest.fixture(autouse=True)
def fixed_today(settings):
    import datetime as dt

    settings.DUBAN_TODAY = dt.date(2019, 11, 20)


@pytest.fixture
def units(db) -> dict[str, Unit]:
    caizheng = Unit.objects.create(name="省财政厅", kind="provincial_dept", sort_order=1)
    yibao = Unit.objects.create(name="省医保局", kind="provincial_dept", sort_order=2)
    xining = Unit.objects.create(name="西宁市财政局", kind="other", parent=caizheng, sort_order=3)
    return {"财政": caizheng, "医保": yibao, "西宁财政": xining}


def user_with_role(
    django_user_model, username: str, role: str | None, unit: Unit | None = None, name: str = ""
):
    user = django_user_model.objects.create_user(username, password=PASSWORD, first_name=name)
    if role:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def alice(django_user_model):
    return user_with_role(django_user_model, "alice", Role.SUPERVISOR, name="督查员甲")


@pytest.fixture
def bob(django_user_model, units):
    return user_with_role(django_user_model, "bob", Role.LIAISON, units["财政"], name="财政联络员")


@pytest.fixture
def carol(django_user_model, units):
    return user_with_role(django_user_model, "carol", Role.LIAISON, units["医保"], name="医保联络员")


@pytest.fixture
def dave(django_user_model):
    return user_with_role(django_user_model, "dave", None)


def make_draft(user, data: dict | None = None) -> ImportDraft:
    return ImportDraft.objects.create(
        created_by=user,
        source_name="zhuanxiang.txt",
        source_format="txt",
        source_text=SOURCE_TEXT,
        plan_json=data or plan_json(),
        lead_reasons={"T1": "任务含“支出”，属省财政厅职责", "T2": "任务含“医保”，属省医保局职责"},
    )


@pytest.fixture
def draft(alice) -> ImportDraft:
    return make_draft(alice)


@pytest.fixture
def plan(alice, units) -> Plan:
    """The draft confirmed: 省财政厅 leads T1, 省医保局 leads T2 and T3."""
    from duban.plans import drafts

    draft = make_draft(alice, drafts.accept_suggested_leads(plan_json()))
    return actions.confirm_draft(draft, alice)
