"""Deadlines: the date a supervisor will hold a unit to, and no date where the text sets none."""

import datetime

import pytest

from duban.extract.deadlines import find_deadline, period_end_of, period_start_of, resolve_time_phrase

OCT_2021 = datetime.date(2021, 10, 12)  # a fourth-quarter plan
MAY_2021 = datetime.date(2021, 5, 8)  # issued weeks after it was drafted


def deadline(text, issued_on=OCT_2021):
    found = find_deadline(text, issued_on)
    return None if found is None else (found.text, found.date)


@pytest.mark.parametrize(
    "text, expected",
    [
        # relative to the issue year
        ("清理沉淀资金，在年底前形成有效支出。", ("年底前", "2021-12-31")),
        ("实现8个项目年内建成通车。", ("年内", "2021-12-31")),
        ("今年底前完成全部验收。", ("今年底前", "2021-12-31")),
        ("四季度完成招标采购。", ("四季度", "2021-12-31")),
        ("明年完成二期建设。", ("明年", "2022-12-31")),
        ("力争明年上半年建成投用。", ("明年上半年", "2022-06-30")),
        ("力争明年6月底前建成投用。", ("明年6月底前", "2022-06-30")),
        ("本月底前报送工作台账。", ("本月底前", "2021-10-31")),
        ("3个月内完成问题整改。", ("3个月内", "2022-01-31")),
        ("三年内培育龙头企业20家。", ("三年内", "2023-12-31")),
        # absolute
        ("2022年6月底前，出台实施细则。", ("2022年6月底前", "2022-06-30")),
        ("到2025年底，建成区绿地率达到40%。", ("到2025年底", "2025-12-31")),
        ("至2030年，全面建成海绵城市。", ("至2030年", "2030-12-31")),
        ("2023年，全面推开试点。", ("2023年", "2023-12-31")),
        ("2022年新增公交车30辆。", ("2022年", "2022-12-31")),
        ("2022年上半年，各区制定实施方案。", ("2022年上半年", "2022-06-30")),
        ("2022年第三季度前完成选址。", ("2022年第三季度前", "2022-09-30")),
        ("各区要于2022年3月15日前报送名单。", ("2022年3月15日前", "2022-03-15")),
        ("二〇二二年六月底前完成。", ("二〇二二年六月底前", "2022-06-30")),
        ("“十五五”期间新建公园10座。", ("“十五五”期间", "2030-12-31")),
        # a period gives its end; several limits give the latest
        ("2022年1月1日至6月30日开展专项整治。", ("2022年1月1日至6月30日", "2022-06-30")),
        ("2021年11月底前完成摸排，2022年底前全面完成整治。", ("2022年底前", "2022-12-31")),
        ("2022年启动建设：一季度完成选址；四季度开工。2023年建成投运。", ("2023年", "2023-12-31")),
        # recurring or open limits keep their text without a date
        ("每月5日前报送上月进展。", ("每月5日前", None)),
        ("每年1月底前报送年度总结。", ("每年1月底前", None)),
        ("长期坚持", ("长期坚持", None)),
    ],
)
def test_deadlines_found(text, expected):
    assert deadline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a time that is the subject of the work, not its limit
        "做好2022年预算编制和2022年度审计项目计划。",
        "谋划明年工作，强化第四季度工作举措，总结前三季度经济运行情况。",
        "做好下半年招聘工作，抓好明年旺季各项准备。",
        "落实2030年碳达峰要求，开展省政府2022年立法工作计划编制。",
        # baselines, starts, stages, names
        "单位能耗比2020年下降13.5%。",
        "自2019年起实施，连续3年给予补贴。",
        "强化前期自查、年中指导、年末检查。",
        "举办2021—2022赛季联赛，推进“蓝天2021”专项行动。",
        "贯彻《城市更新条例（2021—2035年）》。",
        "持续推进河湖长制，形成每月例会制度。",
        "",
    ],
)
def test_no_deadline(text):
    assert deadline(text) is None


def test_relative_limits_need_an_issue_date():
    assert deadline("年底前完成。", issued_on=None) == ("年底前", None)
    assert deadline("2022年底前完成。", issued_on=None) == ("2022年底前", "2022-12-31")


def test_months_and_quarters_that_passed_long_before_issue_mean_next_year():
    # A plan issued in October asking for March means next March ...
    assert deadline("3月底前完成立项。") == ("3月底前", "2022-03-31")
    # ... but a plan issued in May that schedules 一季度 speaks of its own year (drafted earlier).
    assert deadline("一季度完成选址，到三季度全面完成。", MAY_2021) == ("到三季度", "2021-09-30")
    assert deadline("上半年完成选址。", MAY_2021) == ("上半年", "2021-06-30")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2021年3月", datetime.date(2021, 3, 31)),
        ("2021年", datetime.date(2021, 12, 31)),
        ("2021年6月底前", datetime.date(2021, 6, 30)),
        ("2021年底", datetime.date(2021, 12, 31)),
        ("2021年9月至12月", datetime.date(2021, 12, 31)),
        ("年底前", datetime.date(2021, 12, 31)),
        ("持续推进", None),
        ("长期坚持", None),
        ("每季度末", None),
    ],
)
def test_table_cells_resolve(cell, expected):
    assert resolve_time_phrase(cell, OCT_2021) == expected


@pytest.mark.parametrize(
    "text, issued_on, expected",
    [
        (
            "第四季度是全年工作的收官阶段，决定四季度在全省开展专项行动。",
            OCT_2021,
            datetime.date(2021, 12, 31),
        ),
        ("全省农村人居环境整治三年行动方案（2021—2023年）", None, datetime.date(2023, 12, 31)),
        ("2021年起3年内，大力实施人才工程。", None, datetime.date(2023, 12, 31)),
        ("2022年全市民生实事项目工作方案", None, datetime.date(2022, 12, 31)),
        # a goal written in the preamble is not the plan's period
        ("为提升公园品质，制定本方案。到2028年底，新增公园300座。", OCT_2021, None),
        ("依据《城市总体规划（2017—2035年）》，制定本方案。", OCT_2021, None),
        ("为加强管理，制定本方案。", OCT_2021, None),
    ],
)
def test_period_end(text, issued_on, expected):
    assert period_end_of(text, issued_on) == expected


def test_period_start_serves_plans_printed_without_a_date():
    start = period_start_of("2021年起3年内，大力实施人才工程。")
    assert start == datetime.date(2021, 1, 1)
    assert deadline("3年内培养人才500名。", issued_on=start) == ("3年内", "2023-12-31")
    assert period_start_of("为加强管理，制定本方案。") is None


@pytest.mark.parametrize(
    ("text", "printed", "date"),
    [
        ("2026年元旦前完成供暖改造。", "2026年元旦前", "2025-12-31"),
        ("2025年国庆节前建成开放。", "2025年国庆节前", "2025-09-30"),
        ("2026年春节前足额发放。", "2026年春节前", None),
        ("2025年汛期前完成除险加固。", "2025年汛期前", None),
    ],
)
def test_a_limit_named_by_a_holiday_or_season(text, printed, date):
    found = find_deadline(text, datetime.date(2025, 3, 1))
    assert (found.text, found.date) == (printed, date)


def test_a_five_year_plan_named_in_a_title_gives_the_period_end():
    assert period_end_of("某省“十五五”现代物流发展实施方案", datetime.date(2026, 3, 1)) == datetime.date(
        2030, 12, 31
    )
