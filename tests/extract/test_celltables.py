"""Task tables pasted from a web page into a .txt, one cell per line, regrouped into rows.

The documents are invented in the style of county and district task-division tables.
"""

from __future__ import annotations

from duban.extract.blocks import Paragraph, Table
from duban.extract.readers import read_document
from duban.extract.readers.celltables import align_row, column_kind, find_cell_tables

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
