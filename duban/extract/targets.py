"""Quantitative targets: the amounts, counts and percentages a task commits to deliver or reach.

A target is a number followed by a measure word from a table (个, 项, 万人, 亿元, 公里, 亿斤, %, 十大 …), with
the comparator read from the words around it (不少于/至少/以上 → ">=", 不超过/以内/以下 → "<=").
`value` is the number as printed and `unit` the measure word after it, 万/亿 included ("6万人" → 6, 万人).

What looks like a quantity but is not a target (plan-format.md), and the general rule that drops it:
- dates, years, ages, durations, engineering standards (2019年, 35岁, 24小时, 3-5年一遇): their words are
  not measure words;
- ordinals and sessions (第七届, 第一批, 22届, 十三届五次, 第二轮): 第 before, or no measure word;
- numbers in quotes or titles (“7类”机构, “十四五”, 《…（2019—2020年）》): quoted spans are masked;
- names (百人计划, 千人计划, 121人才): a lone 百/千 is not a count; a measure word that begins a longer
  word (人才, 项目, 名单) is not a measure word;
- a count that sums up the items just listed (医改、生态、司法三大改革): the count equals the list;
- sizes inside project names listed for progress (比亚迪公司12吉瓦锂电、…等项目; 750千伏…输变电);
- norms for every unit, ratios and explanations (每户配置1组, 按500户配1名, 各单位全年不少于一场,
  即1名…与2名…): everything after 每<unit>/按<number>/各单位/即/禁止 in the same sentence;
- the article 一 (一批, 一处, 一场) unless a delivery verb stands right before it (增设一处).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Target
from .numbers import CHINESE_NUMERAL_CHARS, fold_width, parse_number
from .textutil import fold_traditional


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


# Measure words, longest first so that 万人次 wins over 万人 and 个百分点 over 个.
MEASURE_WORDS = sorted(
    _words(
        """个百分点 百分点 人次 场次 家次 户次 批次 架次 车次 班次 平方公里 平方米 立方米 公里 千米 公顷 亩 吨
        千瓦时 千瓦 兆瓦 吉瓦 千伏 公斤 千克 斤 担 元 个 项 家 名 人 位 场 座 处 所 户 辆 台 套 件 条 张 支 艘 架 头 只 株 棵 篇 册 部
        门 倍 大 % ‰"""
    ),
    key=len,
    reverse=True,
)
# A measure word that starts one of these words is part of the word, not a measure word (121人才梯队,
# 5个工作日, 3个月: durations are not targets).
NOT_MEASURE_WORDS = _words(
    """人才 人员 人民 人口 人群 人工 人居 人大 人身 人事 名单 名称 名录 名义 名额 名片 项目 家庭 家园 家属
    场所 场景 场地 处置 处理 处罚 处室 所有 所属 所在 台账 台阶 条件 条例 条款 户籍 户外 户型 座谈 支持
    支出 支付 支撑 大型 大力 大幅 大规模 大中 大众 大会 大学 大量 大局 部门 部署 部分 门户 门槛 件事 只有
    只要 头部 位置 位于 元素 倍增 套餐 张贴 篇章 个人 个体 个性 个别 个月 个工作日 个小时 个星期 个季度
    个年度 个自然日 个方面 个环节 个层面 个维度 个原则 个阶段 担当 担任 担保 担负 担责 担纲"""
)
# Units that state a plant's or a product's size, as in 12吉瓦锂电, 50万吨高纯氧化镁, 750千伏输变电.
SIZE_UNITS = ("千瓦", "兆瓦", "吉瓦", "千伏", "吨", "方", "立方米")
# Sizes that, followed by 以上的/以下的, pick out which things a rule applies to.
THRESHOLD_UNITS = ("平方米", "平方公里", "公顷", "亩", "吨", "千瓦", "兆瓦", "立方米", "公里", "元")
# 一 is an article (一批, 一支队伍, 一场) except right after a verb that adds a thing: 增设一处.
ADDING_VERBS = ("增设", "新增", "新建", "建成", "增加", "增建")

_NUMERAL = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CHINESE_NUMERAL_CHARS.replace('万', '').replace('亿', '')}]+)"
_RANGE_JOINER = r"(?:-|—|–|~|至|到)"
_QUANTITY = re.compile(
    rf"(?P<low>{_NUMERAL}{_RANGE_JOINER})?(?P<num>{_NUMERAL})(?:多|余)?(?P<big>万亿|[万亿])?(?P<approx>多|余)?"
    rf"(?P<unit>{'|'.join(re.escape(w) for w in MEASURE_WORDS)}|(?<=[万亿])方)"
)
# Longest first: 不超过 must win over 超过, 不低于 over 低于.
_COMPARATOR_BEFORE = sorted(
    {
        "不少于": ">=",
        "不低于": ">=",
        "至少": ">=",
        "超过": ">=",
        "多于": ">=",
        "不小于": ">=",
        "大于": ">=",
        "高于": ">=",
        "不超过": "<=",
        "不高于": "<=",
        "不多于": "<=",
        "低于": "<=",
        "少于": "<=",
        "控制在": "<=",
        "小于": "<=",
        "不大于": "<=",
    }.items(),
    key=lambda item: -len(item[0]),
)
_AT_LEAST_AFTER = ("及以上", "以上", "之上")
_AT_MOST_AFTER = ("以内", "以下", "之内")
_CLAUSE_BREAK = "，,。；;：:！？!?\n"
_SENTENCE_BREAK = "。；;！？!?\n"
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”|\"[^\"]*\"|「[^「」]*」|‘[^‘’]*’")
_NORM_MARKER = re.compile(
    # 每年/每月 set a pace (每年选拔100名), 每万人/每千人口 a rate's base (每千人口床位6张): not norms.
    r"每(?!年|月|日|天|周|季|半年|旬|次|万|千|百|十)[\u4e00-\u9fff]"
    r"|按(?:照)?\s*(?:\d|[一二两三四五六七八九十])"
    r"|各(?:单位|部门|成员单位|村|户|街镇|街道|乡镇|社区|居委|小区|学校|企业|网格)"
    r"|(?<![立随将])即(?![将时可])|禁止"
)
_WHOLE_AREA_CLAUSE = re.compile(r"[，,：:](?:全[省市区县镇乡州盟旗]|累计|共计|总计)")
_LIST_OF_NAMES_END = re.compile(r"等[^，,。；;：:]{0,6}?(?:项目|工程|企业|产品)")
_NAMED_PLANT = re.compile(r"项目|工程|生产线|基地|电站|线路")
_SCOPE_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:及|或)?(?:以上|以下|以内)(?:[（(【〔\[［][^）)】〕\]］]{0,20}[）)】〕\]］])?的"
)
_BOUND_NOTE = re.compile(r"(?:以上|以下|以内)[（(【〔\[［](?:不含|含|包含|不包含|包括|不包括)?$")
# 30人（含）以下的企业: a bound with its own note right after the number says which things are meant
_NOTED_BOUND_AFTER = re.compile(r"[（(](?:不含|含|包含|不包含|包括|不包括)(?:本数)?[）)](?:以上|以下|以内)")
_MASKED_QUOTE = re.compile(r"[“\"「‘]　*[”\"」’]")
_FRAME_BEFORE = re.compile(r"(?:^|[^可所])以$|(?:围绕|聚焦|紧扣|紧盯|锚定|突出|抓住|深化|坚持)$")
_HAS_NUMERAL = re.compile(rf"[0-9０-９{CHINESE_NUMERAL_CHARS}]")


@dataclass
class _Quantity:
    start: int
    end: int
    value: float
    unit: str


def find_targets(text: str) -> list[Target]:
    """Every quantitative target in a task's text, in the order printed."""
    if not text or not _HAS_NUMERAL.search(text):
        return []
    printed = fold_width(text)
    plain = fold_traditional(printed)  # 萬個 / 公裏 / 不少於 match as 万个 / 公里 / 不少于
    folded = _mask_quoted(plain)
    quantities = [q for q in _quantities(folded) if _is_target(folded, plain, q)]
    return [_target(text, folded, quantities, i, printed) for i in range(len(quantities))]


