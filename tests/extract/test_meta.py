"""Metadata: the plan's own title (not the notice's), document number, issuer, dates, period end."""

import pytest

from duban.extract import parse_document
from duban.extract.blocks import Document, Paragraph
from duban.extract.meta import letterhead_issuer, parse_date
from duban.extract.model import Source


def plan_of(text: str):
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return parse_document(
        Document(Source("测试方案.txt", "txt"), [Paragraph(t, i) for i, t in enumerate(lines)])
    )


BODY = """
一、主要任务
（一）推进集中供热改造。完成改造二十处。（责任单位：市住房城乡建设局）
"""


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("2021年3月9日", "2021-03-09"),
        ("二〇二一年三月九日", "2021-03-09"),
        ("二○二二年十二月三十一日", "2022-12-31"),
        ("2021-03-09", "2021-03-09"),
        ("2021.3.9", "2021-03-09"),
        ("二〇二一年十二月二十日", "2021-12-20"),
    ],
)
def test_dates_in_chinese_and_iso_forms(printed, iso):
    date = parse_date(printed)
    assert (date.isoformat() if date else None) == iso


def test_covering_notice_is_told_apart_from_the_plan():
    plan = plan_of(
        """
        某某市人民政府办公室关于印发《某某市供热保障工作方案》的通知
        某政办发〔2021〕12号
        各区县人民政府，市政府各部门：
        《某某市供热保障工作方案》已经市政府同意，现印发给你们，请认真组织实施。
        某某市人民政府办公室
        2021年9月30日
        某某市供热保障工作方案
        为保障群众温暖过冬，制定本方案。
        """
        + BODY
    )
    meta = plan.meta
    assert meta.title == "某某市供热保障工作方案"
    assert meta.doc_number == "某政办发〔2021〕12号"
    assert meta.issuer == "某某市人民政府办公室"
    assert meta.issued_on == "2021-09-30"
    assert [t.text for t in plan.tasks] == ["推进集中供热改造。完成改造二十处。"]
    assert not any("印发" in t.text for t in plan.tasks)


def test_title_broken_over_two_lines_is_joined():
    plan = plan_of(
        """
        关于深入开展农村人居环境
        整治提升行动的实施方案
        为改善农村人居环境，制定本方案。
        """
        + BODY
    )
    assert plan.meta.title == "关于深入开展农村人居环境整治提升行动的实施方案"


def test_plan_title_comes_from_the_notice_when_the_plan_does_not_repeat_it():
    plan = plan_of(
        """
        关于印发《县域商业体系建设行动方案》的通知
        各乡镇人民政府：
        现将《县域商业体系建设行动方案》印发给你们，请认真贯彻执行。
        某某县人民政府
        2022年5月8日
        为完善县域商业体系，现提出如下措施。
        """
        + BODY
    )
    assert plan.meta.title == "县域商业体系建设行动方案"
    assert plan.meta.issuer == "某某县人民政府"


def test_web_page_metadata_lines_are_read_not_extracted():
    plan = plan_of(
        """
        索 引 号 :11330000/2020-01234发文字号 :浙某办〔2020〕8号
        发布机构 :某某省人民政府办公厅
        成文日期 :2020-06-18
        某某省老旧小区改造三年行动计划
        """
        + BODY
    )
    meta = plan.meta
    assert (meta.doc_number, meta.issuer, meta.issued_on) == (
        "浙某办〔2020〕8号",
        "某某省人民政府办公厅",
        "2020-06-18",
    )
    assert meta.title == "某某省老旧小区改造三年行动计划"


def test_signature_at_the_end_gives_issuer_and_date():
    plan = plan_of(
        """
        某某市人民政府关于加快发展夜间经济的实施意见
        各区人民政府，市政府各部门：
        为激发消费活力，现提出如下意见。
        """
        + BODY
        + """
        某某市人民政府
        二〇二三年六月一日
        （此件公开发布）
        """
    )
    meta = plan.meta
    assert meta.title == "某某市人民政府关于加快发展夜间经济的实施意见"
    assert (meta.issuer, meta.issued_on) == ("某某市人民政府", "2023-06-01")
    assert plan.tasks[-1].text == "推进集中供热改造。完成改造二十处。"


