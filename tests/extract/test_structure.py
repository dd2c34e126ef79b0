"""What is a task and what is a section; sentences; task tables; the extract() entry point."""

import pytest

from duban.extract import ExtractError, extract, parse_document
from duban.extract.blocks import Document, Paragraph, Table
from duban.extract.model import Source
from duban.extract.textutil import split_sentences


def doc_of(*blocks) -> Document:
    out = []
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            out.extend(Paragraph(t.strip(), i) for t in block.strip().splitlines() if t.strip())
        else:
            out.append(block)
    return Document(Source("测试方案.txt", "txt"), out)


def plan_of(*blocks):
    return parse_document(doc_of(*blocks))


def test_sentences_end_at_full_stops_outside_quotes_and_brackets():
    text = "倡导“光盘行动。”落实《条例。》要求。健全制度；完善机制！开展评估（每年一次。）？收尾"
    assert split_sentences(text) == [
        "倡导“光盘行动。”落实《条例。》要求。",
        "健全制度；完善机制！",
        "开展评估（每年一次。）？",
        "收尾",
    ]


def test_framework_sections_are_not_tasks_and_work_sections_are():
    plan = plan_of("""
        某某区河道整治工作方案
        为改善水环境，制定本方案。
        一、指导思想
        坚持生态优先，统筹推进治理。
        二、工作目标
        （一）水质目标。年底前消除劣五类水体。
        三、重点任务
        （一）清理河道淤泥。对主要河道实施清淤。
        （二）整治排污口。全面排查入河排污口。
        四、保障措施
        （一）加强组织领导。成立工作专班。
        各部门要提高认识，确保各项任务按期完成。
        """)
    assert [t.text for t in plan.tasks] == [
        "清理河道淤泥。对主要河道实施清淤。",
        "整治排污口。全面排查入河排污口。",
    ]
    assert [(s.id, s.title) for s in plan.sections] == [
        ("S1", "指导思想"),
        ("S2", "工作目标"),
        ("S2.1", "水质目标"),
        ("S3", "重点任务"),
        ("S4", "保障措施"),
        ("S4.1", "加强组织领导"),
    ]
    assert [t.id for t in plan.tasks] == ["T1", "T2"]


def test_a_heading_that_is_itself_an_action_makes_its_items_tasks():
    plan = plan_of("""
        一、优化营商环境，提升政务服务效能
        （一）推行告知承诺制。扩大承诺事项范围。
        （二）压缩办理时限。平均时限压缩一半。
        """)
    assert len(plan.tasks) == 2
    assert plan.tasks[0].section == "S1"


def test_work_section_without_items_gives_one_task_per_sentence_keeping_semicolons():
    plan = plan_of("""
        一、实施步骤
        3月底前完成摸底调查；4月启动整治。6月底前开展中期评估。“回头看”工作于年底前完成。
        """)
    assert [t.text for t in plan.tasks] == [
        "3月底前完成摸底调查；4月启动整治。",
        "6月底前开展中期评估。",
        "“回头看”工作于年底前完成。",
    ]


def test_yishi_ershi_lists_stay_inside_their_item():
    plan = plan_of("""
        一、主要措施
        （一）强化源头管控。一是严格准入。二是加强监测。
        （二）强化末端治理。一是建设设施。二是规范运营。
        """)
    assert [t.text for t in plan.tasks] == [
        "强化源头管控。一是严格准入。二是加强监测。",
        "强化末端治理。一是建设设施。二是规范运营。",
    ]


def test_lowest_numbered_items_are_the_tasks():
    plan = plan_of("""
        一、重点任务
        （一）完善设施网络
        1.新建充电桩五百个。
        2.改造老旧充电站十座。
        （二）提升运营水平
        1.建立统一监管平台。
        """)
    assert [(t.section, t.text) for t in plan.tasks] == [
        ("S1.1", "新建充电桩五百个。"),
        ("S1.1", "改造老旧充电站十座。"),
        ("S1.2", "建立统一监管平台。"),
    ]


