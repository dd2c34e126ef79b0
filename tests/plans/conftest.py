"""Fixtures of the ledger's tests: a supervisor, unit liaisons, the example plan and a small draft."""

from pathlib import Path

import pytest

from duban.units.models import Membership, Unit
from duban.units.roles import Role

EXAMPLE = Path(__file__).resolve().parents[2] / "duban" / "plans" / "demo" / "000_qinghai_shouguan_kaiju.txt"


@pytest.fixture
def example_bytes() -> bytes:
    return EXAMPLE.read_bytes()


@pytest.fixture
def supervisor(office_user):
    Membership.objects.create(user=office_user, unit=None, role=Role.SUPERVISOR)
    return office_user


def make_liaison(django_user_model, username: str, unit: Unit, role: str = Role.LIAISON):
    user = django_user_model.objects.create_user(username, password="pw-for-tests-1")
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def small_plan_json() -> dict:
    """A two-section plan with a lead, a co-unit, a group, an unknown unit, a target and an open deadline."""
    return {
        "schema": "duban.plan/1",
        "source": {"name": "small.txt", "format": "txt", "encoding": "utf-8", "sha256": "ab" * 32},
        "meta": {
            "title": "关于开展测试专项行动的实施方案",
            "doc_number": "测政办〔2019〕1号",
            "issuer": "测试省人民政府办公厅",
            "issued_on": "2019-10-17",
            "period_end": None,
        },
        "sections": [
            {"id": "S1", "parent": None, "number": "一", "title": "主要任务", "units": []},
            {"id": "S1.1", "parent": "S1", "number": "（一）", "title": "稳增长", "units": ["省发展改革委"]},
            {"id": "S1.2", "parent": "S1", "number": "（二）", "title": "保就业", "units": []},
        ],
        "tasks": [
            {
                "id": "T1",
                "section": "S1.1",
                "text": "完成新增减税50亿元。",
                "units": ["省财政厅", "省发展改革委"],
                "units_from": "task",
                "lead": ["省财政厅"],
                "suggested_lead": "省财政厅",
                "deadline": {"text": "年底前", "date": "2019-12-31"},
                "targets": [
                    {
                        "text": "完成新增减税50亿元",
                        "metric": "新增减税",
                        "value": 50,
                        "unit": "亿元",
                        "comparator": ">=",
                    }
                ],
                "warnings": [],
            },
            {
                "id": "T2",
                "section": "S1.2",
                "text": "年底前制定出台稳就业的实施意见。",
                "units": ["省人力资源社会保障厅", "各市州政府", "测试县新设中心"],
                "units_from": "task",
                "lead": [],
                "suggested_lead": "省人力资源社会保障厅",
                "deadline": {"text": "11月15日前", "date": "2019-11-15"},
                "targets": [],
                "warnings": [],
            },
            {
                "id": "T3",
                "section": None,
                "text": "加强安全生产监管。",
                "units": [],
                "units_from": None,
                "lead": [],
                "suggested_lead": None,
                "deadline": {"text": "长期坚持", "date": None},
                "targets": [],
                "warnings": [],
            },
        ],
        "warnings": [],
    }