def test_a_quarter_long_action_ends_with_that_quarter():
    plan = plan_of(
        """
        关于开展四季度安全生产大检查的工作方案
        为做好岁末年初安全工作，决定四季度在全市开展安全生产大检查专项行动。
        """
        + BODY
        + """
        某某市安全生产委员会办公室
        2020年10月9日
        """
    )
    assert plan.meta.period_end == "2020-12-31"


def test_no_period_end_when_the_plan_does_not_say():
    plan = plan_of("某某区垃圾分类工作方案\n为推进垃圾分类，制定本方案。" + BODY)
    assert plan.meta.period_end is None


def test_missing_title_and_date_are_warned_about():
    plan = plan_of("为加强冬季供暖保障，提出以下意见。" + BODY)
    assert plan.meta.title is None
    assert plan.meta.issued_on is None
    assert any("标题" in w for w in plan.warnings)
    assert any("成文日期" in w for w in plan.warnings)


def test_doc_number_printed_above_the_notice_title_and_issuer_named_in_it():
    plan = plan_of(
        """
        某政办发〔2022〕5号
        某某市人民政府办公厅关于印发某某市节水行动实施方案的通知
        各县（市、区）人民政府，市直各部门：
        现将《某某市节水行动实施方案》印发给你们，请认真贯彻落实。
        某某市节水行动实施方案
        """
        + BODY
    )
    meta = plan.meta
    assert (meta.doc_number, meta.issuer, meta.title) == (
        "某政办发〔2022〕5号",
        "某某市人民政府办公厅",
        "某某市节水行动实施方案",
    )


def test_plan_printed_as_the_notice_attachment():
    plan = plan_of(
        """
        关于印发《某某区夜间经济发展行动方案》的通知
        各街道办事处：
        现将《某某区夜间经济发展行动方案》印发给你们，请认真贯彻落实。
        某某区人民政府办公室
        2022年8月1日
        附件
        某某区夜间经济发展行动方案
        为繁荣夜间经济，制定本方案。
        """
        + BODY
    )
    assert plan.meta.title == "某某区夜间经济发展行动方案"
    assert [(s.number, s.parent) for s in plan.sections] == [("一", None)]
    assert [t.section for t in plan.tasks] == ["S1"]


def test_issuer_and_date_printed_on_one_line():
    plan = plan_of(
        "某某县文明城市创建工作方案\n为巩固创建成果，制定本方案。"
        + BODY
        + "某某县人民政府办公室 2021年5月6日"
    )
    assert (plan.meta.issuer, plan.meta.issued_on) == ("某某县人民政府办公室", "2021-05-06")
    assert plan.tasks[-1].text == "推进集中供热改造。完成改造二十处。"


def test_attachment_label_before_the_plan_title_is_not_part_of_it():
    plan = plan_of(
        """
        关于印发社区养老服务提升方案的通知
        各街道：
        现将方案印发给你们，请认真贯彻执行。
        某某区民政局
        2023年2月3日
        附件1：某某区社区养老服务提升方案
        """
        + BODY
    )
    assert plan.meta.title == "某某区社区养老服务提升方案"
    assert plan.sections[0].number == "一"


def test_a_joint_signature_names_both_issuers():
    plan = plan_of(
        "某某市乡村振兴实施意见\n为推进乡村振兴，提出如下意见。"
        + BODY
        + """
        中共某某市委办公室
        某某市人民政府办公室
        2022年3月1日
        """
    )
    assert plan.meta.issuer == "中共某某市委办公室、某某市人民政府办公室"


def test_the_period_printed_under_the_title_belongs_to_it():
    plan = plan_of(
        """
        某某市新能源汽车推广应用行动计划
        （2023—2025年）
        为推广新能源汽车，制定本计划。
        """
        + BODY
    )
    assert plan.meta.title == "某某市新能源汽车推广应用行动计划（2023—2025年）"
    assert plan.meta.period_end == "2025-12-31"


