"""「导出任务分解表」 on the plan pages and 「下载任务分解表」 on the review screen: real .xlsx downloads."""

import io
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from duban.plans.models import ImportDraft
from tests.web.conftest import make_draft, plan_json
from tests.web.test_query_counts import build_plan

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(response) -> str:
    """Every cell of every sheet of the downloaded workbook, as one text."""
    book = load_workbook(io.BytesIO(b"".join(response)), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    )


def _file_name(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    return unquote(disposition.split("filename*=UTF-8''", 1)[1])


def test_the_overview_and_the_task_table_offer_the_export(client, bob, plan):
    client.force_login(bob)
    url = f"/plans/{plan.pk}/export.xlsx"

    for page in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/tasks/"):
        html = client.get(page).content.decode()
        assert "导出任务分解表" in html and url in html


def test_any_logged_in_user_downloads_the_plan_with_its_tasks_under_a_chinese_name(client, dave, plan):
    client.force_login(dave)  # no role at all: everyone logged in reads the whole plan

    response = client.get(f"/plans/{plan.pk}/export.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert _file_name(response) == "关于开展医保财政专项行动的实施方案任务分解表.xlsx"
    cells = _cells(response)
    for text in ("压缩一般性支出15%以上", "年底前完成医保基金清算", "推进医保支付方式改革", "省医保局"):
        assert text in cells


def test_the_export_needs_a_login_and_an_existing_plan(client, dave, plan):
    assert client.get(f"/plans/{plan.pk}/export.xlsx").status_code == 302
    client.force_login(dave)
    assert client.get(f"/plans/{plan.pk + 999}/export.xlsx").status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response)
    assert response.status_code == 200
    return len(queries)


def test_the_export_costs_the_same_queries_for_10_and_100_tasks(client, alice, units):
    client.force_login(alice)
    unit_list = list(units.values())
    small, large = build_plan(10, unit_list, alice), build_plan(100, unit_list, alice)

    assert _queries(client, f"/plans/{small.pk}/export.xlsx") == _queries(
        client, f"/plans/{large.pk}/export.xlsx"
    )


# ── the draft under review ─────────────────────────────────────────────────────────────────────────


def test_the_review_screen_offers_the_draft_download(client, alice, draft):
    client.force_login(alice)

    html = client.get(f"/plans/import/{draft.pk}/").content.decode()

    assert "下载任务分解表" in html and f"/plans/import/{draft.pk}/export.xlsx" in html


def test_the_draft_downloads_with_its_tasks_and_nothing_is_confirmed(client, alice, draft):
    client.force_login(alice)

    response = client.get(f"/plans/import/{draft.pk}/export.xlsx")

    assert response.status_code == 200
    assert _file_name(response).endswith("任务分解表.xlsx")
    cells = _cells(response)
    assert "盘活存量资金" in cells and "年底前完成医保基金清算" in cells
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_someone_else_s_draft_cannot_be_downloaded(client, alice, django_user_model, draft):
    from tests.web.conftest import user_with_role

    other = user_with_role(django_user_model, "eve", "supervisor")
    client.force_login(other)

    assert client.get(f"/plans/import/{draft.pk}/export.xlsx").status_code == 404


def test_the_draft_download_costs_the_same_queries_for_10_and_100_tasks(client, alice):
    client.force_login(alice)

    def draft_of(size: int) -> ImportDraft:
        data = plan_json()
        template = data["tasks"][1]
        data["tasks"] = [{**template, "id": f"T{i}", "text": f"第{i}项任务。"} for i in range(1, size + 1)]
        return make_draft(alice, data)

    small, large = draft_of(10), draft_of(100)
    assert _queries(client, f"/plans/import/{small.pk}/export.xlsx") == _queries(
        client, f"/plans/import/{large.pk}/export.xlsx"
    )
