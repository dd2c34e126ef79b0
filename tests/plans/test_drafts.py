"""Editing a draft plan on the review screen: every edit as the reviewer sees its result."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.plans import drafts
from duban.plans.drafts import DraftEditError


def make_plan() -> dict:
    units_a = ["省财政厅", "省医保局", "各市州政府"]
    units_b = ["省教育厅", "省人力资源社会保障厅"]
    return {
        "schema": "duban.plan/1",
        "source": {"name": "plan.txt", "format": "txt", "encoding": "utf-8", "sha256": "x"},
        "meta": {"title": "测试方案", "doc_number": None, "issuer": None, "issued_on": "2019-10-17"},
        "sections": [
            {"id": "S1", "parent": None, "number": "一", "title": "财政医保", "units": units_a},
            {"id": "S2", "parent": None, "number": "二", "title": "教育就业", "units": units_b},
            {"id": "S3", "parent": None, "number": "三", "title": "其他", "units": []},
        ],
        "tasks": [
            {
                "id": "T1",
                "section": "S1",
                "text": "压缩一般性支出15%以上。年底前完成医保基金清算。",
                "units": units_a,
                "units_from": "section",
                "lead": [],
                "suggested_lead": "省财政厅",
                "deadline": {"text": "年底前", "date": "2019-12-31"},
                "targets": [
                    {
                        "text": "压缩一般性支出15%以上",
                        "metric": "支出压缩",
                        "value": 15,
                        "unit": "%",
                        "comparator": ">=",
                    }
                ],
                "warnings": ["请核对牵头单位"],
            },
            {
                "id": "T2",
                "section": "S1",
                "text": "推进医保支付方式改革",
                "units": units_a,
                "units_from": "section",
                "lead": [],
                "suggested_lead": "省医保局",
                "deadline": None,
                "targets": [],
                "warnings": [],
            },
            {
                "id": "T3",
                "section": "S2",
                "text": "城镇新增就业6万人。",
                "units": units_b,
                "units_from": "section",
                "lead": ["省人力资源社会保障厅"],
                "suggested_lead": "省人力资源社会保障厅",
                "deadline": {"text": "年内", "date": "2019-12-31"},
                "targets": [
                    {
                        "text": "新增就业6万人",
                        "metric": "新增就业",
                        "value": 6,
                        "unit": "万人",
                        "comparator": "=",
                    }
                ],
                "warnings": [],
            },
        ],
        "warnings": [],
    }


def ids(plan):
    return [t["id"] for t in plan["tasks"]]


def texts(plan):
    return [t["text"] for t in plan["tasks"]]


def test_update_changes_only_that_task_and_leaves_the_original_alone():
    plan = make_plan()
    original = copy.deepcopy(plan)
    new = drafts.update_task(
        plan, "T2", text="  推进医保  支付方式改革。 ", deadline={"text": "11月底前", "date": "2019-11-30"}
    )
    assert plan == original
    assert new["tasks"][1]["text"] == "推进医保 支付方式改革。"
    assert new["tasks"][1]["deadline"] == {"text": "11月底前", "date": "2019-11-30"}
    assert new["tasks"][0] == plan["tasks"][0]


def test_changing_units_drops_leads_and_suggestion_no_longer_among_them():
    new = drafts.update_task(make_plan(), "T3", units=["省教育厅"])
    task = new["tasks"][2]
    assert task["lead"] == [] and task["suggested_lead"] is None
    assert task["units_from"] == "task"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "任务内容不能为空"),
        ({"lead": ["省公安厅"]}, "不在这项任务的责任单位中"),
        ({"deadline": {"text": "年底", "date": "2019-13-40"}}, "无法识别"),
        ({"targets": [{"metric": "就业", "value": "很多"}]}, "不是数字"),
        ({"section": "S9"}, "找不到这个部分"),
        ({"id": "T9"}, "不能修改"),
    ],
)
def test_a_wrong_edit_is_refused_with_a_chinese_message(fields, message):
    with pytest.raises(DraftEditError) as err:
        drafts.update_task(make_plan(), "T1", **fields)
    assert message in err.value.message


def test_editing_a_task_that_is_gone_says_so():
    with pytest.raises(DraftEditError, match="找不到任务 T9"):
        drafts.delete_task(make_plan(), "T9")


def test_split_at_a_sentence_gives_each_piece_its_own_target_and_deadline():
    plan = make_plan()
    at = plan["tasks"][0]["text"].index("年底前")
    new = drafts.split_task(plan, "T1", at)
    assert ids(new) == ["T1", "T2", "T3", "T4"]
    first, second = new["tasks"][0], new["tasks"][1]
    assert first["text"] == "压缩一般性支出15%以上。" and second["text"] == "年底前完成医保基金清算。"
    assert [t["value"] for t in first["targets"]] == [15] and second["targets"] == []
    assert first["deadline"] is None and second["deadline"]["text"] == "年底前"
    assert first["warnings"] == ["请核对牵头单位"] and second["warnings"] == []
    assert first["units"] == second["units"] and first["section"] == second["section"] == "S1"
    assert new["tasks"][2]["text"] == "推进医保支付方式改革"


def test_split_into_given_pieces_keeps_a_deadline_named_in_none_of_them_on_all():
    new = drafts.split_task(make_plan(), "T3", ["城镇新增就业", "6万人。"])
    assert texts(new)[2:] == ["城镇新增就业", "6万人。"]
    assert (
        new["tasks"][2]["deadline"] == new["tasks"][3]["deadline"] == {"text": "年内", "date": "2019-12-31"}
    )


@pytest.mark.parametrize("at", [0, 999, ["只有一段"], ["有内容", "  "]])
def test_a_split_that_leaves_an_empty_piece_is_refused(at):
    with pytest.raises(DraftEditError):
        drafts.split_task(make_plan(), "T1", at)


def test_merge_joins_texts_in_document_order_and_unites_units():
    new = drafts.merge_tasks(make_plan(), ["T3", "T2"])
    assert ids(new) == ["T1", "T2"]
    merged = new["tasks"][1]
    assert merged["text"] == "推进医保支付方式改革；城镇新增就业6万人。"
    assert merged["units"] == ["省财政厅", "省医保局", "各市州政府", "省教育厅", "省人力资源社会保障厅"]
    assert merged["lead"] == ["省人力资源社会保障厅"]
    assert merged["section"] == "S1"
    assert merged["deadline"]["text"] == "年内"
    assert [t["metric"] for t in merged["targets"]] == ["新增就业"]


def test_merge_keeps_the_later_deadline():
    plan = drafts.update_task(make_plan(), "T2", deadline={"text": "明年6月底前", "date": "2020-06-30"})
    merged = drafts.merge_tasks(plan, ["T1", "T2"])["tasks"][0]
    assert merged["deadline"]["date"] == "2020-06-30"


def test_merge_needs_two_tasks():
    with pytest.raises(DraftEditError, match="至少选择两项"):
        drafts.merge_tasks(make_plan(), ["T1", "T1"])


def test_move_puts_the_task_at_the_end_of_its_new_section_with_that_sections_units():
    new = drafts.move_task(make_plan(), "T1", "S2")
    assert texts(new) == [
        "推进医保支付方式改革",
        "城镇新增就业6万人。",
        "压缩一般性支出15%以上。年底前完成医保基金清算。",
    ]
    moved = new["tasks"][2]
    assert moved["section"] == "S2" and moved["units"] == ["省教育厅", "省人力资源社会保障厅"]
    assert moved["suggested_lead"] is None


def test_move_to_an_empty_section_keeps_sections_in_order():
    plan = drafts.move_task(make_plan(), "T3", "S3")
    new = drafts.move_task(plan, "T1", "S2")
    assert [t["section"] for t in new["tasks"]] == ["S1", "S2", "S3"]
    # A section without units leaves the task's own units alone.
    assert new["tasks"][2]["units"] == ["省教育厅", "省人力资源社会保障厅"]


def test_add_a_missed_task_at_the_end_of_its_section_or_after_another():
    new = drafts.add_task(make_plan(), "S1", "加快专项债券发行。")
    assert texts(new)[2] == "加快专项债券发行。" and ids(new) == ["T1", "T2", "T3", "T4"]
    added = new["tasks"][2]
    assert added["units"] == ["省财政厅", "省医保局", "各市州政府"] and added["lead"] == []
    after_first = drafts.add_task(make_plan(), "S1", "新任务", after="T1")
    assert texts(after_first)[1] == "新任务"


def test_adding_an_empty_task_is_refused():
    with pytest.raises(DraftEditError, match="不能为空"):
        drafts.add_task(make_plan(), "S1", "  ")


def test_delete_renumbers_the_rest():
    new = drafts.delete_task(make_plan(), "T1")
    assert ids(new) == ["T1", "T2"] and texts(new)[0] == "推进医保支付方式改革"


def test_accepting_all_suggested_leads_fills_only_tasks_without_a_lead():
    plan = drafts.update_task(make_plan(), "T3", lead=["省教育厅"])
    new = drafts.accept_suggested_leads(plan)
    assert [t["lead"] for t in new["tasks"]] == [["省财政厅"], ["省医保局"], ["省教育厅"]]


def test_accepting_one_suggested_lead():
    new = drafts.accept_suggested_lead(make_plan(), "T2")
    assert new["tasks"][1]["lead"] == ["省医保局"] and new["tasks"][0]["lead"] == []


def test_validate_names_what_blocks_confirmation():
    plan = make_plan()
    problems = drafts.validate(plan)
    assert "任务 T1 没有确定牵头单位。" in problems and "任务 T2 没有确定牵头单位。" in problems
    assert drafts.validate(drafts.accept_suggested_leads(plan)) == []
    no_units = drafts.update_task(drafts.accept_suggested_leads(plan), "T1", units=[])
    assert drafts.validate(no_units) == ["任务 T1 没有责任单位。"]
    assert drafts.validate({**plan, "tasks": []}) == ["方案中没有任务。"]


def test_lead_reasons_follow_their_tasks_through_edits():
    reasons = {"T1": "任务含“支出”，属省财政厅职责", "T2": "任务含“医保”，属省医保局职责"}
    plan, new_reasons = drafts.edit_draft(make_plan(), reasons, drafts.delete_task, "T1")
    assert new_reasons == {"T1": "任务含“医保”，属省医保局职责"}
    assert "_origin" not in plan["tasks"][0]
    plan, new_reasons = drafts.edit_draft(make_plan(), reasons, drafts.add_task, "S1", "新任务", after=None)
    assert new_reasons == reasons
    # Once the suggestion is gone, so is its reason.
    plan, new_reasons = drafts.edit_draft(make_plan(), reasons, drafts.move_task, "T2", "S2")
    assert new_reasons == {"T1": reasons["T1"]}


def test_sentences_offer_the_split_points():
    assert drafts.sentences("甲。乙；丙") == [(0, "甲。"), (2, "乙；"), (4, "丙")]


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), st.integers(0, 5)),
        st.tuples(st.just("merge"), st.integers(0, 5)),
        st.tuples(st.just("split"), st.integers(0, 5)),
        st.tuples(st.just("move"), st.integers(0, 5), st.sampled_from(["S1", "S2", "S3"])),
        st.tuples(st.just("add"), st.sampled_from(["S1", "S2", "S3"])),
    ),
    max_size=12,
)


@settings(max_examples=80, deadline=None)
@given(EDITS)
def test_any_sequence_of_edits_keeps_ids_in_order_and_sections_grouped(edits):
    plan = make_plan()
    for edit in edits:
        tasks = plan["tasks"]
        try:
            if edit[0] == "add":
                plan = drafts.add_task(plan, edit[1], "补充任务。")
            elif not tasks:
                continue
            elif edit[0] == "delete":
                plan = drafts.delete_task(plan, tasks[edit[1] % len(tasks)]["id"])
            elif edit[0] == "merge" and len(tasks) > 1:
                i = edit[1] % (len(tasks) - 1)
                plan = drafts.merge_tasks(plan, [tasks[i]["id"], tasks[i + 1]["id"]])
            elif edit[0] == "split":
                task = tasks[edit[1] % len(tasks)]
                plan = drafts.split_task(plan, task["id"], len(task["text"]) // 2)
            elif edit[0] == "move":
                plan = drafts.move_task(plan, tasks[edit[1] % len(tasks)]["id"], edit[2])
        except DraftEditError:
            pass
        assert ids(plan) == [f"T{i}" for i in range(1, len(plan["tasks"]) + 1)]
    order = {"S1": 0, "S2": 1, "S3": 2}
    sections = [order[t["section"]] for t in plan["tasks"]]
    assert sections == sorted(sections)


def test_meta_edits_and_their_mistakes():
    new = drafts.update_meta(make_plan(), title=" 新标题 ", issued_on="2019-10-18", doc_number="")
    assert new["meta"]["title"] == "新标题" and new["meta"]["issued_on"] == "2019-10-18"
    assert new["meta"]["doc_number"] is None
    with pytest.raises(DraftEditError, match="标题不能为空"):
        drafts.update_meta(make_plan(), title=" ")
    with pytest.raises(DraftEditError, match="无法识别"):
        drafts.update_meta(make_plan(), period_end="年底")
    untitled = drafts.accept_suggested_leads({**make_plan(), "meta": {"title": None}})
    assert drafts.validate(untitled) == ["方案还没有标题。"]
