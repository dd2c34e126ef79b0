"""我的任务 on a 375 px phone: tasks as cards, 新交办 visible, nothing wider than the screen."""

import pytest

from duban.plans import actions, drafts
from duban.units.models import Membership, Unit
from duban.units.roles import Role
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.web.conftest import make_draft, plan_json

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def liaison_with_tasks(django_user_model, settings):
    import datetime as dt

    settings.DUBAN_TODAY = dt.date(2019, 11, 20)
    caizheng = Unit.objects.create(name="省财政厅", kind="provincial_dept")
    Unit.objects.create(name="省医保局", kind="provincial_dept")
    office = django_user_model.objects.create_user("office", password=PASSWORD)
    Membership.objects.create(user=office, unit=None, role=Role.SUPERVISOR)
    liaison = django_user_model.objects.create_user("caizheng", password=PASSWORD)
    Membership.objects.create(user=liaison, unit=caizheng, role=Role.LIAISON)
    data = drafts.accept_suggested_leads(plan_json())
    data = drafts.update_task(data, "T1", text="压缩一般性支出15%以上，" + "统筹盘活各类存量资金" * 8 + "。")
    actions.confirm_draft(make_draft(office, data), office)
    return liaison


def test_my_tasks_fits_a_phone(phone_page, live_server, liaison_with_tasks):
    log_in(phone_page, live_server, "caizheng", PASSWORD)
    assert phone_page.url.endswith("/my/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"我的任务 is {width}px wide on a 375px screen"
    assert not phone_page.locator("table.my-tasks thead").is_visible()  # rows are cards
    first = phone_page.locator("table.my-tasks tbody tr").first
    assert first.get_by_text("新交办").is_visible()
    assert first.get_by_role("link").is_visible()
    box = first.bounding_box()
    assert box["width"] <= 375
    first.get_by_role("link").click()
    phone_page.get_by_role("heading", name="任务 1").wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the task page is {width}px wide on a 375px screen"


def test_every_ledger_page_fits_a_phone(phone_page, live_server, liaison_with_tasks):
    from duban.plans.models import Plan

    office = Plan.objects.get().created_by
    plan = Plan.objects.get()
    task = plan.tasks.order_by("position").first()
    draft = make_draft(office, plan_json())
    log_in(phone_page, live_server, "office", PASSWORD)
    for path in (
        "/",
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/tasks/",
        f"/tasks/{task.pk}/",
        f"/tasks/{task.pk}/edit/",
        f"/tasks/{task.pk}/split/",
        "/plans/import/",
        f"/plans/import/{draft.pk}/",
        f"/plans/import/{draft.pk}/tasks/T1/edit/",
    ):
        phone_page.goto(live_server.url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen"


def test_ledger_pages_print_without_navigation_or_forms(page, live_server, liaison_with_tasks):
    from duban.plans.models import Plan

    plan = Plan.objects.get()
    log_in(page, live_server, "office", PASSWORD)
    page.emulate_media(media="print")
    for path in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/tasks/", f"/tasks/{plan.tasks.first().pk}/"):
        page.goto(live_server.url + path)
        assert not page.get_by_role("navigation", name="主导航").is_visible(), path
        visible_forms = page.locator("main form").evaluate_all(
            "forms => forms.filter(f => f.offsetParent !== null).length"
        )
        assert visible_forms == 0, path
        assert page.locator("h1").is_visible()
