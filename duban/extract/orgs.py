"""Names of Chinese government bodies: folding, canonical keys, aliases, kinds and groups.

A body's name is read as [region chain][level][party 委][core]: 青海省发展和改革委员会 is region 青海,
level 省, core 发展和改革委员会. The core is normalised by general rules (drop 和 between paired
words, 委员会→委, 办公室→办, 监督管理→监管, 人民政府→政府) and then split into a stem and a suffix
(厅/局/委/办/部 …). The stem is looked up in a table of the standard departments of Chinese government,
keyed by the generic department (发展改革, 人社, 卫健 …), never by a place: so 省发改委, 青海省发展和改革
委员会 and 省发展改革委 share one key, and so do 区卫健委 and 嘉定区卫生健康委员会 in a district.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Generic department id → "official stems | further stems used only for matching". The first official
# stem is the full form, the last the usual abbreviation; 和 is dropped by rule.
_DEPARTMENT_TABLE: dict[str, str] = {
    "发展改革": "发展和改革 发展改革 发改 | 发展计划 计划",
    "财政": "财政",
    "教育": "教育 | 教育工作",
    "科技": "科学技术 科技 | 科",
    "科技信息化": "科技和信息化 科技信息化",
    "科技经信": "科学技术和经济信息化 科技经济信息化 科技经信 | 科经 科学技术和工业信息化 科技工业信息化 科工信 科技工信",
    "工业信息化": "工业和信息化 工业信息化 工信 | 经济和信息化 经济信息化 经信 经济",
    "经贸": "经济贸易 经贸 | 经济和贸易",
    "公安": "公安",
    "民政": "民政",
    "司法": "司法 | 司法行政",
    "法制": "法制 | 政府法制",
    "人社": "人力资源和社会保障 人力资源社会保障 人社 | 人保 人事 劳动和社会保障 劳动保障",
    "自然资源": "自然资源 | 国土资源 国土",
    "规划资源": "规划和自然资源 规划资源",
    "规划": "规划 | 城乡规划 城市规划",
    "国土房管": "国土资源和房屋管理 国土房管",
    "生态环境": "生态环境 | 环境保护 环保 生态环境保护",
    "住建": "住房和城乡建设 住房城乡建设 住建 | 城乡建设 建设 住房城乡建设管理 建设管理 建管",
    "交通": "交通运输 交通",
    "水利": "水利 | 水务 水利水务",
    "农业农村": "农业农村 农业 | 农 农业委 农村工作",
    "商务": "商务 | 商业",
    "文旅": "文化和旅游 文化旅游 文旅 | 文化广电和旅游 文化广电旅游 文化体育和旅游 旅游 文化",
    "文广新": "文化广电新闻出版 文广新 | 文化广播电视新闻出版",
    "卫健": "卫生健康 卫健 | 卫生和计划生育 卫生计生 卫计 卫生",
    "退役军人": "退役军人事务 退役军人",
    "应急": "应急管理 应急 | 安全生产监管 安监",
    "审计": "审计",
    "国资": "国有资产监管 国资",
    "市场监管": "市场监管 市监 | 工商行政管理 工商 质量技术监督 质监 食品药品监管 食药监",
    "广电": "广播电视 广电 | 新闻出版广电 广播电影电视",
    "体育": "体育",
    "统计": "统计",
    "医保": "医疗保障 医保",
    "林草": "林业和草原 林业草原 林草 | 林业",
    "地方金融": "地方金融监管 金融 | 金融工作 地方金融",
    "税务": "税务 | 国家税务 地方税务 国税 地税",
    "能源": "能源",
    "乡村振兴": "乡村振兴 | 扶贫开发 扶贫",
    "民宗": "民族宗教事务 民族宗教 民宗 | 民族事务 宗教事务 民族",
    "信访": "信访",
    "外事": "外事 | 外 外事侨务 外侨",
    "供销": "供销合作社 供销 | 供销社 供销合作 供销合作总",
    "工商联": "工商业联合会 工商联",
    "绿化市容": "绿化和市容管理 绿化市容 | 园林绿化 园林 绿化",
    "城管": "城市管理综合行政执法 城管执法 | 城市管理行政执法 城市管理综合执法 城市管理 城管",
    "数据": "大数据 数据 | 政务数据 数据资源",
    "政务服务": "政务服务管理 政务服务 | 政务服务监管 行政审批服务 行政审批",
    "政务服务数据": "政务服务和大数据 政务服务数据 | 政务服务数据管理 政务服务大数据",
    "机关事务": "机关事务管理 机管 | 机关事务 国管",
    "网格化": "城市网格化综合管理 网格化管理 | 网格化综合管理 网格化",
    "邮政": "邮政管理 邮政",
    "消防": "消防救援 消防",
    "宣传": "宣传",
    "组织": "组织",
    "统战": "统一战线工作 统战",
    "政法": "政法",
    "编办": "机构编制 编 | 机构编制委",
    "网信": "网络安全和信息化 网信",
    "文明办": "精神文明建设 文明 | 精神文明",
    "社会工作": "社会工作",
    "政府办公厅": "政府办公 | 政府",
    "房屋管理": "住房保障和房屋管理 房屋管理 房管 | 住房保障房屋管理 住房保障 住房管理",
    "通信管理": "通信管理",
    "气象": "气象",
    "海关": "海关",
    "人民银行": "人民银行 | 人行",
    "金融监管": "银行保险监管 银保监 | 金融监管 银监 保监",
    "证监": "证券监管 证监",
    "民航": "民用航空 民航",
    "铁路": "铁路",
    "国际发展合作": "国际发展合作",
    "科协": "科学技术协会 科协",
    "团委": "共青团 团",
    "妇联": "妇女联合会 妇联",
    "残联": "残疾人联合会 残联",
    "总工会": "总工会 工会",
    "红十字会": "红十字",
    "侨联": "归国华侨联合会 侨联",
    "文联": "文学艺术界联合会 文联",
    "法院": "人民法院 法院",
    "检察院": "人民检察院 检察院",
    "人才办": "人才工作领导小组 人才",
    "国际交流": "留学人员交流 留交",
    "文物": "文物",
    "中医药": "中医药管理 中医药",
    "知识产权": "知识产权",
    "粮食储备": "粮食和物资储备 粮食物资储备 | 粮食 粮食和储备 粮食储备",
    "投资促进": "投资促进 | 招商 投资促进服务",
    "公共资源交易": "公共资源交易 | 公共资源交易管理",
}

_WHOLE_CORE_TABLE = (
    "发改委=发展改革 科委=科技 经信委=工业信息化 经委=工业信息化 农委=农业农村 外办=外事 侨办=外事 "
    "编办=编办 网信办=网信 文明办=文明办 法制办=法制 金融办=地方金融 法院=法院 人民法院=法院 "
    "检察院=检察院 人民检察院=检察院 高级人民法院=法院 中级人民法院=法院 最高人民法院=法院 海关总署=海关 "
    "证监会=证监 民航局=民航 妇联=妇联 残联=残联 科协=科协 工商联=工商联 侨联=侨联 文联=文联 "
    "政府办=政府办公厅 办公厅=政府办公厅 建委=住建 建管委=住建 "
    "城管委=城管 国管局=机关事务 团委=团委 共青团=团委 工会=总工会 总工会=总工会 红十字会=红十字会 "
    "海关=海关 人民银行=人民银行 人才办=人才办 留交办=国际交流 房管局=房屋管理 住房保障办=房屋管理 "
    "银保监会=金融监管"
)

# Suffixes of a body's name (after normalisation: 委员会→委, 办公室→办), tried longest first.
SUFFIXES = tuple(
    sorted(
        [
            "总局",
            "总社",
            "联社",
            "中心",
            "总队",
            "支队",
            "分局",
            "厅",
            "局",
            "委",
            "办",
            "部",
            "署",
            "会",
            "院",
            "行",
            "社",
            "台",
            "处",
            "所",
            "站",
        ],
        key=len,
        reverse=True,
    )
)

KINDS = ("省直部门", "市州政府", "县区政府", "园区管委会", "中央驻地单位", "群团及其他", "乡镇街道")

LEVELS = ("自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "区", "县", "旗", "镇", "乡")
_LEVEL_ALT = "|".join(LEVELS)
_CJK = r"\u4e00-\u9fff"
_REGION = re.compile(rf"^([{_CJK}]{{2,10}}?)({_LEVEL_ALT})")
_PARTY_PREFIX = re.compile(r"^(中国共产党|中共)")
_CENTRAL_PREFIX = re.compile(
    r"^(国家税务总局|国家统计局|国家金融监督管理总局|中国人民银行|国家外汇管理局|中国银行保险监督管理委员会)"
)
_YOUTH_LEAGUE = re.compile(rf"^(?:共青团)?(?:[{_CJK}]{{2,6}}?)?团?(省|市|区|县)委$")
_GROUP_HEAD = re.compile(r"^(各|有关|相关|其他|其它|全体|省直各|市直各|区直各|县直各|省属各|中央驻)")
_GROUP_ANY = re.compile(r"各|成员单位|有关部门|有关单位|相关部门|相关单位|牵头单位$|配合单位$")
_UNIT_END = re.compile(
    r"(厅|局|委|办|部|院|会|政府|中心|联社|总社|台|署|行|处|所|队|站|馆|室|社|团|联|协|街道|办事处|镇|乡|公司|集团|"
    r"委员会|单位|部门|园区|开发区|新区|管委会|大学|学院|医院)$"
)
_NOT_UNIT = re.compile(r"[。；，！？：:;,!?]|\d")
# Departments that, printed below the national level (省税务局, 市气象局), are branches of a central body.
CENTRAL_DEPTS = frozenset(
    {"海关", "气象", "通信管理", "邮政", "金融监管", "证监", "人民银行", "税务", "铁路", "民航"}
)
_MASS_CORE = re.compile(
    r"(工会|团委|共青团|妇联|妇女联合会|工商联|工商业联合会|科协|科学技术协会|残联|残疾人联合会|红十字|侨联|文联|"
    r"社科联|作协|法院|检察院|电视台|广播电视台|报社|大学|学院|医院|集团|公司|筹建办)"
)

MASS_DEPTS = frozenset(
    {"科协", "团委", "妇联", "残联", "总工会", "红十字会", "侨联", "文联", "工商联", "法院", "检察院"}
)

_PAIR_AND = re.compile(rf"(?<=[{_CJK}]{{2}})和(?=[{_CJK}]{{2}})")


def _parse_departments(table: dict[str, str]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    for dept, spec in table.items():
        official, _, extra = spec.partition("|")
        out[dept] = (tuple(official.split()), tuple(extra.split()))
    return out


DEPARTMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = _parse_departments(_DEPARTMENT_TABLE)
# Bodies whose whole core is their name (no separate stem and suffix).
WHOLE_CORES: dict[str, str] = dict(pair.split("=") for pair in _WHOLE_CORE_TABLE.split())


def fold(name: str) -> str:
    """NFKC (full-width → half-width) and no whitespace: the form every comparison uses."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def normalize_core(core: str) -> str:
    """Apply the general shortening rules to a name's core (no region, no level)."""
    core = core.replace("人民政府", "政府").replace("管委会", "管理委员会")
    core = core.replace("委员会", "委").replace("办公室", "办").replace("监督管理", "监管")
    core = core.replace("合作社联合社", "合作联社").replace("联合社", "联社")
    return _PAIR_AND.sub("", core)


