"""Responsible units in every printed style, and the lead conventions plans state."""

import pytest

from duban.extract import parse_document
from duban.extract.blocks import Document, Paragraph
from duban.extract.model import Source
from duban.extract.textutil import collapse
from duban.extract.unitlists import parse_note, split_annotated, split_units


def plan_of(text: str):
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return parse_document(
        Document(Source("测试方案.txt", "txt"), [Paragraph(t, i) for i, t in enumerate(lines)])
    )


@pytest.mark.parametrize(
    ("printed", "units"),
    [
        ("区发展改革委、区财政局，各街镇", ["区发展改革委", "区财政局", "各街镇"]),
        ("区委宣传部（区文明办、区网信办）、区教育局", ["区委宣传部（区文明办、区网信办）", "区教育局"]),
        ("市财政局；市税务局", ["市财政局", "市税务局"]),
        ("市民政局,市卫生健康委", ["市民政局", "市卫生健康委"]),
        ("各市州政府", ["各市州政府"]),
        ("市人社局，各区、县级市", ["市人社局", "各区、县级市"]),
        ("县水利局、县农业农村局等相关部门", ["县水利局", "县农业农村局"]),
        ("省政府各委、办、厅、局", ["省政府各委、办、厅、局"]),
        (" 区应急局 、 区消防救援支队 ", ["区应急局", "区消防救援支队"]),
    ],
)
def test_unit_lists_split_on_list_marks_but_keep_brackets_and_groups_whole(printed, units):
    assert split_units(printed) == units


def test_labelled_lead_and_partner_units():
    note = parse_note("牵头单位：市商务委；配合单位：市财政局、市市场监管局")
    assert note.units == ["市商务委", "市财政局", "市市场监管局"]
    assert note.leads == ["市商务委"]


def test_role_phrases_name_leads():
    note = parse_note("市科技局牵头，市教育局、市人社局配合")
    assert (note.units, note.leads) == (["市科技局", "市教育局", "市人社局"], ["市科技局"])
    assert parse_note("县交通运输局负责").duty == ["县交通运输局"]
    assert parse_note("生态环境部指导").leads == []


@pytest.mark.parametrize(
    "inner", ["以下简称《办法》", "含农贸市场", "即每村配备1名保洁员", "PPP", "2019—2020年"]
)
def test_ordinary_brackets_are_not_unit_lists(inner):
    assert parse_note(inner) is None


def test_annotations_cut_a_paragraph_into_the_pieces_they_cover():
    segments = split_annotated(
        "建立名录库。（市经信委负责）开展诊断服务，覆盖企业五百家。（市经信委、市科技局负责）"
    )
    assert [(s.text, s.note.units) for s in segments] == [
        ("建立名录库。", ["市经信委"]),
        ("开展诊断服务，覆盖企业五百家。", ["市经信委", "市科技局"]),
    ]


def test_per_item_units_make_one_task_per_item_without_the_annotation():
    plan = plan_of("""
        二、重点任务
        1.建设社区食堂。年内新建社区食堂十家。（牵头单位：区民政局；配合单位：区市场监管局、各街道）
        2.推进适老化改造。完成改造三百户。（责任单位：区民政局、区残联）
        """)
    first, second = plan.tasks
    assert first.text == "建设社区食堂。年内新建社区食堂十家。"
    assert first.units == ["区民政局", "区市场监管局", "各街道"]
    assert (first.units_from, first.lead, first.suggested_lead) == ("task", ["区民政局"], "区民政局")
    assert second.units == ["区民政局", "区残联"]
    assert second.lead == []


def test_units_on_their_own_line_after_an_item_belong_to_that_item():
    plan = plan_of("""
        一、工作任务
        1.排查老旧电线。入户检查电线老化情况。
        责任单位：镇安监办、各村委会
        2.配发灭火器材。为独居老人家庭配发灭火器。
        责任单位：镇民政办
        """)
    assert [(t.text, t.units, t.units_from) for t in plan.tasks] == [
        ("排查老旧电线。入户检查电线老化情况。", ["镇安监办", "各村委会"], "task"),
        ("配发灭火器材。为独居老人家庭配发灭火器。", ["镇民政办"], "task"),
    ]
    assert plan.tasks[1].lead == ["镇民政办"]  # the only unit named


