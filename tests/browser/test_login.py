"""A person opens duban in Chromium, logs in with a demo account and sees the shell."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_accounts():
    from django.core.management import call_command

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from duban.plans.management.commands.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def test_demo_account_logs_in_and_sees_the_shell(page, live_server, demo_accounts):
    log_in(page, live_server, "office", demo_accounts)
    nav = page.get_by_role("navigation", name="主导航")
    for label in ("工作台", "方案", "我的任务", "审核", "设置"):
        assert nav.get_by_role("link", name=label).is_visible()
    assert page.get_by_role("heading", name="工作台").is_visible()
    nav.get_by_role("link", name="方案").click()
    assert page.get_by_role("heading", name="方案").is_visible()


def test_wrong_password_stays_on_login_with_a_message(page, live_server, demo_accounts):
    log_in(page, live_server, "office", "not-the-password")
    assert page.get_by_role("alert").inner_text().startswith("用户名或密码不正确")
    assert "/login/" in page.url


def test_shell_fits_a_phone_screen(phone_page, live_server, demo_accounts):
    log_in(phone_page, live_server, "office", demo_accounts)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px screen"
    nav = phone_page.get_by_role("navigation", name="主导航")
    assert nav.get_by_role("link", name="我的任务").is_visible()
