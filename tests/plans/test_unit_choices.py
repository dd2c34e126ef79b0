"""New unit names of a draft: a person creates them as proposed (kind editable) or maps them to an
existing unit before confirm; an ambiguous name must be decided; nothing is created before confirm."""

import copy

import pytest

from duban.plans import actions
from duban.plans.models import ImportDraft
from duban.units.models import Unit

pytestmark = pytest.mark.django_db

NEW = "测试县新设中心"  # in small_plan_json, unknown to the directory


@pytest.fixture
def directory(db):
    """The units the small plan names, so that only NEW is unknown; and two cities' 财政局."""
    for name in ("省财政厅", "省发展改革委", "省人力资源社会保障厅"):
        Unit.objects.create(name=name, kind="provincial_dept")
    Unit.objects.create(name="各市州政府", kind="city_gov", is_group=True)
    return {
        "西宁": Unit.objects.create(name="西宁市财政局", kind="other"),
        "海东": Unit.objects.create(name="海东市财政局", kind="other"),
    }


def _draft(user, plan_json: dict) -> ImportDraft:
    return ImportDraft.objects.create(
        created_by=user, source_name="small.txt", source_format="txt", plan_json=plan_json
    )


def _with_ambiguous(plan_json: dict) -> dict:
    data = copy.deepcopy(plan_json)
    data["tasks"][0]["units"].append("市财政局")
    return data


def _assigned(plan, text: str) -> set[str]:
    task = plan.tasks.get(text__contains=text)
    return {a.unit.name for a in task.assignments.select_related("unit")}


def test_the_draft_lists_the_new_name_with_its_proposal_and_nothing_exists_before_confirm(
    supervisor, directory, small_plan_json
):
    draft = _draft(supervisor, small_plan_json)

    proposals = actions.unit_proposals(draft)

    assert [p.name for p in proposals] == [NEW]
    assert proposals[0].kind == proposals[0].match.proposed_kind
    assert not proposals[0].ambiguous
    actions.choose_unit(draft, supervisor, NEW, kind="county_gov")
    assert not Unit.objects.filter(name=NEW).exists()


def test_create_uses_the_kind_the_reviewer_chose(supervisor, directory, small_plan_json):
    draft = _draft(supervisor, small_plan_json)
    actions.choose_unit(draft, supervisor, NEW, kind="park")

    plan = actions.confirm_draft(draft, supervisor)

    assert Unit.objects.get(name=NEW).kind == "park"
    assert NEW in _assigned(plan, "稳就业")


def test_map_assigns_the_existing_unit_and_learns_the_name_as_its_alias(
    supervisor, directory, small_plan_json
):
    target = Unit.objects.create(name="测试县政务服务中心", kind="county_gov")
    draft = _draft(supervisor, small_plan_json)
    actions.choose_unit(draft, supervisor, NEW, unit_id=target.pk)

    plan = actions.confirm_draft(draft, supervisor)

    assert not Unit.objects.filter(name=NEW).exists()
    assert "测试县政务服务中心" in _assigned(plan, "稳就业")
    target.refresh_from_db()
    assert NEW in target.aliases
    from duban.units.directory import resolve

    assert resolve(NEW) == target  # the next plan finds it by itself


def test_an_ambiguous_name_blocks_confirm_until_decided(supervisor, directory, small_plan_json):
    draft = _draft(supervisor, _with_ambiguous(small_plan_json))
    proposal = next(p for p in actions.unit_proposals(draft) if p.name == "市财政局")
    assert proposal.ambiguous
    assert {u.name for u in proposal.match.candidates} == {"西宁市财政局", "海东市财政局"}

    with pytest.raises(actions.DraftError) as refused:
        actions.confirm_draft(draft, supervisor)

    assert "市财政局" in refused.value.message and "请" in refused.value.message
    assert ImportDraft.objects.filter(pk=draft.pk).exists()
    assert not Unit.objects.filter(name__in=[NEW, "市财政局"]).exists()

    actions.choose_unit(draft, supervisor, "市财政局", unit_id=directory["海东"].pk)
    plan = actions.confirm_draft(draft, supervisor)
    assert "海东市财政局" in _assigned(plan, "减税")


