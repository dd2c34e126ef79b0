"""The pages as a person sees them: on a 375×740 phone nothing is wider than the screen, the menu and the
buttons are thumb-sized and tables read as cards; on paper there is no menu, button or form, and the task
table fits the page with its units as plain text."""

import datetime as dt

import pytest

from duban.plans import actions
from duban.plans.models import Plan
from duban.units.models import Membership, Unit
from duban.units.roles import Role
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
THUMB = 40  # px: the smallest control a thumb should have to hit (44 asked, a little slack for rounding)

CO_UNITS = "省发展改革委、省财政厅、省人力资源社会保障厅、省自然资源厅、省生态环境厅、省住房城乡建设厅、省交通运输厅、省水利厅、省农业农村厅、省商务厅、省税务局、人民银行西宁中心支行、各市州政府"
PLAN_TEXT = f"""关于开展营商环境优化提升专项行动的实施方案
测政办〔2019〕88号
为深入推进营商环境优化提升，制定本方案。
一、主要任务
（一）全面压缩企业开办时间。推行企业开办全程网上办理，2019年12月底前将企业开办时间压缩至3个工作日以内。（牵头单位：省市场监管局；责任单位：{CO_UNITS}）
（二）优化工程建设项目审批。推行并联审批和区域评估，2019年11月底前实现工程建设项目审批管理系统与投资项目在线审批监管平台互联互通。（牵头单位：省住房城乡建设厅；责任单位：省自然资源厅、省发展改革委）
二、保障措施
（三）加强督查考核。将营商环境优化提升工作纳入年度目标责任考核。（牵头单位：省政府督查室）
"""
# A file name with no place to break: it must wrap rather than widen the phone page.
LONG_NAME = "yingshang-huanjing-youhua-tisheng-zhuanxiang-xingdong-shishi-fangan-2019.txt"


@pytest.fixture
def ledger(django_user_model, settings):
    """A confirmed plan of three tasks (one with fourteen units), a draft under review, a liaison."""
    settings.DUBAN_TODAY = dt.date(2019, 11, 20)
    office = django_user_model.objects.create_user("office", password=PASSWORD, first_name="王督查")
    Membership.objects.create(user=office, unit=None, role=Role.SUPERVISOR)
    plan = actions.confirm_draft(actions.create_draft(office, PLAN_TEXT.encode(), LONG_NAME), office)
    draft = actions.create_draft(office, PLAN_TEXT.encode(), LONG_NAME)
    liaison = django_user_model.objects.create_user("shichang", password=PASSWORD, first_name="市场联络")
    market = Unit.objects.get(name="省市场监管局")
    Membership.objects.create(user=liaison, unit=market, role=Role.LIAISON)
    # A city in 各市州政府 (added after confirming, so the plan is as read): its page shows a task reached
    # through the group.
    city = Unit.objects.create(name="西宁市人民政府", short_name="西宁市政府", kind="city_gov")
    Unit.objects.get(name="各市州政府").members.add(city)
    task = plan.tasks.order_by("position").first()
    return {"plan": plan, "task": task, "draft": draft, "unit": market, "city": city}


def office_pages(ledger) -> list[str]:
    plan, task, draft = ledger["plan"], ledger["task"], ledger["draft"]
    return [
        "/",
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/tasks/",
        f"/plans/{plan.pk}/tasks/?state=active&overdue=on",
        f"/tasks/{task.pk}/",
        f"/tasks/{task.pk}/edit/",
        "/plans/import/",
        f"/plans/import/{draft.pk}/",
        "/units/",
        f"/units/{ledger['unit'].pk}/",
        f"/units/{ledger['city'].pk}/",
        "/units/import/",
        "/settings/",
    ]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_every_page_fits_a_phone_with_its_heading_and_whole_menu_in_view(phone_page, live_server, ledger):
    log_in(phone_page, live_server, "office", PASSWORD)
    for path in office_pages(ledger):
        phone_page.goto(live_server.url + path)
        assert page_width(phone_page) <= PHONE_WIDTH, f"{path} is {page_width(phone_page)}px wide"
        heading = phone_page.locator("main h1").first
        assert heading.is_visible(), path
        box = heading.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, path
    # Every menu entry is on the screen and thumb-sized: none hides in a sideways scroller.
    for link in phone_page.get_by_role("navigation", name="主导航").get_by_role("link").all():
        box = link.bounding_box()
        assert box["x"] + box["width"] <= PHONE_WIDTH, link.inner_text()
        assert box["height"] >= THUMB, link.inner_text()


def test_a_liaison_reads_my_tasks_and_a_task_on_a_phone(phone_page, live_server, ledger):
    log_in(phone_page, live_server, "shichang", PASSWORD)
    for path in ("/my/", f"/tasks/{ledger['task'].pk}/"):
        phone_page.goto(live_server.url + path)
        assert page_width(phone_page) <= PHONE_WIDTH, path
        assert phone_page.locator("main h1").is_visible(), path
    phone_page.goto(live_server.url + "/my/")
    assert phone_page.get_by_role("link", name="全面压缩企业开办时间").first.is_visible()


