"""The directory's rules as the review screen and the assignment use them."""

import pytest

from duban.units.directory import (
    candidates,
    create_unit_from_proposal,
    expand,
    learn_leads_from_plan,
    learned_lead_knowledge,
    match_names,
    resolve,
)
from duban.units.models import Membership, Unit, UnitKind, UnitName
from duban.units.roles import Role, is_leader, is_supervisor, user_roles, user_unit_ids

pytestmark = pytest.mark.django_db


def test_three_spellings_of_the_development_commission_are_one_unit(gansu):
    for printed in (
        "省发改委",
        "甘肃省发展和改革委员会",
        "省发展改革委",
        "省发展和改革委员会",
        " 省发展改革委 ",
    ):
        assert resolve(printed) == gansu["ndrc"], printed


def test_an_alias_added_later_is_found(gansu):
    unit = Unit.objects.get(name="甘肃省教育厅")
    unit.aliases = ["甘肃教育厅"]
    unit.save()
    assert resolve("甘肃教育厅") == unit


def test_full_width_and_spaces_fold(gansu):
    assert resolve("各县(市、区)政府") == gansu["counties"]
    assert resolve("各县（市、区） 政府") == gansu["counties"]


def test_central_unit_in_the_province_is_found_by_its_short_name(gansu):
    assert resolve("国家税务总局甘肃省税务局").kind == UnitKind.CENTRAL
    assert resolve("省税务局").name == "国家税务总局甘肃省税务局"


def test_renaming_a_unit_keeps_resolution_correct(gansu):
    ndrc = gansu["ndrc"]
    ndrc.name = "甘肃省发展和改革委"
    ndrc.short_name = ""
    ndrc.save()
    assert resolve("甘肃省发展和改革委员会") == ndrc  # same unit by the name rules
    assert not UnitName.objects.filter(text="省发展改革委").exists()
    ndrc.delete()
    assert resolve("省发改委") is None


def test_a_key_shared_by_two_units_is_ambiguous_not_guessed():
    xining = Unit.objects.create(name="西宁市财政局", kind=UnitKind.OTHER)
    haidong = Unit.objects.create(name="海东市财政局", kind=UnitKind.OTHER)
    assert resolve("市财政局") is None
    assert set(candidates("市财政局")) == {xining, haidong}
    assert resolve("西宁市财政局") == xining
    [match] = match_names(["市财政局"])
    assert match.unit is None and not match.is_new
    assert "西宁市财政局" in match.warning and "海东市财政局" in match.warning


def test_unknown_name_is_proposed_with_kind_and_aliases_never_dropped(gansu):
    names = ["省发改委", "省林业和草原局", "各园区管委会", "国家统计局甘肃调查总队", "省发改委"]
    matches = match_names(names)
    assert [m.name for m in matches] == names
    assert matches[0].unit == gansu["ndrc"] and matches[4].unit == gansu["ndrc"]
    assert matches[2].unit == gansu["parks"]
    new = matches[1]
    assert new.unit is None and new.is_new
    assert new.proposed_kind == UnitKind.PROVINCIAL_DEPT
    assert "省林草局" in new.proposed_aliases
    assert "不在单位名录中" in new.warning
    assert matches[3].unit is None and matches[3].proposed_kind == UnitKind.CENTRAL


def test_proposed_aliases_of_a_government_never_include_a_bare_level():
    [match] = match_names(["白银市人民政府"])
    assert match.proposed_kind == UnitKind.CITY_GOV
    assert "市政府" not in match.proposed_aliases


def test_match_names_costs_one_query_however_many_names(gansu, django_assert_num_queries):
    names = [f"省{x}厅" for x in ("教育", "财政", "民政", "公安", "司法", "水利")] * 10
    with django_assert_num_queries(1):
        matches = match_names(names)
    assert len(matches) == 60


def test_confirmed_proposal_becomes_a_unit_that_resolves(gansu):
    [match] = match_names(["省林业和草原局"])
    unit = create_unit_from_proposal(match.name, match.proposed_kind, match.proposed_aliases)
    assert resolve("省林草局") == unit
    assert (
        create_unit_from_proposal("省林业和草原局", UnitKind.OTHER, []) == unit
    )  # confirming twice adds nothing
    assert Unit.objects.filter(name="省林业和草原局").count() == 1


