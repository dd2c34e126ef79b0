"""`duban units list|import|export` as an administrator runs them."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from duban.units.models import Unit

pytestmark = pytest.mark.django_db

CSV = "单位全称,简称,类别,所属分组（用、分隔）\n甘肃省教育厅,省教育厅,省直部门,\n兰州市人民政府,,市州政府,各市州政府\n"


def run(*args) -> str:
    out = io.StringIO()
    call_command("units", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_dry_run_writes_nothing_then_import_writes(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(CSV, encoding="gbk")
    assert "试运行" in run("import", str(path), "--dry-run")
    assert not Unit.objects.exists()
    assert "新建 3" in run("import", str(path))
    assert Unit.objects.count() == 3


def test_a_bad_file_fails_with_the_rows_named(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("单位全称,类别\n甘肃省教育厅,教育\n", encoding="utf-8")
    with pytest.raises(CommandError, match="没有变化"):
        run("import", str(path))
    with pytest.raises(CommandError, match="找不到文件"):
        run("import", str(tmp_path / "missing.csv"))
    assert not Unit.objects.exists()


def test_list_by_kind_and_as_json(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(CSV, encoding="utf-8")
    run("import", str(path))
    assert "兰州市人民政府" in run("list", "--kind", "市州政府")
    assert "甘肃省教育厅" not in run("list", "--kind", "city_gov")
    data = json.loads(run("list", "--kind", "group", "--json"))
    assert [u["name"] for u in data] == ["各市州政府"]
    with pytest.raises(CommandError, match="未知的类别"):
        run("list", "--kind", "厅局")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(tmp_path, suffix):
    path = tmp_path / "units.csv"
    path.write_text(CSV, encoding="utf-8")
    run("import", str(path))
    exported = tmp_path / f"out{suffix}"
    run("export", "-o", str(exported))
    assert "不变 3" in run("import", str(exported))
    with pytest.raises(CommandError, match=".xlsx 或 .csv"):
        run("export", "-o", str(tmp_path / "out.txt"))


def test_reindex_repairs_names_changed_by_a_bulk_update():
    from duban.units.directory import resolve

    Unit.objects.create(name="甘肃省教育厅")
    Unit.objects.update(name="甘肃省教育考试院")  # bypasses Unit.save()
    assert resolve("甘肃省教育考试院") is None
    assert "已重建 1" in run("reindex")
    assert resolve("甘肃省教育考试院").name == "甘肃省教育考试院"
    assert resolve("甘肃省教育厅") is None