def test_web_header_without_colons_gives_doc_number_and_the_signature_gives_the_full_issuer():
    meta = plan_of(
        """
        索 引 号 QX0012/2024-00031 发文日期 2024-03-08
        发布机构 县人民政府办公室 文    号 青县政办〔2024〕7号
        县人民政府办公室关于印发青县农村供水提升实施方案的通知
        各乡镇人民政府，县直各部门：
        现将《青县农村供水提升实施方案》印发给你们，请认真贯彻执行。
        青县人民政府办公室
        2024年3月8日
        青县农村供水提升实施方案
        """
        + BODY
    ).meta
    assert meta.doc_number == "青县政办〔2024〕7号"
    assert meta.issuer == "青县人民政府办公室"
    assert meta.title == "青县农村供水提升实施方案"
    assert meta.issued_on == "2024-03-08"


def test_an_empty_web_header_field_does_not_swallow_the_next_label():
    meta = plan_of("文 号: 文件分类: 民政 所属机构:\n" + "某县养老服务提升方案\n" + BODY).meta
    assert meta.doc_number is None
    assert meta.title == "某县养老服务提升方案"


def test_plan_title_after_a_signature_with_no_notice_title_line():
    meta = plan_of(
        """
        各市（州）人民政府，省直有关部门：
        经省政府同意，现将《某省“十五五”冷链物流发展实施方案》印发给你们，请认真组织实施。
        某省商务厅
        2026年2月3日
        某省“十五五”冷链物流发展实施方案
        """
        + BODY
    ).meta
    assert meta.title == "某省“十五五”冷链物流发展实施方案"
    assert meta.issuer == "某省商务厅"
    assert meta.period_end == "2030-12-31"


def test_a_notices_own_numbered_paragraphs_are_not_the_plans_sections():
    plan = plan_of("""
        市人民政府办公室关于印发2024年重点民生项目分工方案的通知
        各区人民政府，市政府各部门：
        《2024年重点民生项目分工方案》已经市政府同意，现印发给你们，并就有关事项通知如下：
        一、各单位要细化工作举措，明确时间节点。
        二、市政府督查室将定期通报落实情况。
        某市人民政府办公室
        2024年2月1日
        2024年重点民生项目分工方案
        一、教育民生项目
        （一）新建幼儿园5所
        责任单位：市教育局
        """)
    assert [s.title for s in plan.sections] == ["教育民生项目"]
    assert plan.meta.title == "2024年重点民生项目分工方案"
    assert plan.meta.issuer == "某市人民政府办公室"
    assert [t.units for t in plan.tasks] == [["市教育局"]]


def test_plan_title_under_an_attachment_mark_after_the_notice():
    plan = plan_of("""
        某区人民政府办公室关于印发2024年为民办实事项目的通知
        各街道办事处，区级各部门：
        现将有关事项印发给你们，请认真抓好落实。
        附件：1.2024年为民办实事项目分解表
        2.2024年重点工作分解表
        某区人民政府办公室
        2024年1月9日
        附件1
        2024年为民办实事项目分解表
        一、增设社区食堂10个
        责任单位：区民政局
        二、改造背街小巷20条
        责任单位：区城管局
        """)
    assert plan.meta.title == "2024年为民办实事项目分解表"
    assert [(s.number, s.title) for s in plan.sections][0] == ("附件1", "2024年为民办实事项目分解表")
    assert plan.tasks[0].units == ["区民政局"]


def test_an_unsigned_notices_numbered_paragraphs_end_at_the_plans_title():
    plan = plan_of("""
        关于印发2024年农村饮水安全工作方案的通知
        各乡镇人民政府：
        现将《2024年农村饮水安全工作方案》印发给你们，并提出如下要求：
        一、提高认识。各乡镇要高度重视。
        二、强化督查。县政府将定期通报。
        2024年农村饮水安全工作方案
        一、工程建设
        （一）新建集中供水工程3处。（县水利局负责）
        二、水质保障
        （二）新增水质检测点12个。（县卫健局负责）
        """)
    assert [s.title for s in plan.sections] == ["工程建设", "水质保障"]
    assert plan.meta.title == "2024年农村饮水安全工作方案"