def _head(name: str) -> str:
    """The name without a trailing bracket of other names: 区委宣传部（区文明办） → 区委宣传部."""
    return re.sub(r"\([^)]*\)$", "", fold(name)) or fold(name)


@dataclass(frozen=True)
class ParsedName:
    """A body's name cut into its parts; `dept` is the generic department id or None."""

    region: str  # the innermost printed region without its level word: 青海 (青海省X), 嘉定 (上海市嘉定区X)
    prefix: str  # the printed words before the core, e.g. 青海省 or 市委
    level: str  # 省/市/区/县/自治区/… or 国家; "" when none is printed
    party: bool  # 中共X委 / 市委X部
    core: str  # normalised core, e.g. 发展改革委
    dept: str | None
    central: bool  # printed under a central vertical body (国家税务总局X省税务局)


def _split_level(rest: str) -> tuple[str, str]:
    """A bare leading level word (省发展改革委, 区卫健委), but not the 市 of 市场监管."""
    for level in LEVELS:
        if rest.startswith(level) and not rest.startswith("市场") and len(rest) > len(level) + 1:
            tail = rest[len(level) :]
            return level, tail[1:] if tail.startswith("级") else tail
    for national in ("国家", "国务院", "中央", "中国", "全国"):
        if rest.startswith(national) and _dept_of(normalize_core(rest[len(national) :])):
            return "国家", rest[len(national) :]  # 国务院国资委, 中央网信办, 中国人民银行
    if rest.startswith("国家") and len(rest) > 3:
        return "国家", rest[2:]
    return "", rest


