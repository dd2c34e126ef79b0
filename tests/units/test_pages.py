"""The directory's pages as people use them: everyone reads, supervisors import."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from duban.units.models import Unit, UnitKind
from tests.units.conftest import make_group

pytestmark = pytest.mark.django_db

CSV = "单位全称,简称,类别,所属分组（用、分隔）\n甘肃省卫生健康委员会,省卫生健康委,省直部门,\n白银市人民政府,,,各市州政府\n"


def upload(client, content: bytes, name: str = "units.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/units/import/", {"file": SimpleUploadedFile(name, content)})


def test_directory_needs_a_login(client):
    for url in ("/units/", "/units/import/", "/units/template.xlsx", "/units/export.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_everyone_logged_in_reads_the_directory(client, liaison, gansu):
    client.force_login(liaison)
    body = client.get("/units/").content.decode()
    assert "甘肃省发展和改革委员会" in body and "省发展改革委" in body
    assert "分组 · 3 个成员" in body
    assert "/units/import/" not in body  # no import button for a liaison


def test_search_finds_a_unit_by_any_spelling_and_filters_by_kind(client, liaison, gansu):
    client.force_login(liaison)
    body = client.get("/units/", {"q": "省发展改革委"}).content.decode()
    assert "甘肃省发展和改革委员会" in body and "甘肃省教育厅" not in body
    body = client.get("/units/", {"kind": UnitKind.CENTRAL}).content.decode()
    assert "国家税务总局甘肃省税务局" in body and "甘肃省教育厅" not in body
    body = client.get("/units/", {"kind": "group"}).content.decode()
    assert "各园区管委会" in body and "兰州新区管理委员会" not in body
    assert "没有符合条件的单位" in client.get("/units/", {"q": "不存在的单位"}).content.decode()


def make_units(count: int) -> None:
    cities = make_group("各市州政府", UnitKind.CITY_GOV, [], sort_order=1000)
    units = [
        Unit(name=f"测试单位{i:03d}局", kind=UnitKind.PROVINCIAL_DEPT, sort_order=i) for i in range(count)
    ]
    for unit in units:
        unit.save()
    cities.members.set(units[::2])


def directory_queries(client, count: int) -> int:
    make_units(count)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/units/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [300])
def test_directory_page_costs_the_same_queries_with_10_or_300_units(
    client, supervisor, count, django_assert_num_queries
):
    client.force_login(supervisor)
    expected = directory_queries(client, 10)
    Unit.objects.all().delete()
    make_units(count)
    with django_assert_num_queries(expected):
        body = client.get("/units/").content.decode()
    assert "第 1 / 7 页" in body
    assert "测试单位049局" in body and "测试单位050局" not in body
    assert "测试单位299局" in client.get("/units/", {"page": 6}).content.decode()
    assert "各市州政府" in client.get("/units/", {"page": 7}).content.decode()


def test_a_liaison_cannot_import(client, liaison):
    client.force_login(liaison)
    assert client.get("/units/import/").status_code == 403
    assert upload(client, CSV.encode()).status_code == 403
    assert client.post("/units/import/", {"token": "x"}).status_code == 403
    assert not Unit.objects.filter(name="甘肃省卫生健康委员会").exists()


def test_supervisor_uploads_previews_and_confirms(client, supervisor):
    client.force_login(supervisor)
    assert "上传并预览" in client.get("/units/import/").content.decode()
    response = upload(client, CSV.encode())
    body = response.content.decode()
    assert response.status_code == 200
    assert "甘肃省卫生健康委员会" in body and "新建" in body and "新分组" in body and "确认导入" in body
    assert not Unit.objects.exists()  # nothing before confirm
    token = client.session["units_import"]["token"]
    response = client.post("/units/import/", {"token": token}, follow=True)
    assert response.redirect_chain[-1][0] == "/units/"
    assert "新建 3 个" in response.content.decode()
    assert Unit.objects.get(name="各市州政府").members.get().name == "白银市人民政府"
    again = client.post("/units/import/", {"token": token}, follow=True)  # a second click changes nothing
    assert "导入已失效" in again.content.decode()
    assert Unit.objects.count() == 3


def test_cancel_forgets_the_preview(client, supervisor):
    client.force_login(supervisor)
    upload(client, CSV.encode())
    token = client.session["units_import"]["token"]
    client.post("/units/import/", {"cancel": "1"})
    client.post("/units/import/", {"token": token})
    assert not Unit.objects.exists()


def test_a_file_with_bad_rows_shows_them_and_offers_no_confirm(client, supervisor):
    client.force_login(supervisor)
    body = upload(client, "单位全称,类别\n甘肃省民政厅,民政\n".encode()).content.decode()
    assert "第2行：类别“民政”无法识别" in body and "单位名录没有任何变化" in body
    assert "确认导入" not in body and "units_import" not in client.session


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("机构名,备注\n甲,乙".encode(), "缺少“单位全称”列"),
        (b"\x81\xff\xfe\x80\x00", "编码无法识别"),
    ],
)
def test_a_bad_file_gets_a_message_on_the_page(client, supervisor, content, message):
    client.force_login(supervisor)
    response = upload(client, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Unit.objects.exists()


def test_a_file_over_the_limit_is_refused_unread(client, supervisor, settings):
    settings.DUBAN_MAX_UPLOAD_BYTES = 1000
    client.force_login(supervisor)
    big = CSV.encode() + "甘肃省某局,,,\n".encode() * 20_000  # ~340 KB, over limit + multipart overhead
    response = upload(client, big)
    assert response.status_code == 413 and "文件太大" in response.content.decode()
    response = upload(client, CSV.encode() + b"x" * 2000)  # over the limit, under the framing allowance
    assert response.status_code == 400 and "文件太大" in response.content.decode()
    assert not Unit.objects.exists()


def test_admin_imports_too(client, admin_user):
    client.force_login(admin_user)
    response = upload(client, CSV.encode())
    assert response.status_code == 200 and "确认导入" in response.content.decode()


def test_template_and_export_download_as_excel(client, liaison, gansu):
    client.force_login(liaison)
    template = client.get("/units/template.xlsx")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in template["Content-Disposition"]
    assert load_workbook(io.BytesIO(template.content)).active["A1"].value == "单位全称"
    export = client.get("/units/export.xlsx")
    names = [row[0] for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)]
    assert "甘肃省发展和改革委员会" in names and "各市州政府" in names
