"""Heading shapes, numbers, run-in titles and levels (by the order numbering styles appear)."""

import pytest

from duban.extract import parse_document
from duban.extract.blocks import Document, Paragraph
from duban.extract.headings import read_attachment, read_numbering, split_title
from duban.extract.model import Source
from duban.extract.textutil import collapse


def plan_of(text: str):
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return parse_document(
        Document(Source("测试方案.txt", "txt"), [Paragraph(t, i) for i, t in enumerate(lines)])
    )


def outline(plan) -> list[tuple[str, str | None, str, str]]:
    return [(s.id, s.parent, s.number, s.title) for s in plan.sections]


@pytest.mark.parametrize(
    ("line", "style", "number", "rest"),
    [
        ("一、总体要求", "cn_dun", "一", "总体要求"),
        ("十二、强化督查", "cn_dun", "十二", "强化督查"),
        ("（三）完善机制", "cn_paren", "三", "完善机制"),
        ("(三)完善机制", "cn_paren", "三", "完善机制"),
        ("1.开展排查", "ar_dot", "1", "开展排查"),
        ("2、开展排查", "ar_dun", "2", "开展排查"),
        ("3．开展排查", "ar_dot", "3", "开展排查"),
        ("4﹒开展排查", "ar_dot", "4", "开展排查"),
        ("（4）开展排查", "ar_paren", "4", "开展排查"),
        ("(4)开展排查", "ar_paren", "4", "开展排查"),
        ("⑤开展排查", "circled", "⑤", "开展排查"),
        ("第一，稳住经济大盘。", "di", "第一", "稳住经济大盘。"),
        ("第三条 本办法自印发之日起施行", "tiao", "第三条", "本办法自印发之日起施行"),
        ("第二章 工作任务", "zhang", "第二章", "工作任务"),
    ],
)
def test_every_numbering_shape_gives_its_numeral_without_punctuation(line, style, number, rest):
    numbering = read_numbering(line)
    assert numbering is not None
    assert (numbering.style, numbering.number, numbering.rest) == (style, number, rest)


@pytest.mark.parametrize(
    "line",
    [
        "1918个村级服务站完成改造。",
        "2019年全面完成清零任务。",
        "一是强化统筹调度。",
        "各区要加快推进。",
        "12.50",
    ],
)
def test_sentences_that_start_with_a_numeral_are_not_headings(line):
    assert read_numbering(line) is None


def test_a_decimal_at_line_start_is_only_a_heading_where_it_continues_a_list():
    plan = plan_of("""
        一、重点任务
        1.扩大有效投资。推动项目开工。（责任单位：区发展改革委）
        2.5亿元专项资金年内全部拨付到位。
        """)
    assert len(plan.tasks) == 1
    assert plan.tasks[0].text.startswith("扩大有效投资。")
    assert [s.title for s in plan.sections] == ["重点任务"]


def test_a_run_in_title_ends_at_the_first_full_stop_or_colon_outside_quotes():
    assert split_title("推行“一网通办。”改革。加快流程再造。") == ("推行“一网通办。”改革", "加快流程再造。")
    assert split_title("发展目标：到2025年基本建成") == ("发展目标", "到2025年基本建成")
    assert split_title("工作任务") == ("工作任务", "")


def test_levels_follow_the_order_styles_first_appear():
    plan = plan_of("""
        一、主要任务
        1.优化营商环境
        （1）压缩审批时限。（责任单位：区政务服务办）
        （2）推行容缺受理。（责任单位：区政务服务办）
        2.强化要素保障
        （1）保障产业用地。（责任单位：区规划资源局）
        二、保障措施
        （一）加强组织领导。成立工作专班。
        """)
    assert outline(plan) == [
        ("S1", None, "一", "主要任务"),
        ("S1.1", "S1", "1", "优化营商环境"),
        ("S1.2", "S1", "2", "强化要素保障"),
        ("S2", None, "二", "保障措施"),
        ("S2.1", "S2", "一", "加强组织领导"),
    ]
    assert [t.section for t in plan.tasks] == ["S1.1", "S1.1", "S1.2"]


def test_the_same_styles_nest_the_other_way_round_in_another_plan():
    plan = plan_of("""
        第一章 总则
        第一条 为规范管理，制定本细则。
        第二章 工作任务
        第二条 建立台账制度。（责任单位：市统计局）
        第三条 开展季度核查。（责任单位：市统计局、市财政局）
        """)
    assert [(s.number, s.parent) for s in plan.sections] == [
        ("第一章", None),
        ("第一条", "S1"),
        ("第二章", None),
    ]
    assert [t.text for t in plan.tasks] == ["建立台账制度。", "开展季度核查。"]


def test_numbering_that_continues_across_sections_keeps_its_level():
    plan = plan_of("""
        一、总体要求
        （一）指导思想。坚持系统观念。
        （二）工作目标。到年底基本完成。
        二、重点任务
        （三）推进老旧小区改造。完成改造二十个。（区住房城乡建设管理委负责）
        （四）推进口袋公园建设。新建十座。（区绿化市容局负责）
        """)
    assert ("S2", None, "二", "重点任务") in outline(plan)
    assert [t.section for t in plan.tasks] == ["S2", "S2"]
    assert [s.title for s in plan.sections if s.parent == "S1"] == ["指导思想", "工作目标"]


def test_run_in_item_is_a_task_and_its_heading_is_in_the_text():
    plan = plan_of("""
        二、重点任务
        （一）启动绿道建设。沿河布局慢行系统，年内贯通十公里。（责任单位：区绿化市容局）
        """)
    assert plan.tasks[0].text == "启动绿道建设。沿河布局慢行系统，年内贯通十公里。"
    assert [s.title for s in plan.sections] == ["重点任务"]