def _is_committee(core: str) -> bool:
    """A management committee of a park or scenic area (its core is just 管理委 / 管委)."""
    return core in ("管理委", "管委")


def _core_known(core: str) -> bool:
    """Is this normalised core a body by itself (an exact department stem, a government, a committee)?"""
    if core in WHOLE_CORES or core.startswith(("政府", "委")) or _is_committee(core):
        return True
    stem, suffix = _split_suffix(core)
    return bool(suffix) and (stem in STEMS or (stem.endswith("管理") and stem[:-2] in STEMS))


def _split_region(rest: str) -> tuple[str, str, str]:
    """Strip a region chain (青海省, 上海市嘉定区) up to the first point where a known body follows."""
    region, level, tail = "", "", rest
    while not _core_known(normalize_core(tail)):
        m = _REGION.match(tail)
        if not m or len(tail) == m.end():
            return (region, level, tail) if region and _dept_of(normalize_core(tail)) else ("", "", rest)
        region, level, tail = m.group(1), m.group(2), tail[m.end() :]
    return region, level, tail


@lru_cache(maxsize=4096)
def parse_name(name: str) -> ParsedName:
    """Cut a printed name into region, level, party flag and normalised core."""
    rest = _head(name)
    youth = _YOUTH_LEAGUE.match(rest)
    if youth:
        return ParsedName("", rest, youth.group(1), True, "团委", "团委", False)
    central = False
    m = _CENTRAL_PREFIX.match(rest)
    if m and len(rest) > m.end():
        central, rest = True, rest[m.end() :]
    party = bool(_PARTY_PREFIX.match(rest))
    rest = _PARTY_PREFIX.sub("", rest).removeprefix("各")
    level, tail = _split_level(rest)
    region = ""
    if not level:
        region, level, tail = _split_region(rest)
    if tail.startswith("委") and len(tail) > 1:
        party, tail = True, tail[1:]
    head = next((h for h in ("人民政府", "政府") if tail.startswith(h)), "")
    body = tail[len(head) :]
    if head and body and body not in ("办公厅", "办公室", "办") and not body.endswith("政府"):
        tail = body  # 省人民政府外事办公室 is the 外事办
    core = normalize_core(tail)
    prefix = rest[: len(rest) - len(tail)]
    return ParsedName(region, prefix, level, party, core, _dept_of(core), central)


