"""Importing a plan in the browser's pages: upload, review beside the source, edit, confirm or cancel."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.plans.models import ImportDraft, Notice, Plan, Task
from duban.web.views_import import task_check
from tests.web.conftest import make_draft

pytestmark = pytest.mark.django_db

PLAN_TEXT = """关于开展财政医保专项行动的实施方案

为做好四季度工作，制定本方案。

一、主要任务

（一）强化财政保障。压缩一般性支出15%以上。年底前盘活存量资金。（责任单位：省财政厅、省医保局）

（二）深化医保改革。年底前完成医保基金清算。（责任单位：省医保局、省财政厅）
"""

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(draft, rest=""):
    return f"/plans/import/{draft.pk}/{rest}"


def tasks_of(draft):
    draft.refresh_from_db()
    return draft.plan_json["tasks"]


def card_form(draft, task_id, **data):
    task = next(t for t in tasks_of(draft) if t["id"] == task_id)
    return {"check": task_check(task), **data}


# ── upload ─────────────────────────────────────────────────────────────────────────────────────────


def test_only_supervisors_may_import(client, bob, dave):
    for user in (bob, dave):
        client.force_login(user)
        assert client.get("/plans/import/").status_code == 403
        upload = SimpleUploadedFile("plan.txt", PLAN_TEXT.encode())
        assert client.post("/plans/import/", {"file": upload}).status_code == 403
    assert not ImportDraft.objects.exists()


def test_a_plan_document_becomes_a_draft_under_review(client, alice):
    client.force_login(alice)
    upload = SimpleUploadedFile("专项行动.txt", PLAN_TEXT.encode())
    response = client.post("/plans/import/", {"file": upload})
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/import/{draft.pk}/"
    assert draft.created_by == alice and draft.plan_json["tasks"]
    assert not Plan.objects.exists()
    body = client.get(response["Location"]).content.decode()
    assert "强化财政保障" in body and "深化医保改革" in body
    assert "盘活存量资金" in body
    assert "为做好四季度工作" in body  # the source text beside the tasks


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "不支持"),
        ("empty.txt", b"", "这个文件是空的"),
        ("note.txt", "这是一段普通的文字，没有任何任务。".encode(), "任务"),
    ],
)
def test_a_bad_upload_gets_a_chinese_message_and_creates_nothing(client, alice, name, data, message):
    client.force_login(alice)
    response = client.post("/plans/import/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportDraft.objects.exists() and not Plan.objects.exists()


def task_table_xlsx() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    sheet.append([1, "完成医保基金清算。", "省医保局", "省财政厅", "2019年12月底前"])
    sheet.append([2, "压缩一般性支出15%以上。", "省财政厅", "", "年底前"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_task_table_becomes_a_draft(client, alice):
    client.force_login(alice)
    upload = SimpleUploadedFile("分工表.xlsx", task_table_xlsx())
    response = client.post("/plans/import/", {"file": upload})
    draft = ImportDraft.objects.get()
    assert response["Location"] == f"/plans/import/{draft.pk}/"
    tasks = draft.plan_json["tasks"]
    assert [t["lead"] for t in tasks] == [["省医保局"], ["省财政厅"]]
    assert "完成医保基金清算" in client.get(response["Location"]).content.decode()


def test_a_broken_excel_file_is_refused_with_a_reason(client, alice):
    client.force_login(alice)
    response = client.post("/plans/import/", {"file": SimpleUploadedFile("分工表.xlsx", b"PK\x03\x04broken")})
    assert response.status_code == 200
    assert "Excel" in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_a_too_large_upload_is_refused(client, alice, settings):
    settings.DUBAN_MAX_UPLOAD_BYTES = 100
    client.force_login(alice)
    response = client.post("/plans/import/", {"file": SimpleUploadedFile("big.txt", PLAN_TEXT.encode() * 3)})
    assert "文件太大" in response.content.decode()
    assert not ImportDraft.objects.exists()


# ── who sees a draft ───────────────────────────────────────────────────────────────────────────────


def test_a_draft_belongs_to_its_creator(client, draft, django_user_model, bob):
    from tests.web.conftest import user_with_role

    other = user_with_role(django_user_model, "other-supervisor", "supervisor")
    client.force_login(other)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft, "accept-leads/")).status_code == 404
    assert client.post(url(draft, "cancel/")).status_code == 404
    client.force_login(bob)
    assert client.get(url(draft)).status_code == 403
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_review_shows_units_suggested_lead_with_reason_deadline_targets_and_warnings(client, alice, draft):
    client.force_login(alice)
    body = client.get(url(draft)).content.decode()
    assert "财政保障" in body and "医保改革" in body
    assert "任务含“支出”，属省财政厅职责" in body
    assert "全部采纳建议牵头单位" in body
    assert "一般性支出压缩 &gt;= 15%" in body
    assert "请核对完成时限" in body
    assert "2019-11-30" in body
    assert "T1 没有确定牵头单位" in body


# ── editing tasks ──────────────────────────────────────────────────────────────────────────────────


def test_edit_a_task_without_javascript(client, alice, draft):
    client.force_login(alice)
    form_page = client.get(url(draft, "tasks/T2/edit/"))
    assert form_page.status_code == 200 and "<html" in form_page.content.decode()
    data = card_form(
        draft,
        "T2",
        text="11月底前完成医保基金清算。",
        units="省医保局\n省财政厅",
        lead="省医保局",
        deadline_text="11月底前",
        deadline_date="2019-11-30",
        targets="清算地区 >= 8个",
    )
    response = client.post(url(draft, "tasks/T2/edit/"), data)
    assert response.status_code == 302 and response["Location"].endswith("#task-T2")
    task = tasks_of(draft)[1]
    assert task["text"] == "11月底前完成医保基金清算。"
    assert task["lead"] == ["省医保局"]
    assert task["deadline"] == {"text": "11月底前", "date": "2019-11-30"}
    assert task["targets"][0]["metric"] == "清算地区" and task["targets"][0]["value"] == 8


def test_edit_a_task_with_htmx_swaps_its_card(client, alice, draft):
    client.force_login(alice)
    fragment = client.get(url(draft, "tasks/T1/edit/"), **HTMX).content.decode()
    assert "<html" not in fragment and 'id="task-T1"' in fragment
    data = card_form(draft, "T1", text="压缩一般性支出20%以上。", units="省财政厅、省医保局", lead="省财政厅")
    card = client.post(url(draft, "tasks/T1/edit/"), data, **HTMX).content.decode()
    assert "<html" not in card and "压缩一般性支出20%以上。" in card
    assert "unit-chip lead" in card
    assert tasks_of(draft)[0]["text"] == "压缩一般性支出20%以上。"


def test_a_wrong_edit_shows_the_form_again_and_changes_nothing(client, alice, draft):
    client.force_login(alice)
    before = tasks_of(draft)
    data = card_form(draft, "T1", text="压缩支出。", units="省财政厅", lead="省公安厅")
    response = client.post(url(draft, "tasks/T1/edit/"), data, **HTMX)
    assert "不在这项任务的责任单位中" in response.content.decode()
    bad_target = card_form(draft, "T1", text="压缩支出。", units="省财政厅", targets="很多很多")
    assert "写不成目标" in client.post(url(draft, "tasks/T1/edit/"), bad_target).content.decode()
    assert tasks_of(draft) == before


def test_a_form_from_a_stale_page_is_refused(client, alice, draft):
    client.force_login(alice)
    stale = card_form(draft, "T2", text="旧窗口里的修改。", units="省医保局")
    client.post(url(draft, "tasks/T1/delete/"), card_form(draft, "T1"))
    response = client.post(url(draft, "tasks/T1/edit/"), stale, follow=True)
    assert "请刷新页面" in response.content.decode()
    assert "旧窗口里的修改。" not in [t["text"] for t in tasks_of(draft)]


def test_accept_one_suggested_lead_in_place(client, alice, draft):
    client.force_login(alice)
    card = client.post(url(draft, "tasks/T2/accept-lead/"), card_form(draft, "T2"), **HTMX).content.decode()
    assert 'id="task-T2"' in card and "<html" not in card
    assert tasks_of(draft)[1]["lead"] == ["省医保局"]
    assert tasks_of(draft)[0]["lead"] == []


def test_accept_all_suggested_leads(client, alice, draft):
    client.force_login(alice)
    response = client.post(url(draft, "accept-leads/"), follow=True)
    assert "已采纳全部建议的牵头单位" in response.content.decode()
    assert [t["lead"] for t in tasks_of(draft)] == [["省财政厅"], ["省医保局"], ["省医保局"]]


def test_split_a_task_at_a_sentence(client, alice, draft):
    client.force_login(alice)
    at = tasks_of(draft)[0]["text"].index("盘活")
    client.post(url(draft, "tasks/T1/split/"), card_form(draft, "T1", at=at))
    assert [t["text"] for t in tasks_of(draft)][:2] == ["压缩一般性支出15%以上。", "盘活存量资金。"]
    assert len(tasks_of(draft)) == 4
    # the lead reason follows both pieces of T1, and T2's moves with it to T3
    assert draft.lead_reasons["T3"] == "任务含“医保”，属省医保局职责"


def test_merge_a_task_with_the_next(client, alice, draft):
    client.force_login(alice)
    nxt = tasks_of(draft)[2]
    data = card_form(draft, "T2", next_id="T3", next_check=task_check(nxt))
    client.post(url(draft, "tasks/T2/merge/"), data)
    tasks = tasks_of(draft)
    assert len(tasks) == 2 and tasks[1]["text"] == "年底前完成医保基金清算。推进医保支付方式改革。"


def test_move_add_and_delete(client, alice, draft):
    client.force_login(alice)
    client.post(url(draft, "tasks/T1/move/"), card_form(draft, "T1", section="S2"))
    assert [t["section"] for t in tasks_of(draft)] == ["S2", "S2", "S2"]
    assert tasks_of(draft)[2]["text"].startswith("压缩一般性支出")
    client.post(url(draft, "add/"), {"section": "S1", "text": "加快专项债券发行使用。"})
    added = tasks_of(draft)[0]
    assert added["text"] == "加快专项债券发行使用。" and added["units"] == ["省财政厅", "省医保局"]
    client.post(url(draft, "tasks/T1/delete/"), card_form(draft, "T1"))
    assert "加快专项债券发行使用。" not in [t["text"] for t in tasks_of(draft)]
    response = client.post(url(draft, "add/"), {"section": "S1", "text": " "}, follow=True)
    assert "请写出任务内容" in response.content.decode()


def test_edit_the_plans_particulars(client, alice, draft):
    client.force_login(alice)
    client.post(url(draft, "meta/"), {"title": "新的方案标题", "issued_on": "2019-10-18"})
    draft.refresh_from_db()
    assert draft.plan_json["meta"]["title"] == "新的方案标题"
    assert draft.plan_json["meta"]["doc_number"] is None


# ── confirm and cancel ─────────────────────────────────────────────────────────────────────────────


def test_confirm_is_refused_while_tasks_lack_a_lead(client, alice, draft, units):
    client.force_login(alice)
    response = client.post(url(draft, "confirm/"), follow=True)
    assert "任务 T1 没有确定牵头单位" in response.content.decode()
    assert not Plan.objects.exists() and ImportDraft.objects.filter(pk=draft.pk).exists()


def test_confirm_makes_an_active_plan_and_notifies_the_units(client, alice, draft, units):
    client.force_login(alice)
    client.post(url(draft, "accept-leads/"))
    response = client.post(url(draft, "confirm/"))
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert not ImportDraft.objects.exists()
    assert plan.tasks.count() == 3
    assert Notice.objects.filter(unit=units["财政"]).count() == 2
    lead = Task.objects.get(plan=plan, text__startswith="压缩").assignments.get(role="lead")
    assert lead.unit == units["财政"]
    assert "任务已交办" in client.get(response["Location"]).content.decode()


def test_cancel_leaves_nothing_behind(client, alice, draft):
    client.force_login(alice)
    response = client.post(url(draft, "cancel/"))
    assert response.status_code == 302
    assert not ImportDraft.objects.exists() and not Plan.objects.exists()


def test_unfinished_drafts_are_listed_on_the_import_page(client, alice):
    make_draft(alice)
    client.force_login(alice)
    assert "zhuanxiang.txt" in client.get("/plans/import/").content.decode()


def test_review_flags_unit_names_missing_from_the_directory(client, alice, units):
    from duban.plans import drafts
    from tests.web.conftest import plan_json

    data = drafts.update_task(plan_json(), "T3", units=["省医保局", "测试县新设中心"])
    draft = make_draft(alice, data)
    client.force_login(alice)
    body = client.get(url(draft)).content.decode()
    assert "“测试县新设中心”不在单位名录中" in body
    assert "“省医保局”不在单位名录中" not in body
    card = client.get(url(draft, "tasks/T3/"), **HTMX).content.decode()
    assert "名录中没有" in card and card.count("名录中没有") == 1


def test_a_unit_chip_shows_the_reviewers_decision_about_a_new_name(client, alice, units):
    from duban.plans import actions, drafts
    from duban.units.models import Unit
    from tests.web.conftest import plan_json

    data = drafts.update_task(plan_json(), "T3", units=["省医保局", "测试县新设中心", "测试县另一中心"])
    draft = make_draft(alice, data)
    target = Unit.objects.get(name="省医保局")
    actions.choose_unit(draft, alice, "测试县新设中心", unit_id=target.pk)
    actions.choose_unit(draft, alice, "测试县另一中心", kind="other")
    client.force_login(alice)

    card = client.get(url(draft, "tasks/T3/"), **HTMX).content.decode()

    assert "→ 省医保局" in card and "确认后作为“省医保局”的别名" in card
    assert "新单位" in card and "确认后加入单位名录" in card
    assert "名录中没有" not in card


def test_a_stale_htmx_edit_sends_the_browser_back_to_the_review(client, alice, draft):
    client.force_login(alice)
    stale = card_form(draft, "T1", text="旧窗口里的修改。", units="省财政厅")
    client.post(url(draft, "accept-leads/"))
    response = client.post(url(draft, "tasks/T1/edit/"), stale, **HTMX)
    assert response["HX-Redirect"] == url(draft)
    assert tasks_of(draft)[0]["text"].startswith("压缩一般性支出")


def test_accept_one_suggested_lead_without_javascript(client, alice, draft):
    client.force_login(alice)
    response = client.post(url(draft, "tasks/T1/accept-lead/"), card_form(draft, "T1"))
    assert response.status_code == 302 and response["Location"].endswith("#task-T1")
    assert tasks_of(draft)[0]["lead"] == ["省财政厅"]


def test_a_card_names_the_next_likely_leads_after_the_suggestion(client, alice, units):
    from duban.plans import actions

    text = """关于提升公共服务的实施方案
一、主要任务
（一）推进医保支付方式改革，扩大按病种付费范围。
（二）完善义务教育学校布局，新建学校3所。
（责任单位：省教育厅、省医保局、省财政厅、省卫生健康委）
"""
    draft = actions.create_draft(alice, text.encode(), "方案.txt")
    task = next(t for t in draft.plan_json["tasks"] if "医保" in t["text"])
    client.force_login(alice)

    card = client.get(url(draft, f"tasks/{task['id']}/"), **HTMX).content.decode()

    assert task["suggested_lead"] == "省医保局"
    assert "其次：" in card
    runners = card.split("其次：")[1].split("<")[0]
    assert "省医保局" not in runners and len(runners.split("、")) == 3

    # the reviewer drops units: they are no longer offered as runners-up
    form = card_form(draft, task["id"], text=task["text"], units="省医保局\n省财政厅")
    card = client.post(url(draft, f"tasks/{task['id']}/edit/"), form, **HTMX).content.decode()
    assert "其次：省财政厅<" in card
