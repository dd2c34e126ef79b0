"""Lead suggestion: the unit a reviewer would pick, with a reason they can read."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.extract.leads import LeadKnowledge, declared_subjects, suggest_lead

PROVINCE = [
    "省发展改革委",
    "省财政厅",
    "省教育厅",
    "省人力资源社会保障厅",
    "省卫生健康委",
    "省医保局",
    "省统计局",
    "国家税务总局某某省税务局",
    "省农业农村厅",
    "省林草局",
    "省退役军人事务厅",
    "各市州政府",
]

DISTRICT = ["区发展改革委", "区建设管理委", "区绿化市容局", "区城管执法局", "区水务局", "区卫健委", "各街镇"]


@pytest.mark.parametrize(
    ("text", "units", "lead"),
    [
        ("推进紧密型县域医共体建设，年底前实现乡镇卫生院全覆盖。", PROVINCE, "省卫生健康委"),
        ("落实药品集中带量采购结果，扩大门诊特殊病病种范围。", PROVINCE, "省医保局"),
        ("全面完成农业普查数据质量抽查，按季度开展抽样调查。", PROVINCE, "省统计局"),
        ("落实留抵退税政策，优化办税流程，确保新增减税降费落地。", PROVINCE, "国家税务总局某某省税务局"),
        ("新建改扩建幼儿园30所，义务教育学校大班额全部消除。", PROVINCE, "省教育厅"),
        ("城镇新增就业5万人，开展职业技能培训10万人次。", PROVINCE, "省人力资源社会保障厅"),
        ("完成营造林200万亩，加强草原生态保护修复。", PROVINCE, "省林草局"),
        ("做好退役军人安置和优抚对象抚恤工作。", PROVINCE, "省退役军人事务厅"),
        ("新建绿道20公里、口袋公园10座，推进立体绿化。", DISTRICT, "区绿化市容局"),
        ("开展河道综合整治，提升防汛排涝能力。", DISTRICT, "区水务局"),
    ],
)
def test_the_department_whose_work_it_is_leads(text, units, lead):
    suggestion = suggest_lead(text, units)
    assert suggestion is not None
    assert suggestion.unit == lead
    assert lead in suggestion.reason or "职责" in suggestion.reason


def test_the_same_department_is_found_at_city_and_district_level():
    text = "加强基层医疗卫生机构建设，提升传染病防控能力。"
    assert suggest_lead(text, ["市财政局", "市卫健委", "市教育局"]).unit == "市卫健委"
    assert suggest_lead(text, ["区财政局", "区卫生健康委员会", "区教育局"]).unit == "区卫生健康委员会"


@pytest.mark.parametrize(
    "text",
    [
        "由区城管执法局牵头，开展违法建筑专项整治，同步做好绿化补种。",
        "区城管执法局负责组织开展沿街绿地的日常巡查。",
        "加强沿街绿化养护。区城管执法局要加大对毁绿行为的查处力度。",
    ],
)
def test_a_unit_the_text_names_as_its_actor_leads(text):
    suggestion = suggest_lead(text, DISTRICT)
    assert suggestion.unit == "区城管执法局"
    assert "区城管执法局" in suggestion.reason


def test_a_unit_named_in_its_short_form_is_recognised():
    units = ["国家发展和改革委员会", "财政部", "农业农村部"]
    suggestion = suggest_lead("由发展改革委会同有关部门制定价格调整方案。", units)
    assert suggestion.unit == "国家发展和改革委员会"


def test_a_unit_named_as_helper_does_not_lead():
    units = ["省财政厅", "省医保局"]
    text = "省财政厅配合做好医保基金预算管理，推进医保支付方式改革。"
    assert suggest_lead(text, units).unit == "省医保局"


def test_groups_do_not_lead_when_a_department_fits():
    text = "各地要加快推进农村公路建设，年内新改建农村公路1000公里。"
    units = ["各市州政府", "省交通运输厅"]
    assert suggest_lead(text, units).unit == "省交通运输厅"


def test_the_section_title_helps_a_task_that_says_little():
    units = ["省发展改革委", "省林草局", "省水利厅"]
    suggestion = suggest_lead("年底前全面完成年度任务。", units, section_title="加快国土绿化和草原保护")
    assert suggestion.unit == "省林草局"


def test_with_no_evidence_the_first_listed_department_is_taken_and_said():
    suggestion = suggest_lead("抓好各项工作落实。", ["各市州政府", "省司法厅", "省审计厅"])
    assert suggestion.unit == "省司法厅"
    assert "第一个" in suggestion.reason


def test_no_units_no_suggestion():
    assert suggest_lead("推进医共体建设。", []) is None


def test_ranking_lists_every_unit_once_best_first():
    suggestion = suggest_lead("推进医共体建设。", PROVINCE)
    assert sorted(u for u, _ in suggestion.ranking) == sorted(PROVINCE)
    assert suggestion.ranking[0][0] == suggestion.unit
    scores = [s for _, s in suggestion.ranking]
    assert scores == sorted(scores, reverse=True)


def test_full_width_text_reads_like_half_width():
    units = ["省通信管理局", "省发展改革委"]
    full = suggest_lead("推进５Ｇ基站建设，年内新建基站１０００个。", units)
    half = suggest_lead("推进5G基站建设,年内新建基站1000个。", units)
    assert full.unit == half.unit == "省通信管理局"
    assert full.ranking == half.ranking


PLAN = """三、实施步骤
（一）编制方案。示范县负责编制示范建设实施方案，报省农业农村厅备案。
（二）组织实施。示范县人民政府是本地区示范建设的责任主体，要细化工作方案。
以财政投入为责任主体的说法不是一个单位。
"""


def test_declared_subjects_are_read_from_the_plan():
    assert declared_subjects(PLAN) == ["示范县人民政府"]


def test_one_declaration_alone_does_not_make_a_plan_subject():
    plan = "（二）组织实施。示范县人民政府是本地区示范建设的责任主体，要细化工作方案。"
    assert declared_subjects(plan) == []


@pytest.mark.parametrize(
    "plan",
    [
        "各地对本地区农村改厕工作负总责。各地要结合实际制定改厕计划，年底前报送进展。",
        "各地负责组织实施本方案。以下各项任务均需各地落实，不再列出。",
    ],
)
def test_the_family_of_declarations_names_the_local_governments(plan):
    assert declared_subjects(plan) == ["各地"]


@pytest.mark.parametrize(
    "plan",
    [
        "现将方案印发给你们，请认真组织实施。请各单位抓好落实。",
        "各项目牵头单位对项目组织实施负总责。各项目牵头单位要会同配合单位制定细则。",
        "省住房城乡建设厅负责统筹协调。省住房城乡建设厅要加强督导。",
    ],
)
def test_notices_roles_and_coordinators_are_not_plan_subjects(plan):
    assert declared_subjects(plan) == []


def test_a_closing_call_to_every_place_does_not_make_them_the_subject():
    plan = "各地要加快农村公路建设。各地要做好资金保障。各地要抓好落实。"
    assert declared_subjects(plan) == []


def test_a_named_body_may_be_declared_by_its_duty_to_implement():
    plan = "试点县人民政府负责组织实施。试点县要制定年度计划，逐项抓好落实。"
    assert declared_subjects(plan) == ["试点县人民政府"]


def test_a_declared_subject_leads_unless_the_task_names_its_actor():
    units = ["农业农村部", "财政部", "示范县人民政府"]
    subjects = declared_subjects(PLAN)
    task = "推广秸秆还田和畜禽粪污资源化利用。"
    assert suggest_lead(task, units).unit == "农业农村部"
    assert suggest_lead(task, units, subjects=subjects).unit == "示范县人民政府"
    named = "由财政部牵头，完善秸秆综合利用补贴政策。"
    assert suggest_lead(named, units, subjects=subjects).unit == "财政部"


def test_local_governments_declared_in_general_terms_lead_tasks_with_no_named_actor():
    plan = "各地对本地区农村改厕工作负总责。各地要结合实际制定改厕计划。"
    units = ["省农业农村厅", "省卫生健康委", "各市州政府"]
    subjects = declared_subjects(plan)
    assert suggest_lead("新建改建农村户厕5万座。", units, subjects=subjects).unit == "各市州政府"
    named = "省卫生健康委负责开展改厕后的粪污无害化处理监测。"
    assert suggest_lead(named, units, subjects=subjects).unit == "省卫生健康委"


def test_learned_leads_decide_where_the_functions_table_is_silent():
    units = ["市发展改革委", "市重点工程办", "市财政局"]
    task = "推进轨交沿线站城一体化开发。"
    knowledge = LeadKnowledge()
    for text in ["推进站城一体化开发试点。", "编制站城一体化开发导则。", "开展站城一体化规划研究。"]:
        knowledge.learn(text, "市重点工程办")
    assert suggest_lead(task, units, learned=knowledge).unit == "市重点工程办"


def test_learning_carries_from_one_level_to_another():
    knowledge = LeadKnowledge()
    knowledge.learn("开展安宁疗护试点。", "省卫生健康委员会")
    knowledge.learn("扩大安宁疗护服务供给。", "省卫生健康委员会")
    suggestion = suggest_lead("推进安宁疗护病区建设。", ["市民政局", "市卫健委"], learned=knowledge)
    assert suggestion.unit == "市卫健委"


def test_knowledge_survives_a_json_round_trip():
    knowledge = LeadKnowledge()
    knowledge.learn("推进站城一体化开发试点。", "市重点工程办")
    stored = json.loads(json.dumps(knowledge.to_dict(), ensure_ascii=False))
    again = LeadKnowledge.from_dict(stored)
    assert again.to_dict() == knowledge.to_dict()
    units = ["市发展改革委", "市重点工程办"]
    assert suggest_lead("站城一体化开发。", units, learned=again).unit == "市重点工程办"


def test_in_a_list_printed_with_the_task_the_first_unit_leads():
    units = ["省财政厅", "省卫生健康委", "省医保局"]
    text = "推进医保支付方式改革，落实医共体医保资金打包付费。"
    assert suggest_lead(text, units).unit == "省医保局"
    suggestion = suggest_lead(text, units, per_task=True)
    assert suggestion.unit == "省财政厅"
    assert "第一位" in suggestion.reason


def test_in_a_task_list_a_unit_named_as_actor_still_leads():
    units = ["省财政厅", "省医保局"]
    text = "由省医保局牵头，推进医保支付方式改革。"
    assert suggest_lead(text, units, per_task=True).unit == "省医保局"


def test_a_unit_opening_a_list_of_targets_is_not_the_actor():
    units = ["区机管局", "区教育局"]
    text = "区教育局、各中小学节能改造全部完成。"
    assert "由区教育局负责" not in suggest_lead(text, units).reason
    assert "由区教育局负责" in suggest_lead("区教育局加快推进中小学节能改造。", units).reason


def test_a_group_at_the_head_of_a_sentence_leads_only_when_told_to_act():
    units = ["省农业农村厅", "各市州政府"]
    assert suggest_lead("各市州政府要加快高标准农田建设。", units).unit == "各市州政府"
    assert suggest_lead("各市州政府对高标准农田建设负总责。", units).unit == "省农业农村厅"


_CHARS = st.sampled_from(
    list("省市区县发展改革委财政厅卫生健康局各政府由牵头负责配合。，、（）医保统计１２3 \u3000")
)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(_CHARS, max_size=60),
    units=st.lists(st.text(_CHARS, min_size=1, max_size=12), min_size=1, max_size=8),
    title=st.text(_CHARS, max_size=12),
)
def test_any_input_gives_one_of_the_listed_units(text, units, title):
    suggestion = suggest_lead(text, units, section_title=title)
    assert suggestion.unit in units
    assert len(suggestion.ranking) == len(units)


def test_a_department_named_by_its_line_of_work_is_recognised():
    units = ["市财政局", "市教育局", "市卫健委"]
    suggestion = suggest_lead("教育部门要会同卫生健康部门做好学生近视防控。", units)
    assert suggestion.unit == "市教育局"
    assert "教育部门" in suggestion.reason


def test_a_group_declared_responsible_once_does_not_take_every_task():
    plan = "各市州政府是本地区项目建设的责任主体，要压实责任。"
    units = ["省交通运输厅", "省水利厅", "各市州政府"]
    subjects = declared_subjects(plan)
    assert subjects == []
    assert suggest_lead("加快农村公路建设。", units, subjects=subjects).unit == "省交通运输厅"


TALENT = ["市委组织部", "市人力资源社会保障局", "市科技局", "市教育局", "市民政局"]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("深化职称制度改革，开展高级职称自主评审试点，完善人才评价标准。", "市人力资源社会保障局"),
        ("扩大博士后科研工作站规模，每年新招收博士后研究人员50名。", "市人力资源社会保障局"),
        ("建设高技能人才公共实训基地，年内完成职业技能鉴定2万人次。", "市人力资源社会保障局"),
        ("坚持党管人才原则，加强各级领导班子和干部队伍建设。", "市委组织部"),
        ("社会工作人才培养项目。每年培养社会工作督导人才100名。", "市民政局"),
    ],
)
def test_talent_work_goes_to_the_department_that_owns_it(text, lead):
    assert suggest_lead(text, TALENT).unit == lead


def test_a_keyword_inside_a_longer_one_is_not_counted_again():
    units = ["农业农村厅", "工业和信息化厅"]
    assert suggest_lead("支持农机装备企业开展整机研发。", units).unit == "工业和信息化厅"
    assert suggest_lead("推进农机作业社会化服务，提高农机使用效率。", units).unit == "农业农村厅"


def test_the_run_in_heading_names_the_object_of_the_work():
    units = ["区卫健委", "区教育局"]
    heading = suggest_lead("规范校外培训机构。开展传染病防控知识宣讲，普及健康知识。", units)
    body = suggest_lead("开展传染病防控知识宣讲，普及健康知识，规范校外培训机构。", units)
    assert dict(heading.ranking)["区教育局"] > dict(body.ranking)["区教育局"]


def test_a_word_saying_whom_the_work_serves_does_not_assign_it():
    units = ["农业农村厅", "工业和信息化厅"]
    text = "瞄准农业生产需求，加快农机装备研发制造，发展适应丘陵山区农业的小型机械。"
    assert suggest_lead(text, units).unit == "工业和信息化厅"


def test_in_a_short_section_pool_the_first_listed_department_leads_weak_tasks():
    units = ["省文化和旅游厅", "省发展改革委", "省财政厅"]
    suggestion = suggest_lead("完善项目储备，做好资金保障。", units)
    assert suggestion.unit == "省文化和旅游厅"
    assert "第一位" in suggestion.reason
    roster = units + [f"省{name}" for name in ("教育厅", "民政厅", "司法厅", "商务厅", "审计厅", "统计局")]
    assert suggest_lead("完善项目储备，做好资金保障。", roster).unit != "省文化和旅游厅"


def _varied_tasks(topic: str, n: int) -> list[str]:
    # many different tasks on one topic: each adds character pairs no other task has
    marks = "一二三四五六七八九十百千万亿甲乙丙丁戊己庚辛壬癸东南西北中春夏秋冬"
    k = len(marks)
    return [f"{topic}第{marks[i % k]}{marks[i // k % k]}批{marks[i * 7 % k]}项工作。" for i in range(n)]


def test_knowledge_stays_bounded_however_much_it_learns():
    knowledge = LeadKnowledge(per_key=30)
    for text in _varied_tasks("推进安宁疗护病区建设", 400):
        knowledge.learn(text, "市卫健委")
    for text in _varied_tasks("开展养老机构消防检查", 400):
        knowledge.learn(text, "市民政局")
    entries = sum(len(seen) for seen in knowledge.counts.values())
    assert entries <= 2 * 30 * 2
    assert knowledge.tasks == 800


def test_pruned_knowledge_keeps_the_words_that_tell_leads_apart():
    knowledge = LeadKnowledge(per_key=10)
    for text in _varied_tasks("推进安宁疗护病区建设", 200):
        knowledge.learn(text, "市卫健委")
    for text in _varied_tasks("开展养老机构消防检查", 200):
        knowledge.learn(text, "市民政局")
    knowledge.prune()
    assert sum(len(seen) for seen in knowledge.counts.values()) <= 20
    units = ["市民政局", "市卫健委", "市财政局"]
    assert suggest_lead("安宁疗护试点扩面。", units, learned=knowledge).unit == "市卫健委"


def test_a_stored_knowledge_over_its_bound_is_pruned_on_reading():
    big = LeadKnowledge(per_key=10_000)
    for text in _varied_tasks("推进安宁疗护病区建设", 300):
        big.learn(text, "市卫健委")
    stored = big.to_dict()
    stored["per_key"] = 25
    again = LeadKnowledge.from_dict(stored)
    assert sum(len(seen) for seen in again.counts.values()) <= 25
    assert LeadKnowledge.from_dict({"version": 1, "tasks": 0, "counts": {}}).per_key > 0


def test_names_listed_together_share_their_role():
    units = ["省财政厅", "省发展改革委", "省卫生健康委"]
    helped = suggest_lead("省财政厅、省发展改革委配合，推进紧密型医共体建设。", units)
    assert helped.unit == "省卫生健康委"
    led = suggest_lead("省卫生健康委、省财政厅负责完善基层医疗卫生机构补助政策。", units)
    assert led.unit == "省卫生健康委"
    assert "负责" in led.reason


@pytest.mark.parametrize("text", ["各街镇（园区）要加强小区分类驳运。", "各街镇要加强小区分类驳运。"])
def test_a_bracketed_group_name_is_found_as_printed_and_without_its_bracket(text):
    units = ["区绿化市容局", "各街镇（园区）"]
    suggestion = suggest_lead(text, units)
    assert suggestion.unit == "各街镇（园区）"
    assert "各街镇" in suggestion.reason


def test_approval_services_belong_to_the_government_services_bureau():
    units = ["区发改局", "区政务服务局", "区国土分局"]
    text = "精简审批手续。完善行政审批网上服务大厅功能，加快建立“中介超市”。"
    assert suggest_lead(text, units).unit == "区政务服务局"


def test_the_tasks_own_words_outweigh_its_section_title():
    units = ["区住建局", "区发改局", "区国土分局", "区环保局", "区水务局"]
    text = "提高土地审批效率。6亩以下的土地转让手续，审查后即予办理。"
    assert suggest_lead(text, units, section_title="提高投资项目审批效率").unit == "区国土分局"


def test_a_science_and_economy_bureau_leads_industrial_work():
    units = ["县发改局", "县科经局", "县财政局"]
    assert suggest_lead("规模以上工业增加值增长11.5%。", units).unit == "县科经局"
