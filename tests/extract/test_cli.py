"""`duban extract`: what a person (or the scorer) sees on stdout, stderr, in files, and as exit codes.

The renderings are tested on a hand-made Plan; the command end to end on a small invented plan.
"""

from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest

import duban.extract
from duban.extract.cli import main
from duban.extract.formats import XLSX_COLUMNS, XLSX_SHEET, render_json, render_markdown, render_xlsx
from duban.extract.model import Deadline, Meta, Plan, Section, Source, Target, Task

REPO = Path(__file__).resolve().parents[2]
needs_extract = pytest.mark.skipif(
    not hasattr(duban.extract, "extract"), reason="duban.extract.extract (the parser) is not written yet"
)

PLAN_TEXT = """某某县人民政府办公室关于印发某某县农村人居环境整治提升行动方案的通知
某政办〔2026〕8号
各乡镇人民政府，县政府各部门：
现将《某某县农村人居环境整治提升行动方案》印发给你们，请认真贯彻落实。
某某县人民政府办公室
2026年3月2日
某某县农村人居环境整治提升行动方案
一、总体要求
坚持因地制宜、分类施策，持续改善农村人居环境。
二、重点任务
（一）推进农村厕所改造。年底前完成农村户厕改造500户。（牵头单位：县农业农村局；责任单位：县卫生健康局、各乡镇人民政府）
（二）治理农村生活污水。2026年9月底前完成20个行政村生活污水治理。（牵头单位：县生态环境局；责任单位：县水利局、各乡镇人民政府）
三、保障措施
各乡镇要加强组织领导，确保各项任务落到实处。
"""


def sample_plan() -> Plan:
    return Plan(
        source=Source("方案.txt", "txt", "utf-8", "ab" * 32),
        meta=Meta(
            title="某某县农村人居环境整治提升行动方案",
            doc_number="某政办〔2026〕8号",
            issuer="某某县人民政府办公室",
            issued_on="2026-03-02",
        ),
        sections=[Section("S2", None, "二", "重点任务"), Section("S2.1", "S2", "一", "推进厕所改造")],
        tasks=[
            Task(
                "T1",
                "S2.1",
                "年底前完成农村户厕改造500户。",
                units=["县农业农村局", "县卫生健康局"],
                units_from="task",
                lead=["县农业农村局"],
                deadline=Deadline("年底前", "2026-12-31"),
                targets=[Target("完成农村户厕改造500户", "户厕改造", 500, "户", "=")],
            ),
            Task(
                "T2",
                "S2",
                "推进垃圾分类 | 试点。",
                units=["县住房城乡建设局"],
                units_from="task",
                suggested_lead="县住房城乡建设局",
                warnings=["未写明完成时限"],
            ),
        ],
    )


# --- renderings ---------------------------------------------------------------------------------------


def test_json_rendering_is_the_spec_json_with_chinese_kept():
    text = render_json(sample_plan())
    assert "县农业农村局" in text  # not \\u escapes
    assert json.loads(text)["schema"] == "duban.plan/1"


def test_markdown_has_title_meta_and_a_task_table_per_section():
    text = render_markdown(sample_plan())
    lines = text.splitlines()
    assert lines[0] == "# 某某县农村人居环境整治提升行动方案"
    assert "- 文号：某政办〔2026〕8号" in lines
    assert "## 二、重点任务" in lines and "### （一）推进厕所改造" in lines
    assert "| 序号 | 任务 | 责任单位 | 牵头 | 完成时限 | 目标 |" in lines
    assert (
        "| T1 | 年底前完成农村户厕改造500户。 | 县农业农村局、县卫生健康局 | 县农业农村局 | 年底前（2026-12-31） "
        "| 完成农村户厕改造500户 |"
    ) in lines
    assert "| T2 | 推进垃圾分类 \\| 试点。 | 县住房城乡建设局 | 县住房城乡建设局（建议） |  |  |" in lines
    assert "- T2：未写明完成时限" in lines