def test_a_plan_signed_at_its_end_keeps_its_sections_before_an_attachment():
    plan = plan_of("""
        关于印发某县河长制工作方案的通知
        各乡镇：
        现将《某县河长制工作方案》印发给你们，请认真贯彻执行。
        某县河长制工作方案
        一、主要任务
        （一）清理河道垃圾。（县水利局负责）
        二、保障措施
        （一）加强组织领导。
        某县人民政府办公室
        2024年4月2日
        附件1
        河长名单
        一、县级河长
        """)
    assert [s.title for s in plan.sections][:2] == ["主要任务", "保障措施"]
    assert plan.tasks[0].units == ["县水利局"]


def test_a_page_header_with_source_and_publication_time():
    meta = plan_of(
        "来源：某县人民政府办公室 发布时间：2024-05-06 10:30\n浏览次数：\n某县夏粮收购工作方案\n" + BODY
    ).meta
    assert meta.title == "某县夏粮收购工作方案"
    assert meta.issuer == "某县人民政府办公室"
    assert meta.issued_on == "2024-05-06"


def test_a_document_number_printed_in_brackets_under_the_title():
    meta = plan_of("某县防汛抗旱应急预案\n（某政办发〔2024〕15号）\n" + BODY).meta
    assert meta.doc_number == "某政办发〔2024〕15号"
    assert meta.title == "某县防汛抗旱应急预案"


def test_titles_ending_in_fen_jie_or_yu_an_are_plan_titles():
    plan = plan_of("""
        各镇人民政府，县直各单位：
        现将《2025年县政府重点工作责任分解》印发给你们，请认真抓好落实。
        一、加强领导。各单位主要负责同志要亲自抓。
        二、按月调度。县政府办每月通报进度。
        2025年县政府重点工作责任分解
        一、产业发展
        （一）新增规上工业企业10家。（县工信局负责）
        """)
    assert plan.meta.title == "2025年县政府重点工作责任分解"
    assert [s.title for s in plan.sections] == ["产业发展"]


@pytest.mark.parametrize("label", ["全文", "【打印】", "字号：大 中 小"])
def test_a_web_page_label_above_the_text_is_not_the_title(label):
    plan = plan_of(f"{label}\n为进一步优化营商环境，结合本市实际，制定如下要点。\n{BODY}")
    assert plan.meta.title is None


def test_a_web_page_header_table_pasted_with_cell_borders_gives_fields_not_a_title():
    plan = plan_of(
        "| 索引号:11340000/2023-00012 | |\n| 发文字号: | 发文时间:2023-02-10 |\n| 发文机关:某镇人民政府 | 主题词:计划 |\n"
        f"| 标题:某镇人民政府2023年重点工作计划 | |\n{BODY}"
    )
    meta = plan.meta
    assert (meta.title, meta.doc_number, meta.issuer, meta.issued_on) == (
        "某镇人民政府2023年重点工作计划",
        None,
        "某镇人民政府",
        "2023-02-10",
    )


def test_a_web_page_header_in_traditional_script_gives_number_issuer_and_date_as_printed():
    plan = plan_of(
        "索引號: | 11330100/2019-000321 | 公開方式: | 主動公開 |\n文號: | 某政辦函〔2019〕8號 | 成文日期: | 2019-03-01 |\n"
        f"發布單位: | 市政府 | 主題分類: | 綜合政務 |\n{BODY}"
    )
    meta = plan.meta
    assert (meta.title, meta.doc_number, meta.issuer, meta.issued_on) == (
        None,
        "某政辦函〔2019〕8號",
        "市政府",
        "2019-03-01",
    )


def test_a_title_line_ending_in_fen_jie_continues_on_a_line_that_starts_with_he():
    plan = plan_of(f"2024年全区重点工作任务分解\n和责任分工方案\n为抓好落实，制定本方案。\n{BODY}")
    assert plan.meta.title == "2024年全区重点工作任务分解和责任分工方案"


