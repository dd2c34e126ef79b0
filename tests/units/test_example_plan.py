"""The issue's figure on the example plan: every unit it names resolves to exactly one entry of the demo
directory, its groups expand to their members, and each of its 130 tasks gets a suggested lead."""

from pathlib import Path

import pytest

from duban.units.demo import load_demo_directory
from duban.units.directory import candidates, expand, learned_lead_knowledge, match_names, resolve
from duban.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

# The project's own copy of the example plan (the demo loads it too).
PLAN = Path(__file__).resolve().parents[2] / "duban/plans/demo/000_qinghai_shouguan_kaiju.txt"


@pytest.fixture(scope="module")
def plan_json() -> dict:
    """The extractor's output for the example plan."""
    from duban.extract import extract

    return extract(PLAN).to_dict()


def unit_names(plan_json: dict) -> list[str]:
    """Every unit name the extractor read from the plan, in order."""
    names: list[str] = []
    for task in plan_json["tasks"]:
        names.extend(task["units"] + task["lead"])
    for section in plan_json["sections"]:
        names.extend(section["units"])
    return list(dict.fromkeys(n.strip() for n in names))


@pytest.fixture
def demo_directory():
    created = load_demo_directory()
    assert created == Unit.objects.count() > 50
    return created


def test_loading_the_demo_directory_twice_adds_nothing(demo_directory):
    assert load_demo_directory() == 0
    assert Unit.objects.count() == demo_directory


def test_every_unit_the_example_plan_names_is_exactly_one_directory_entry(demo_directory, plan_json):
    names = unit_names(plan_json)
    assert len(names) >= 45
    for name in names:
        assert len(candidates(name)) == 1, name
    matches = match_names(names)
    assert [m.name for m in matches if m.unit is None] == []
    # two spellings in the plan, one unit
    assert (
        resolve("省地方金融监管局") == resolve("省地方金融监督管理局") == resolve("青海省地方金融监督管理局")
    )
    assert resolve("国家税务总局青海省税务局").kind == UnitKind.CENTRAL


def test_the_plans_groups_expand_to_their_members(demo_directory):
    cities = expand(resolve("各市州政府"))
    assert [u.name for u in cities] == [
        "西宁市人民政府",
        "海东市人民政府",
        "海北藏族自治州人民政府",
        "黄南藏族自治州人民政府",
        "海南藏族自治州人民政府",
        "果洛藏族自治州人民政府",
        "玉树藏族自治州人民政府",
        "海西蒙古族藏族自治州人民政府",
    ]
    parks = expand(resolve("各园区管委会"))
    assert len(parks) >= 3 and all(p.kind == UnitKind.PARK for p in parks)
    departments = expand(resolve("省直各部门"))
    assert resolve("省发展改革委") in departments and resolve("省税务局") not in departments


def test_each_of_the_130_tasks_gets_a_suggested_lead_from_the_directory(demo_directory, plan_json):
    from duban.extract.leads import suggest_lead

    titles = {s["id"]: s["title"] for s in plan_json["sections"]}
    tasks = plan_json["tasks"]
    assert len(tasks) == 130
    assert all(task["suggested_lead"] in task["units"] for task in tasks)  # as `duban extract` writes it
    learned = learned_lead_knowledge()
    for task in tasks:
        suggestion = suggest_lead(
            task["text"], task["units"], section_title=titles.get(task["section"], ""), learned=learned
        )
        assert suggestion is not None and suggestion.unit in task["units"], task["id"]
        assert resolve(suggestion.unit) is not None, (task["id"], suggestion.unit)