def test_a_proposal_with_a_wrong_kind_is_refused(gansu):
    with pytest.raises(ValueError, match="不是单位类别"):
        create_unit_from_proposal("省林业和草原局", "forest", [])
    assert not Unit.objects.filter(name="省林业和草原局").exists()


def test_groups_expand_to_their_members(gansu):
    assert [u.name for u in expand(resolve("各市州政府"))] == [
        "兰州市人民政府",
        "天水市人民政府",
        "甘南藏族自治州人民政府",
    ]
    assert {u.name for u in expand(resolve("各县（市、区）政府"))} == {"榆中县人民政府", "城关区人民政府"}
    assert [u.name for u in expand(resolve("各园区管委会"))] == ["兰州新区管理委员会"]
    assert {u.name for u in expand(resolve("省直各部门"))} == {"甘肃省发展和改革委员会", "甘肃省教育厅"}
    assert expand(gansu["ndrc"]) == [gansu["ndrc"]]


def test_expand_skips_inactive_members_and_follows_nested_groups(gansu):
    Unit.objects.filter(name="天水市人民政府").update(active=False)
    Unit.objects.filter(pk=gansu["parks"].pk).update(sort_order=99)  # parks after cities
    everyone = Unit.objects.create(name="各市州和园区", kind=UnitKind.OTHER, is_group=True)
    everyone.members.set([gansu["cities"], gansu["parks"], everyone])
    names = [u.name for u in expand(everyone)]
    assert names == ["兰州市人民政府", "甘南藏族自治州人民政府", "兰州新区管理委员会"]


def test_leads_are_learned_from_plans_that_name_one_lead():
    plan = {
        "tasks": [
            {"text": "推进义务教育学校标准化建设。", "lead": ["省教育厅"]},
            {"text": "完善学前教育公共服务体系。", "lead": ["省教育厅"]},
            {"text": "两个牵头单位的任务。", "lead": ["省教育厅", "省财政厅"]},
            {"text": "没有牵头单位。", "lead": []},
        ]
    }
    assert learned_lead_knowledge().tasks == 0
    assert learn_leads_from_plan(plan) == 2
    assert learn_leads_from_plan({"tasks": []}) == 0
    knowledge = learned_lead_knowledge()
    assert knowledge.tasks == 2
    from duban.extract.leads import suggest_lead

    suggestion = suggest_lead("加快义务教育学校建设。", ["省财政厅", "省教育厅"], learned=knowledge)
    assert suggestion.unit == "省教育厅"


def test_roles_of_a_person(gansu, supervisor, liaison, django_user_model, admin_user):
    assert user_roles(supervisor) == {Role.SUPERVISOR} and is_supervisor(supervisor)
    assert not is_supervisor(liaison) and user_unit_ids(liaison) == {Unit.objects.get(name="甘肃省财政厅").pk}
    assert is_supervisor(admin_user) and not is_leader(admin_user)
    leader = django_user_model.objects.create_user("leader")
    Membership.objects.create(user=leader, role=Role.LEADER)
    Membership.objects.create(user=leader, unit=gansu["ndrc"], role=Role.HEAD)
    assert is_leader(leader) and user_unit_ids(leader) == {gansu["ndrc"].pk}


def test_roles_cost_one_query_per_request_user(supervisor, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            is_supervisor(supervisor)
            user_unit_ids(supervisor)


def test_an_office_wide_role_is_held_once(supervisor):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=supervisor, role=Role.SUPERVISOR)


def test_saving_only_some_fields_keeps_the_spellings_in_step(gansu):
    ndrc = gansu["ndrc"]
    ndrc.sort_order = 7
    ndrc.save(update_fields=["sort_order"])
    assert resolve("省发改委") == ndrc
    ndrc.aliases = ["陇发改"]
    ndrc.save(update_fields=["aliases"])
    assert resolve("陇发改") == ndrc
    assert Unit.objects.get(pk=ndrc.pk).search_text.endswith("陇发改")