TASK_TABLE = Table(
    header=["序号", "任务名称", "任务内容", "牵头单位", "配合单位", "完成时限"],
    rows=[
        ["1", "加强统筹", "建立联席会议制度。", "区政府办公室", "区发展改革委、区财政局", "2021年3月"],
        ["2", "", "制定年度考核办法。", "区委组织部", "区政府办公室", "2021年6月底前"],
        ["3", "完善设施", "新建分类收集点五十个。", "区绿化市容局", "各街镇", "长期坚持"],
        ["序号", "任务名称", "任务内容", "牵头单位", "配合单位", "完成时限"],
        ["4", "", "配置专用运输车辆。", "区绿化市容局", "", "2021年"],
    ],
)


def test_task_table_rows_are_tasks_and_merged_category_rows_keep_only_their_content():
    plan = plan_of("某某区垃圾分类工作任务分解表", TASK_TABLE)
    assert [t.text for t in plan.tasks] == [
        "加强统筹建立联席会议制度。",
        "制定年度考核办法。",
        "完善设施新建分类收集点五十个。",
        "配置专用运输车辆。",
    ]
    first = plan.tasks[0]
    assert (first.units, first.lead, first.units_from) == (
        ["区政府办公室", "区发展改革委", "区财政局"],
        ["区政府办公室"],
        "task",
    )
    assert first.deadline.text == "2021年3月"
    assert plan.tasks[2].deadline.text == "长期坚持"
    assert plan.tasks[2].deadline.date is None
    assert plan.meta.title == "某某区垃圾分类工作任务分解表"


def test_a_table_with_merged_category_cells_missing_from_the_row():
    table = Table(
        header=["序号", "任务名称", "任务内容", "责任单位"],
        rows=[["1", "强化宣传", "制作公益广告。", "区委宣传部"], ["2", "开展进社区活动。", "区文明办"]],
    )
    plan = plan_of(
        "一、重点任务\n（一）落实宣传。开展宣传。（责任单位：区委宣传部）\n附件1\n宣传任务分解表", table
    )
    assert [t.text for t in plan.tasks][-2:] == ["强化宣传制作公益广告。", "开展进社区活动。"]
    assert plan.tasks[-1].units == ["区文明办"]
    assert plan.sections[-1].number == "附件1"
    assert plan.sections[-1].title == "宣传任务分解表"
    assert plan.tasks[-1].section == plan.sections[-1].id


def test_a_table_of_targets_per_district_is_not_a_task_table():
    table = Table(
        header=["街镇", "目标任务"], rows=[["甲镇", "创建达标小区十个。"], ["乙镇", "创建达标小区八个。"]]
    )
    plan = plan_of(
        "一、主要任务\n（一）推进分类。全面推进分类。（责任单位：区绿化市容局）\n附件2\n目标任务分解表", table
    )
    assert [t.text for t in plan.tasks] == ["推进分类。全面推进分类。"]


def test_extract_reads_bytes_by_name_and_refuses_a_plan_without_tasks():
    data = "某某镇消防安全工作方案\n一、工作措施\n（一）开展入户检查。每季度一次。\n".encode()
    plan = extract(data, name="方案.txt")
    assert plan.tasks[0].text == "开展入户检查。每季度一次。"
    assert plan.to_dict()["schema"] == "duban.plan/1"
    with pytest.raises(ExtractError) as error:
        extract("某某镇会议纪要\n会议听取了汇报。\n".encode(), name="纪要.txt")
    assert error.value.code == "no_tasks"
    assert "未在文件中找到任何任务" in error.value.message


def test_extract_reads_a_path(tmp_path):
    path = tmp_path / "工作方案.txt"
    path.write_text(
        "一、重点任务\n（一）更新路灯。年内更换两百盏。（责任单位：区城管局）\n", encoding="utf-8"
    )
    plan = extract(path)
    assert plan.source.name == "工作方案.txt"
    assert plan.tasks[0].units == ["区城管局"]


def test_extract_needs_a_name_for_bytes_and_refuses_an_unreadable_path(tmp_path):
    with pytest.raises(ExtractError):
        extract(b"abc")
    with pytest.raises(ExtractError):
        extract(tmp_path / "missing.txt")


def test_numbered_items_at_the_top_of_a_plan_without_sections_are_tasks():
    plan = plan_of("""
        某某街道文明创建工作安排
        1.整治背街小巷。清理乱堆乱放。（责任单位：街道城管中队）
        2.规范共享单车停放。划定停放区域。
        """)
    assert [t.text for t in plan.tasks] == [
        "整治背街小巷。清理乱堆乱放。",
        "规范共享单车停放。划定停放区域。",
    ]


