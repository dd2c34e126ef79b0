"""Task tables pasted from a web page into a .txt, one cell per line, regrouped into rows.

The documents are invented in the style of county and district task-division tables.
"""

from __future__ import annotations

import pytest

from duban.extract.blocks import Paragraph, Table
from duban.extract.readers import read_document
from duban.extract.readers.celltables import align_row, column_kind, find_cell_tables, serial_number

# Cells separated by blank lines (how a browser copy of a table usually pastes). The category column
# 工作类别 spans rows 1-2 and 3-4 in the original, so rows 2 and 4 lack it; row 3's partner list was
# wrapped after "、"; the header is printed again after row 2 (a page break in the original).
BLANK_SEPARATED = """二、保障措施

加强督促检查，确保各项任务按期完成。

附件：某某县城乡环境整治重点任务分解表

序号

工作类别

工作内容

牵头单位

配合单位

完成时限

1

环境整治

开展农村生活垃圾集中清理，建立长效保洁机制。

县住房城乡建设局

各乡镇人民政府

2025年6月底前

2

全面排查农村黑臭水体，制定整治方案并组织实施。

县生态环境局

县水利局

2025年底前

序号

工作类别

工作内容

牵头单位

配合单位

完成时限

3

设施建设

新建和改造农村公厕20座。

县农业农村局

县财政局、

县卫生健康局

2025年9月底前

4

完善村庄道路照明设施。

县交通运输局

县财政局

县发展改革委

长期坚持

抄送：县委办公室。
"""


def blocks_of(text: str):
    return read_document(text.encode("utf-8"), "分解表.txt").blocks


def test_blank_separated_cells_become_one_table_with_gaps_for_merged_cells():
    blocks = blocks_of(BLANK_SEPARATED)
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.header == ["序号", "工作类别", "工作内容", "牵头单位", "配合单位", "完成时限"]
    assert table.rows == [
        [
            "1",
            "环境整治",
            "开展农村生活垃圾集中清理，建立长效保洁机制。",
            "县住房城乡建设局",
            "各乡镇人民政府",
            "2025年6月底前",
        ],
        ["2", "", "全面排查农村黑臭水体，制定整治方案并组织实施。", "县生态环境局", "县水利局", "2025年底前"],
        [
            "3",
            "设施建设",
            "新建和改造农村公厕20座。",
            "县农业农村局",
            "县财政局、县卫生健康局",
            "2025年9月底前",
        ],
        ["4", "", "完善村庄道路照明设施。", "县交通运输局、县财政局", "县发展改革委", "长期坚持"],
    ]


def test_prose_around_the_table_stays_paragraphs_in_order():
    blocks = blocks_of(BLANK_SEPARATED)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph"] * 3 + ["Table", "Paragraph"]
    assert blocks[-1].text == "抄送：县委办公室。"
    assert blocks[3].line == BLANK_SEPARATED.split("\n").index("序号")


# One cell per line with no blank lines: a two-line category name and a unit list wrapped over lines.
LINE_PER_CELL = """序号
任务类型
重点内容
责任单位
1
数字政府
平台建设
建设全区统一的政务服务平台，推动高频事项“一网通办”。
区政务服务中心、区大数据局、
区财政局，
各街道办事处
2
推进电子证照在政务服务中的全面应用，年底前覆盖率达到90%。
区大数据局
三、组织实施
各单位要高度重视。
"""


def test_cell_per_line_without_blank_lines_joins_wrapped_cells():
    blocks = blocks_of(LINE_PER_CELL)
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows == [
        [
            "1",
            "数字政府平台建设",
            "建设全区统一的政务服务平台，推动高频事项“一网通办”。",
            "区政务服务中心、区大数据局、区财政局，各街道办事处",
        ],
        ["2", "", "推进电子证照在政务服务中的全面应用，年底前覆盖率达到90%。", "区大数据局"],
    ]
    assert [b.text for b in blocks[1:]] == ["三、组织实施", "各单位要高度重视。"]


