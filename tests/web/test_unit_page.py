"""A unit's page as people read it: who the unit is, where it sits, its people and its tasks by plan."""

from __future__ import annotations

import re

import pytest

from duban.plans.models import Assignment, Task
from duban.units.models import Membership, Unit, UnitKind
from duban.units.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(units) -> Unit:
    """各市州政府 with 西宁市人民政府 in it; 西宁市财政局 (below 省财政厅) is in no group."""
    group = Unit.objects.create(name="各市州政府", kind=UnitKind.CITY_GOV, is_group=True, sort_order=10)
    xining = Unit.objects.create(
        name="西宁市人民政府",
        short_name="西宁市政府",
        aliases=["西宁市", "西宁"],
        kind=UnitKind.CITY_GOV,
        region="西宁市",
        sort_order=11,
    )
    group.members.set([xining])
    return group


def page(client, unit: Unit) -> str:
    response = client.get(f"/units/{unit.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def text(body: str) -> str:
    """The page's visible words, tags dropped and spaces squeezed, to read it as a person would."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_a_unit_page_needs_a_login_and_an_unknown_unit_is_404(client, dave, units):
    assert client.get(f"/units/{units['财政'].pk}/")["Location"].startswith("/login/")
    client.force_login(dave)
    assert client.get("/units/999999/").status_code == 404


def test_the_directory_links_each_name_to_its_page(client, dave, units):
    client.force_login(dave)
    body = client.get("/units/").content.decode()
    assert f'href="/units/{units["医保"].pk}/">省医保局</a>' in body


def test_a_unit_shows_its_names_kind_region_state_and_groups(client, dave, cities):
    client.force_login(dave)
    xining = Unit.objects.get(name="西宁市人民政府")
    body = page(client, xining)
    words = text(body)
    assert "<h1>西宁市人民政府" in body
    assert "类别 市州政府" in words and "简称 西宁市政府" in words
    assert "别名 西宁市、西宁" in words and "地区 西宁市" in words and "状态 启用" in words
    assert f'<a href="/units/{cities.pk}/">各市州政府</a>' in body
    assert "/admin/" not in body  # no edit link for an ordinary user


def test_a_group_lists_its_members_and_a_unit_its_parent_and_children(client, dave, units, cities):
    client.force_login(dave)
    xining = Unit.objects.get(name="西宁市人民政府")
    body = page(client, cities)
    assert "成员单位" in body and f'<a href="/units/{xining.pk}/">西宁市人民政府</a>' in body
    body = page(client, units["财政"])
    assert "成员单位" not in body  # not a group
    assert "下级单位" in body and f'<a href="/units/{units["西宁财政"].pk}/">西宁市财政局</a>' in body
    body = page(client, units["西宁财政"])
    assert f'<a href="/units/{units["财政"].pk}/">省财政厅</a>' in body  # its parent


def test_people_show_a_name_and_role_but_no_contact_details(client, django_user_model, dave, bob, units):
    bob.email = "liaison@example.org"
    bob.save()
    Membership.objects.create(user=bob, unit=units["财政"], role=Role.HEAD)
    nameless = django_user_model.objects.create_user("caiwu2", email="second@example.org")
    Membership.objects.create(user=nameless, unit=units["财政"], role=Role.LIAISON)
    gone = django_user_model.objects.create_user("left", first_name="已离岗", is_active=False)
    Membership.objects.create(user=gone, unit=units["财政"], role=Role.LIAISON)
    client.force_login(dave)
    body = page(client, units["财政"])
    words = text(body)
    assert "财政联络员 单位负责人、联络员" in words  # one line per person, every role of theirs there
    assert "caiwu2 联络员" in words  # no full name: the user name stands in
    assert "已离岗" not in words  # a deactivated account is no longer one of the unit's people
    assert "example.org" not in body


def test_tasks_per_plan_with_counts_and_the_filtered_table_link(client, dave, plan, units):
    client.force_login(dave)
    body = page(client, units["医保"])
    row = re.search(r"<tr>\s*<td class=\"card-title\".*?</tr>", body, re.S).group(0)
    assert f'href="/plans/{plan.pk}/tasks/?unit={units["医保"].pk}"' in row
    assert plan.title in row
    # 省医保局 leads T2 and T3 and co-operates on T1; T3 (11-30) is not yet due on 2019-11-20.
    assert re.findall(r'<td class="num"[^>]*>(?:<span[^>]*>)?(\d+)', row) == ["2", "1", "3", "0"]


def test_overdue_tasks_and_tasks_through_a_group_are_shown(client, dave, plan, cities):
    xining = Unit.objects.get(name="西宁市人民政府")
    t1 = plan.tasks.get(number="1")
    Task.objects.filter(pk=t1.pk).update(deadline="2019-11-01")
    Assignment.objects.create(task=t1, unit=cities, role="co")
    Assignment.objects.create(task=plan.tasks.get(number="2"), unit=xining, role="lead")
    client.force_login(dave)
    body = page(client, xining)
    assert f'href="/plans/{plan.pk}/tasks/?unit={xining.pk}"' in body
    assert f'href="/plans/{plan.pk}/tasks/?unit={cities.pk}">经“各市州政府”</a>' in body
    via = re.search(r'<tr class="via">.*?</tr>', body, re.S).group(0)
    assert re.findall(r'<td class="num"[^>]*>(?:<span[^>]*>)?(\d+)', via) == ["0", "1", "1", "1"]
    assert 'class="units-overdue">1<' in via


def test_a_unit_without_tasks_or_people_says_so(client, dave, units):
    client.force_login(dave)
    words = text(page(client, units["西宁财政"]))
    assert "还没有方案把任务交给这个单位" in words and "还没有联络员或负责人" in words


def test_only_supervisors_and_staff_see_the_admin_link(client, django_user_model, alice, bob, units):
    admin_link = f'href="/admin/units/unit/{units["财政"].pk}/change/"'
    client.force_login(bob)
    assert admin_link not in page(client, units["财政"])
    client.force_login(alice)
    body = page(client, units["财政"])
    assert admin_link in body and "在管理后台编辑" in body
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert admin_link in page(client, units["财政"])
