"""The Excel task table: offices' own layouts read into a plan; plans written out and read back unchanged."""

import datetime as dt
from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from duban.extract.errors import ExtractError
from duban.reports.tasktable import export_plan_dict, read_task_table


def xlsx(rows, merges=(), title="Sheet1") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for merged in merges:
        sheet.merge_cells(merged)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def office_table() -> bytes:
    return xlsx(
        [
            ["关于推进城乡环境整治的实施方案重点任务分解表"],
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "目标指标"],
            [
                1,
                "新建城市公园20座。",
                "市住房城乡建设局",
                "市自然资源局、市财政局",
                "2024年10月底前",
                "新建城市公园20座",
            ],
            [2, "开展河道清淤整治。", "市水务局", "各区县政府；市生态环境局", "长期坚持", None],
            [3, "编制全市绿道规划。", None, None, "2024年6月", None],
        ],
        merges=["A1:F1"],
    )


def test_an_office_table_becomes_a_plan():
    plan = read_task_table(office_table(), "附件1.xlsx")

    assert plan["schema"] == "duban.plan/1"
    assert plan["source"]["format"] == "xlsx"
    assert plan["meta"]["title"] == "关于推进城乡环境整治的实施方案"
    first, second, third = plan["tasks"]
    assert first["text"] == "新建城市公园20座。"
    assert first["lead"] == ["市住房城乡建设局"]
    assert first["units"] == ["市住房城乡建设局", "市自然资源局", "市财政局"]
    assert first["deadline"] == {"text": "2024年10月底前", "date": "2024-10-31"}
    assert [(t["value"], t["unit"]) for t in first["targets"]] == [(20, "座")]
    assert second["units"] == ["市水务局", "各区县政府", "市生态环境局"]
    assert second["deadline"] == {"text": "长期坚持", "date": None}
    assert third["units"] == [] and third["warnings"], "a row without units asks for them"
    assert third["deadline"]["date"] == "2024-06-30"


def test_other_header_words_section_column_and_merged_cells_are_understood():
    data = xlsx(
        [
            ["附件2"],
            ["2025年重点工作任务清单"],
            ["序号", "所属章节", "工作任务", "责任单位", "时间节点", "备注"],
            [
                1,
                "一、稳增长",
                "新增减税降费50亿元以上。",
                "省财政厅（牵头）、省税务局",
                dt.datetime(2025, 6, 30),
                "",
            ],
            [2, None, "推动重大项目开工。", "省发展改革委", "年底前", ""],
            [3, "二、惠民生", "城镇新增就业6万人。", "省人力资源社会保障厅", "2025年12月", ""],
        ],
        merges=["A1:F1", "A2:F2", "B4:B5"],
    )
    plan = read_task_table(data, "清单.xlsx", issued_on=dt.date(2025, 2, 1))

    assert plan["meta"]["title"] == "2025年重点工作"
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [("一", "稳增长"), ("二", "惠民生")]
    tasks = plan["tasks"]
    assert [t["section"] for t in tasks] == ["S1", "S1", "S2"]
    assert tasks[0]["lead"] == ["省财政厅"]
    assert tasks[0]["units"] == ["省财政厅", "省税务局"]
    assert tasks[0]["deadline"] == {"text": "2025年6月30日", "date": "2025-06-30"}
    assert tasks[1]["deadline"] == {"text": "年底前", "date": "2025-12-31"}
    assert tasks[1]["lead"] == [] and tasks[1]["units"] == ["省发展改革委"]
    assert [t["value"] for t in tasks[2]["targets"]] == [6], (
        "without a 目标指标 column targets come from the text"
    )


def test_section_rows_merged_across_and_a_task_over_two_rows():
    data = xlsx(
        [
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["一、优化营商环境"],
            [1, "压缩企业开办时间。", "市市场监管局", "市政务服务局", "2024年6月底前"],
            [None, None, None, "市公安局", None],
            ["注：各单位每月报送进展。"],
        ],
        merges=["A2:E2", "A3:A4", "B3:B4", "C3:C4", "E3:E4", "A5:E5"],
    )
    plan = read_task_table(data)

    assert [s["title"] for s in plan["sections"]] == ["优化营商环境"]
    assert len(plan["tasks"]) == 1
    assert plan["tasks"][0]["units"] == ["市市场监管局", "市政务服务局", "市公安局"]
    assert plan["tasks"][0]["lead"] == ["市市场监管局"]
    assert plan["meta"]["title"] == "任务分解表", "without a title row the file name is the title"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        ("序号,重点任务,牵头单位".encode(), "不是 Excel"),
        (b"PK\x03\x04broken", "损坏"),
        (xlsx([["姓名", "电话"], ["张三", "123"]]), "表头"),
        (xlsx([["序号", "重点任务", "牵头单位"]]), "没有任务"),
    ],
    ids=["empty", "old-xls", "csv", "broken-zip", "no-header", "no-rows"],  # xlsx bytes carry a timestamp
)
def test_bad_files_are_refused_in_chinese(data, words):
    with pytest.raises(ExtractError) as refused:
        read_task_table(data, "上传.xlsx")
    assert words in refused.value.message