def test_a_word_like_序号_in_prose_is_not_a_table():
    text = "序号\n说明\n本方案所列任务按序号排列，由各单位分别落实。\n"
    blocks = blocks_of(text)
    assert all(isinstance(b, Paragraph) for b in blocks)


def test_header_without_numbered_rows_is_left_as_paragraphs():
    text = "序号\n任务名称\n牵头单位\n完成时限\n以上内容另行通知。\n"
    assert find_cell_tables(text.split("\n")) == []


def test_extra_unit_cells_go_to_the_lead_column_when_the_category_is_missing():
    kinds = ["name", "text", "unit", "unit", "date"]
    row = ["推动餐饮行业减少一次性用品使用。", "区商务委", "区市场监管局", "区文化旅游局", "2026年"]
    assert align_row(row, kinds) == [
        "",
        "推动餐饮行业减少一次性用品使用。",
        "区商务委、区市场监管局",
        "区文化旅游局",
        "2026年",
    ]


def test_a_unit_list_ending_in_a_comma_is_continued_not_split():
    kinds = ["name", "text", "unit", "unit", "date"]
    row = ["宣传引导", "开展进社区宣传活动。", "区委宣传部", "区民政局、", "各街道", "2026年"]
    assert align_row(row, kinds) == [
        "宣传引导",
        "开展进社区宣传活动。",
        "区委宣传部",
        "区民政局、各街道",
        "2026年",
    ]


def test_column_kinds_come_from_the_header_words():
    assert [
        column_kind(name) for name in ["任务名称", "主要内容", "牵头部门", "配合单位", "时间节点", "备注"]
    ] == ["name", "text", "unit", "unit", "date", "other"]


def test_the_last_row_stops_where_prose_resumes():
    text = "序号\n重点任务\n责任单位\n完成时限\n1\n建设社区养老服务中心。\n区民政局\n2026年底前\n附件2\n街道名单\n"
    blocks = blocks_of(text)
    assert isinstance(blocks[0], Table)
    assert blocks[0].rows == [["1", "建设社区养老服务中心。", "区民政局", "2026年底前"]]
    assert [b.text for b in blocks[1:]] == ["附件2", "街道名单"]