def test_unit_cells_that_mark_their_lead():
    table = Table(
        header=["序号", "工作任务", "责任单位", "完成时间"],
        rows=[
            ["1", "建立应急物资储备库。", "区应急局（牵头）、区商务委", "2022年底前"],
            ["2", "开展应急演练。", "区应急局牵头，各街镇配合", "每半年一次"],
        ],
    )
    plan = plan_of("应急能力提升任务分工表", table)
    assert [(t.units, t.lead) for t in plan.tasks] == [
        (["区应急局", "区商务委"], ["区应急局"]),
        (["区应急局", "各街镇"], ["区应急局"]),
    ]


def test_a_top_level_section_of_sentences_closed_by_one_unit_list():
    plan = plan_of("""
        二、工作任务
        组织专项培训。开展业务竞赛。建立激励机制。
        （责任单位：区人社局、区总工会）
        """)
    assert [(t.text, t.units_from) for t in plan.tasks] == [
        ("组织专项培训。", "section"),
        ("开展业务竞赛。", "section"),
        ("建立激励机制。", "section"),
    ]
    assert plan.sections[0].units == ["区人社局", "区总工会"]


def test_a_target_column_adds_its_quantities_to_the_row_task():
    table = Table(
        header=["序号", "重点任务", "责任单位", "目标指标"],
        rows=[["1", "推进老旧小区改造。", "区住房城乡建设局", "完成改造30个小区"]],
    )
    plan = plan_of("城市更新任务分解表", table)
    assert [(t.value, t.unit) for t in plan.tasks[0].targets] == [(30, "个")]


def test_a_long_item_whose_list_names_its_lead_stays_one_task():
    sentences = "".join(f"落实第{n}项措施。" for n in range(1, 15))
    plan = plan_of(f"""
        二、重点任务
        （一）完善科技创新体系。{sentences}（科技部、教育部等负责。列第一位者为牵头单位，下同）
        """)
    assert len(plan.tasks) == 1
    assert plan.tasks[0].lead == ["科技部"]


def test_a_title_row_above_the_header_row_is_skipped():
    table = Table(
        header=["2024年重点任务分解表"],
        rows=[["序号", "工作任务", "责任单位", "完成时限"], ["1", "修订应急预案。", "区应急局", "2024年6月"]],
    )
    plan = plan_of("某某区应急管理工作要点", table)
    assert [(t.text, t.units) for t in plan.tasks] == [("修订应急预案。", ["区应急局"])]


def test_a_table_of_targets_with_a_unit_per_row_is_a_task_table():
    table = Table(
        header=["序号", "2025年预期目标", "责任单位"],
        rows=[
            ["1", "城镇新增就业1.2万人", "县人社局"],
            ["2", "粮食播种面积稳定在30万亩以上", "县农业农村局"],
        ],
    )
    plan = plan_of("附件\n2025年主要预期目标分解表", table)
    assert [t.text for t in plan.tasks] == ["城镇新增就业1.2万人", "粮食播种面积稳定在30万亩以上"]
    assert [t.units for t in plan.tasks] == [["县人社局"], ["县农业农村局"]]
    assert [(g.value, g.unit) for g in plan.tasks[1].targets] == [(30, "万亩")]


def test_an_indicator_table_reads_the_indicator_and_its_target_value_as_one_task():
    table = Table(
        header=["序号", "主要指标", "2025年目标值", "责任单位"],
        rows=[
            ["1", "规上工业增加值增速", "8%以上", "县工信局"],
            ["2", "农村居民人均可支配收入增长", "7%", "县农业农村局"],
        ],
    )
    plan = plan_of("附件\n主要经济指标分解表", table)
    assert [t.text for t in plan.tasks] == ["规上工业增加值增速8%以上", "农村居民人均可支配收入增长7%"]
    assert [[(g.value, g.unit) for g in t.targets] for t in plan.tasks] == [[(8, "%")], [(7, "%")]]


