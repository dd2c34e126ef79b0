"""A supervisor builds the units directory from a CSV in Chromium: upload, preview, confirm, find it."""

import pytest

from duban.units.models import Membership, Unit
from duban.units.roles import Role
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

CSV = "单位全称,简称,别名（用、分隔）,类别,所属分组（用、分隔）\n甘肃省卫生健康委员会,省卫生健康委,省卫健委,省直部门,\n白银市人民政府,白银市政府,,市州政府,各市州政府\n"


@pytest.fixture
def supervisor(office_user):
    Membership.objects.create(user=office_user, role=Role.SUPERVISOR)
    return office_user


def test_supervisor_uploads_a_csv_previews_confirms_and_finds_the_unit(
    page, live_server, supervisor, tmp_path
):
    path = tmp_path / "单位名录.csv"
    path.write_text(CSV, encoding="gbk")
    log_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/units/")
    page.get_by_role("link", name="导入名录").click()
    page.get_by_label("单位名录文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并预览").click()
    preview = page.get_by_role("region", name="预览：单位名录.csv")
    assert preview.get_by_role("cell", name="甘肃省卫生健康委员会").is_visible()
    assert preview.get_by_role("cell", name="各市州政府").is_visible()
    assert not Unit.objects.exists()
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(f"{live_server.url}/units/")
    assert "新建 3 个" in page.locator(".messages").inner_text()
    page.get_by_role("textbox", name="查找").fill("省卫健委")
    page.get_by_role("button", name="查找").click()
    rows = page.locator("table.units-table tbody tr")
    assert rows.count() == 1 and "甘肃省卫生健康委员会" in rows.first.inner_text()


def test_directory_fits_a_phone_screen(phone_page, live_server, supervisor):
    from duban.units.demo import load_demo_directory

    load_demo_directory()
    log_in(phone_page, live_server, "office", PASSWORD)
    phone_page.goto(f"{live_server.url}/units/")
    assert phone_page.get_by_role("heading", name="单位名录").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px screen"
