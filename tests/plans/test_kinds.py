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
        ("完成标准化村卫生室建设任务。", [], TaskKind.PROJECT),
        ("推进收费车道改造、ETC门架系统等工程建设。", [], TaskKind.PROJECT),
        ("狠抓信用体系建设，加强房地产监测。", [], TaskKind.ROUTINE),
        ("加强应急物资储备、应急救援队伍和保障能力建设。", [], TaskKind.ROUTINE),
        ("优化财政支出，优先利用项目结转资金偿还债务。", [], TaskKind.ROUTINE),
    ],
)
def test_kind_is_guessed_from_text_and_targets(text, targets, kind):
    assert guess_kind(text, targets) == kind