def test_a_unit_list_closing_a_section_is_the_section_pool():
    plan = plan_of("""
        一、提升服务品质
        （一）延长开放时间。试点夜间开放。
        （二）增设便民设施。新增直饮水点。
        （责任单位：市绿化市容局、各区政府）
        二、保障措施
        （一）加强督促检查。定期通报进度。
        """)
    assert plan.sections[0].units == ["市绿化市容局", "各区政府"]
    assert [(t.text, t.units, t.units_from) for t in plan.tasks] == [
        ("延长开放时间。试点夜间开放。", ["市绿化市容局", "各区政府"], "section"),
        ("增设便民设施。新增直饮水点。", ["市绿化市容局", "各区政府"], "section"),
    ]


def test_x_fuze_and_x_qiantou_forms():
    plan = plan_of("""
        二、主要任务
        （一）完善标准体系。制定地方标准三项。（市市场监管局牵头，市住房城乡建设委、市交通委参与）
        （二）加强执法检查。开展联合执法。（市城管执法局负责）
        """)
    assert [(t.units, t.lead) for t in plan.tasks] == [
        (["市市场监管局", "市住房城乡建设委", "市交通委"], ["市市场监管局"]),
        (["市城管执法局"], ["市城管执法局"]),
    ]


def test_first_listed_is_lead_convention_stated_once_applies_to_every_list():
    plan = plan_of("""
        一、重点任务
        （一）推进数字政府建设。建设统一平台。（市数据局、市网信办、市财政局等负责。列第一位者为牵头单位，下同）
        （二）推进政务公开。完善公开目录。（市政府办公厅、市数据局等负责）
        """)
    assert [t.lead for t in plan.tasks] == [["市数据局"], ["市政府办公厅"]]
    assert plan.tasks[0].units == ["市数据局", "市网信办", "市财政局"]


def test_first_listed_is_lead_convention_in_the_notice_applies_too():
    plan = plan_of("""
        关于印发《城区排水提标行动方案》的通知
        各街道办事处：
        现将方案印发给你们，请认真贯彻落实。各项任务排在第一位的为牵头单位。
        区人民政府办公室
        2023年4月6日
        城区排水提标行动方案
        一、主要任务
        （一）改造雨水管网。完成改造十公里。（区水务局、区建设管理委）
        """)
    assert plan.tasks[0].lead == ["区水务局"]


def test_a_unit_carried_to_every_later_task():
    plan = plan_of("""
        二、主要任务
        （一）健全制度。建立工作台账。（省住房城乡建设厅指导，试点县政府负责落实。以下均需试点县政府落实，不再列出）
        完善考核办法。（省住房城乡建设厅、省财政厅指导）
        推行信息公开。（省住房城乡建设厅指导）
        """)
    assert [t.units for t in plan.tasks] == [
        ["省住房城乡建设厅", "试点县政府"],
        ["省住房城乡建设厅", "省财政厅", "试点县政府"],
        ["省住房城乡建设厅", "试点县政府"],
    ]
    assert [t.lead for t in plan.tasks] == [["试点县政府"]] * 3


def test_unit_named_as_responsible_in_the_text_is_lead():
    plan = plan_of("""
        三、组织保障
        （一）加强统筹协调。区住房城乡建设管理委负责统筹推进，各部门按职责落实。（责任单位：区住房城乡建设管理委、区发展改革委）
        """)
    assert plan.tasks[0].lead == ["区住房城乡建设管理委"]


def test_work_item_without_units_gets_a_warning():
    plan = plan_of("""
        一、工作措施
        （一）开展隐患排查。每月组织一次排查。
        """)
    assert plan.tasks[0].units == []
    assert plan.tasks[0].units_from is None
    assert any("责任单位" in w for w in plan.tasks[0].warnings)


def test_people_and_time_limits_inside_an_annotation_are_not_units():
    plan = plan_of("""
        一、重点任务
        （一）建设智慧停车平台。接入公共停车场一百处。【牵头单位：区交通委；责任人：张某；完成时限：2022年6月底前】
        """)
    task = plan.tasks[0]
    assert task.text == "建设智慧停车平台。接入公共停车场一百处。"
    assert (task.units, task.lead) == (["区交通委"], ["区交通委"])
    assert task.deadline.text == "2022年6月底前"