def draft_plan() -> dict:
    """An extracted plan as the extractor writes it: nested sections, dates resolved from the issue date."""
    return {
        "schema": "duban.plan/1",
        "source": {"name": "方案.docx", "format": "docx", "encoding": None, "sha256": "0" * 64},
        "meta": {
            "title": "关于开展专项行动的实施方案",
            "doc_number": "某政办〔2019〕110号",
            "issuer": "某省人民政府办公厅",
            "issued_on": "2019-10-17",
            "period_end": "2019-12-31",
        },
        "sections": [
            {"id": "S2", "parent": None, "number": "二", "title": "主要任务", "units": []},
            {"id": "S2.1", "parent": "S2", "number": "一", "title": "稳定经济增长", "units": []},
            {"id": "S2.2", "parent": "S2", "number": "第二", "title": "强化财政金融支撑", "units": []},
            {"id": "S3", "parent": None, "number": "", "title": "保障措施", "units": []},
        ],
        "tasks": [
            task(
                "T1",
                "S2.1",
                "年内压缩一般性支出15％以上。",
                ["省财政厅", "各市州政府"],
                ["省财政厅"],
                {"text": "年内", "date": "2019-12-31"},
                [target("年内压缩一般性支出15％以上", "一般性支出压缩比例", 15, "%", ">=")],
            ),
            task(
                "T2",
                "S2.2",
                "应用比例分别达到80％、50％以上。",
                ["省住房城乡建设厅"],
                [],
                {"text": "5年内", "date": "2024-12-31"},
                [
                    target("应用比例分别达到80％、50％以上", "应用比例", 80, "%", ">="),
                    target("应用比例分别达到80％、50％以上", "应用比例", 50, "%", ">="),
                ],
            ),
            task(
                "T3",
                "S3",
                "建立工作台账，每月调度。",
                ["省政府办公厅"],
                ["省政府办公厅"],
                {"text": "每月10日前", "date": None},
                [],
            ),
            task("T4", None, "做好宣传。", ["省委宣传部（省新闻办）", "省广电局"], [], None, []),
        ],
        "warnings": [],
    }


def task(id_, section, text, units, lead, deadline, targets):
    return {
        "id": id_,
        "section": section,
        "text": text,
        "units": units,
        "units_from": "task",
        "lead": lead,
        "suggested_lead": None,
        "deadline": deadline,
        "targets": targets,
        "warnings": [],
    }


def target(text, metric, value, unit, comparator):
    return {"text": text, "metric": metric, "value": value, "unit": unit, "comparator": comparator}


def task_view(plan: dict) -> list[tuple]:
    """What the round trip must keep: text, lead, co units, deadline, targets and the section path."""
    sections = {s["id"]: s for s in plan["sections"]}

    def path(section_id):
        out = []
        while section_id:
            out.insert(0, (sections[section_id]["number"], sections[section_id]["title"]))
            section_id = sections[section_id]["parent"]
        return tuple(out)

    return [
        (
            t["text"],
            t["lead"],
            [u for u in t["units"] if u not in t["lead"]],
            t["deadline"],
            [(x["text"], x["value"], x["unit"], x["comparator"]) for x in t["targets"]],
            path(t["section"]),
        )
        for t in plan["tasks"]
    ]


def test_a_draft_plan_round_trips_through_the_table():
    original = draft_plan()
    out = BytesIO()
    export_plan_dict(original, out)
    back = read_task_table(out.getvalue(), "任务分解表.xlsx")

    assert task_view(back) == task_view(original)
    assert back["meta"] == original["meta"]
    assert [(s["number"], s["title"]) for s in back["sections"]] == [
        ("二", "主要任务"),
        ("一", "稳定经济增长"),
        ("第二", "强化财政金融支撑"),
        ("", "保障措施"),
    ]