def _split_suffix(core: str) -> tuple[str, str]:
    for suffix in SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            return core[: -len(suffix)], suffix
    return core, ""


def _stem_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for dept, (display, extra) in DEPARTMENTS.items():
        for stem in (*display, *extra):
            table.setdefault(normalize_core(stem), dept)
    return table


STEMS: dict[str, str] = _stem_table()


@lru_cache(maxsize=4096)
def _dept_of(core: str) -> str | None:
    if core in WHOLE_CORES:
        return WHOLE_CORES[core]
    stem, suffix = _split_suffix(core)
    if not suffix or suffix == "台":  # 广播电视台 is a broadcaster, not the 广电局
        return None
    if stem in STEMS:
        return STEMS[stem]
    if stem.endswith("管理") and stem[:-2] in STEMS:  # 建设管理委, 绿化市容管理局
        return STEMS[stem[:-2]]
    # 城市网格化综合管理中心, 精神文明办: a longer stem ending in a known department stem
    for size in range(len(stem) - 1, 2, -1):
        if stem[-size:] in STEMS:
            return STEMS[stem[-size:]]
    return None


def _is_government(p: ParsedName) -> bool:
    return p.core in ("政府", "") or p.core.endswith(("政府", "行署")) or _is_committee(p.core)


@lru_cache(maxsize=4096)
def name_key(name: str, region: str | None = None) -> str:
    """Canonical key: two spellings of one body give the same key.

    Departments drop their region (青海省X = 省X; a document is about one place); governments and
    management committees keep it (西宁市政府 ≠ 海东市政府). With `region` given, a department
    printed under another region keeps that region in its key.
    """
    if is_group(name):
        return "group:" + normalize_core(fold(name))
    p = parse_name(name)
    body = p.dept or p.core
    if p.party and p.dept != "团委":
        body = "委" + body
    home = _region_word(region)
    other_place = bool(home and p.region and home not in p.prefix)
    place = p.region if _is_government(p) or other_place else ""
    if _is_government(p) and not p.region and home and p.level:
        place = home  # 省政府 in a 青海 plan is 青海省人民政府
    level = "省" if p.central and not p.level else p.level
    if level == "国家":
        level = ""  # a national plan prints 发展改革委 and 国家发展改革委 for one body
    return f"{place}|{level}|{body}"