def test_each_subsection_closing_with_its_own_list_keeps_it():
    plan = plan_of("""
        三、重点任务
        （一）改善出行条件
        1.新辟公交线路三条。
        2.优化站点布局。
        （责任单位：区交通委）
        （二）提升停车供给
        1.新增公共泊位五百个。
        （责任单位：区建设管理委、各街镇）
        """)
    assert [(t.units, t.units_from) for t in plan.tasks] == [
        (["区交通委"], "section"),
        (["区交通委"], "section"),
        (["区建设管理委", "各街镇"], "section"),
    ]
    assert [s.units for s in plan.sections] == [[], ["区交通委"], ["区建设管理委", "各街镇"]]


def test_a_lead_carried_to_later_tasks_and_a_partner_carried_without_leading():
    plan = plan_of("""
        一、主要任务
        （一）建立项目库。（市发展改革委、市财政局参与。以下任务均由市商务局牵头，不再列出）
        （二）举办促消费活动。（市文化旅游局参与）
        二、配套任务
        （三）完善统计监测。（市统计局负责。以下需各区政府配合）
        （四）发布监测报告。（市统计局、市商务局负责）
        """)
    assert [t.units for t in plan.tasks] == [
        ["市发展改革委", "市财政局"],
        ["市文化旅游局", "市商务局"],
        ["市统计局", "市商务局"],
        ["市统计局", "市商务局", "各区政府"],
    ]
    assert [t.lead for t in plan.tasks] == [[], ["市商务局"], ["市统计局"], ["市统计局", "市商务局"]]


def test_xia_tong_gives_later_items_without_units_the_same_units():
    plan = plan_of("""
        一、重点任务
        1.开展校园安全排查。（牵头单位：区教育局；配合单位：区公安分局，下同）
        2.完善校园周边监控。
        """)
    assert [(t.units, t.lead) for t in plan.tasks] == [
        (["区教育局", "区公安分局"], ["区教育局"]),
        (["区教育局", "区公安分局"], ["区教育局"]),
    ]


def test_short_labels_in_a_unit_cell():
    from duban.extract.unitlists import read_unit_cell

    assert read_unit_cell("牵头：区财政局；配合：区审计局、区税务局") == (
        ["区财政局", "区审计局", "区税务局"],
        ["区财政局"],
    )
    assert read_unit_cell("区财政局（牵头）、区审计局") == (["区财政局", "区审计局"], ["区财政局"])


def test_units_printed_between_an_item_title_and_its_body():
    plan = plan_of("""
        一、重点任务
        1.加强宣传引导
        责任单位：区委宣传部
        利用各类媒体开展系列宣传。
        注：宣传材料由区委宣传部统一印制。
        2.开展志愿服务
        责任单位：团区委
        组织志愿者进社区。
        """)
    assert [(t.text, t.units) for t in plan.tasks] == [
        ("加强宣传引导利用各类媒体开展系列宣传。", ["区委宣传部"]),
        ("开展志愿服务组织志愿者进社区。", ["团区委"]),
    ]


def test_a_time_limit_bracket_after_the_units_gives_the_deadline():
    plan = plan_of("""
        一、重点任务
        1.深化全程网办。推动高频事项网上办理。（牵头单位：区政务服务中心 配合单位：区大数据中心）（完成时限：2023年12月底）
        """)
    task = plan.tasks[0]
    assert task.text == "深化全程网办。推动高频事项网上办理。"
    assert task.units == ["区政务服务中心", "区大数据中心"]
    assert task.deadline.text == "2023年12月底"


@pytest.mark.parametrize("pair", ["〔〕", "[]", "［］", "【】", "〖〗"])
def test_unit_notes_in_every_bracket_pair_are_read_and_left_out_of_the_text(pair):
    plan = plan_of(f"""
        一、重点任务
        （一）改造老旧管网。年内完成改造20公里。{pair[0]}牵头单位：市水务局；责任单位：市住建局{pair[1]}
        """)
    assert plan.tasks[0].units == ["市水务局", "市住建局"]
    assert plan.tasks[0].lead == ["市水务局"]
    assert plan.tasks[0].text == "改造老旧管网。年内完成改造20公里。"