def test_xlsx_is_a_task_division_table_with_bold_header():
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(render_xlsx(sample_plan())))
    sheet = book[XLSX_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == XLSX_COLUMNS
    assert rows[1] == (
        1,
        "年底前完成农村户厕改造500户。",
        "县农业农村局",
        "县卫生健康局",
        "年底前（2026-12-31）",
        "完成农村户厕改造500户",
        "（一）推进厕所改造",
    )
    assert rows[2][2:4] == ("县住房城乡建设局", None)
    assert sheet["A1"].font.bold
    assert sheet["B2"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


# --- the command --------------------------------------------------------------------------------------


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "行动方案.txt"
    path.write_bytes(PLAN_TEXT.encode("gbk"))
    return path


@needs_extract
def test_one_file_prints_only_the_json_on_stdout(plan_file, capsys):
    assert main([str(plan_file)]) == 0
    out, err = capsys.readouterr()
    plan = json.loads(out)
    assert plan["source"]["name"] == "行动方案.txt" and plan["source"]["encoding"] == "gbk"
    assert len(plan["tasks"]) >= 2
    assert err == ""


@needs_extract
def test_markdown_to_stdout_and_xlsx_to_a_file(plan_file, tmp_path, capsys):
    assert main([str(plan_file), "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# ")
    target = tmp_path / "out.xlsx"
    assert main([str(plan_file), "-o", str(target)]) == 0  # format taken from the suffix
    assert target.read_bytes()[:2] == b"PK"


def test_xlsx_to_the_terminal_is_refused(plan_file, capsys):
    assert main([str(plan_file), "--format", "xlsx"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "-o" in err


@needs_extract
def test_several_files_go_to_a_folder_one_output_each(plan_file, tmp_path):
    other = tmp_path / "第二个.txt"
    other.write_text(PLAN_TEXT, encoding="utf-8")
    folder = tmp_path / "输出"
    assert main([str(plan_file), str(other), "-o", str(folder), "--format", "md"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["第二个.md", "行动方案.md"]


def test_several_files_without_output_folder_is_a_usage_error(plan_file, capsys):
    assert main([str(plan_file), str(plan_file)]) == 2
    assert "-o" in capsys.readouterr().err


def test_missing_file_is_one_line_on_stderr_with_exit_2(tmp_path, capsys):
    assert main([str(tmp_path / "没有.txt")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == ["duban extract: 没有.txt: 文件不存在。"]


def test_old_doc_message_names_the_file_and_the_fix(tmp_path, capsys):
    path = tmp_path / "旧方案.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("duban extract: 旧方案.doc: ") and "另存为 .docx" in err
    assert "Traceback" not in err


def test_help_speaks_chinese_and_english(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "输出格式" in out and "output format" in out


@needs_extract
def test_module_run_as_the_scorer_calls_it(plan_file):
    result = subprocess.run(
        [sys.executable, "-m", "duban.extract.cli", str(plan_file)], capture_output=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout.decode("utf-8"))["schema"] == "duban.plan/1"
    assert b"Traceback" not in result.stderr


@needs_extract
def test_dash_reads_the_plan_from_standard_input(plan_file):
    result = subprocess.run(
        [sys.executable, "-m", "duban.extract.cli", "-"],
        input=plan_file.read_bytes(),
        capture_output=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout.decode("utf-8"))["source"]["encoding"] == "gbk"


def test_markdown_names_the_next_likely_leads_after_a_suggestion(tmp_path, capsys):
    plan = tmp_path / "方案.txt"
    plan.write_text(
        "关于提升公共服务的实施方案\n一、主要任务\n（一）推进医保支付方式改革，扩大按病种付费范围。\n"
        "（责任单位：省教育厅、省医保局、省财政厅）\n",
        encoding="utf-8",
    )
    assert main([str(plan), "--format", "md"]) == 0
    assert "省医保局（建议；其次：" in capsys.readouterr().out
