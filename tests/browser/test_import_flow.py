"""A supervisor imports a plan in Chromium, edits and confirms it; the unit's liaison finds it in 我的任务."""

import pytest

from duban.plans.models import Plan
from duban.units.models import Membership, Unit
from duban.units.roles import Role
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PLAN_TEXT = """关于开展医保基金监管专项行动的实施方案

为加强医保基金监管，确保基金安全，制定本方案。

一、加强基金监管

开展医保基金专项检查，年底前实现定点医药机构检查全覆盖。严厉打击欺诈骗保行为。（责任单位：省医保局、省财政厅）

二、保障资金投入

按时足额拨付城乡居民医保补助资金。（责任单位：省财政厅、省医保局）
"""


@pytest.fixture
def cast(django_user_model, settings):
    import datetime as dt

    settings.DUBAN_TODAY = dt.date(2019, 11, 20)
    yibao = Unit.objects.create(name="省医保局", kind="provincial_dept")
    Unit.objects.create(name="省财政厅", kind="provincial_dept")
    office = django_user_model.objects.create_user("office", password=PASSWORD, first_name="王督查")
    Membership.objects.create(user=office, unit=None, role=Role.SUPERVISOR)
    liaison = django_user_model.objects.create_user("yibao", password=PASSWORD, first_name="医保联络员")
    Membership.objects.create(user=liaison, unit=yibao, role=Role.LIAISON)
    return office, liaison


def test_import_review_edit_confirm_and_the_liaison_sees_it(page, live_server, cast, tmp_path):
    source = tmp_path / "医保专项行动.txt"
    source.write_text(PLAN_TEXT, encoding="utf-8")
    log_in(page, live_server, "office", PASSWORD)

    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("方案文件").set_input_files(str(source))
    page.get_by_role("button", name="读取并审核").click()
    page.get_by_role("heading", name="审核导入的方案").wait_for()
    assert page.get_by_role("heading", name="加强基金监管").is_visible()
    assert page.get_by_label("原文").get_by_text("为加强医保基金监管").is_visible()

    card = page.locator("#task-T2")
    assert "严厉打击欺诈骗保行为" in card.inner_text()
    card.get_by_role("link", name="修改").click()
    textarea = page.locator("#task-T2").get_by_label("任务内容")
    textarea.wait_for()
    assert "/edit/" not in page.url  # htmx swapped the form into the card, the page stayed
    textarea.fill("严厉打击欺诈骗保行为，公开曝光典型案例。")
    page.locator("#task-T2").get_by_role("button", name="保存").click()
    page.locator("#task-T2 .task-text").filter(has_text="公开曝光典型案例").wait_for()
    assert page.get_by_role("heading", name="保障资金投入").is_visible()  # still the whole review

    page.get_by_role("button", name="全部采纳建议牵头单位").click()
    page.get_by_text("已采纳全部建议的牵头单位").wait_for()
    assert page.locator(".unit-chip.lead").count() == 3
    page.get_by_role("button", name="确认并交办").click()
    page.get_by_text("方案已确认").wait_for()
    plan = Plan.objects.get()
    assert page.url.endswith(f"/plans/{plan.pk}/")
    assert page.get_by_role("heading", name=plan.title).is_visible()

    page.get_by_role("button", name="退出").click()
    log_in(page, live_server, "yibao", PASSWORD)
    assert page.url.endswith("/my/")
    row = page.locator("tr", has_text="公开曝光典型案例")
    assert row.get_by_text("新交办").is_visible()
    assert page.locator(".flag-new").count() == 3


def test_an_unreadable_upload_stays_on_the_page_with_a_message(page, live_server, cast, tmp_path):
    source = tmp_path / "随手记.txt"
    source.write_text("今天天气很好。", encoding="utf-8")
    log_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("方案文件").set_input_files(str(source))
    page.get_by_role("button", name="读取并审核").click()
    page.locator(".field-error").wait_for()
    assert "/plans/import/" in page.url
    from duban.plans.models import ImportDraft

    assert not ImportDraft.objects.exists()
