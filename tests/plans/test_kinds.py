"""A task's kind is guessed from its words and targets on import."""

import pytest

from duban.plans.choices import TaskKind
from duban.plans.kinds import guess_kind


@pytest.mark.parametrize(
    ("text", "targets", "kind"),
    [
        ("城镇新增就业6万人。", [{"value": 6, "unit": "万人"}], TaskKind.INDICATOR),
        ("年底前制定出台促进民营经济发展的实施意见。", [], TaskKind.DOCUMENT),
        ("编制“十四五”规划基本思路。", [], TaskKind.DOCUMENT),
        ("研究制定支持园区发展的若干办法。", [], TaskKind.DOCUMENT),
        ("加快西宁至成都铁路项目前期工作，力争年内开工。", [], TaskKind.PROJECT),
        ("建成一批5G基站。", [], TaskKind.PROJECT),
        ("举办第二十届青洽会等招商引资活动。", [], TaskKind.EVENT),
        ("召开全省民营经济发展大会。", [], TaskKind.EVENT),
        ("加强安全生产监管，防范化解重大风险。", [], TaskKind.ROUTINE),
    ],
)
def test_kind_is_guessed_from_text_and_targets(text, targets, kind):
    assert guess_kind(text, targets) == kind