def same_unit(a: str, b: str, region: str | None = None) -> bool:
    """Do two printed names denote the same body (in a document about `region`, when given)?"""
    return name_key(a, region) == name_key(b, region)


def _region_word(region: str | None) -> str:
    """青海省 → 青海, 上海市 → 上海, 嘉定区 → 嘉定 (the form ParsedName.region uses)."""
    word = fold(region or "")
    for level in LEVELS:
        if word.endswith(level) and len(word) > len(level) + 1:
            return word[: -len(level)]
    return word


def level_prefix(name: str) -> str:
    """The level word printed before the body (省发展改革委 → 省, 青海省财政厅 → 省, 生态环境部 → "")."""
    return parse_name(name).level


def _suffix_forms(suffix: str, short_stem: bool) -> tuple[str, ...]:
    full = {"委": "委员会", "办": "办公室", "联社": "联合社"}.get(suffix)
    if full is None or short_stem:
        return (suffix,)
    return (full, suffix)


def _display_stems(dept: str) -> list[tuple[str, bool]]:
    """(stem, is_abbreviation) in display form: full with 和, without 和, with 监管 spelt out, short."""
    display, _ = DEPARTMENTS[dept]
    out: dict[str, bool] = {}
    for i, stem in enumerate(display):
        short = i > 0 and i == len(display) - 1 and len(stem) <= 2
        for form in (stem, _PAIR_AND.sub("", stem), stem.replace("监管", "监督管理")):
            out.setdefault(form, short)
    return list(out.items())


