"""Lead suggestion at draft time uses what duban learned from confirmed plans that named their leads."""

import pytest

from duban.plans import actions
from duban.plans.models import ImportDraft

pytestmark = pytest.mark.django_db

# Every task of this plan names 省营商环境建设监督局 as its lead: duban learns that 政务服务 work is theirs (the built-in table does not know this body).
NAMED_LEADS = """关于推进政务服务改革的实施方案

一、主要任务

（一）推行政务服务“一网通办”，年底前实现高频事项网上可办。（省营商环境建设监督局牵头，省发展改革委、省财政厅配合）

（二）推进政务服务事项“跨省通办”，11月底前完成事项清单梳理。（省营商环境建设监督局牵头，省公安厅配合）

（三）开展政务服务“好差评”，年底前覆盖全部办事大厅。（省营商环境建设监督局牵头，省财政厅配合）
"""

# A later plan lists several units for a whole section and names no lead per task.
SECTION_POOL = """关于优化营商环境的实施方案

一、主要任务

（一）优化营商环境。（省发展改革委、省财政厅、省营商环境建设监督局）

1.推行政务服务“一网通办”，扩大网上可办事项范围。

2.清理规范涉企收费，减轻企业负担。
"""


def _draft(supervisor, text: str) -> ImportDraft:
    return actions.create_draft(supervisor, text.encode(), "方案.txt")


def _task(draft: ImportDraft, words: str) -> dict:
    return next(t for t in draft.plan_json["tasks"] if words in t["text"])


def test_without_earlier_plans_the_built_in_table_decides(supervisor):
    draft = _draft(supervisor, SECTION_POOL)

    task = _task(draft, "一网通办")
    assert task["lead"] == []
    assert task["suggested_lead"] == "省发展改革委"
    assert "以往" not in draft.lead_reasons[task["id"]]


def test_a_confirmed_plan_teaches_the_lead_of_similar_work(supervisor):
    first = _draft(supervisor, NAMED_LEADS)
    actions.confirm_draft(first, supervisor)

    draft = _draft(supervisor, SECTION_POOL)

    similar = _task(draft, "一网通办")
    assert similar["suggested_lead"] == "省营商环境建设监督局"
    reason = draft.lead_reasons[similar["id"]]
    assert "以往" in reason and "省营商环境建设监督局" in reason
    other = _task(draft, "涉企收费")  # different work: what was learned does not carry over
    assert other["suggested_lead"] != "省营商环境建设监督局"
    assert "以往" not in draft.lead_reasons[other["id"]]


def test_a_lead_the_document_names_is_not_second_guessed(supervisor):
    actions.confirm_draft(_draft(supervisor, NAMED_LEADS), supervisor)
    named = NAMED_LEADS.replace(
        "省营商环境建设监督局牵头，省发展改革委、", "省发展改革委牵头，省营商环境建设监督局、"
    )

    draft = _draft(supervisor, named)

    task = _task(draft, "一网通办")
    assert task["lead"] == ["省发展改革委"]
    assert task["suggested_lead"] == "省发展改革委"
    assert draft.lead_reasons[task["id"]] == "文件明确的牵头单位"


def test_accepting_the_learned_suggestion_makes_it_the_lead_on_confirm(supervisor):
    from duban.plans import drafts
    from duban.plans.choices import AssignmentRole

    actions.confirm_draft(_draft(supervisor, NAMED_LEADS), supervisor)
    draft = _draft(supervisor, SECTION_POOL)
    draft.plan_json = drafts.accept_suggested_leads(draft.plan_json)
    draft.save()

    plan = actions.confirm_draft(draft, supervisor)

    task = plan.tasks.get(text__contains="一网通办")
    lead = task.assignments.get(role=AssignmentRole.LEAD)
    assert lead.unit.name == "省营商环境建设监督局"


def test_duban_extract_learned_uses_what_the_database_learned(supervisor, tmp_path, capsys):
    import json

    from duban.extract.cli import main as extract_main

    plan_file = tmp_path / "营商环境方案.txt"
    plan_file.write_text(SECTION_POOL, encoding="utf-8")

    def suggested(*options: str) -> str:
        assert extract_main([str(plan_file), *options]) == 0
        tasks = json.loads(capsys.readouterr().out)["tasks"]
        return next(t["suggested_lead"] for t in tasks if "一网通办" in t["text"])

    assert suggested("--learned") == "省发展改革委"  # nothing learned yet
    actions.confirm_draft(_draft(supervisor, NAMED_LEADS), supervisor)

    assert suggested("--learned") == "省营商环境建设监督局"
    assert suggested() == "省发展改革委"  # without --learned, the built-in table alone, as the scorer runs it