def test_sharing_the_work_by_duty_names_no_lead_and_a_later_sentence_carries_a_unit():
    note = parse_note(
        "责任单位：市交通局、市商务局按职责分工负责。具体工作均涉及各县（区）人民政府，不再分工，下同。"
    )
    assert note.units == ["市交通局", "市商务局"]
    assert note.leads == [] and note.duty == []
    assert note.carry == ["各县（区）人民政府"]
    assert not note.same_below


@pytest.mark.parametrize(
    ("convention", "here"),
    [
        ("以下均需各乡镇人民政府落实，不再列出", False),
        ("以下各项均由各乡镇人民政府落实", False),
        ("具体任务均涉及各乡镇人民政府，不再做分工，下同", True),
        ("各乡镇人民政府均需参与，下同", True),
    ],
)
def test_carry_forward_conventions_in_any_wording_reach_later_tasks(convention, here):
    plan = plan_of(f"""
        二、主要任务
        （一）整治河道。清理河道垃圾。（县水利局牵头。{convention}）
        （二）修复堤防。加固堤防3处。（县水利局、县应急局）
        """)
    assert plan.tasks[0].units == ["县水利局", *(["各乡镇人民政府"] if here else [])]
    assert plan.tasks[1].units == ["县水利局", "县应急局", "各乡镇人民政府"]


def test_same_below_after_an_items_own_roles_is_not_a_carried_unit():
    note = parse_note("市商务局牵头，市财政局配合，下同")
    assert note.carry == [] and note.same_below
    assert note.leads == ["市商务局"]


def test_a_role_word_covers_every_name_back_to_the_previous_role_word():
    note = parse_note("县交通局牵头，县财政局、县自然资源局等部门，县城投公司、各乡镇配合")
    assert note.units == ["县交通局", "县财政局", "县自然资源局", "县城投公司", "各乡镇"]
    assert note.leads == ["县交通局"]


def test_lead_and_responsible_lines_after_an_item_belong_to_that_item():
    plan = plan_of("""
        一、主要预期目标
        1.粮食产量稳定在50万吨以上。
        牵头单位：县农业农村局
        责任单位：各乡镇，县粮食中心
        2.城镇新增就业2000人。
        牵头单位：县人社局
        责任单位：各乡镇
        """)
    assert [t.text for t in plan.tasks] == ["粮食产量稳定在50万吨以上。", "城镇新增就业2000人。"]
    assert [t.units for t in plan.tasks] == [["县农业农村局", "各乡镇", "县粮食中心"], ["县人社局", "各乡镇"]]
    assert [t.lead for t in plan.tasks] == [["县农业农村局"], ["县人社局"]]
    assert plan.sections[0].units == [] and len(plan.sections) == 1


def test_a_unit_named_in_a_heading_leads_every_task_below_it():
    plan = plan_of("""
        二、县住建局牵头工作（2项）
        1.改造老旧小区12个。
        2.新建停车位800个。
        """)
    assert plan.sections[0].units == ["县住建局"]
    assert [t.units for t in plan.tasks] == [["县住建局"], ["县住建局"]]
    assert [t.lead for t in plan.tasks] == [["县住建局"], ["县住建局"]]
    assert plan.tasks[0].units_from == "section"


def test_a_unit_note_before_the_full_stop_after_each_sentence():
    plan = plan_of("""
        一、主要任务
        （一）完善回收设施。新建回收站点60个（区商务局负责）。更新转运车辆12辆（区城管局负责）。
        """)
    assert [(t.text, t.units) for t in plan.tasks] == [
        ("新建回收站点60个。", ["区商务局"]),
        ("更新转运车辆12辆。", ["区城管局"]),
    ]


def test_a_first_is_lead_remark_inside_a_labelled_list_is_not_a_unit():
    note = parse_note("责任单位：县文旅局、县财政局，列第一位的为牵头单位")
    assert note.units == ["县文旅局", "县财政局"]
    assert note.first_is_lead