def test_the_written_table_is_ready_to_print():
    out = BytesIO()
    export_plan_dict(draft_plan(), out)
    sheet = load_workbook(BytesIO(out.getvalue()))["任务分解表"]

    assert sheet["A1"].value == "关于开展专项行动的实施方案"
    assert [c.value for c in sheet[2]] == [
        "序号",
        "所属章节",
        "重点任务",
        "牵头单位",
        "配合单位",
        "完成时限",
        "目标指标",
    ]
    assert all(c.font.bold for c in sheet[2])
    assert sheet["B3"].value == "二、主要任务\n（一）稳定经济增长"
    assert sheet["F4"].value == "5年内（2024-12-31）", "a date the words alone do not give is written out"
    assert sheet["F3"].value == "年内"
    assert sheet["G4"].value == "应用比例分别达到80％、50％以上"
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    assert sheet["C3"].alignment.wrap_text


def test_edited_target_words_are_read_again():
    out = BytesIO()
    export_plan_dict(draft_plan(), out)
    book = load_workbook(BytesIO(out.getvalue()))
    book["任务分解表"]["G3"] = "年内压缩一般性支出20%以上"
    edited = BytesIO()
    book.save(edited)

    back = read_task_table(edited.getvalue())
    assert [(t["value"], t["comparator"]) for t in back["tasks"][0]["targets"]] == [(20, ">=")]


def test_the_extractors_own_table_reads_back():
    from duban.extract.formats import render_xlsx
    from duban.extract.model import Plan

    original = draft_plan()
    back = read_task_table(render_xlsx(Plan.from_dict(original)), "extract.xlsx")

    assert [t["text"] for t in back["tasks"]] == [t["text"] for t in original["tasks"]]
    assert [t["lead"] for t in back["tasks"]] == [t["lead"] for t in original["tasks"]]
    assert [t["deadline"] for t in back["tasks"]][:2] == [t["deadline"] for t in original["tasks"]][:2]


def test_a_two_row_header_and_a_repeated_header_are_understood():
    data = xlsx(
        [
            ["序号", "重点任务", "责任单位", None, "完成时限"],
            [None, None, "牵头单位", "配合单位", None],
            [1, "建设智慧社区。", "市民政局", "市大数据局", "2024年底前"],
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            [2, "推进老旧小区改造。", "市住房城乡建设局", "各区政府", "2024年12月"],
        ],
        merges=["A1:A2", "B1:B2", "C1:D1", "E1:E2"],
    )
    tasks = read_task_table(data)["tasks"]
    assert [(t["text"], t["lead"], t["units"]) for t in tasks] == [
        ("建设智慧社区。", ["市民政局"], ["市民政局", "市大数据局"]),
        ("推进老旧小区改造。", ["市住房城乡建设局"], ["市住房城乡建设局", "各区政府"]),
    ]


def test_leads_written_inside_a_single_units_column():
    data = xlsx(
        [
            ["序号", "具体任务", "牵头及配合单位"],
            [1, "开展消防安全检查。", "市消防救援支队、市应急局"],
            [2, "整治违规电动车充电。", "市应急局牵头，市公安局配合"],
        ]
    )
    tasks = read_task_table(data)["tasks"]
    assert [t["lead"] for t in tasks] == [["市消防救援支队"], ["市应急局"]]
    assert tasks[1]["units"] == ["市应急局", "市公安局"]


WORDS = [
    "序号",
    "重点任务",
    "牵头单位",
    "配合单位",
    "完成时限",
    "目标指标",
    "章节",
    "一、总体",
    "市财政局、市税务局",
    "年底前",
    "新建公园20座",
    "",
    None,
    3,
    2.5,
    "（一）强化",
    "注：说明",
    "市应急局牵头，市公安局配合",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=7), max_size=8),
    st.lists(
        st.tuples(st.integers(1, 8), st.integers(1, 7), st.integers(0, 2), st.integers(0, 2)), max_size=3
    ),
)
def test_any_table_is_read_or_refused_with_a_message(rows, merges):
    try:
        data = xlsx(
            rows, [f"{get_column_letter(c)}{r}:{get_column_letter(c + w)}{r + h}" for r, c, h, w in merges]
        )
    except Exception:
        return  # openpyxl itself refuses (overlapping merges, control characters): not our input
    try:
        plan = read_task_table(data)
    except ExtractError as refused:
        assert refused.message
        return
    assert all(t["text"] for t in plan["tasks"])
    assert {t["section"] for t in plan["tasks"]} <= {s["id"] for s in plan["sections"]} | {None}
