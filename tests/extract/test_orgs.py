"""Names of government bodies: the spellings a reviewer sees as one body must match, others must not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.extract.orgs import (
    KINDS,
    aliases,
    fold,
    is_group,
    level_prefix,
    looks_like_unit,
    name_key,
    same_unit,
    unit_kind,
)

SAME = [
    # full official name with its province ↔ the short form a provincial plan prints
    ("广东省人力资源和社会保障厅", "省人社厅"),
    ("广东省人力资源和社会保障厅", "省人力资源社会保障厅"),
    ("四川省卫生健康委员会", "省卫健委"),
    ("四川省卫生健康委员会", "省卫生健康委"),
    ("浙江省住房和城乡建设厅", "省住建厅"),
    ("江苏省工业和信息化厅", "省工信厅"),
    ("湖南省文化和旅游厅", "省文旅厅"),
    ("云南省地方金融监督管理局", "省地方金融监管局"),
    ("云南省地方金融监督管理局", "省金融局"),
    ("贵州省国有资产监督管理委员会", "省国资委"),
    ("甘肃省民族宗教事务委员会", "省民宗委"),
    ("内蒙古自治区林业和草原局", "自治区林草局"),
    ("宁夏回族自治区医疗保障局", "自治区医保局"),
    ("河北省应急管理厅", "省应急厅"),
    ("山东省科学技术厅", "省科技厅"),
    ("陕西省广播电视局", "省广电局"),
    ("福建省人民政府外事办公室", "省外事办"),
    ("江西省供销合作社联合社", "省供销联社"),
    ("国家税务总局江西省税务局", "省税务局"),
    # city and district bodies follow the same rules
    ("重庆市发展和改革委员会", "市发改委"),
    ("成都市市场监督管理局", "市市场监管局"),
    ("长沙市岳麓区卫生健康委员会", "区卫健委"),
    ("杭州市西湖区住房和城乡建设局", "区住建局"),
    ("上海市浦东新区绿化和市容管理局", "区绿化市容局"),
    ("中共昆明市委组织部", "市委组织部"),
    ("共青团武汉市委", "团市委"),
    # national bodies: a ministry's plan drops 国家/中国/国务院/中央 as often as it prints them
    ("国家发展和改革委员会", "发展改革委"),
    ("中国人民银行", "人民银行"),
    ("国务院国资委", "国资委"),
    ("中央网信办", "网信办"),
    ("国家市场监督管理总局", "市场监管总局"),
    ("人力资源和社会保障部", "人力资源社会保障部"),
    # width and spaces are folded
    ("省发展改革委", "省 发展改革委"),
    ("省发展改革委", "省发展改革委\u3000"),
]

DIFFERENT = [
    ("省科技厅", "省科协"),
    ("省工商联", "省市场监管局"),
    ("省财政厅", "市财政局"),
    ("西宁市人民政府", "海东市人民政府"),
    ("省委办公厅", "省政府办公厅"),
    ("省教育厅", "省委教育工委"),
    ("省卫健委", "省医保局"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_body_match(a, b):
    assert same_unit(a, b)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_bodies_do_not_match(a, b):
    assert not same_unit(a, b)


def test_a_document_region_tells_a_short_government_name_which_one_it_is():
    assert same_unit("贵州省人民政府", "省政府", region="贵州省")
    assert not same_unit("贵州省人民政府", "省政府")


def test_a_department_of_another_region_stays_apart_when_the_region_is_known():
    assert same_unit("贵州省财政厅", "省财政厅", region="贵州省")
    assert not same_unit("云南省财政厅", "省财政厅", region="贵州省")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("湖南省发展和改革委员会", {"省发展改革委", "省发改委", "湖南省发展改革委"}),
        ("省卫生健康委员会", {"省卫生健康委", "省卫健委"}),
        ("市人力资源社会保障局", {"市人力资源和社会保障局", "市人社局"}),
        ("区市场监督管理局", {"区市场监管局"}),
        ("省供销联社", {"省供销合作社联合社"}),
    ],
)
def test_aliases_offer_the_usual_other_spellings(name, expected):
    found = aliases(name)
    assert found[0] == fold(name)
    assert expected <= set(found)
    assert all(same_unit(name, other) for other in found)


def test_a_group_has_no_other_spelling_than_its_own():
    assert aliases("各市州政府") == ["各市州政府"]


def test_aliases_do_not_invent_an_abbreviation_with_a_full_suffix():
    assert "省卫健委员会" not in aliases("省卫生健康委员会")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("省发展改革委", "省直部门"),
        ("广西壮族自治区财政厅", "省直部门"),
        ("省委组织部", "省直部门"),
        ("昆明市人民政府", "市州政府"),
        ("黔东南苗族侗族自治州人民政府", "市州政府"),
        ("各市州政府", "市州政府"),
        ("西湖区人民政府", "县区政府"),
        ("大通回族土族自治县人民政府", "县区政府"),
        ("各县（市、区）政府", "县区政府"),
        ("贵阳国家高新技术产业开发区管理委员会", "园区管委会"),
        ("各园区管委会", "园区管委会"),
        ("国家税务总局湖南省税务局", "中央驻地单位"),
        ("省通信管理局", "中央驻地单位"),
        ("省气象局", "中央驻地单位"),
        ("长沙海关", "中央驻地单位"),
        ("省总工会", "群团及其他"),
        ("团省委", "群团及其他"),
        ("省妇联", "群团及其他"),
        ("省科协", "群团及其他"),
        ("省残联", "群团及其他"),
        ("省红十字会", "群团及其他"),
        ("省工商联", "群团及其他"),
        ("某某路街道办事处", "乡镇街道"),
        ("各街镇", "乡镇街道"),
    ],
)
def test_unit_kind(name, kind):
    assert kind in KINDS
    assert unit_kind(name) == kind


def test_unit_kind_is_none_for_words_that_are_no_body():
    assert unit_kind("全面加强") is None


@pytest.mark.parametrize(
    "name",
    [
        "各市州政府",
        "各园区管委会",
        "各县（市、区）政府",
        "省直各部门",
        "各区政府",
        "各街镇",
        "各有关部门",
        "有关单位",
        "各联席会议成员单位",
        "各区、县级市",
    ],
)
def test_groups(name):
    assert is_group(name)


@pytest.mark.parametrize("name", ["省发展改革委", "试点城市政府", "区委宣传部", "国家税务总局湖南省税务局"])
def test_single_bodies_are_not_groups(name):
    assert not is_group(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("省发展改革委", True),
        ("市城管执法局", True),
        ("团市委", True),
        ("省供销联社", True),
        ("各市州政府", True),
        ("西湖区", True),
        ("区委宣传部（区文明办）", True),
        ("加快推进项目建设", False),
        ("督促各地落实责任", False),
        ("完成新增减税50亿元", False),
    ],
)
def test_looks_like_unit(text, expected):
    assert looks_like_unit(text) is expected


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("省发展改革委", "省"),
        ("湖南省财政厅", "省"),
        ("自治区林草局", "自治区"),
        ("区卫健委", "区"),
        ("市委组织部", "市"),
        ("国家发展改革委", "国家"),
        ("生态环境部", ""),
        ("市场监管总局", ""),  # 市场 is a word, not the level 市
    ],
)
def test_level_prefix(name, prefix):
    assert level_prefix(name) == prefix


_BODIES = [
    "发展和改革委员会",
    "卫生健康委员会",
    "人力资源和社会保障厅",
    "住房和城乡建设局",
    "市场监督管理局",
    "林业和草原局",
    "医疗保障局",
    "应急管理厅",
    "文化和旅游局",
    "民族宗教事务委员会",
    "交通运输局",
]


@settings(max_examples=150, deadline=None)
@given(
    place=st.sampled_from(["", "甘肃省", "酒泉市", "昆明市官渡区", "大理白族自治州", "广西壮族自治区"]),
    level=st.sampled_from(["省", "市", "区", "县", "自治区"]),
    body=st.sampled_from(_BODIES),
)
def test_every_alias_of_a_department_keeps_its_key(place, level, body):
    name = place + body if place else level + body
    key = name_key(name)
    assert all(
        name_key(alias) == key for alias in aliases(name)[1:] if level_prefix(alias) == level_prefix(name)
    )
    assert unit_kind(name) == "省直部门"


@pytest.mark.parametrize("area", ["东湖片区", "幸福小区", "大学城校区", "南山风景区", "城北功能区"])
def test_an_area_is_not_a_body_that_answers_for_work(area):
    assert not looks_like_unit(area)
    assert looks_like_unit(area + "管委会") or looks_like_unit(area + "管理局")


def test_government_services_and_big_data_bureaus_are_different_units_unless_merged():
    assert not same_unit("市大数据局", "市政务服务管理局")
    assert same_unit("区政务服务局", "区政务服务管理局")
    assert same_unit("市政务服务和大数据管理局", "市政务服务大数据管理局")
    assert not same_unit("市政务服务和大数据管理局", "市大数据局")


def test_a_county_science_and_economy_bureau_is_one_unit_doing_both_jobs():
    assert same_unit("县科经局", "县科技和经济信息化局")
    assert not same_unit("县科经局", "县经信局")