def test_tab_separated_table_copied_from_word_with_a_two_paragraph_cell():
    text = (
        "附件\n序号\t重点任务\t牵头单位\t完成时限\n"
        "1\t建设智慧社区，完成改造30个。\t区民政局\t2026年底前\n"
        "2\t推进适老化改造，\n惠及老年人1000户。\t区住房城乡建设局\t长期坚持\n"
        "三、保障措施\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].header == ["序号", "重点任务", "牵头单位", "完成时限"]
    assert blocks[1].rows == [
        ["1", "建设智慧社区，完成改造30个。", "区民政局", "2026年底前"],
        ["2", "推进适老化改造，惠及老年人1000户。", "区住房城乡建设局", "长期坚持"],
    ]
    assert blocks[2].text == "三、保障措施"


def test_tabs_inside_ordinary_lines_are_just_spaces():
    blocks = blocks_of("一、总体要求\t（2026年）\n坚持\t统筹推进。\n")
    assert [b.text for b in blocks] == ["一、总体要求 （2026年）", "坚持 统筹推进。"]


def table_of(text: str) -> Table:
    (table,) = [b for b in blocks_of(text) if isinstance(b, Table)]
    return table


# A web table copied cell by cell, each cell keeping the "|" that separated it from the next; the copy
# starts at row 35 (the earlier rows were on another page) and a header name is spaced out to fit.
BAR_CELLS = """附件
某某县2026年重点工作任务分解表
序号 |
工作任务 |
分 管 县领导 |
牵头单位 |
责任单位 |
35 |
新建城乡公交站亭40座，优化公交线路。 |
王 强 |
县交通运输局 |
各乡镇人民政府 |
36 |
建设县级物流配送中心。 |
李 明 |
县商务局 |
县供销社 |
"""


def test_cells_carrying_bars_and_numbered_from_any_row_become_a_table():
    blocks = blocks_of(BAR_CELLS)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table"]
    table = blocks[2]
    assert table.header == ["序号", "工作任务", "分管县领导", "牵头单位", "责任单位"]
    assert table.rows == [
        ["35", "新建城乡公交站亭40座，优化公交线路。", "王 强", "县交通运输局", "各乡镇人民政府"],
        ["36", "建设县级物流配送中心。", "李 明", "县商务局", "县供销社"],
    ]


def test_a_table_without_serial_numbers_is_cut_into_rows_by_its_columns():
    text = (
        "三、重点任务分工\n\n重点任务\n\n牵头单位\n\n配合单位\n\n完成时限\n\n"
        "建设区级应急指挥平台，实现与市平台互联互通。\n\n区应急管理局\n\n区大数据局、\n\n区财政局\n\n2026年底前\n\n"
        "开展自然灾害风险普查。\n\n区应急管理局\n\n区自然资源局\n\n2026年6月底前\n\n"
        "四、保障措施\n\n各单位要压实责任。\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph", "Paragraph"]
    assert blocks[1].header == ["重点任务", "牵头单位", "配合单位", "完成时限"]
    assert blocks[1].rows == [
        [
            "建设区级应急指挥平台，实现与市平台互联互通。",
            "区应急管理局",
            "区大数据局、区财政局",
            "2026年底前",
        ],
        ["开展自然灾害风险普查。", "区应急管理局", "区自然资源局", "2026年6月底前"],
    ]


def test_an_unnumbered_table_keeps_merged_categories_empty_and_stops_before_the_signature():
    text = (
        "工作类别\n工作内容\n责任单位\n完成时限\n"
        "污染防治\n整治城区餐饮油烟，安装净化设施。\n区生态环境局\n2026年6月底前\n"
        "推进工业企业挥发性有机物治理。\n区生态环境局、区经济信息委\n2026年底前\n"
        "生态修复\n实施长江岸线生态修复工程。\n区水利局\n长期坚持\n"
        "各单位要按照职责分工抓好落实。\n某某区人民政府办公室\n2026年3月5日\n"
    )
    blocks = blocks_of(text)
    assert blocks[0].rows == [
        ["污染防治", "整治城区餐饮油烟，安装净化设施。", "区生态环境局", "2026年6月底前"],
        ["", "推进工业企业挥发性有机物治理。", "区生态环境局、区经济信息委", "2026年底前"],
        ["生态修复", "实施长江岸线生态修复工程。", "区水利局", "长期坚持"],
    ]
    assert [b.text for b in blocks[1:]] == [
        "各单位要按照职责分工抓好落实。",
        "某某区人民政府办公室",
        "2026年3月5日",
    ]


def test_column_names_without_work_and_unit_columns_are_not_a_table():
    text = "主要目标\n重点任务\n保障措施\n到2027年，基本建成现代化综合交通体系。\n"
    assert all(isinstance(b, Paragraph) for b in blocks_of(text))


def test_a_serial_merged_over_two_rows_gives_two_rows():
    text = (
        "序号\n工作任务\n责任单位\n完成时间\n"
        "1\n实施城区主干道提升改造工程。\n县住房城乡建设局\n2026年9月底前\n"
        "推进背街小巷整治，完成改造20条。\n县城市管理局\n2026年底前\n"
        "2\n开展全民健身设施补短板行动。\n县文化旅游体育局\n2026年底前\n"
        "四、工作要求\n"
    )
    assert table_of(text).rows == [
        ["1", "实施城区主干道提升改造工程。", "县住房城乡建设局", "2026年9月底前"],
        ["", "推进背街小巷整治，完成改造20条。", "县城市管理局", "2026年底前"],
        ["2", "开展全民健身设施补短板行动。", "县文化旅游体育局", "2026年底前"],
    ]


def test_a_long_unit_list_in_one_row_is_not_taken_for_two_rows():
    text = (
        "序号\n工作任务\n责任单位\n完成时间\n"
        "1\n开展安全生产大检查，全面排查重点行业领域风险隐患，建立问题清单。\n县应急管理局、\n县住房城乡建设局、\n"
        "县交通运输局、\n县市场监管局\n2026年底前\n"
        "2\n开展消防安全宣传进社区活动。\n县消防救援大队\n长期坚持\n"
    )
    assert table_of(text).rows[0] == [
        "1",
        "开展安全生产大检查，全面排查重点行业领域风险隐患，建立问题清单。",
        "县应急管理局、县住房城乡建设局、县交通运输局、县市场监管局",
        "2026年底前",
    ]


def test_serials_in_brackets_names_split_over_two_lines_and_the_header_after_a_page_break():
    header = "序号\n主要任务\n牵头\n单位\n配合\n单位\n完成\n时限\n"
    text = (
        "附件\n" + header + "(1)\n完善城乡供水一体化工程。\n县水利局\n县财政局\n2026年底前\n"
        "(2)\n推进农村饮水安全巩固提升。\n县水利局\n各乡镇人民政府\n2027年底前\n- 3 -\n"
        + header
        + "(3)\n建设县级水质检测中心。\n县卫生健康局\n县水利局\n2026年6月底前\n抄送：县委办公室。\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].header == ["序号", "主要任务", "牵头单位", "配合单位", "完成时限"]
    assert [row[0] for row in blocks[1].rows] == ["(1)", "(2)", "(3)"]
    assert blocks[1].rows[2] == ["(3)", "建设县级水质检测中心。", "县卫生健康局", "县水利局", "2026年6月底前"]


def test_serials_in_chinese_numerals():
    text = (
        "序号\n重点领域\n目标任务\n责任单位\n"
        "一\n科技创新\n高新技术企业数量达到120家。\n市科技局\n"
        "二\n产业升级\n规模以上工业增加值增长6%。\n市工业和信息化局\n三、保障措施\n"
    )
    blocks = blocks_of(text)
    assert blocks[0].rows == [
        ["一", "科技创新", "高新技术企业数量达到120家。", "市科技局"],
        ["二", "产业升级", "规模以上工业增加值增长6%。", "市工业和信息化局"],
    ]
    assert blocks[1].text == "三、保障措施"


def test_a_serial_column_with_a_blank_header_cell():
    text = "重点任务\n牵头单位\n完成时限\n1\n建设口袋公园10个。\n区城市管理局\n2026年底前\n"
    table = table_of(text)
    assert table.header == ["", "重点任务", "牵头单位", "完成时限"]
    assert table.rows == [["1", "建设口袋公园10个。", "区城市管理局", "2026年底前"]]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("7", 7),
        ("7.", 7),
        ("7、", 7),
        ("（7）", 7),
        ("(7)", 7),
        ("七", 7),
        ("十二、", 12),
        ("（三）", 3),
        ("③", 3),
    ],
)
def test_serial_numbers_in_every_style(text, number):
    assert serial_number(text) == number