def aliases(name: str) -> list[str]:
    """The likely other spellings of a full or short name, the printed one first."""
    printed = fold(name)
    p = parse_name(name)
    if is_group(name):
        return [printed]
    if p.dept == "团委":
        return [printed, f"共青团{p.level}委"] if p.level else [printed]
    level = ("" if p.level == "国家" else p.level) + (
        "委" if p.party else ""
    )  # 国家/中央/国务院 stay as printed
    out = [printed, level + p.core]
    if p.dept:
        stem, suffix = _split_suffix(p.core)
        stems = _display_stems(p.dept)
        if stem not in {normalize_core(s) for s, _ in stems}:  # an older or local name: only its own forms
            stems = [(stem, False)]
        for prefix in dict.fromkeys([level, p.prefix]):
            for display, short in stems:
                out.extend(prefix + display + sfx for sfx in _suffix_forms(suffix, short))
    return list(dict.fromkeys(x for x in out if x))


def is_group(name: str) -> bool:
    """A name standing for several bodies: 各市州政府, 省直各部门, 各有关单位, 各联席会议成员单位 …"""
    text = fold(name)
    return bool(_GROUP_HEAD.match(text) or _GROUP_ANY.search(text))


_BARE_PLACE = re.compile(rf"^[{_CJK}]{{1,6}}(市|区|县|州|旗|盟)$")
# Areas named like districts that no one governs as a body: 朱桥片区, 某某小区, 风景区, 老城区.
_AREA = re.compile(r"(片区|小区|街区|景区|校区|厂区|辖区|功能区|示范区|保护区)$")
_CENTRAL_NAME = re.compile(r"(海关|中心支行|分行|调查总队|调查队|监管分局)$")
_TOWN = re.compile(r"(街道|街镇|镇|乡)(政府|人民政府|办事处)?$|街道办")
_PARK = re.compile(r"(管理委员会|管委会|管委|园区|开发区|高新区|经开区|新区|保税区|试验区)$")
_COUNTY = re.compile(r"(县|区|旗)|县级市")
_CITY = re.compile(r"(市|州|盟|地区)")


def is_area(name: str) -> bool:
    """An area named like a district that no one governs as a body (朱桥片区, 幸福小区, 南山风景区)."""
    return bool(_AREA.search(_head(name)))


def looks_like_unit(text: str) -> bool:
    """Is this short string the name of a government body or of a group of bodies?"""
    head = _head(text)
    if not 2 <= len(head) <= 40 or _NOT_UNIT.search(head) or is_area(head):
        return False
    if "、" in head:
        return is_group(head) and bool(_UNIT_END.search(head) or _BARE_PLACE.search(head.split("、")[-1]))
    return bool(_UNIT_END.search(head) or _BARE_PLACE.match(head)) or parse_name(head).dept is not None


def unit_kind(name: str) -> str | None:
    """One of KINDS, or None when the name says nothing about its kind.

    省直部门 is a working department of a government of any level (省直, 市直, 区直 or a ministry);
    the other kinds are governments, committees, central branches, mass bodies and towns.
    """
    text = _head(name)
    p = parse_name(name)
    if _TOWN.search(text):
        return "乡镇街道"
    if _PARK.search(text) and not p.dept:
        return "园区管委会"
    if _is_central(text, p):
        return "中央驻地单位"
    if _MASS_CORE.search(text) or p.dept in MASS_DEPTS:
        return "群团及其他"
    if _is_government(p) or _BARE_PLACE.match(text) or text.endswith(("政府", "行署")):
        return _government_kind(text)
    if p.dept or _UNIT_END.search(text):
        return "省直部门"
    return None


def _is_central(text: str, p: ParsedName) -> bool:
    """A branch of a central body: 国家税务总局X省税务局, X海关, 省气象局, 中央驻X单位."""
    below_nation = bool(p.level) and p.level != "国家"
    named = bool(_CENTRAL_NAME.search(text)) or text.startswith("中央驻")
    return p.central or named or (p.dept in CENTRAL_DEPTS and below_nation)


def _government_kind(text: str) -> str | None:
    place = text.removesuffix("政府").removesuffix("人民").replace("自治区", "")
    if _COUNTY.search(place[1:] or place):
        return "县区政府"
    if _CITY.search(place):
        return "市州政府"
    return None