def test_leader_units_and_time_limit_lines_after_an_item_are_one_annotation():
    plan = plan_of("""
        一、重点任务
        1.新建城市书房6个。
        责任领导：某副区长
        牵头单位：区文旅局
        协同单位：区教育局
        完成时限：2024年11月底
        2.改造口袋公园15个。
        责任领导：某副区长
        牵头单位：区城管局
        完成时限：2024年12月底
        """)
    assert [t.text for t in plan.tasks] == ["新建城市书房6个。", "改造口袋公园15个。"]
    assert [t.units for t in plan.tasks] == [["区文旅局", "区教育局"], ["区城管局"]]
    assert [t.deadline.date for t in plan.tasks] == ["2024-11-30", "2024-12-31"]


def test_a_contact_line_closing_a_paragraph_is_not_a_unit_note():
    assert [s.note for s in split_annotated("请于月底前报送统计表。联系人：某某。")] == [None]


@pytest.mark.parametrize(
    ("printed", "units", "leads"),
    [
        ("（县商务局主责，县市场监管局协同）", ["县商务局", "县市场监管局"], ["县商务局"]),
        ("（县住建局主抓，各乡镇具体实施）", ["县住建局", "各乡镇"], ["县住建局"]),
        ("【牵头单位】县公安局【配合单位】县大数据中心", ["县公安局", "县大数据中心"], ["县公安局"]),
    ],
)
def test_more_role_words_and_labels_in_brackets(printed, units, leads):
    plan = plan_of(f"""
        一、重点任务
        （一）建设智慧停车平台。年内接入车位2000个。{printed}
        """)
    assert plan.tasks[0].units == units
    assert plan.tasks[0].lead == leads
    assert plan.tasks[0].text == "建设智慧停车平台。年内接入车位2000个。"


def test_a_heading_that_is_a_unit_with_a_count_gives_its_items_that_unit():
    plan = plan_of("""
        一、县交通运输局（2项）
        1.新改建农村公路60公里。
        2.新增城乡公交线路3条。
        二、县水利局（1项）
        3.加固病险水库2座。
        """)
    assert [s.units for s in plan.sections] == [["县交通运输局"], ["县水利局"]]
    assert [t.units for t in plan.tasks] == [["县交通运输局"], ["县交通运输局"], ["县水利局"]]


def test_a_convention_in_a_heading_carries_its_unit_to_the_tasks_below():
    plan = plan_of("""
        二、重点任务（以下各项任务均需各镇人民政府落实，不再一一列出）
        （一）建设村级养老服务站8个。（县民政局牵头）
        （二）改造农村危房30户。（县住建局牵头）
        """)
    assert plan.sections[0].title == "重点任务"
    assert [t.units for t in plan.tasks] == [["县民政局", "各镇人民政府"], ["县住建局", "各镇人民政府"]]


def test_units_printed_before_the_work_of_an_item():
    plan = plan_of("""
        二、重点任务
        （一）牵头单位：县商务局。建设乡镇快递服务站12个。
        （二）牵头单位：县农业农村局；配合单位：各乡镇。新建高标准农田1万亩。
        """)
    assert [(t.text, t.units) for t in plan.tasks] == [
        ("建设乡镇快递服务站12个。", ["县商务局"]),
        ("新建高标准农田1万亩。", ["县农业农村局", "各乡镇"]),
    ]


def test_ministry_labels_name_offices_and_departments():
    note = parse_note("牵头司局：规划司；配合司局：财务司、科技司")
    assert note.units == ["规划司", "财务司", "科技司"]
    assert note.leads == ["规划司"]
    assert parse_note("责任处室：综合处、法规处").units == ["综合处", "法规处"]


@pytest.mark.parametrize("convention", ["所有任务均需各乡镇参与", "各项工作均由各乡镇具体落实"])
def test_a_convention_for_all_tasks_carries_from_the_item_that_states_it(convention):
    note = parse_note(f"县商务局牵头。{convention}")
    assert note.units == ["县商务局"]
    assert note.carry == ["各乡镇"] and note.carry_here


def test_a_unit_list_wrapped_onto_the_next_line_stays_one_list():
    plan = plan_of("""
        一、重点任务
        1.建成智慧社区15个。
        牵头单位：市民政局；配合单位：市大数据局、市住建局、
        各区人民政府
        2.新增社区托育点30个。
        牵头单位：市卫健委
        """)
    assert [t.units for t in plan.tasks] == [
        ["市民政局", "市大数据局", "市住建局", "各区人民政府"],
        ["市卫健委"],
    ]
    assert plan.tasks[0].text == "建成智慧社区15个。"