def test_a_news_report_in_front_of_the_plan_names_its_issuer():
    plan = plan_of(
        "本报讯 近日，某省人民政府印发关于2024年重点工作责任分解的通知，明确了各项工作的牵头单位。\n"
        f"通知要求各地抓好落实。\n{BODY}"
    )
    assert plan.meta.issuer == "某省人民政府"


def test_a_traditional_web_header_with_title_and_publication_date_labels_keeps_fields_apart():
    plan = plan_of(
        """
        發文機關: 某某省人民政府辦公廳 成文日期: 2019年05月08日
        標  題: 某某省人民政府辦公廳關於做好春耕生產工作的通知
        發文字號: 某政辦函〔2019〕7號 發佈日期: 2019年05月12日
        """
        + BODY
    )
    meta = plan.meta
    assert meta.title == "某某省人民政府辦公廳關於做好春耕生產工作的通知"
    assert meta.doc_number == "某政辦函〔2019〕7號"
    assert meta.issued_on == "2019-05-08"


def test_a_letterhead_line_names_the_issuer_and_is_not_the_title():
    plan = plan_of(
        """
        某某县人民政府办公室文件
        某政办〔2022〕9号
        某某县人民政府办公室关于印发某某县秋冬季大气污染治理工作方案的通知
        各乡镇人民政府，县直各部门：
        现将《某某县秋冬季大气污染治理工作方案》印发给你们，请认真贯彻执行。
        某某县秋冬季大气污染治理工作方案
        """
        + BODY
    )
    meta = plan.meta
    assert meta.issuer == "某某县人民政府办公室"
    assert meta.doc_number == "某政办〔2022〕9号"
    assert meta.title == "某某县秋冬季大气污染治理工作方案"


def test_a_letterhead_run_into_a_pasted_paragraph_names_the_issuer_from_the_number_code():
    plan = plan_of(
        """
        平政 [2021] 5号
        各乡（镇）人民政府，县政府各部门：
        现将《政府工作报告》提出的重点工作予以分解。对有时间节点的重平安县人民政府文件平政〔2021〕6号点工作实行专项督查。
        """
        + BODY
    )
    assert plan.meta.issuer == "平安县人民政府"


@pytest.mark.parametrize(
    "pasted, issuer",
    [
        ("对有时间节点的重北京市人民政府文件京政发〔2021〕6号点工作实行专项督查。", "北京市人民政府"),
        (
            "对有时间节点的重浙江省人民政府办公厅文件浙政办发〔2021〕6号点工作实行专项督查。",
            "浙江省人民政府办公厅",
        ),
    ],
)
def test_a_run_in_letterhead_with_a_province_code_names_the_whole_body(pasted, issuer):
    from duban.extract.meta import run_in_letterhead

    assert run_in_letterhead(pasted) == issuer


def test_a_document_cited_in_the_notice_is_no_letterhead():
    plan = plan_of(
        """
        各乡镇人民政府，县直各部门：
        根据平安县人民政府文件平政〔2020〕3号要求，现将有关任务分解如下。
        """
        + BODY
    )
    assert plan.meta.issuer is None


@pytest.mark.parametrize("bracket", ["（一）", "(二)"])
def test_the_part_numeral_after_a_plan_title_is_not_the_title(bracket):
    plan = plan_of(
        f"""
        2024年市《政府工作报告》重点工作分工方案{bracket}
        为确保各项重点工作落地见效，现制定分工方案如下。
        """
        + BODY
    )
    assert plan.meta.title == "2024年市《政府工作报告》重点工作分工方案"


def test_a_bracketed_period_or_trial_note_after_a_title_stays_in_it():
    plan = plan_of("某某市养老服务补贴管理办法（试行）\n" + BODY)
    assert plan.meta.title == "某某市养老服务补贴管理办法（试行）"


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("某某省人民政府辦公廳文件", "某某省人民政府辦公廳"),
        ("中共某某县委办公室文件", "中共某某县委办公室"),
        ("关于转发省政府文件", None),
        ("贯彻落实市政府文件", None),
    ],
)
def test_letterhead_lines_name_a_body_and_lines_about_a_document_do_not(line, issuer):
    assert letterhead_issuer(line) == issuer
