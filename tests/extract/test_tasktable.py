"""Task tables: which header words make a column of work, and how each row becomes a task.

The tables and the plan are invented in the style of county 民生实事 and 重点工作 division tables.
"""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.extract.blocks import Table
from duban.extract.tasktable import map_columns, read_rows


@pytest.mark.parametrize(
    "work",
    ["民生实事", "为民实事", "实事项目", "事项", "项目名称", "工作内容", "建设内容", "主要任务", "重点工程"],
)
def test_a_column_of_work_is_recognised_by_many_names(work):
    cols = map_columns(["序号", work, "责任单位", "完成时限"])
    assert cols is not None
    assert cols.text_columns == [1]
    assert (cols.others, cols.deadline) == ([2], 3)


def test_a_table_with_no_column_of_units_is_not_a_task_table():
    assert map_columns(["序号", "民生实事", "完成时限"]) is None


def test_a_row_with_empty_unit_cells_takes_the_units_of_the_row_above():
    table = Table(
        header=["序号", "民生实事", "牵头单位", "配合单位", "完成时限"],
        rows=[
            ["1", "改造提升乡镇卫生院4所。", "县卫生健康局", "县财政局", "6月底前完工"],
            ["", "建设县域医共体远程会诊中心。", "", "", "11月投入运行"],
            ["2", "新增城乡公益性岗位200个。", "县人力资源社会保障局", "", "12月底前"],
        ],
    )
    cols = map_columns(table.header)
    assert cols is not None
    tasks = read_rows(table, cols)
    assert [t.units for t in tasks] == [
        ["县卫生健康局", "县财政局"],
        ["县卫生健康局", "县财政局"],
        ["县人力资源社会保障局"],
    ]
    assert [t.leads for t in tasks] == [["县卫生健康局"], ["县卫生健康局"], ["县人力资源社会保障局"]]
    assert [t.deadline_text for t in tasks] == ["6月底前完工", "11月投入运行", "12月底前"]


# A notice with no 一、 or 1. headings: all its work is in the attached table, pasted one cell per line.
NOTICE_WITH_A_TABLE = """某某县人民政府办公室关于印发2026年为民办实事项目的通知

某府办〔2026〕8号

各乡镇人民政府，县级各部门：

    现将2026年为民办实事项目分解下达，请认真抓好落实。

                               某某县人民政府办公室
                                       2026年2月10日

附件

2026年为民办实事项目分解表

序号

为民实事

责任单位

完成时限

1

新建城区公共停车场3处。

县住房城乡建设局

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


def test_a_notice_whose_only_tasks_are_a_practical_matters_table_yields_them():
    plan = extract(NOTICE_WITH_A_TABLE.encode("utf-8"), name="通知.txt")
    assert [(t.text, t.units) for t in plan.tasks] == [
        ("新建城区公共停车场3处。", ["县住房城乡建设局"]),
        ("改造提升乡镇卫生院4所。", ["县卫生健康局"]),
        ("建设县域医共体远程会诊中心。", ["县卫生健康局"]),
        ("新增城乡公益性岗位200个。", ["县人力资源社会保障局"]),
    ]
    assert [t.deadline.text if t.deadline else None for t in plan.tasks] == [
        "10月底前建成",
        "6月底前完工",
        "11月投入运行",
        "12月底前",
    ]