def test_a_closing_sentence_that_only_assigns_units_is_an_annotation():
    plan = plan_of("""
        一、重点任务
        （一）推进老旧小区改造。年内改造小区40个。由区住建局牵头，区财政局、各街道配合。
        （二）加强物业管理。物业服务企业负责人要落实主体责任。
        """)
    assert plan.tasks[0].text == "推进老旧小区改造。年内改造小区40个。"
    assert plan.tasks[0].units == ["区住建局", "区财政局", "各街道"]
    assert plan.tasks[0].lead == ["区住建局"]
    assert plan.tasks[1].units == []


@pytest.mark.parametrize(
    ("printed", "units"),
    [
        ("区发改局 区财政局", ["区发改局", "区财政局"]),
        ("县委宣传部 县文旅局、县教育局", ["县委宣传部", "县文旅局", "县教育局"]),
        ("省委省政府", ["省委省政府"]),
        ("区委区政府办公室", ["区委区政府办公室"]),
    ],
)
def test_names_separated_only_by_a_space_are_told_apart(printed, units):
    assert split_units(collapse(printed)) == units


def test_a_time_limit_inside_a_role_note_is_the_tasks_deadline():
    plan = plan_of("""
        一、重点任务
        （一）建设社区养老服务中心6个。（区民政局牵头，区财政局配合，2025年9月底前完成）
        """)
    task = plan.tasks[0]
    assert task.units == ["区民政局", "区财政局"]
    assert task.text == "建设社区养老服务中心6个。"
    assert task.deadline.date == "2025-09-30"


def test_role_words_inside_a_labelled_list_are_read():
    note = parse_note("责任单位：县发改局牵头，县财政局、县住建局参与")
    assert note.units == ["县发改局", "县财政局", "县住建局"]
    assert note.leads == ["县发改局"]


def test_a_convention_written_as_a_sentence_under_a_heading():
    plan = plan_of("""
        二、主要任务
        以下各项任务均需各县（市、区）人民政府落实，不再一一列出。
        （一）建设农村寄递物流站点200个。（市邮政管理局牵头）
        （二）新建冷链仓储设施10处。（市商务局牵头）
        """)
    assert [t.units for t in plan.tasks] == [
        ["市邮政管理局", "各县（市、区）人民政府"],
        ["市商务局", "各县（市、区）人民政府"],
    ]


def test_an_area_in_brackets_is_not_a_unit_note():
    from duban.extract.unitlists import split_annotated

    segments = split_annotated("滨江科技园（东湖片区）")
    assert all(seg.note is None for seg in segments)


def test_label_lines_under_a_numbered_item_give_lead_and_co_units_and_leaders_are_not_units():
    plan = plan_of(
        """
        某市2024年重点工作责任分解
        一、稳定经济增长
        1.全市地区生产总值增长6%以上。
        牵头负责领导：张明。
        牵头责任单位：市发展改革委。
        协同责任单位：市财政局、市统计局。
        2.固定资产投资增长8%左右。
        分管领导：李华
        主责单位：市住房城乡建设局
        协办单位：市交通运输局、市自然资源局等。
        """
    )
    got = [(t.text, t.units, t.lead) for t in plan.tasks]
    assert got == [
        ("全市地区生产总值增长6%以上。", ["市发展改革委", "市财政局", "市统计局"], ["市发展改革委"]),
        (
            "固定资产投资增长8%左右。",
            ["市住房城乡建设局", "市交通运输局", "市自然资源局"],
            ["市住房城乡建设局"],
        ),
    ]


def test_first_is_lead_convention_in_brackets_after_the_last_name_sets_leads_and_leaves_the_name_clean():
    plan = plan_of(
        """
        某县2021年政府工作报告重点工作责任分解
        一、稳住经济基本盘
        1.全年完成固定资产投资80亿元。
        责任单位：县发改局、县财政局、县工商联（列第一位者为牵头或汇总单位，下同）
        2.新增规上工业企业20家。
        责任单位：县经信局、县科技局
        """
    )
    assert [(t.units, t.lead) for t in plan.tasks] == [
        (["县发改局", "县财政局", "县工商联"], ["县发改局"]),
        (["县经信局", "县科技局"], ["县经信局"]),
    ]