@pytest.mark.parametrize("text", ["2026年", "七月", "1.5", "十二五", "(7", "abc"])
def test_cells_that_are_not_serial_numbers(text):
    assert serial_number(text) is None


# One line per row ----------------------------------------------------------------------------


def test_markdown_table_with_a_row_whose_serial_cell_is_merged():
    text = (
        "附件\n某某区营商环境优化重点任务清单\n"
        "| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
        "|:---:|---|---|---|---|\n"
        "| 1 | 推行企业开办“一日办结”。 | 区市场监管局 | 区税务局、区人力社保局 | 2026年6月底前 |\n"
        "| 2 | 建设工程项目审批全流程网上办理。 | 区住房城乡建设局 | 区自然资源局 | 2026年底前 |\n"
        "|   | 推动水电气报装“一站式”服务。 | 区发展改革委 | 区供电公司 | 长期坚持 |\n"
        "二、保障措施\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert blocks[2].header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert blocks[2].rows == [
        ["1", "推行企业开办“一日办结”。", "区市场监管局", "区税务局、区人力社保局", "2026年6月底前"],
        ["2", "建设工程项目审批全流程网上办理。", "区住房城乡建设局", "区自然资源局", "2026年底前"],
        ["", "推动水电气报装“一站式”服务。", "区发展改革委", "区供电公司", "长期坚持"],
    ]