def _mask_quoted(folded: str) -> str:
    return _QUOTED.sub(lambda m: m.group()[0] + "　" * (len(m.group()) - 2) + m.group()[-1], folded)


def _quantities(folded: str) -> list[_Quantity]:
    out = []
    for match in _QUANTITY.finditer(folded):
        quantity = _read_quantity(folded, match)
        if quantity is not None:
            out.append(quantity)
    return out


def _read_quantity(folded: str, match: re.Match) -> _Quantity | None:
    number, unit = match.group("num"), match.group("unit")
    if folded.startswith(NOT_MEASURE_WORDS, match.start("unit")):
        return None
    if (
        number in ("百", "千")
        or number[0] in "零〇"
        or (number == "一" and not _after_adding_verb(folded, match.start("num")))
    ):
        return None
    value = parse_number(number)
    if value is None or (not number[0].isdigit() and unit in ("%", "‰")):
        return None
    if unit == "大" and value > 10:  # 三大/十大 count; 十九大/二十大 are party congresses
        return None
    start = match.start("low") if match.group("low") else match.start("num")
    return _Quantity(start, match.end(), value, (match.group("big") or "") + unit)


def _after_adding_verb(folded: str, pos: int) -> bool:
    return folded[:pos].endswith(ADDING_VERBS)


