"""Building the directory from a spreadsheet, and writing it back out in the same layout."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from duban.units import io as units_io
from duban.units.directory import expand, resolve
from duban.units.io import ImportFileError, ImportRowsError, apply_rows, prepare_import
from duban.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

HEADER = "单位全称,简称,别名（用、分隔）,类别,上级单位,地区,所属分组（用、分隔）,是否分组,排序,状态"
GOOD = "\n".join(
    [
        HEADER,
        "甘肃省发展和改革委员会,省发展改革委,省发改委,省直部门,,甘肃省,,否,10,启用",
        "各市州政府,,各市（州）政府,市州政府,,甘肃省,,是,100,启用",
        "兰州市人民政府,兰州市政府,,市州政府,,兰州市,各市州政府,否,101,启用",
        "兰州市发展和改革委员会,,,,兰州市人民政府,兰州市,,,,",
        "天水市人民政府,天水市政府,,市州政府,,天水市,各市州政府,否,102,启用",
    ]
)


def import_text(text: str, encoding: str = "utf-8", name: str = "units.csv"):
    plan = prepare_import(text.encode(encoding), name)
    assert plan.ok, plan.errors
    return apply_rows(plan.rows)


def test_a_good_file_creates_the_units_with_groups_and_parents():
    result = import_text(GOOD)
    assert (result.created, result.updated) == (5, 0)
    ndrc = resolve("省发改委")
    assert (
        ndrc.name == "甘肃省发展和改革委员会"
        and ndrc.short_name == "省发展改革委"
        and ndrc.aliases == ["省发改委"]
    )
    assert [u.name for u in expand(resolve("各市（州）政府"))] == ["兰州市人民政府", "天水市人民政府"]
    city_ndrc = Unit.objects.get(name="兰州市发展和改革委员会")
    assert city_ndrc.parent.name == "兰州市人民政府"
    assert city_ndrc.kind == UnitKind.PROVINCIAL_DEPT  # no 类别: the name rules say it is a department
    assert city_ndrc.active and not city_ndrc.is_group


def test_a_gbk_csv_is_read_as_well():
    import_text(GOOD, encoding="gbk")
    assert Unit.objects.filter(name="甘肃省发展和改革委员会").exists()


def test_an_xlsx_file_is_read_from_its_first_sheet():
    book = Workbook()
    sheet = book.active
    for line in GOOD.splitlines():
        sheet.append(line.split(","))
    sheet.append(["甘肃省教育厅", None, None, "省直部门", None, None, None, None, 20.0, None])
    data = io.BytesIO()
    book.save(data)
    plan = prepare_import(data.getvalue(), "名录.xlsx")
    assert plan.ok and plan.created == 6
    apply_rows(plan.rows)
    assert Unit.objects.get(name="甘肃省教育厅").sort_order == 20


def test_the_preview_says_what_will_change_and_writes_nothing():
    import_text(GOOD)
    changed = GOOD.replace("省发改委,省直部门", "省发改委、甘肃发改委,省直部门") + "\n甘肃省教育厅,,,,,,,,,"
    plan = prepare_import(changed.encode(), "units.csv")
    actions = {c.name: (c.action, c.changes) for c in plan.changes}
    assert actions["甘肃省发展和改革委员会"] == ("update", ["别名"])
    assert actions["甘肃省教育厅"] == ("create", [])
    assert actions["兰州市人民政府"] == ("unchanged", [])
    assert (plan.created, plan.updated, plan.unchanged) == (1, 1, 4)
    assert not Unit.objects.filter(name="甘肃省教育厅").exists()
    assert resolve("甘肃发改委") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("名称X,简称\n甲,乙".encode(), "缺少“单位全称”列"),
        (f"{HEADER},备忘\n甲厅,,,,,,,,,,x".encode(), "无法识别的列：“备忘”"),
        ("单位全称,单位名称\n甲,乙".encode(), "重复的列"),
        (b"\xff\xfe\x80\x81" + "单位全称".encode("utf-16-le"), "编码无法识别"),
        (b"", "文件是空的"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel"),
        (b"PK\x03\x04broken zip", "无法读取这个 Excel 文件"),
        (HEADER.encode() + b"\n", "没有单位"),
    ],
)
def test_a_bad_file_gets_a_chinese_message_and_changes_nothing(data, message):
    import_text(GOOD)
    before = list(Unit.objects.values_list("name", "aliases"))
    with pytest.raises(ImportFileError) as caught:
        prepare_import(data, "units.csv")
    assert message in caught.value.message
    assert list(Unit.objects.values_list("name", "aliases")) == before


def test_a_file_over_the_size_limit_is_refused_before_reading(settings):
    settings.DUBAN_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ImportFileError, match="文件太大"):
        prepare_import(GOOD.encode(), "units.csv")
    with pytest.raises(ImportFileError, match="不能超过"):
        units_io.check_size(200 * 1024 * 1024)
    assert not Unit.objects.exists()


def test_bad_rows_are_each_named_in_chinese_and_nothing_is_written():
    text = "\n".join(
        [
            HEADER,
            "甘肃省教育厅,,,省直部门,,,,,,",
            "甘肃省财政厅,,,厅局,,,,,,",  # unknown kind
            ",省民政厅,,,,,,,,",  # no name
            "甘肃省教育厅,,,,,,,,,",  # twice
            "甘肃省水利厅,,,,甘肃省人民政府,,,,,",  # parent nowhere
            "甘肃省林业和草原局,,,,,,甘肃省教育厅,,,",  # a unit used as a group
            "甘肃省审计厅,,,,,,,也许,十,暂停",
        ]
    )
    plan = prepare_import(text.encode(), "units.csv")
    assert not plan.ok
    messages = [e.message for e in plan.errors]
    assert any(m.startswith("第3行：类别“厅局”无法识别") for m in messages)
    assert any(m.startswith("第4行：单位全称是空的") for m in messages)
    assert any(m.startswith("第5行：单位“甘肃省教育厅”与第2行重复") for m in messages)
    assert any(m.startswith("第6行：上级单位“甘肃省人民政府”既不在名录中") for m in messages)
    assert any(m.startswith("第7行：所属分组“甘肃省教育厅”在本文件中不是分组") for m in messages)
    assert sum(m.startswith("第8行") for m in messages) == 3
    with pytest.raises(ImportRowsError):
        apply_rows(plan.rows)
    assert not Unit.objects.exists()


def test_a_group_named_only_in_the_groups_column_is_created():
    import_text(HEADER + "\n白银市人民政府,,,,,,各市州政府,,,")
    group = Unit.objects.get(name="各市州政府")
    assert group.is_group and group.kind == UnitKind.CITY_GOV
    assert [u.name for u in expand(group)] == ["白银市人民政府"]


def test_a_row_spelt_as_an_existing_alias_updates_that_unit_and_keeps_the_old_name():
    Unit.objects.create(name="省发展改革委", aliases=["省发改委"], kind=UnitKind.PROVINCIAL_DEPT)
    result = import_text("单位全称,别名\n甘肃省发展和改革委员会,省发改委")
    assert (result.created, result.updated) == (0, 1)
    unit = Unit.objects.get()
    assert unit.name == "甘肃省发展和改革委员会" and "省发展改革委" in unit.aliases
    assert resolve("省发展改革委") == unit


def test_a_new_unit_with_the_same_key_as_an_existing_one_is_flagged():
    Unit.objects.create(name="省发展改革委", kind=UnitKind.PROVINCIAL_DEPT)
    plan = prepare_import("单位全称\n甘肃省发展和改革委员会".encode(), "units.csv")
    [change] = plan.changes
    assert change.action == "create" and "可能与已有单位“省发展改革委”是同一单位" in change.notes


def test_columns_left_out_of_a_file_keep_their_values():
    import_text(GOOD)
    import_text("单位全称,地区\n兰州市人民政府,兰州")
    city = Unit.objects.get(name="兰州市人民政府")
    assert city.region == "兰州" and city.short_name == "兰州市政府" and city.sort_order == 101
    assert [g.name for g in city.groups.all()] == ["各市州政府"]


def test_export_then_import_is_a_round_trip():
    import_text(GOOD)
    Unit.objects.filter(name="天水市人民政府").update(active=False)
    exported = units_io.export_xlsx()
    sheet = load_workbook(io.BytesIO(exported)).active
    rows = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == units_io.HEADERS
    assert [
        "兰州市人民政府",
        "兰州市政府",
        "",
        "市州政府",
        "",
        "兰州市",
        "各市州政府",
        "否",
        "101",
        "启用",
    ] in rows
    before = sorted(units_io.directory_rows())
    plan = prepare_import(exported, "单位名录.xlsx")
    assert plan.ok and (plan.created, plan.updated, plan.unchanged) == (0, 0, 5)
    Unit.objects.all().delete()
    assert apply_rows(plan.rows).created == 5
    assert sorted(units_io.directory_rows()) == before
    assert not Unit.objects.get(name="天水市人民政府").active


def test_csv_export_opens_in_excel_and_imports_again():
    import_text(GOOD)
    data = units_io.export_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    assert prepare_import(data, "units.csv").unchanged == 5


def test_the_template_has_the_columns_and_a_sheet_of_help():
    book = load_workbook(io.BytesIO(units_io.template_xlsx()))
    assert book.sheetnames == ["单位名录", "填写说明"]
    header = [c.value for c in book["单位名录"][1]]
    assert header[:7] == [
        "单位全称",
        "简称",
        "别名（用、分隔）",
        "类别",
        "上级单位",
        "地区",
        "所属分组（用、分隔）",
    ]
    with pytest.raises(ImportFileError, match="没有单位"):
        prepare_import(units_io.template_xlsx(), "template.xlsx")


def test_an_import_is_in_the_audit_trail_with_who_and_what(office_user):
    from duban.audit.log import history

    import_text(GOOD)
    plan = prepare_import(GOOD.replace("兰州市政府", "兰州政府").encode(), "units.csv")
    apply_rows(plan.rows, actor=office_user)
    [event, created] = history(Unit.objects.get(name="兰州市人民政府"))
    assert event.action == "update" and event.actor == office_user
    assert event.before == {"short_name": "兰州市政府"} and event.after == {"short_name": "兰州政府"}
    assert created.action == "create" and created.actor is None


def test_a_title_row_above_the_header_is_allowed_and_rows_keep_their_excel_numbers():
    text = "甘肃省单位名录（2024年）,,\n单位全称,类别\n甘肃省教育厅,省直部门\n甘肃省财政厅,财政\n"
    plan = prepare_import(text.encode(), "units.csv")
    assert [e.message[:4] for e in plan.errors] == ["第4行："]
    assert [c.line for c in plan.changes] == [3, 4]


def test_blank_kind_keeps_an_existing_units_own_and_short_references_are_no_change():
    import_text(GOOD)
    Unit.objects.filter(name="兰州市发展和改革委员会").update(kind=UnitKind.OTHER)
    text = "单位全称,类别,上级单位,所属分组（用、分隔）\n兰州市发展和改革委员会,,兰州市政府,\n天水市人民政府,,,各市（州）政府\n"
    plan = prepare_import(text.encode(), "units.csv")
    assert [(c.name, c.action) for c in plan.changes] == [
        ("兰州市发展和改革委员会", "unchanged"),
        ("天水市人民政府", "unchanged"),
    ]
    apply_rows(plan.rows)
    assert Unit.objects.get(name="兰州市发展和改革委员会").kind == UnitKind.OTHER