def test_a_header_over_two_rows_reads_lead_and_partner_columns():
    table = Table(
        header=["序号", "工作任务", "责任单位", "", "完成时限"],
        rows=[
            ["", "", "牵头单位", "配合单位", ""],
            ["1", "建成社区嵌入式养老机构4家", "区民政局", "区卫健委、各街道", "2025年底"],
        ],
    )
    plan = plan_of("附件\n养老服务任务分工表", table)
    assert [(t.text, t.units, t.lead) for t in plan.tasks] == [
        ("建成社区嵌入式养老机构4家", ["区民政局", "区卫健委", "各街道"], ["区民政局"])
    ]


def test_two_columns_of_work_are_both_the_tasks_text():
    table = Table(
        header=["序号", "重点工作", "目标任务", "责任单位"],
        rows=[["1", "招商引资", "引进亿元以上项目15个", "县投资促进中心"]],
    )
    plan = plan_of("附件\n重点工作分解表", table)
    assert plan.tasks[0].text == "招商引资引进亿元以上项目15个"


def test_units_after_the_only_item_of_an_attachment_are_not_lost():
    plan = plan_of("""
        附件2
        2024年城市更新项目表
        一、改造城中村3个
        责任单位：市住建局、各区政府
        """)
    assert plan.tasks[0].units == ["市住建局", "各区政府"]


def test_a_category_column_beside_the_work_is_not_part_of_each_tasks_text():
    table = Table(
        header=["类别", "序号", "工作任务", "责任单位"],
        rows=[
            ["一、产业发展", "1", "新增规上工业企业8家", "县工信局"],
            ["", "2", "培育专精特新企业3家", "县工信局"],
            ["二、民生保障", "3", "城镇新增就业2500人", "县人社局"],
        ],
    )
    plan = plan_of("附件\n重点工作分解表", table)
    assert [t.text for t in plan.tasks] == [
        "新增规上工业企业8家",
        "培育专精特新企业3家",
        "城镇新增就业2500人",
    ]


def test_yishi_ershi_as_the_first_level_make_sections_and_their_items_tasks_even_without_units():
    plan = plan_of("""
        一是加快建设特色产业园。2024年，全乡共谋划项目2个：
        （一）食用菌基地项目：总投资300万元，2024年6月竣工。
        （二）茶叶加工厂项目：占地30亩，2024年9月投产。
        二是改善人居环境。
        （一）改造农村公厕20座。
        """)
    assert [(s.id, s.number, s.title) for s in plan.sections] == [
        ("S1", "一", "加快建设特色产业园"),
        ("S2", "二", "改善人居环境"),
    ]
    assert [(t.section, t.text) for t in plan.tasks] == [
        ("S1", "食用菌基地项目：总投资300万元，2024年6月竣工。"),
        ("S1", "茶叶加工厂项目：占地30亩，2024年9月投产。"),
        ("S2", "改造农村公厕20座。"),
    ]
    assert all(t.units == [] and any("未找到责任单位" in w for w in t.warnings) for t in plan.tasks)


def test_yishi_before_numbered_headings_is_not_a_heading():
    plan = plan_of("""
        各单位要高度重视。一是提高认识。二是压实责任。
        一是统一思想，切实把工作抓紧抓实。
        一、重点任务
        （一）新建口袋公园5个。（责任单位：区城管局）
        """)
    assert [(s.number, s.title) for s in plan.sections] == [("一", "重点任务")]
    assert [t.text for t in plan.tasks] == ["新建口袋公园5个。"]


POOL = "（责任单位：省教育厅、省卫生健康委、省医保局、省交通运输厅、省商务厅、省税务局、各市州政府）"


def test_a_long_item_without_units_under_a_shared_list_is_a_theme_of_sentence_tasks():
    first = "".join(f"推进第{n}项教育改革。" for n in range(1, 7))
    second = "".join(f"落实第{n}项医保支付措施。" for n in range(1, 7))
    plan = plan_of(f"""
        二、主要任务
        （一）提升公共服务水平。{first}
        完善医疗保障制度，减轻群众负担。{second}
        {POOL}
        """)
    assert [s.title for s in plan.sections] == ["主要任务", "提升公共服务水平"]
    assert len(plan.tasks) == 13
    assert plan.tasks[0].text == "推进第1项教育改革。"
    assert {t.units_from for t in plan.tasks} == {"section"}
    assert plan.tasks[0].suggested_lead == "省教育厅"
    assert plan.tasks[-1].suggested_lead == "省医保局"