@pytest.mark.parametrize(
    "convention",
    [
        "列第一位者为牵头或汇总单位",
        "排在首位的为工作牵头单位",
        "列第一位的为牵头部门",
        "排名第一的为牵头单位",
    ],
)
def test_first_is_lead_convention_wordings(convention):
    plan = plan_of(
        f"""
        某区工作方案
        一、重点任务
        1.建成口袋公园5个。
        责任单位：区城管局、区住建局、各街道（含园区）({convention},下同)
        """
    )
    assert plan.tasks[0].units == ["区城管局", "区住建局", "各街道（含园区）"]
    assert plan.tasks[0].lead == ["区城管局"]


def test_traditional_script_role_annotation_is_read_and_names_stay_as_printed():
    plan = plan_of(
        """
        某市優化營商環境工作要點
        一、推動審批提速
        1.全面推行承諾制審批。2023年6月底前實現全覆蓋。（市發展改革委、市數據局牽頭，市級各有關部門及各縣區政府按職責分工負責）
        """
    )
    task = plan.tasks[0]
    assert task.text == "全面推行承諾制審批。2023年6月底前實現全覆蓋。"
    assert task.units == ["市發展改革委", "市數據局", "市級各有關部門", "各縣區政府"]
    assert task.lead == ["市發展改革委", "市數據局"]


def test_two_names_joined_by_ji_are_two_units_but_a_name_containing_ji_stays_whole():
    assert split_units("市级各有关部门及各县区政府、群团及其他组织") == [
        "市级各有关部门",
        "各县区政府",
        "群团及其他组织",
    ]


def test_traditional_script_label_lines_and_leader_lines_under_an_item():
    plan = plan_of(
        """
        某市2024年重點工作責任分解
        一、穩定經濟增長
        1.全市地區生產總值增長6%以上。
        牽頭負責領導：張明。
        牽頭責任單位：市發展改革委。
        協同責任單位：市財政局、市統計局。
        """
    )
    task = plan.tasks[0]
    assert (task.text, task.units, task.lead) == (
        "全市地區生產總值增長6%以上。",
        ["市發展改革委", "市財政局", "市統計局"],
        ["市發展改革委"],
    )


FENGONG_PLAN = """
关于落实加快发展现代渔业若干意见有关措施分工的通知
各有关部门：
  经省政府同意，现就有关事项通知如下：
  一、工作分工
  （一）关于“稳定水产养殖面积，推进池塘标准化改造”的问题，由省海洋渔业厅会同省财政厅、省自然资源厅等部门负责落实。
  （二）关于“完善渔船更新改造补贴政策”的问题，由省财政厅牵头，省海洋渔业厅、省应急管理厅参与。
  （三）关于“加强水产品质量安全监管”的问题，省市场监管局负责，省海洋渔业厅配合。
"""


def test_a_fengong_notice_whose_items_assign_units_inside_their_sentence_has_one_task_per_item():
    plan = plan_of(FENGONG_PLAN)
    assert [t.text[:6] for t in plan.tasks] == ["关于“稳定水", "关于“完善渔", "关于“加强水"]
    assert plan.tasks[0].text.endswith("等部门负责落实。")  # the clause is part of the item's wording
    assert [t.units for t in plan.tasks] == [
        ["省海洋渔业厅", "省财政厅", "省自然资源厅"],
        ["省财政厅", "省海洋渔业厅", "省应急管理厅"],
        ["省市场监管局", "省海洋渔业厅"],
    ]
    assert [t.lead for t in plan.tasks] == [["省海洋渔业厅"], ["省财政厅"], ["省市场监管局"]]
    assert all(t.units_from == "task" for t in plan.tasks)


