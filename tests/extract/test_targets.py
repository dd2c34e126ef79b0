"""Quantitative targets: the indicators a supervisor will track, and none of the numbers that are not."""

import pytest

from duban.extract.targets import find_targets


def pairs(text):
    return [(t.value, t.unit, t.comparator) for t in find_targets(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # counts and amounts, with the measure word as printed
        ("年内建成乡镇综合文化站12个。", [(12, "个", "=")]),
        ("完成新增减税降费30亿元，新增城镇就业4.5万人。", [(30, "亿元", "="), (4.5, "万人", "=")]),
        ("全年开展职业技能培训120万人次。", [(120, "万人次", "=")]),
        ("新建改建农村公路1200公里，新增绿地面积80公顷以上。", [(1200, "公里", "="), (80, "公顷", ">=")]),
        ("改造老旧小区120万平方米，惠及居民1.8万户。", [(120, "万平方米", "="), (1.8, "万户", "=")]),
        ("全年新增城镇就业1,200人。", [(1200, "人", "=")]),
        # weights and volumes of farm output and water, with 万/亿 before them
        ("粮食总产量稳定在320亿斤左右，收购棉花12万担。", [(320, "亿斤", "="), (12, "万担", "=")]),
        ("新增储水能力1.5亿立方米，储备冻猪肉800公斤以上。", [(1.5, "亿立方米", "="), (800, "公斤", ">=")]),
        ("全年新增光伏发电量3亿千瓦时。", [(3, "亿千瓦时", "=")]),
        # full-width digits and signs fold to half width
        ("完成８家农村信用社改制，压缩行政经费１０％以上。", [(8, "家", "="), (10, "%", ">=")]),
        # Chinese numerals
        ("扎实办好十大惠民工程。", [(10, "大", "=")]),
        ("打赢五场污染防治攻坚战。", [(5, "场", "=")]),
        ("在城东新区增设一处应急避难场所。", [(1, "处", "=")]),
        # comparators
        ("培训基层干部不少于500名。", [(500, "名", ">=")]),
        ("每年选拔资助至少50名青年科技人员。", [(50, "名", ">=")]),
        ("城镇调查失业率控制在5.5%以内。", [(5.5, "%", "<=")]),
        ("地下空间开发比例不超过40%。", [(40, "%", "<=")]),
        ("行政审批时限压缩比例不低于50%。", [(50, "%", ">=")]),
        ("湿垃圾分类量日均高于400吨。", [(400, "吨", ">=")]),
        ("引进高层次人才300名左右。", [(300, "名", "=")]),
        ("配置新能源公交车60余辆。", [(60, "辆", "=")]),
        # one comparator for a list: 分别达到…以上
        ("城市和农村污水收集率分别达到90%、75%以上。", [(90, "%", ">="), (75, "%", ">=")]),
        # a range gives its upper bound
        ("建设2到3个区域性物流枢纽。", [(3, "个", "=")]),
        ("培育省级龙头企业5-8家。", [(8, "家", "=")]),
        ("PM2.5平均浓度下降3个百分点。", [(3, "个百分点", "=")]),
        # a count after 等 is the total, not a sum of the named items
        ("推动甲线、乙线、丙线等6个项目年内开工。", [(6, "个", "=")]),
        # breakdowns in parentheses are targets too
        ("新建公园8个（城区5个、郊区3个）。", [(8, "个", "="), (5, "个", "="), (3, "个", "=")]),
    ],
)
def test_targets_found(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # dates, years, durations, ages, standards
        "2021年3月底前完成，连续3年给予补贴，24小时值守。",
        "对65岁以上老人开展健康体检。",
        "办理时限压缩至5个工作日，3个月内完成整改。",
        "按50年一遇防洪标准、20年一遇排涝标准建设。",
        # ordinals, sessions, batches
        "筹办第九届文化旅游节，参加第二十届农博会和十四届三次全会部署的工作。",
        "推进第二批试点，开展第三次全国土壤普查。",
        # quoted names and document titles
        "落实“两个确保”和“一网通办”，执行《城市绿化条例（2020—2025年）》。",
        "规范“5类”社会组织管理。",
        # names: 百人计划, 121人才工程
        "实施千人计划和百人计划，推进“3+N”人才政策。",
        "实施121人才梯队工程。",
        # a count that sums up the items just named
        "深化教育、医疗、养老三大领域改革。",
        "做到机构、人员、经费三个到位。",
        # sizes inside project names
        "加快甲公司20万吨乙烯、乙公司5万千瓦光伏、丙公司年产1万台整车等项目建设。",
        "推进500千伏城南输变电工程建设。",
        # per-household / per-unit norms, ratios, explanations
        "每户配备1个分类桶，每个村配置1辆收集车。",
        "保洁员原则上按300户配1名。",
        "各单位全年开展培训不少于2次，各街镇至少建成1个示范点。",
        "推行“1+2”模式，即1名网格员与2名志愿者结对。",
        "禁止使用厚度低于0.025毫米的地膜。",
        # congresses and structure words
        "深入学习贯彻党的二十大精神，把握好五个方面的要求。",
        # scope thresholds, vague counts, articles
        "对建筑面积2万平方米以上的公共建筑实施能耗监测。",
        "培育数十个特色品牌，建成一批示范村，打造一支专业队伍。",
        # identifiers
        "值班电话：0971-1234567，P2P网贷风险处置。",
        "加快零部件研发。",
    ],
)
def test_not_targets(text):
    assert pairs(text) == []


