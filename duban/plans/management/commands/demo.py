"""`duban demo`: the demo directory, demo accounts and the example plan, confirmed (safe to run again).

The example plan (demo/000_qinghai_shouguan_kaiju.txt) ran from October to December 2019: run the demo
and the server with DUBAN_TODAY=2019-11-20 (`make run` does) so it shows what the office saw then.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from duban.plans import drafts
from duban.plans.actions import confirm_draft, create_draft
from duban.plans.models import Plan
from duban.units.directory import create_unit_from_proposal, proposed_aliases, proposed_kind, resolve
from duban.units.models import Membership, Unit
from duban.units.roles import Role

DEMO_PASSWORD = "duban-demo"
DEMO_PLAN = Path(__file__).resolve().parents[2] / "demo" / "000_qinghai_shouguan_kaiju.txt"

# username, full name, role, unit name as the plan writes it (None: office-wide), is_superuser
DEMO_ACCOUNTS = [
    ("admin", "系统管理员", None, None, True),
    ("office", "督查室 王督查", Role.SUPERVISOR, None, False),
    ("leader", "省政府 李领导", Role.LEADER, None, False),
    ("fgw", "省发展改革委 张联络", Role.LIAISON, "省发展改革委", False),
    ("fgw-head", "省发展改革委 赵主任", Role.HEAD, "省发展改革委", False),
    ("czt", "省财政厅 刘联络", Role.LIAISON, "省财政厅", False),
    ("jyt", "省教育厅 陈联络", Role.LIAISON, "省教育厅", False),
    ("xining", "西宁市政府 马联络", Role.LIAISON, "西宁市人民政府", False),
]
# Units below the city in the directory, so 西宁 can split its tasks downwards (逐级分解).
DEMO_CHILD_UNITS = [("西宁市城东区人民政府", "西宁市人民政府"), ("西宁市城中区人民政府", "西宁市人民政府")]


def load_directory() -> None:
    """The units engineer's demo directory of Qinghai, when that part is installed."""
    try:
        from duban.units.demo import load_demo_directory
    except ImportError:
        return
    load_demo_directory()


def demo_unit(name: str) -> Unit:
    return resolve(name) or create_unit_from_proposal(name, proposed_kind(name), proposed_aliases(name))


def ensure_child_units() -> None:
    for name, parent_name in DEMO_CHILD_UNITS:
        unit = demo_unit(name)
        if unit.parent_id is None:
            unit.parent = demo_unit(parent_name)
            unit.save(update_fields=["parent"])


def ensure_demo_accounts() -> list[tuple[str, str, str, str]]:
    """Create the missing demo accounts and roles; return (username, name, role, unit) for each."""
    User = get_user_model()
    shown = []
    for username, full_name, role, unit_name, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.first_name = full_name
            user.is_staff = user.is_superuser = is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
        unit = demo_unit(unit_name) if unit_name else None
        if role:
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
        role_label = str(Role(role).label) if role else "系统管理员"
        shown.append((username, full_name, role_label, unit.name if unit else "督查室"))
    return shown


def ensure_demo_plan(user) -> tuple[Plan, bool]:
    """Import and confirm the example plan once (its leads as the reviewer would accept them)."""
    data = DEMO_PLAN.read_bytes()
    existing = Plan.objects.filter(source_sha256=hashlib.sha256(data).hexdigest()).first()
    if existing is not None:
        return existing, False
    draft = create_draft(user, data, DEMO_PLAN.name)
    draft.plan_json = drafts.accept_suggested_leads(draft.plan_json)
    draft.save(update_fields=["plan_json"])
    return confirm_draft(draft, user), True


class Command(BaseCommand):
    help = "载入演示数据和演示账号 / load demo data and demo accounts (safe to run again)"

    def handle(self, *args, **options):
        with transaction.atomic():
            load_directory()
            ensure_child_units()
            accounts = ensure_demo_accounts()
            office = get_user_model().objects.get(username="office")
            plan, created = ensure_demo_plan(office)
        verb = "已导入" if created else "已存在"
        self.stdout.write(
            f"示例方案{verb} / example plan: #{plan.pk} {plan.title}（{plan.tasks.count()} 项任务）"
        )
        self.stdout.write(f"演示账号 / demo accounts（密码 password: {DEMO_PASSWORD}）:")
        for username, full_name, role, unit in accounts:
            self.stdout.write(f"  {username:<10} {role:<6} {unit:<12} {full_name}")
        self.stdout.write("打开 / open http://127.0.0.1:8000/ （演示日期 DUBAN_TODAY=2019-11-20）")