@pytest.mark.parametrize(
    ("printed", "units", "leads"),
    [
        (
            "关于“整治河道”的问题，由水利厅会同住建厅、生态环境厅研究提出落实意见。",
            ["水利厅", "住建厅", "生态环境厅"],
            ["水利厅"],
        ),
        ("关于“整治河道”的问题，由水利厅牵头，会同住建厅等单位研究落实。", ["水利厅", "住建厅"], ["水利厅"]),
        ("关于“整治河道”的问题，由水利厅会同有关部门负责落实。", ["水利厅"], ["水利厅"]),
        ("关於“整治河道”的問題，由水利廳會同住建廳等部門負責落實。", ["水利廳", "住建廳"], ["水利廳"]),
        (
            "关于“编制规划”的问题，由省政府研究室会同省发展改革委研究提出意见。",
            ["省政府研究室", "省发展改革委"],
            ["省政府研究室"],
        ),
    ],
)
def test_a_you_hui_tong_clause_names_the_lead_and_its_partners(printed, units, leads):
    (segment,) = split_annotated(printed)
    assert segment.text == printed
    assert (segment.note.units, segment.note.leads) == (units, leads)


def test_a_separate_you_hui_tong_sentence_is_an_annotation_left_out_of_the_text():
    (segment,) = split_annotated("开展河湖清四乱行动。由县水利局会同县农业农村局等部门负责落实。")
    assert segment.text == "开展河湖清四乱行动。"
    assert (segment.note.units, segment.note.leads) == (["县水利局", "县农业农村局"], ["县水利局"])


@pytest.mark.parametrize(
    "sentence",
    [
        "市规划资源局要会同市水务局、相关区政府加快研究并落实市级土方消纳场所布局。",
        "对重点人群，由社区纳入关注对象，会同物业每月开展一次上门巡查。",
        "试点城市由省级有关部门推荐，经评审后确定。",
    ],
)
def test_hui_tong_or_you_in_the_middle_of_ordinary_work_is_not_a_unit_note(sentence):
    assert [s.note for s in split_annotated(sentence)] == [None]


def test_a_group_with_brackets_inside_stays_one_unit_and_is_not_made_lead():
    plan = plan_of(
        """
一、做好防汛准备
1.全面排查在建工地、地下空间等风险隐患，落实整改措施。
责任单位：市应急管理局、市住房城乡建设局等，各县（市、区）政府（管委会）
"""
    )
    (task,) = plan.tasks
    assert task.units == ["市应急管理局", "市住房城乡建设局", "各县（市、区）政府（管委会）"]
    assert task.lead == []


@pytest.mark.parametrize(
    "printed",
    ["组织应急演练。市应急管理局、各县（市、区）政府（管委会）", "各县（市、区）政府（管委会）"],
)
def test_a_body_in_brackets_glued_to_a_listed_government_is_part_of_its_name_not_a_unit_note(printed):
    assert [s.note for s in split_annotated(printed)] == [None]


@pytest.mark.parametrize(
    "line, units, leads",
    [
        (
            "部门分工：省发展改革委牵头，各地、各部门配合。",
            ["省发展改革委", "各地", "各部门"],
            ["省发展改革委"],
        ),
        ("（牵头单位：市教育局；共同责任单位：各区政府）", ["市教育局", "各区政府"], ["市教育局"]),
        ("任务分工：市商务局牵头，市财政局配合", ["市商务局", "市财政局"], ["市商务局"]),
    ],
)
def test_division_of_work_labels_name_the_units(line, units, leads):
    [segment] = split_annotated(line)
    assert (segment.note.units, segment.note.leads) == (units, leads)


def test_first_unit_leads_when_a_bracket_after_it_says_so():
    plan = parse_document(
        Document(
            Source("x.txt", "txt"),
            [
                Paragraph("一、重点工作", 0),
                Paragraph(
                    "1.全县生产总值增长7.5%左右。责任单位：县发改局（首位单位为牵头单位，下同）、县统计局", 1
                ),
                Paragraph("2.一般公共预算收入增长8.5%。责任单位：县财政局、县税务局", 2),
            ],
        )
    )
    assert [t.lead for t in plan.tasks] == [["县发改局"], ["县财政局"]]


def test_a_group_over_two_kinds_stays_whole_with_its_bracket():
    assert split_units("市生态环境局、各县、区人民政府（管委会）、市公安局") == [
        "市生态环境局",
        "各县、区人民政府（管委会）",
        "市公安局",
    ]