def test_bar_table_with_column_names_finished_on_a_second_line():
    text = (
        "序号 | 重点任务 | 牵头 | 配合 | 完成\n"
        "     |          | 单位 | 单位 | 时限\n"
        "1 | 开展燃气安全专项整治。 | 县住房城乡建设局 | 县应急管理局 | 2026年6月底前\n"
        "2 | 推进电动自行车充电设施建设。 | 县消防救援大队 | 各乡镇人民政府 | 2026年底前\n"
    )
    table = table_of(text)
    assert table.header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert table.rows[1] == [
        "2",
        "推进电动自行车充电设施建设。",
        "县消防救援大队",
        "各乡镇人民政府",
        "2026年底前",
    ]


def test_box_drawn_table_with_rows_wrapped_inside_their_rules():
    text = (
        "某某县农村人居环境整治任务分解表\n"
        "┌──┬────────────┬──────┬──────┐\n"
        "│序号│重点任务            │牵头        │完成        │\n"
        "│    │                    │单位        │时限        │\n"
        "├──┼────────────┼──────┼──────┤\n"
        "│1   │完成农村户厕改造    │县农业农村局│2026年底前  │\n"
        "│    │3000户，建立管护机制│            │            │\n"
        "├──┼────────────┼──────┼──────┤\n"
        "│2   │推进生活污水治理，  │县生态环境局│2027年6月底 │\n"
        "│    │覆盖率达到60%。     │、县水利局  │前          │\n"
        "└──┴────────────┴──────┴──────┘\n"
        "三、组织保障\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].header == ["序号", "重点任务", "牵头单位", "完成时限"]
    assert blocks[1].rows == [
        ["1", "完成农村户厕改造3000户，建立管护机制", "县农业农村局", "2026年底前"],
        ["2", "推进生活污水治理，覆盖率达到60%。", "县生态环境局、县水利局", "2027年6月底前"],
    ]


def test_fixed_width_table_with_wrapped_cells_a_page_number_and_the_header_again():
    text = (
        "附件\n"
        "序号    重点任务                         牵头单位          完成时限\n"
        " 1      建设城市智慧停车平台，新增       市交通运输局      2026年底前\n"
        "        公共停车泊位5000个。\n"
        " 2      实施老旧管网改造120公里。        市住房城乡建设局  2027年底前\n"
        "                                         市水务集团\n"
        "- 2 -\n"
        "序号    重点任务                         牵头单位          完成时限\n"
        " 3      推进海绵城市建设。               市住房城乡建设局  长期坚持\n"
        "三、保障措施\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].rows == [
        ["1", "建设城市智慧停车平台，新增公共停车泊位5000个。", "市交通运输局", "2026年底前"],
        ["2", "实施老旧管网改造120公里。", "市住房城乡建设局、市水务集团", "2027年底前"],
        ["3", "推进海绵城市建设。", "市住房城乡建设局", "长期坚持"],
    ]


def test_full_width_spaces_between_cells_split_a_row_like_plain_spaces():
    text = (
        "序号　　重点任务　　　　　　　　责任单位　　　　完成时限\n"
        "1　　　开展河湖“清四乱”行动。　　县水利局　　　　2026年底前\n"
    )
    assert table_of(text).rows == [["1", "开展河湖“清四乱”行动。", "县水利局", "2026年底前"]]


def test_prose_with_double_spaces_or_a_bar_is_not_a_table():
    text = (
        "一、总体要求  坚持问题导向，聚焦重点任务。\n"
        "各单位要高度重视  确保按期完成。\n"
        "咨询电话：12345 | 传真：67890\n"
    )
    assert all(isinstance(b, Paragraph) for b in blocks_of(text))


def test_a_header_on_one_line_over_cells_on_their_own_lines():
    text = (
        "附件\n序号 | 重点任务 | 责任单位 | 完成时限\n"
        "1 |\n建设社区嵌入式养老服务中心5个。 |\n区民政局 |\n2026年底前 |\n"
        "2 |\n推进公共场所无障碍设施改造。 |\n区残联 |\n2026年6月底前 |\n三、保障措施\n"
    )
    blocks = blocks_of(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].header == ["序号", "重点任务", "责任单位", "完成时限"]
    assert blocks[1].rows[1] == ["2", "推进公共场所无障碍设施改造。", "区残联", "2026年6月底前"]


def test_short_column_names_that_are_whole_names_are_not_joined():
    text = (
        "任务\n单位\n时间\n"
        "修订城市绿化管理办法。\n市园林局\n2026年底前\n"
        "开展立体绿化试点。\n市园林局\n2027年底前\n"
    )
    table = table_of(text)
    assert table.header == ["任务", "单位", "时间"]
    assert len(table.rows) == 2


def test_a_serial_column_whose_numbers_did_not_survive_the_copy():
    text = (
        "序号\n重点任务\n责任单位\n完成时限\n"
        "建设智慧农贸市场3个。\n区商务委\n2026年底前\n"
        "新增社区便民服务网点20个。\n区商务委、各街道\n2026年底前\n三、保障措施\n"
    )
    blocks = blocks_of(text)
    assert blocks[0].rows == [
        ["", "建设智慧农贸市场3个。", "区商务委", "2026年底前"],
        ["", "新增社区便民服务网点20个。", "区商务委、各街道", "2026年底前"],
    ]
    assert blocks[1].text == "三、保障措施"


def test_tab_separated_table_with_split_names_and_the_header_again_after_a_page_number():
    header = "序号\t重点任务\t牵头\t完成\n\t\t单位\t时限\n"
    text = (
        header
        + "1\t开展城中村消防隐患排查。\t区消防救援大队\t2026年6月底前\n"
        + "— 4 —\n"
        + header
        + "2\t建设微型消防站30个。\t区应急管理局\t2026年底前\n"
    )
    table = table_of(text)
    assert table.header == ["序号", "重点任务", "牵头单位", "完成时限"]
    assert table.rows == [
        ["1", "开展城中村消防隐患排查。", "区消防救援大队", "2026年6月底前"],
        ["2", "建设微型消防站30个。", "区应急管理局", "2026年底前"],
    ]


def test_fixed_width_table_without_serials_and_a_row_whose_serial_is_merged():
    unnumbered = (
        "重点任务                    牵头单位          完成时限\n"
        "修订物业管理条例实施细则    市住房城乡建设局  2026年底前\n"
        "建立物业服务评价制度        市住房城乡建设局  2026年6月底前\n"
        "                            市市场监管局\n"
        "四、保障措施\n"
    )
    assert table_of(unnumbered).rows == [
        ["修订物业管理条例实施细则", "市住房城乡建设局", "2026年底前"],
        ["建立物业服务评价制度", "市住房城乡建设局、市市场监管局", "2026年6月底前"],
    ]
    numbered = (
        "序号  重点任务                    牵头单位          完成时限\n"
        "1     修订物业管理条例实施细则    市住房城乡建设局  2026年底前\n"
        "      建立物业服务评价制度        市市场监管局      2026年6月底前\n"
        "2     开展物业服务质量专项检查    市住房城乡建设局  2027年6月底\n"
        "                                  、各区政府        前\n"
    )
    assert table_of(numbered).rows == [
        ["1", "修订物业管理条例实施细则", "市住房城乡建设局", "2026年底前"],
        ["", "建立物业服务评价制度", "市市场监管局", "2026年6月底前"],
        ["2", "开展物业服务质量专项检查", "市住房城乡建设局、各区政府", "2027年6月底前"],
    ]


def test_less_common_column_names_still_open_a_table():
    text = (
        "序号\n工作要点\n负责人\n时间安排\n"
        "1\n完成村级集体经济发展规划编制。\n张 华\n2026年3月底前\n"
        "2\n建成村级电商服务站1个。\n李 强\n2026年9月底前\n"
    )
    table = table_of(text)
    assert table.header == ["序号", "工作要点", "负责人", "时间安排"]
    assert table.rows[1] == ["2", "建成村级电商服务站1个。", "李 强", "2026年9月底前"]


def test_a_figure_equal_to_the_next_serial_does_not_cut_its_row():
    text = (
        "序号\n指标名称\n2026年目标值（个）\n责任单位\n"
        "1\n新建城市书房\n2\n市文化旅游局\n"
        "2\n新建社区足球场\n3\n市体育局\n"
        "3\n新建口袋公园\n12\n市城市管理局\n"
    )
    assert table_of(text).rows == [
        ["1", "新建城市书房", "2", "市文化旅游局"],
        ["2", "新建社区足球场", "3", "市体育局"],
        ["3", "新建口袋公园", "12", "市城市管理局"],
    ]


def test_a_deadline_given_as_a_full_date_stays_in_its_row():
    text = (
        "序号\n重点任务\n牵头单位\n完成时限\n"
        "1\n完成老旧电梯安全评估。\n区市场监管局\n2026年6月30日\n"
        "2\n建立电梯应急处置平台。\n区市场监管局\n2026年12月31日\n"
    )
    assert [row[3] for row in table_of(text).rows] == ["2026年6月30日", "2026年12月31日"]


# A 为民办实事 list pasted one cell per line: the work column is named for the kind of work, not 任务 or
# 内容; row 2 holds two items under one serial and one unit cell, each with its own deadline, and the
# deadlines name the milestone due then (建成, 投入运行) rather than ending in 前.
PRACTICAL_MATTERS = """附件
2026年为民办实事项目分解表
序号
为民实事
责任单位
完成时限
1
新建城区公共停车场3处，新增停车泊位600个。
县住房城乡建设局
县城市管理局
10月底前建成
2
改造提升乡镇卫生院4所。
县卫生健康局
6月底前完工
建设县域医共体远程会诊中心。
11月投入运行
3
新增城乡公益性岗位200个。
县人力资源社会保障局
12月底前
"""


def test_a_practical_matters_list_with_no_task_word_in_its_header_is_a_table():
    table = table_of(PRACTICAL_MATTERS)
    assert table.header == ["序号", "为民实事", "责任单位", "完成时限"]
    assert [row[0] for row in table.rows] == ["1", "2", "", "3"]
    assert table.rows[0][2] == "县住房城乡建设局、县城市管理局"


def test_two_items_with_their_own_deadlines_under_one_serial_are_two_rows():
    rows = table_of(PRACTICAL_MATTERS).rows
    assert rows[1:3] == [
        ["2", "改造提升乡镇卫生院4所。", "县卫生健康局", "6月底前完工"],
        ["", "建设县域医共体远程会诊中心。", "", "11月投入运行"],
    ]


@pytest.mark.parametrize(
    "work", ["民生实事", "重点工程", "事项", "项目名称", "工作内容", "建设内容", "主要任务"]
)
def test_work_columns_named_in_many_ways_open_a_table(work):
    text = f"序号\n{work}\n责任单位\n完成时限\n1\n建成社区养老服务站5个。\n区民政局\n9月底前\n"
    table = table_of(text)
    assert table.header == ["序号", work, "责任单位", "完成时限"]
    assert table.rows == [["1", "建成社区养老服务站5个。", "区民政局", "9月底前"]]


@pytest.mark.parametrize(
    "deadline", ["5月底前动工", "9月投入使用", "年底前竣工", "三季度开工", "8月上旬完成"]
)
def test_a_deadline_naming_its_milestone_ends_its_item(deadline):
    text = (
        f"序号\n民生项目\n责任单位\n完成时限\n1\n完成老旧小区改造10个。\n区住建局\n{deadline}\n"
        "同步改造小区雨污管网。\n12月底前\n2\n新建公办幼儿园2所。\n区教育局\n8月底前\n"
    )
    assert table_of(text).rows[:2] == [
        ["1", "完成老旧小区改造10个。", "区住建局", deadline],
        ["", "同步改造小区雨污管网。", "", "12月底前"],
    ]