def _is_target(folded: str, plain: str, q: _Quantity) -> bool:
    """folded has quoted spans masked; plain keeps them (a quoted list is still a list)."""
    before = folded[max(0, q.start - 1) : q.start]
    if before in ("第", "前", "近", "几", "+", ".") or (before.isascii() and before.isalnum()):
        return False
    if before == "数" and not folded[q.start].isdigit():  # 数十个 is vague; 托位数400个 counts
        return False
    after = folded[q.end : q.end + 1]
    if after in ("+", "届", "轮") or after.isdigit() or (after and after in CHINESE_NUMERAL_CHARS):
        return False
    return not (
        _in_norm(folded, q.start)
        or _sums_up_list(plain, q)
        or _in_list_of_names(folded, q)
        or _is_size_in_name(folded, q)
        or _is_scope_threshold(folded, q)
        or _frames_quoted_name(folded, q)
    )


def _frames_quoted_name(folded: str, q: _Quantity) -> bool:
    """以三个“一号工程”为总牵引 / 围绕两个“先行区”: a count of quoted names that frame the work is not an
    amount to deliver (设立50个“羊城学者”特聘岗位, where a verb of delivery leads, stays a target)."""
    if not _MASKED_QUOTE.match(folded, q.end):
        return False
    return bool(_FRAME_BEFORE.search(_clause_before(folded, q.start)))


def _is_scope_threshold(folded: str, q: _Quantity) -> bool:
    """建筑面积1万平方米以上的公共建筑, 5亩以下（不含5亩）的地块: a size that says which things are meant;
    the bound's own note in brackets (不含5亩, 含本数) is part of it."""
    if _BOUND_NOTE.search(folded[: q.start]) or _NOTED_BOUND_AFTER.match(folded, q.end):
        return True
    return q.unit.endswith(THRESHOLD_UNITS) and bool(_SCOPE_AFTER.match(folded, q.end))


def _in_norm(folded: str, pos: int) -> bool:
    """After 每户/按500户/各单位/即/禁止 the rest of the sentence states norms, until a clause about the
    whole area (全市完成改造5000户) or a total (累计/共) takes over again."""
    sentence_start = max(folded.rfind(c, 0, pos) for c in _SENTENCE_BREAK) + 1
    # +1: the marker 按 owns the number right after it (按500户配1名).
    marker = _NORM_MARKER.search(folded, sentence_start, pos + 1)
    return marker is not None and _WHOLE_AREA_CLAUSE.search(folded, marker.end(), pos) is None


def _clause_before(folded: str, pos: int) -> str:
    clause_start = max(folded.rfind(c, 0, pos) for c in _CLAUSE_BREAK) + 1
    return folded[clause_start:pos]