def test_a_short_item_without_units_under_a_shared_list_stays_one_task():
    plan = plan_of(f"""
        二、主要任务
        （一）提升公共服务水平。推进教育改革，扩大优质学位供给。
        完善医疗保障制度，减轻群众负担。推进医保支付方式改革。
        {POOL}
        """)
    assert [t.text for t in plan.tasks] == [
        "提升公共服务水平。推进教育改革，扩大优质学位供给。完善医疗保障制度，减轻群众负担。推进医保支付方式改革。"
    ]
    assert plan.tasks[0].units_from == "section"


def test_an_excerpt_that_starts_mid_sequence_still_has_its_tasks():
    plan = plan_of("""
        某市政府工作报告目标任务责任分解方案（节选）
        98.培育特色产业集群，强化县域经济。（牵头单位：市经信局；责任单位：市发改委）
        99.实施学前教育学位扩充行动。（牵头单位：市教育局）
        100.推进义务教育优质均衡发展。（牵头单位：市教育局）
        （四）突出改革创新，推进科教人才兴市。
        101.加强师德师风建设。（牵头单位：市教育局）
        """)
    assert [t.text for t in plan.tasks] == [
        "培育特色产业集群，强化县域经济。",
        "实施学前教育学位扩充行动。",
        "推进义务教育优质均衡发展。",
        "加强师德师风建设。",
    ]
    assert [t.lead for t in plan.tasks] == [["市经信局"], ["市教育局"], ["市教育局"], ["市教育局"]]
    assert [(s.number, s.title) for s in plan.sections] == [("四", "突出改革创新，推进科教人才兴市")]
    assert plan.tasks[3].section == plan.sections[0].id


def test_an_excerpts_closing_unit_list_is_shared_by_the_items_above_it():
    plan = plan_of("""
        某市重点任务分解（节选）
        52.培育特色产业集群，强化县域经济。
        53.支持甲县打造强县工程示范区。
        54.支持乙县打造生态旅游名县。
        （责任单位：市经信局、市发改委、市财政局、市自然资源和规划局、甲县人民政府、乙县人民政府）
        """)
    assert [t.units_from for t in plan.tasks] == ["section"] * 3
    assert [t.suggested_lead for t in plan.tasks] == ["市经信局", "甲县人民政府", "乙县人民政府"]


def test_a_dash_subheading_between_items_is_not_part_of_the_item_above():
    plan = plan_of("""
        一、重点任务
        1.加强师德师风建设。（责任单位：市教育局）
        ——加快建设健康城市
        2.推进公立医院高质量发展。（责任单位：市卫健委）
        """)
    assert [t.text for t in plan.tasks] == ["加强师德师风建设。", "推进公立医院高质量发展。"]


def test_a_flat_list_closed_by_one_unit_list_shares_it():
    plan = plan_of("""
        2021年民生实事分解落实方案
        1.新改扩建中小学25所。
        2.新建幼儿园16所。
        3.新增城市公园绿地10处。
        （责任单位：市教育局、市发改委、市财政局、市住建局、市园林局）
        """)
    assert [t.text for t in plan.tasks] == [
        "新改扩建中小学25所。",
        "新建幼儿园16所。",
        "新增城市公园绿地10处。",
    ]
    assert {t.units_from for t in plan.tasks} == {"section"}
    assert [t.suggested_lead for t in plan.tasks][:2] == ["市教育局", "市教育局"]


def test_an_excerpt_of_two_items_from_the_middle_of_a_plan():
    plan = plan_of("""
        大力实施乡村振兴战略
        （二十四）健全城乡融合发展体制机制。（国家发展改革委、农业农村部牵头）
        （二十五）推进农业供给侧结构性改革。（农业农村部牵头，科技部配合）
        """)
    assert [t.lead for t in plan.tasks] == [["国家发展改革委", "农业农村部"], ["农业农村部"]]


def test_a_section_of_goals_is_not_work_even_when_its_title_says_work():
    plan = plan_of("""
        一、主要工作目标
        到2020年，全市社会消费品零售总额年均增长10%。流通现代化水平明显提高。
        二、重点工作任务
        （一）完善商业网点布局。（市商务局牵头）
        """)
    assert [t.text for t in plan.tasks] == ["完善商业网点布局。"]