def test_run_in_item_holding_numbered_items_is_a_section_titled_by_its_first_words():
    plan = plan_of("""
        二、重点任务
        （一）人才引育行动。围绕主导产业，实施如下项目：
        1.青年英才项目。每年资助青年人才一百名。（牵头单位：区人社局）
        2.工匠培育项目。建设技能大师工作室五个。（牵头单位：区总工会）
        """)
    assert outline(plan) == [("S1", None, "二", "重点任务"), ("S1.1", "S1", "一", "人才引育行动")]
    assert [t.text for t in plan.tasks] == [
        "青年英才项目。每年资助青年人才一百名。",
        "工匠培育项目。建设技能大师工作室五个。",
    ]


def test_first_comma_style_themes_with_a_unit_pool_are_sections_of_sentence_tasks():
    sentences = "".join(f"开展第{n}批专项检查。" for n in range(1, 12))
    plan = plan_of(f"""
        二、主要任务
        第一，全力稳定工业运行。{sentences}（责任单位：省工业和信息化厅、省统计局，各市州政府）
        第二，持续优化营商环境。{sentences}（责任单位：省发展改革委，各市州政府）
        """)
    assert [(s.number, s.title) for s in plan.sections[1:]] == [
        ("第一", "全力稳定工业运行"),
        ("第二", "持续优化营商环境"),
    ]
    assert len(plan.tasks) == 22
    assert plan.tasks[0].text == "开展第1批专项检查。"
    assert plan.tasks[0].units == ["省工业和信息化厅", "省统计局", "各市州政府"]
    assert plan.tasks[0].units_from == "section"
    assert plan.sections[1].units == ["省工业和信息化厅", "省统计局", "各市州政府"]


def test_attachment_heading_with_its_title_on_the_next_line():
    assert read_attachment("附件1") is not None
    assert read_attachment("附件：重点任务分解表").title == "重点任务分解表"
    assert read_attachment("附件：1.任务清单").is_list
    assert read_attachment("附件是本方案的组成部分。") is None


def test_a_list_of_attachments_is_not_a_section():
    plan = plan_of("""
        一、工作措施
        （一）开展全面排查。摸清底数。
        附件：
        1.排查统计表
        2.工作联系表
        """)
    assert [s.title for s in plan.sections] == ["工作措施"]
    assert [t.text for t in plan.tasks] == ["开展全面排查。摸清底数。"]


def test_part_headings_sit_above_the_others():
    plan = plan_of("""
        第一部分 总体要求
        一、指导思想
        坚持统筹推进。
        第二部分 重点任务
        一、推进产业升级
        （一）培育龙头企业。新增规上企业二十家。（责任单位：市工信局）
        """)
    assert [(s.id, s.number, s.title) for s in plan.sections] == [
        ("S1", "第一部分", "总体要求"),
        ("S1.1", "一", "指导思想"),
        ("S2", "第二部分", "重点任务"),
        ("S2.1", "一", "推进产业升级"),
    ]
    assert plan.tasks[0].section == "S2.1"


def test_a_second_list_in_one_section_restarts_at_one():
    plan = plan_of("""
        一、工作措施
        1.摸清底数。开展一次全面排查。
        2.建立台账。实行销号管理。
        此外，还要做好以下工作：
        1.加强宣传。印发宣传资料。
        """)
    assert [t.text for t in plan.tasks] == [
        "摸清底数。开展一次全面排查。",
        "建立台账。实行销号管理。",
        "加强宣传。印发宣传资料。",
    ]


def test_decimal_outline_numbering_nests_by_depth():
    plan = plan_of("""
        1.总体要求
        1.1 指导思想。坚持问题导向。
        2.重点任务
        2.1 完善设施
        2.1.1 新建驿站十个。（责任单位：区城管局）
        2.1.2 改造公厕二十座。（责任单位：区绿化市容局）
        """)
    assert [(s.number, s.parent) for s in plan.sections][-2:] == [("2", None), ("2.1", "S2")]
    assert [t.text for t in plan.tasks] == ["新建驿站十个。", "改造公厕二十座。"]


def test_attachment_heading_without_punctuation_after_its_label():
    attachment = read_attachment("附件 重点任务分解表")
    assert (attachment.number, attachment.title, attachment.is_list) == ("附件", "重点任务分解表", False)


@pytest.mark.parametrize(("line", "number"), [("1总体要求", "1"), ("3 保障措施", "3"), ("12组织实施", "12")])
def test_a_bare_number_before_a_short_title_is_a_heading(line, number):
    assert read_numbering(collapse(line)).number == number


def test_a_plan_numbered_with_bare_numbers_and_outline_numbers():
    plan = plan_of("""
        1 总体要求
        统筹推进农村供水保障工作。
        2 重点任务
        2.1 改造供水管网。年内改造管网80公里。（县水利局负责）
        2.2 提升水质检测能力。新建检测中心1个。（县卫生健康局负责）
        3 保障措施
        加强资金保障。
        """)
    assert [s.title for s in plan.sections] == ["总体要求", "重点任务", "保障措施"]
    assert [(t.section, t.units) for t in plan.tasks] == [("S2", ["县水利局"]), ("S2", ["县卫生健康局"])]


@pytest.mark.parametrize(
    "line",
    [
        "3家企业完成改造",
        "12月底前完成验收",
        "2019年工作要点",
        "1推进改厕。年内完成500户",
        "2县财政局",
        "5粮食产量增长2%",
    ],
)
def test_a_line_opening_with_a_count_or_a_date_is_not_a_bare_heading(line):
    found = read_numbering(line)
    assert found is None or found.style != "ar_bare"