def _sums_up_list(folded: str, q: _Quantity) -> bool:
    """医改、生态、司法三大改革: a count equal to the items named right before it."""
    before = _clause_before(folded, q.start).rstrip('”"」’')
    if "、" not in before or before.endswith("等") or re.search(r"\d", before):
        return False
    items = before.count("、") + 1
    last_item = before.rsplit("、", 1)[1]
    if re.search(r"[和及与]", last_item):
        items += 1
    return q.value == items


def _clause_end(folded: str, pos: int, breaks: str = _CLAUSE_BREAK) -> int:
    return min((i for i in (folded.find(c, pos) for c in breaks) if i >= 0), default=len(folded))


def _in_list_of_names(folded: str, q: _Quantity) -> bool:
    """加快A公司12吉瓦锂电、B公司50万吨高纯氧化镁…等项目建设: sizes inside the names of listed projects."""
    rest = folded[q.end : _clause_end(folded, q.end)]
    ending = _LIST_OF_NAMES_END.search(rest)
    return ending is not None and ("、" in rest[: ending.start()] or "、" in _clause_before(folded, q.start))


def _is_size_in_name(folded: str, q: _Quantity) -> bool:
    """750千伏西宁北输变电工程, 年产50万吨…项目: a plant size written into the plant's name."""
    if q.unit == "千伏":
        return True
    if not q.unit.endswith(SIZE_UNITS):
        return False
    follower = folded[q.end : q.end + 1]
    if not follower or follower in "的以及和、" or follower in _CLAUSE_BREAK:
        return False
    return _NAMED_PLANT.search(folded, q.end, _clause_end(folded, q.end)) is not None


def _comparator(folded: str, quantities: list[_Quantity], index: int) -> str:
    q = quantities[index]
    end = q.end
    # 分别达到80%、50%以上: quantities joined by 、 share the comparator written after the last one.
    for nxt in quantities[index + 1 :]:
        if folded[end : nxt.start] != "、":
            break
        end = nxt.end
    after = folded[end : end + 3]
    if after.startswith(_AT_LEAST_AFTER):
        return ">="
    if after.startswith(_AT_MOST_AFTER):
        return "<="
    before = folded[max(0, q.start - 4) : q.start]
    return next((sign for word, sign in _COMPARATOR_BEFORE if before.endswith(word)), "=")


def _target(text: str, folded: str, quantities: list[_Quantity], index: int, printed: str) -> Target:
    q = quantities[index]
    unit = printed[q.end - len(q.unit) : q.end]  # as printed: a traditional 萬人 stays 萬人
    clause_start = max(folded.rfind(c, 0, q.start) for c in _CLAUSE_BREAK + "、") + 1
    clause_end = _clause_end(folded, q.end, _CLAUSE_BREAK + "、")
    return Target(
        text=text[clause_start:clause_end],
        metric=_metric(folded, q, clause_start, clause_end),
        value=q.value,
        unit=unit.replace("％", "%"),
        comparator=_comparator(folded, quantities, index),
    )


_LEADING_WORDS = re.compile(
    r"^(?:(?:到|至)\d{4}年底?|年内|年底前|力争|确保|重点|全面|加快|累计|共计|分别|试点|先行|扎实|切实|进一步)+"
)
_TRAILING_WORDS = re.compile(
    r"(?:不少于|不低于|至少|超过|不超过|不高于|控制在|提高到|提升到|提高至|提升至|降至|降低到|压缩至|压缩到|达到|达"
    r"|为|共计|共|约|总计|累计)+$"
)


def _metric(folded: str, q: _Quantity, clause_start: int, clause_end: int) -> str:
    """What is counted, best effort: the noun after the quantity, else the words before it."""
    after = re.split(r"[的以及和与（(]|以上|以下|以内|左右", folded[q.end : clause_end], maxsplit=1)[0]
    after = re.sub(r"^(?:左右|以上)", "", after)
    if len(after) >= 2:
        return after.strip()
    before = _TRAILING_WORDS.sub("", folded[clause_start : q.start])
    return _LEADING_WORDS.sub("", before).strip() or before.strip()