def test_the_task_table_is_a_stack_of_cards_on_a_phone(phone_page, live_server, ledger):
    plan = ledger["plan"]
    log_in(phone_page, live_server, "office", PASSWORD)
    phone_page.goto(f"{live_server.url}/plans/{plan.pk}/tasks/")
    table = phone_page.locator("table.tasks")
    assert not table.locator("thead").is_visible()
    card = table.locator("tbody tr").first
    card_box = card.bounding_box()
    assert card_box["x"] >= 0 and card_box["x"] + card_box["width"] <= PHONE_WIDTH
    units = card.locator("td.units")
    assert units.is_visible()
    # Fourteen units fit inside the card, the lead named first with its mark.
    units_box = units.bounding_box()
    assert units_box["x"] + units_box["width"] <= card_box["x"] + card_box["width"] + 1
    assert card.locator(".unit-chip.lead").inner_text().startswith("省市场监管局")
    assert card.get_by_text("各市州政府").is_visible()
    for label in ("章节", "完成时限", "状态"):  # each value keeps its column's name in front of it
        assert card.locator(f'td[data-label="{label}"]').is_visible()


def test_buttons_and_fields_are_thumb_sized_on_a_phone(phone_page, live_server, ledger):
    plan, task, draft = ledger["plan"], ledger["task"], ledger["draft"]
    log_in(phone_page, live_server, "office", PASSWORD)
    unit = ledger["unit"]
    for path in (
        f"/plans/{plan.pk}/tasks/",
        f"/tasks/{task.pk}/edit/",
        f"/plans/import/{draft.pk}/",
        f"/units/{unit.pk}/",
    ):
        phone_page.goto(live_server.url + path)
        small = phone_page.locator("main").evaluate(
            """(main, least) => [...main.querySelectorAll(
                   'button, a.button, select, input[type=text], input[type=date], summary')]
                 .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < least)
                 .map(el => el.outerHTML.slice(0, 80))""",
            THUMB,
        )
        assert small == [], f"{path}: {small}"


def test_dates_and_states_stay_on_one_line_on_a_desktop(page, live_server, ledger):
    log_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/plans/{ledger['plan'].pk}/tasks/")
    lines = page.locator("table.tasks tbody tr").first.evaluate(
        """row => [...row.querySelectorAll('td.date, .status')].map(el => {
               const range = document.createRange(); range.selectNodeContents(el);
               return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })"""
    )
    assert lines and all(n == 1 for n in lines), lines


def test_printed_pages_have_no_menu_buttons_or_forms(page, live_server, ledger):
    plan, task, draft = ledger["plan"], ledger["task"], ledger["draft"]
    log_in(page, live_server, "office", PASSWORD)
    page.emulate_media(media="print")
    for path in (
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/tasks/",
        f"/tasks/{task.pk}/",
        f"/plans/import/{draft.pk}/",
        "/units/",
        f"/units/{ledger['unit'].pk}/",
        f"/units/{ledger['city'].pk}/",
    ):
        page.goto(live_server.url + path)
        assert not page.get_by_role("navigation", name="主导航").is_visible(), path
        assert not page.locator("footer").is_visible(), path
        assert page.locator("main h1").is_visible(), path
        shown = page.locator("body").evaluate(
            """body => [...body.querySelectorAll('form, button, a.button, select, input, textarea, .pager')]
                 .filter(el => el.offsetParent !== null).map(el => el.outerHTML.slice(0, 80))"""
        )
        assert shown == [], f"{path}: {shown}"


def test_the_printed_task_table_fits_the_page_and_lists_units_as_text(page, live_server, ledger):
    log_in(page, live_server, "office", PASSWORD)
    page.set_viewport_size({"width": 700, "height": 990})  # A4 less its margins, as the printer lays it out
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/plans/{ledger['plan'].pk}/tasks/")
    table = page.locator("table.tasks")
    assert table.evaluate("t => t.getBoundingClientRect().right <= document.documentElement.clientWidth")
    assert table.locator("thead").evaluate("h => getComputedStyle(h).display") == "table-header-group"
    row = table.locator("tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).breakInside") == "avoid"  # a row is never cut in two
    chip = row.locator(".unit-chip").nth(1)
    style = chip.evaluate(
        "c => [getComputedStyle(c).display, getComputedStyle(c).borderTopStyle, getComputedStyle(c, '::after').content]"
    )
    assert style == ["inline", "none", '"、"']


def test_plan_is_built_from_the_invented_text(ledger):
    """The fixture really produced what the layout tests lean on: one task with fourteen units."""
    plan = Plan.objects.get()
    first = ledger["task"]
    assert plan.tasks.count() == 3
    assert first.assignments.count() == 14
    assert first.assignments.filter(role="lead").get().unit.name == "省市场监管局"
    assert ledger["city"].groups.filter(name="各市州政府").exists()


def test_a_units_tasks_read_as_cards_on_a_phone(phone_page, live_server, ledger):
    """The city's page: its plan as a card, the task reached through 各市州政府 right under it."""
    log_in(phone_page, live_server, "office", PASSWORD)
    phone_page.goto(f"{live_server.url}/units/{ledger['city'].pk}/")
    table = phone_page.locator("table.unit-load")
    assert not table.locator("thead").is_visible()
    via = table.locator("tr.via").first
    assert via.get_by_role("link", name="经“各市州政府”").is_visible()
    box = via.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    assert via.locator('td[data-label="配合"]').inner_text().endswith("1")
