"""Guess a task's kind (指标/文件/项目/活动/常态) from its words and targets; the office can change it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .choices import TaskKind

_DOCUMENT = re.compile(
    r"(制定|出台|印发|编制|修订|修编|起草|发布|研究制定)[^。；]{0,30}?"
    r"(方案|办法|意见|规划|细则|政策|条例|规定|计划|清单|指南|标准|目录|纲要)"
)
_PROJECT = re.compile(r"建设|建成|开工|竣工|项目|投产|通车|工程")
# 建设 of something abstract (信用体系建设, 能力建设, 法治政府建设) builds nothing one can inspect.
_ABSTRACT_BUILDING = re.compile(
    r"(体系|能力|队伍|制度|机制|品牌|法治|政府|示范省|试点|一体化|作风|党风|廉政|文化|信用|组织|信息化|医共体)建设"
)
# 项目 as money or paperwork (项目资金, 审计项目计划, 为民办实事项目) is not a project being built.
_NOT_A_PROJECT = re.compile(r"项目(资金|计划|结转|信贷|融资)|(审计|实事|旅游)项目")
_EVENT = re.compile(
    r"(举办|召开|开展|组织|举行)[^。；]{0,30}?(活动|会议|大会|论坛|博览会|展会|推介会|培训|竞赛|比赛|宣讲)"
)


def guess_kind(text: str, targets: Sequence[object] = ()) -> str:
    """指标 with quantitative targets; else 文件 for drafting a document; 项目 for building; 活动 for events."""
    if targets:
        return TaskKind.INDICATOR
    if _DOCUMENT.search(text):
        return TaskKind.DOCUMENT
    if _builds(text):
        return TaskKind.PROJECT
    if _EVENT.search(text):
        return TaskKind.EVENT
    return TaskKind.ROUTINE


def _builds(text: str) -> bool:
    """True when a word of building remains once abstract 建设 and money-or-paper 项目 are set aside."""
    rest = _NOT_A_PROJECT.sub("", _ABSTRACT_BUILDING.sub("", text))
    return bool(_PROJECT.search(rest))
