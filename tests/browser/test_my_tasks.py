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