def test_a_choice_for_a_name_not_in_the_draft_or_a_bad_kind_is_refused(
    supervisor, directory, small_plan_json
):
    draft = _draft(supervisor, small_plan_json)

    with pytest.raises(actions.DraftError):
        actions.choose_unit(draft, supervisor, "省财政厅", kind="other")  # known: nothing to decide
    with pytest.raises(actions.DraftError):
        actions.choose_unit(draft, supervisor, NEW, kind="planet")

    draft.refresh_from_db()
    assert draft.unit_choices == {}


# ── the review screen ──────────────────────────────────────────────────────────────────────────────


def _review(client, draft) -> str:
    return client.get(f"/plans/import/{draft.pk}/").content.decode()


def test_the_review_screen_shows_the_panel_and_saves_a_mapping(
    client, supervisor, directory, small_plan_json
):
    client.force_login(supervisor)
    draft = _draft(supervisor, _with_ambiguous(small_plan_json))

    page = _review(client, draft)
    assert "新单位（确认后将加入单位名录）" in page
    assert NEW in page and "西宁市财政局" in page and "须选定" in page

    response = client.post(
        f"/plans/import/{draft.pk}/units/",
        {"name": "市财政局", "action": "map", "unit": "", "unit_name": "西宁市财政局"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.unit_choices["市财政局"] == {"action": "map", "unit": directory["西宁"].pk}
    assert "须选定" not in _review(client, draft)


def test_confirm_on_the_page_is_refused_in_chinese_while_a_name_is_ambiguous(
    client, supervisor, directory, small_plan_json
):
    from duban.plans import drafts

    client.force_login(supervisor)
    data = drafts.accept_suggested_leads(_with_ambiguous(small_plan_json))
    data["tasks"] = data["tasks"][:2]  # the third task has no unit: only the unit blocks confirm
    draft = _draft(supervisor, data)

    response = client.post(f"/plans/import/{draft.pk}/confirm/", follow=True)

    assert "可能指以下单位之一" in response.content.decode()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()

    client.post(f"/plans/import/{draft.pk}/units/", {"name": "市财政局", "action": "create", "kind": "other"})
    client.post(f"/plans/import/{draft.pk}/units/", {"name": NEW, "action": "create", "kind": "county_gov"})
    response = client.post(f"/plans/import/{draft.pk}/confirm/")

    assert response.status_code == 302 and not ImportDraft.objects.filter(pk=draft.pk).exists()
    assert Unit.objects.get(name=NEW).kind == "county_gov"
    assert Unit.objects.filter(name="市财政局").exists()


def test_an_unknown_unit_typed_in_the_search_field_is_refused(client, supervisor, directory, small_plan_json):
    client.force_login(supervisor)
    draft = _draft(supervisor, small_plan_json)

    response = client.post(
        f"/plans/import/{draft.pk}/units/",
        {"name": NEW, "action": "map", "unit_name": "不存在的单位"},
        follow=True,
    )

    assert "单位名录中没有“不存在的单位”" in response.content.decode()
    draft.refresh_from_db()
    assert draft.unit_choices == {}


def test_the_panel_costs_the_same_queries_for_3_and_30_new_names(
    client, supervisor, directory, small_plan_json
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(supervisor)

    def queries(count: int) -> int:
        data = _with_ambiguous(small_plan_json)
        data["tasks"][1]["units"] += [f"测试县第{i}中心" for i in range(count)]
        draft = _draft(supervisor, data)
        target = Unit.objects.create(name=f"测试单位{count}", kind="other")
        actions.choose_unit(draft, supervisor, "测试县第0中心", unit_id=target.pk)
        with CaptureQueriesContext(connection) as captured:
            page = _review(client, draft)
        assert f"测试县第{count - 1}中心" in page
        return len(captured)

    assert queries(3) == queries(30)
