"""The ledger's commands: duban import, duban export, duban demo."""

import openpyxl
import pytest
from django.core.management import call_command

from duban.plans.management.commands.demo import DEMO_PASSWORD
from duban.plans.models import ImportDraft, Plan, Task
from duban.units.models import Membership

from .conftest import EXAMPLE

pytestmark = pytest.mark.django_db


def test_import_prints_the_draft_id_and_confirm_prints_the_plan_id(capsys, supervisor):
    call_command("import", str(EXAMPLE))
    draft_id = int(capsys.readouterr().out.strip())
    assert ImportDraft.objects.filter(pk=draft_id).exists() and not Plan.objects.exists()

    call_command("import", str(EXAMPLE), "--confirm", "--user", "office")
    plan = Plan.objects.get(pk=int(capsys.readouterr().out.strip()))
    assert plan.tasks.count() == 130 and plan.created_by == supervisor


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["/no/such/file.txt"], "无法读取文件"),
        ([__file__], "未在文件中找到任何任务"),
        ([str(EXAMPLE), "--user", "nobody"], "没有用户名"),
    ],
)
def test_import_refuses_bad_input_with_one_chinese_line_and_status_2(capsys, args, words):
    with pytest.raises(SystemExit) as caught:
        call_command("import", *args)
    assert caught.value.code == 2
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1
    assert not ImportDraft.objects.exists()


def test_import_as_a_unit_liaison_is_refused(capsys, django_user_model):
    django_user_model.objects.create_user("someone", password="pw-x-12345")
    with pytest.raises(SystemExit):
        call_command("import", str(EXAMPLE), "--confirm", "--user", "someone")
    assert "权限" in capsys.readouterr().err and not Plan.objects.exists()


def test_export_refuses_an_unknown_plan(capsys, tmp_path):
    with pytest.raises(SystemExit) as caught:
        call_command("export", "tasks", "999", "-o", str(tmp_path / "t.xlsx"))
    assert caught.value.code == 2 and "999" in capsys.readouterr().err


def test_demo_loads_accounts_and_the_example_plan_once(client, capsys, settings):
    settings.DUBAN_TODAY = __import__("datetime").date(2019, 11, 20)
    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    assert Plan.objects.count() == 1 and Task.objects.count() == 130
    assert "fgw" in out and DEMO_PASSWORD in out and "http://" in out
    roles = set(Membership.objects.values_list("user__username", "role"))
    assert {("office", "supervisor"), ("leader", "leader"), ("fgw", "liaison"), ("fgw-head", "head")} <= roles
    assert client.login(username="fgw", password=DEMO_PASSWORD)
    # the reviewer's acceptance of the suggested leads is part of the demo
    assert Task.objects.filter(assignments__role="lead").exists()


def test_export_writes_the_task_table_of_a_plan(capsys, supervisor, tmp_path):
    call_command("import", str(EXAMPLE), "--confirm")
    plan_id = capsys.readouterr().out.strip()
    target = tmp_path / "tasks.xlsx"
    call_command("export", "tasks", plan_id, "-o", str(target))
    book = openpyxl.load_workbook(target)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    assert any("完成新增减税50亿元" in text for text in cells)