def test_norm_ends_where_a_whole_area_clause_begins():
    text = "按照每户不低于2000元的标准给予补助，全市完成农房改造5000户。"
    assert pairs(text) == [(5000, "户", "=")]


def test_text_and_metric_say_what_is_counted():
    (target,) = find_targets("优化营商环境，年内新增市场主体2万户。")
    assert target.text == "年内新增市场主体2万户"
    assert "市场主体" in target.metric

    (target,) = find_targets("建成15个社区养老服务中心。")
    assert target.metric.startswith("社区养老服务中心")


def test_text_without_numbers_is_quick_and_empty():
    assert find_targets("加强组织领导，压实工作责任。") == []
    assert find_targets("") == []


@pytest.mark.parametrize(
    "text",
    [
        "占地8亩以下（不含8亩）的宗地由县政府审批。",
        "对用地20亩以上（含20亩）的项目实行联合踏勘。",
        "单体面积5000平方米及以下的厂房简化验收。",
        "年用能1000吨标准煤以上的企业开展能源审计。",
    ],
)
def test_a_size_that_picks_out_which_things_a_rule_covers_is_no_target(text):
    assert find_targets(text) == []


def test_a_bound_with_a_bracketed_note_is_still_a_target_when_it_is_delivered():
    found = find_targets("年内新建农村公路40公里以上（含改建）。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(40, "公里", ">=")]


def test_a_count_after_a_noun_ending_in_shu_is_a_target_but_shu_before_a_chinese_numeral_is_vague():
    assert pairs("新增养老床位数300张以上。") == [(300, "张", ">=")]
    assert pairs("培育数十家骨干企业。") == []


@pytest.mark.parametrize(
    "text",
    ["坚持创新驱动，以两个“先导工程”为总抓手，推动产业升级。", "围绕三个“示范区”深化改革。"],
)
def test_a_count_of_quoted_names_that_frame_the_work_is_no_target(text):
    assert find_targets(text) == []


def test_a_count_before_a_quoted_name_that_is_delivered_stays_a_target():
    assert [(t.value, t.unit) for t in find_targets("新设立20个“乡村工匠”工作站。")] == [(20, "个")]


def test_traditional_script_measure_words_are_read_and_printed_as_written():
    found = find_targets("改造農村公路120公裏，新增就業3.5萬人，建設充電樁2000個以上，增設母嬰室不少於40處。")
    assert [(t.text, t.value, t.unit, t.comparator) for t in found] == [
        ("改造農村公路120公裏", 120, "公裏", "="),
        ("新增就業3.5萬人", 3.5, "萬人", "="),
        ("建設充電樁2000個以上", 2000, "個", ">="),
        ("增設母嬰室不少於40處", 40, "處", ">="),
    ]


def test_an_approximate_amount_with_yu_before_wan_is_a_target():
    found = find_targets("项目预计投资800余万元，新增就业3000多万人次以上。")
    assert [(t.text, t.value, t.unit) for t in found] == [
        ("项目预计投资800余万元", 800, "万元"),
        ("新增就业3000多万人次以上", 3000, "万人次"),
    ]


def test_a_bound_with_its_own_note_names_which_firms_are_meant():
    assert find_targets("在职职工总数30人（含）以下的企业暂免征收残疾人就业保障金。") == []
