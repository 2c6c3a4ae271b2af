"""Tests for tasks.plan_reader: the real plans in tests/fixtures/plans, unit/deadline helpers, and
hypothesis round trips (generate a plan, render it as text, parse it back)."""

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.plan_reader import (
    DEADLINE_DATE,
    DEADLINE_LONG_TERM,
    DEADLINE_NONE,
    DEADLINE_PERIODIC,
    parse_deadline,
    parse_plan,
    read_docx,
    split_units,
    to_dict,
)

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
D = datetime.date


def plan_text(name: str) -> str:
    """A real plan, kept in the repository (tests/fixtures/plans) so CI reads the same text."""
    return (PLANS / name).read_text(encoding="utf-8")


def to_fullwidth(text: str) -> str:
    """Every ASCII punctuation character to its full-width form (, -> ，)."""
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E and not c.isalnum() else c for c in text)


def to_halfwidth(text: str) -> str:
    """Every full-width ASCII variant (，（）：．１) to ASCII."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def write_docx(text: str, path: Path) -> Path:
    """A .docx with one paragraph per line of text."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


# ---------------------------------------------------------------- wushen (24 tasks, 牵头部门/责任部门)

WUSHEN_CATEGORIES = [
    ("一", "促进法治政府建设联动机制"),
    ("二", "强化法治化营商环境建设联动机制"),
    ("三", "强化企业破产处置联动机制"),
    ("四", "强化执行协作联动机制"),
    ("五", "强化市域社会治理联动机制"),
    ("六", "强化平安建设联动机制"),
]
FAYUAN, JIANCHAYUAN, SIFA, GONGAN = "旗人民法院", "旗人民检察院", "旗司法局", "旗公安局"
SUMU, ZHI_BU, ZHI_XG = "各苏木镇人民政府", "旗直各部门", "旗直各相关部门"
SHICHANG = "旗市场监督管理局"
# number: (lead units, responsible units) exactly as printed
WUSHEN_UNITS = {
    "1": (["旗政府办", SIFA, FAYUAN, JIANCHAYUAN], [SUMU, ZHI_BU]),
    "2": ([SUMU, "相关涉事部门"], [FAYUAN, JIANCHAYUAN, SIFA]),
    "3": ([SIFA], [SUMU, "旗直各相关涉事部门"]),
    "4": ([FAYUAN, JIANCHAYUAN, SIFA], [SUMU, "旗直各相关涉事部门"]),
    "5": ([JIANCHAYUAN, SIFA], [SUMU, ZHI_XG]),
    "6": ([JIANCHAYUAN], [SUMU, ZHI_XG]),
    "7": ([SHICHANG], [FAYUAN, JIANCHAYUAN, SIFA]),
    "8": ([SHICHANG], [GONGAN, FAYUAN, JIANCHAYUAN, SIFA]),
    "9": (["旗金融服务中心"], [FAYUAN, JIANCHAYUAN, GONGAN]),
    "10": ([ZHI_BU], [FAYUAN, JIANCHAYUAN, SUMU]),
    "11": ([FAYUAN], [ZHI_XG]),
    "12": ([SHICHANG], [FAYUAN, JIANCHAYUAN, "旗发改委", "旗工科局"]),
    "13": ([FAYUAN], [GONGAN, JIANCHAYUAN, "旗发改委"]),
    "14": ([FAYUAN], [ZHI_XG]),
    "15": ([FAYUAN], [SUMU, ZHI_XG]),
    "16": ([SIFA], [JIANCHAYUAN, GONGAN, ZHI_BU, SUMU]),
    "17": ([SIFA], [FAYUAN, "旗财政局", SUMU]),
    "18": ([FAYUAN], [SIFA, ZHI_BU, SUMU]),
    "19": ([FAYUAN], ["旗财政局"]),
    "20": ([FAYUAN, JIANCHAYUAN, GONGAN, SIFA], ["旗信访局", ZHI_XG, SUMU]),
    "21": ([GONGAN], [FAYUAN, JIANCHAYUAN, SIFA]),
    "22": ([GONGAN], ["旗金融服务中心", SUMU]),
    "23": ([GONGAN], [FAYUAN, JIANCHAYUAN, SIFA, ZHI_XG, SUMU]),
    "24": (["旗科技创新和大数据中心"], [FAYUAN, JIANCHAYUAN, ZHI_XG, SUMU]),
}


@pytest.fixture(scope="module")
def wushen():
    return parse_plan(plan_text("wushen-2023-fuyuan-plan.txt"))


def test_wushen_header(wushen):
    assert wushen.title == "建立常态化府院联动机制工作实施方案"
    assert wushen.doc_number == "乌政发〔2023〕9号"
    assert wushen.categories == WUSHEN_CATEGORIES


def test_wushen_has_24_tasks_in_6_categories(wushen):
    assert [t.number for t in wushen.tasks] == [str(n) for n in range(1, 25)]
    per_category = [sum(t.category_number == num for t in wushen.tasks) for num, _ in WUSHEN_CATEGORIES]
    assert per_category == [6, 3, 3, 3, 5, 4]
    assert wushen.tasks[6].category == "强化法治化营商环境建设联动机制"
    assert [t.sort_key for t in wushen.tasks[5:8]] == ["01.06", "02.01", "02.02"]


def test_wushen_units_exactly_as_printed(wushen):
    got = {t.number: (t.lead_units, t.responsible_units) for t in wushen.tasks}
    assert got == WUSHEN_UNITS
    assert all(t.lead_units for t in wushen.tasks)
    assert wushen.tasks[0].lead_text == "旗政府办、旗司法局、旗人民法院、旗人民检察院"
    assert wushen.tasks[0].responsible_text == "各苏木镇人民政府、旗直各部门"


def test_wushen_titles_bodies_and_missing_deadlines(wushen):
    first = wushen.tasks[0]
    assert first.title == "健全促进依法行政制度"
    assert first.body.startswith("健全促进依法行政制度。旗人民政府健全科学")
    assert all("牵头部门" not in t.body and "责任部门" not in t.body for t in wushen.tasks)
    # No deadlines are printed; "每年至少开展2次" in the body of task 16 is prose, not a deadline.
    assert "每年至少开展2次" in wushen.tasks[15].body
    assert {(t.deadline_kind, t.due_date, t.deadline_text) for t in wushen.tasks} == {
        (DEADLINE_NONE, None, "")
    }
    assert wushen.warnings == ["全文未识别到完成时限"]
    assert all(t.warnings == [] for t in wushen.tasks)


def test_wushen_preamble_and_closing_sections_give_no_tasks(wushen):
    titles = {t.title for t in wushen.tasks}
    # 主要原则 (一)…(四), 联席会议 工作机制 1.…3. and 工作保障 (一)…(四) carry no labels.
    assert not titles & {
        "依法依规，有机衔接",
        "联席会议办公室设在旗司法局，负责日常联络、沟通协调、督办落实等工作",
        "强化组织领导",
    }


# ---------------------------------------------------------------- jiaozuo (31 tasks, 责任单位/完成时限)

JIAOZUO_CATEGORIES = [
    ("一", "促进法治政府建设联动机制"),
    ("二", "促进营商环境法治化联动机制"),
    ("三", "完善诉源治理体系及多元化纠纷解决机制"),
    ("四", "推动审判、执行、监督工作联动机制"),
]
ZY, SFJ, JCY, ZFB, GAJ = "市中院", "市司法局", "市检察院", "市政府办公室", "市公安局"
JRJ, SCJ, WL, SJJ = "市金融工作局", "市市场监督管理局", "市文化广电和旅游局", "市政务服务和大数据管理局"
APR30 = "2021年4月30日"
# (lead from 由…牵头, responsible units, deadline text), tasks 1..31
JIAOZUO = [
    ([SFJ], [SFJ, ZY, JCY], "长期坚持"),
    ([ZY], [ZY, SFJ], "2021年7月10日"),
    ([ZFB], [ZFB, ZY, JCY], APR30),
    ([ZFB], [ZFB, ZY], APR30),
    ([ZFB], [ZFB, ZY, JCY, SFJ], APR30),
    ([JRJ], [JRJ, ZY, SFJ, "人行焦作支行", "银保监局"], APR30),
    ([ZY], [ZY, "市工信局", "市工商联"], "每季度定期开展"),
    ([JRJ], [JRJ, ZY, WL], "2021年5月30日"),
    ([SCJ], [SCJ, ZY], APR30),
    ([GAJ], [GAJ, SCJ, WL, ZY], APR30),
    ([SCJ], [SCJ, ZY, SFJ], APR30),
    ([ZY], [ZY, JCY, GAJ, SFJ, SCJ, WL], "2021年4月26日"),
    ([], [ZY, ZFB, "市工信局"], APR30),
    (["市工信局"], ["市工信局", JRJ, "银保监局", "人行焦作支行", ZY], APR30),
    ([], ["市财政局", ZY], "2021年5月30日"),
    ([ZY], [ZY, JCY, "市综治委", GAJ, SFJ], APR30),
    (["市综治委"], ["市综治委", ZY, SFJ, GAJ], APR30),
    (["市发改委"], ["市发改委", ZY, SFJ, "市信调委"], "2021年6月30日"),
    ([SFJ, ZY], ["市财政局", ZY, JCY, SFJ, GAJ, "市信访局"], "长期坚持"),
    ([], [ZY, JCY, GAJ, "市水利局", "黄河河务局", WL], APR30),
    ([], [SJJ, ZY], APR30),
    ([SJJ], [SJJ, ZY, JCY], APR30),
    ([], [SJJ, ZY], APR30),
    ([SCJ], [SCJ, ZY], APR30),
    (["市银保监局"], ["市银保监局", ZY], APR30),
    ([SJJ], [ZY, SJJ, "需进行系统对接的政府各职能部门"], APR30),
    ([SJJ], [ZY, SJJ, GAJ, "市民政局", "需进行系统对接的各有关单位"], APR30),  # 「A等B」: B a qualified class
    ([], [GAJ, ZY], APR30),
    ([ZY], [GAJ, JCY, ZY], APR30),
    ([], ["市财政局", ZY], APR30),
    ([JRJ], [JRJ, ZY, GAJ, SJJ], APR30),
]


@pytest.fixture(scope="module")
def jiaozuo():
    return parse_plan(plan_text("jiaozuo-2020-fuyuan-plan.txt"))


def test_jiaozuo_header(jiaozuo):
    assert jiaozuo.title == "焦作市建立常态化府院联动机制实施方案"
    assert jiaozuo.doc_number == ""
    assert jiaozuo.categories == JIAOZUO_CATEGORIES


def test_jiaozuo_has_31_tasks_in_4_categories(jiaozuo):
    assert [t.number for t in jiaozuo.tasks] == [str(n) for n in range(1, 32)]
    per_category = [sum(t.category_number == num for t in jiaozuo.tasks) for num, _ in JIAOZUO_CATEGORIES]
    assert per_category == [5, 10, 5, 11]
    assert jiaozuo.tasks[-1].sort_key == "04.11"


def test_jiaozuo_units_and_deadlines_exactly(jiaozuo):
    got = [(t.lead_units, t.responsible_units, t.deadline_text) for t in jiaozuo.tasks]
    assert got == JIAOZUO
    assert jiaozuo.tasks[0].responsible_text == "市司法局、市中院、市检察院"
    assert jiaozuo.tasks[0].lead_text == ""  # the lead comes from the prose, not a label


def test_jiaozuo_deadline_kinds(jiaozuo):
    kinds = {t.number: (t.deadline_kind, t.due_date, t.cycle) for t in jiaozuo.tasks}
    assert kinds["1"] == (DEADLINE_LONG_TERM, None, "")
    assert kinds["2"] == (DEADLINE_DATE, D(2021, 7, 10), "")
    assert kinds["7"] == (DEADLINE_PERIODIC, None, "quarterly")
    assert kinds["12"] == (DEADLINE_DATE, D(2021, 4, 26), "")
    assert sum(kind == (DEADLINE_DATE, D(2021, 4, 30), "") for kind in kinds.values()) == 23


def test_jiaozuo_bodies_and_warnings(jiaozuo):
    task19 = jiaozuo.tasks[18]
    assert task19.body.endswith("市、县财政在每年政法专款中单列司法救助等费用，用于化解工作。")
    assert "在“4.26”世界知识产权日" in jiaozuo.tasks[11].body
    assert all("责任单位：" not in t.body and "完成时限：" not in t.body for t in jiaozuo.tasks)
    unled = [t.number for t in jiaozuo.tasks if t.warnings == ["未识别到牵头单位"]]
    assert unled == ["13", "15", "20", "21", "23", "28", "30"]
    assert all(not t.warnings for t in jiaozuo.tasks if t.number not in unled)
    assert jiaozuo.warnings == []


# ---------------------------------------------------------------- same results in other encodings


def mixed_width(text: str) -> str:
    """Full-width punctuation on every other line."""
    return "\n".join(to_fullwidth(line) if i % 2 else line for i, line in enumerate(text.split("\n")))


WIDTH_VARIANTS = {
    "fullwidth": to_fullwidth,
    "halfwidth": lambda text: to_halfwidth(to_fullwidth(text)),
    "mixed": mixed_width,
}


@pytest.mark.parametrize("name", ["wushen-2023-fuyuan-plan.txt", "jiaozuo-2020-fuyuan-plan.txt"])
@pytest.mark.parametrize("variant", WIDTH_VARIANTS)
def test_punctuation_width_does_not_change_results(name, variant):
    text = plan_text(name)
    converted = WIDTH_VARIANTS[variant](text)
    assert converted != to_fullwidth(text) or variant == "fullwidth"
    assert parse_plan(converted) == parse_plan(text)
    assert parse_plan(converted) == parse_plan(to_fullwidth(text))


@pytest.mark.parametrize("name", ["wushen-2023-fuyuan-plan.txt", "jiaozuo-2020-fuyuan-plan.txt"])
def test_docx_gives_identical_results(name, tmp_path):
    text = plan_text(name)
    path = write_docx(text, tmp_path / "plan.docx")
    assert parse_plan(read_docx(path)) == parse_plan(text)
    with path.open("rb") as handle:  # file-like source
        assert parse_plan(read_docx(handle)) == parse_plan(text)


def test_fullwidth_docx_gives_identical_results(tmp_path):
    text = plan_text("jiaozuo-2020-fuyuan-plan.txt")
    path = write_docx(to_fullwidth(text), tmp_path / "plan.docx")
    assert parse_plan(read_docx(path)) == parse_plan(text)


# ---------------------------------------------------------------- other real documents


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("weibin-2021-susuan-opinion.txt", "卫滨区推进诉源治理工作意见"),
        ("taian-2024-fuyuan-report.txt", "泰安：府院联动聚合力 共绘法治为民“同心圆”"),
        ("hejiang-fuyuan-measures-traditional.txt", None),
    ],
)
def test_documents_without_labelled_items_give_no_tasks(name, title):
    plan = parse_plan(plan_text(name))
    assert plan.tasks == []
    assert plan.categories == []
    assert plan.warnings == ["未识别到任务：没有带牵头/责任单位或完成时限标注的条目"]
    if title:
        assert plan.title == title


TRADITIONAL = """合江縣常態化府院聯動機制實施辦法
合府辦發〔2022〕15號
一、指導思想
（一）堅持依法行政。推動府院聯動。
二、重點任務
（一）建立聯席會議制度。每季度召開一次聯席會議。
牽頭單位：縣司法局
責任單位：縣法院、縣檢察院、各鄉（鎮）人民政府
完成時限：長期堅持
（二）完善行政爭議化解機制。（縣政府牽頭，縣公安局、縣財政局配合，2022年底前完成）
（三）推進訴源治理。由縣法院牽頭，各鄉（鎮）人民政府參與。
配合部門：各鄉（鎮）人民政府
完成時限：每季度定期開展
（四）健全檢察建議制度。負責單位待定。
責任部門：縣檢察院
完成時間：2022年6月底前
三、保障措施
（一）加強組織領導。
"""


def test_traditional_labels_are_recognised_and_units_kept_as_printed():
    plan = parse_plan(TRADITIONAL)
    assert (plan.title, plan.doc_number) == ("合江縣常態化府院聯動機制實施辦法", "合府辦發〔2022〕15號")
    assert plan.categories == [("二", "重點任務")]
    got = [
        (t.number, t.lead_units, t.responsible_units, t.deadline_text, t.deadline_kind, t.due_date, t.cycle)
        for t in plan.tasks
    ]
    assert got == [
        (
            "（一）",
            ["縣司法局"],
            ["縣法院", "縣檢察院", "各鄉（鎮）人民政府"],
            "長期堅持",
            DEADLINE_LONG_TERM,
            None,
            "",
        ),
        (
            "（二）",
            ["縣政府"],
            ["縣公安局", "縣財政局"],
            "2022年底前完成",
            DEADLINE_DATE,
            D(2022, 12, 31),
            "",
        ),
        (
            "（三）",
            ["縣法院"],
            ["各鄉（鎮）人民政府"],
            "每季度定期開展",
            DEADLINE_PERIODIC,
            None,
            "quarterly",
        ),
        ("（四）", [], ["縣檢察院"], "2022年6月底前", DEADLINE_DATE, D(2022, 6, 30), ""),
    ]
    assert plan.tasks[1].body == "完善行政爭議化解機制。"
    assert plan.tasks[3].warnings == ["未识别到牵头单位"]


# ---------------------------------------------------------------- structure rules


def _plan(*lines: str):
    return parse_plan("\n".join(["某某工作实施方案", *lines]))


def test_percentages_and_multiples_are_not_headings():
    plan = _plan(
        "一、重点任务",
        "1.提升调解成功率。",
        "6.2%的纠纷在诉前化解。",
        "2.5倍于去年的案件得到化解。",
        "责任单位：市中院",
        "2.加强执行。",
        "责任单位：市公安局",
    )
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert plan.tasks[0].body == "提升调解成功率。\n6.2%的纠纷在诉前化解。\n2.5倍于去年的案件得到化解。"
    assert [t.warnings for t in plan.tasks] == [[], []]


def test_dates_in_the_body_are_not_deadlines():
    plan = _plan(
        "一、重点任务",
        "1.召开推进会。2021年3月31日前召开推进会，每季度通报一次，长期坚持。",
        "责任单位：市中院",
        "2.出台办法。",
        "责任单位：市司法局",
        "完成时限：2021年底前",
    )
    first, second = plan.tasks
    assert (first.deadline_text, first.deadline_kind, first.due_date) == ("", DEADLINE_NONE, None)
    assert first.warnings == ["未识别到完成时限"]
    assert (second.deadline_kind, second.due_date) == (DEADLINE_DATE, D(2021, 12, 31))


@pytest.mark.parametrize(
    ("marker", "number"),
    [
        ("{}.", "{}"),
        ("{}、", "{}"),
        ("{}．", "{}"),
        ("（{}）", "（{}）"),
        ("({})", "（{}）"),
        ("{})", "{}）"),
    ],
)
def test_arabic_numbering_styles(marker, number):
    plan = _plan("一、重点任务", *(f"{marker.format(n)}任务{n}。\n责任单位：市中院" for n in (1, 2, 3)))
    assert [t.number for t in plan.tasks] == [number.format(n) for n in (1, 2, 3)]
    assert [t.title for t in plan.tasks] == ["任务1", "任务2", "任务3"]


def test_circled_and_chinese_numbering_styles():
    circled = _plan("（一）重点任务", "①任务甲。（市中院牵头）", "②任务乙。（市司法局牵头）")
    assert [t.number for t in circled.tasks] == ["①", "②"]
    assert circled.categories == [("一", "重点任务")]
    chinese = _plan("一、重点任务", "（一）任务甲。（市中院牵头）", "（二）任务乙。（市司法局牵头）")
    assert [t.number for t in chinese.tasks] == ["（一）", "（二）"]


def test_numbering_restarts_under_each_heading_and_gaps_are_reported():
    plan = _plan(
        "一、甲类任务",
        "1.任务。责任单位：市中院",
        "2.任务。责任单位：市中院",
        "二、乙类任务",
        "1.任务。责任单位：市中院",
        "3.任务。责任单位：市中院",
    )
    assert [t.sort_key for t in plan.tasks] == ["01.01", "01.02", "02.01", "02.02"]
    assert [t.warnings for t in plan.tasks] == [[], [], [], ["编号不连续：期望 2，实际 3"]]
    assert plan.warnings == ["全文未识别到牵头单位", "全文未识别到完成时限"]


def test_sub_items_stay_in_the_body_and_labels_after_them_belong_to_the_task():
    plan = _plan(
        "一、重点任务",
        "（一）健全工作机制。",
        "1.建立联席会议制度。",
        "2.建立信息共享制度。",
        "牵头单位：市司法局",
        "责任单位：市中院、市检察院",
        "（二）加强执行联动。",
        "1.开展专项行动。",
        "2.定期通报。",
        "牵头单位：市中院",
        "三、保障措施",
        "（一）加强组织领导。",
    )
    assert [(t.number, t.title, t.lead_units) for t in plan.tasks] == [
        ("（一）", "健全工作机制", ["市司法局"]),
        ("（二）", "加强执行联动", ["市中院"]),
    ]
    assert plan.tasks[0].body == "健全工作机制。\n1.建立联席会议制度。\n2.建立信息共享制度。"


def test_label_placements():
    plan = _plan(
        "一、重点任务",
        "1.任务甲。推进工作。牵头单位：市公安局；责任单位：各县（市、区）政府和市检察院；完成时限：2016年底完成",
        "2.任务乙。（牵头单位：市司法局，市中院；完成时限：每年开展）",
        "3.任务丙。（市法制局牵头，市编办配合，2005年完成）",
        "4.任务丁。",
        "【牵头单位】市财政局 【责任单位】市审计局 【完成时限】2021年下半年",
        "5.任务戊。",
        "责任单位：市发改委（牵头）、市财政局",
    )
    got = [(t.lead_units, t.responsible_units, t.deadline_kind, t.due_date, t.body) for t in plan.tasks]
    assert got == [
        (
            ["市公安局"],
            ["各县（市、区）政府", "市检察院"],
            DEADLINE_DATE,
            D(2016, 12, 31),
            "任务甲。推进工作。",
        ),
        (["市司法局", "市中院"], [], DEADLINE_PERIODIC, None, "任务乙。"),
        (["市法制局"], ["市编办"], DEADLINE_DATE, D(2005, 12, 31), "任务丙。"),
        (["市财政局"], ["市审计局"], DEADLINE_DATE, D(2021, 12, 31), "任务丁。"),
        (["市发改委"], ["市发改委", "市财政局"], DEADLINE_NONE, None, "任务戊。"),
    ]
    assert plan.tasks[2].lead_text == "市法制局牵头"
    assert plan.tasks[1].cycle == "yearly"


def test_prefixed_labels_and_prose_leads():
    plan = _plan(
        "一、任务",
        "1.甲。由于市司法局牵头不力，由市中院牵头推进。",
        "主要责任单位：市中院",
        "具体完成时限：2021年底前",
    )
    task = plan.tasks[0]
    assert (task.lead_units, task.lead_text, task.responsible_units) == (["市中院"], "", ["市中院"])
    assert (task.body, task.due_date) == ("甲。由于市司法局牵头不力，由市中院牵头推进。", D(2021, 12, 31))


def test_ordinary_parentheticals_are_not_labels():
    plan = _plan("一、重点任务", "1.设立调解委员会（以下简称“市调委”）。", "责任单位：市中院（社区）")
    assert plan.tasks[0].body == "设立调解委员会（以下简称“市调委”）。"
    assert plan.tasks[0].responsible_units == ["市中院（社区）"]


def test_tasks_without_category_headings():
    plan = _plan("1.任务甲。", "责任单位：市中院", "2.任务乙。", "责任单位：市司法局")
    assert plan.categories == []
    assert [(t.category, t.category_number, t.sort_key) for t in plan.tasks] == [
        ("", "", "00.01"),
        ("", "", "00.02"),
    ]


def test_title_and_doc_number_variants():
    plan = parse_plan(
        "关于印发某某方案的通知\n某政办发[2021]3号\n某某实施方案\n一、任务\n1.甲。\n责任单位：市中院"
    )
    assert (plan.title, plan.doc_number) == ("某某实施方案", "某政办发[2021]3号")
    assert parse_plan("关于做好某工作的通知\n1.甲。\n责任单位：市中院").title == "关于做好某工作的通知"
    assert parse_plan("").warnings == [
        "未识别到方案标题",
        "未识别到任务：没有带牵头/责任单位或完成时限标注的条目",
    ]


def test_to_dict_is_json_ready(jiaozuo):
    data = to_dict(jiaozuo)
    assert set(data) == {"title", "doc_number", "tasks", "warnings", "unused_lines"}
    assert data["tasks"][1] == {
        "number": "2",
        "category": "促进法治政府建设联动机制",
        "title": jiaozuo.tasks[1].title,
        "lead_units": ["市中院"],
        "responsible_units": ["市中院", "市司法局"],
        "deadline_text": "2021年7月10日",
        "deadline_kind": "date",
        "due_date": "2021-07-10",
        "warnings": [],
        "notes": ["牵头单位由正文推断"],
    }
    assert data["tasks"][0]["due_date"] is None
    json.dumps(data, ensure_ascii=False)


def test_read_docx_task_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某某任务分工方案")
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
        ["1", "建立联席会议制度", "市司法局", "市中院、市检察院", "2021年底前"],
        ["2", "推进信息共享", "市大数据局", "市中院", "长期坚持"],
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    generic = document.add_table(rows=1, cols=2)
    generic.rows[0].cells[0].text, generic.rows[0].cells[1].text = "召集人", "张三"
    document.save(tmp_path / "table.docx")
    text = read_docx(tmp_path / "table.docx")
    assert text.endswith("召集人\t张三")
    plan = parse_plan(text)
    got = [(t.number, t.title, t.lead_units, t.responsible_units, t.due_date) for t in plan.tasks]
    assert got == [
        ("1", "建立联席会议制度", ["市司法局"], ["市中院", "市检察院"], D(2021, 12, 31)),
        ("2", "推进信息共享", ["市大数据局"], ["市中院"], None),
    ]


def test_read_docx_task_table_with_merged_category_column(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    rows = [
        ["类别", "重点任务", "责任单位", "完成时限"],
        ["法治政府", "规范应诉", "市司法局", "2021年6月底前"],
        ["", "加强复议", "市司法局、市中院", "长期坚持"],
        ["营商环境", "保护产权", "市市场监管局", "每季度定期开展"],
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 0).text = "法治政府"
    document.save(tmp_path / "merged.docx")
    plan = parse_plan(read_docx(tmp_path / "merged.docx"))
    assert plan.categories == [("一", "法治政府"), ("二", "营商环境")]
    got = [(t.sort_key, t.title, t.responsible_units, t.deadline_kind) for t in plan.tasks]
    assert got == [
        ("01.01", "规范应诉", ["市司法局"], DEADLINE_DATE),
        ("01.02", "加强复议", ["市司法局", "市中院"], DEADLINE_LONG_TERM),
        ("02.01", "保护产权", ["市市场监管局"], DEADLINE_PERIODIC),
    ]


# ---------------------------------------------------------------- split_units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("市司法局、市中院、市检察院。", ["市司法局", "市中院", "市检察院"]),
        (
            "市司法局，市中院,市检察院；市公安局;市财政局",
            ["市司法局", "市中院", "市检察院", "市公安局", "市财政局"],
        ),
        ("各县（市、区）政府、市中院", ["各县（市、区）政府", "市中院"]),
        ("各县(市、区)政府", ["各县（市、区）政府"]),
        ("市政务服务和大数据管理局", ["市政务服务和大数据管理局"]),
        ("市文化广电和旅游局和市中院", ["市文化广电和旅游局", "市中院"]),
        ("市中院和市检察院", ["市中院", "市检察院"]),
        ("市中院及市检察院", ["市中院", "市检察院"]),
        (
            "市中院、市政务服务和大数据管理局及需进行系统对接的政府各职能部门",
            ["市中院", "市政务服务和大数据管理局", "需进行系统对接的政府各职能部门"],
        ),
        ("市人力资源和社会保障局以及市住房和城乡建设局", ["市人力资源和社会保障局", "市住房和城乡建设局"]),
        ("市政府及其组成部门", ["市政府及其组成部门"]),
        ("市中院、市司法局等", ["市中院", "市司法局"]),
        ("市公安局、市民政局等部门", ["市公安局", "市民政局"]),
        ("市法制局牵头", ["市法制局"]),
        ("市编办配合", ["市编办"]),
        ("市中院负责", ["市中院"]),
        ("各有关单位按职责分工负责", ["各有关单位"]),
        ("市发改委（牵头）、市财政局", ["市发改委", "市财政局"]),
        ("  市中院 、 、市检察院  ", ["市中院", "市检察院"]),
        ("市中院、市中院", ["市中院"]),
        ("縣政府牽頭，縣公安局、縣財政局配合", ["縣政府", "縣公安局", "縣財政局"]),
        ("各鄉（鎮）人民政府負責", ["各鄉（鎮）人民政府"]),
        ("各乡镇（街道）和市中院", ["各乡镇（街道）", "市中院"]),
        ("市發改委與市財政局", ["市發改委", "市財政局"]),
        ("", []),
        ("等", []),
    ],
)
def test_split_units(text, units):
    assert split_units(text) == units


# ---------------------------------------------------------------- parse_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021年4月30日", (DEADLINE_DATE, D(2021, 4, 30), "")),
        ("2021年4月30日。", (DEADLINE_DATE, D(2021, 4, 30), "")),
        ("２０２１年４月３０日前完成", (DEADLINE_DATE, D(2021, 4, 30), "")),
        ("2021-04-30", (DEADLINE_DATE, D(2021, 4, 30), "")),
        ("2021年底前", (DEADLINE_DATE, D(2021, 12, 31), "")),
        ("2021年上半年", (DEADLINE_DATE, D(2021, 6, 30), "")),
        ("2021年下半年", (DEADLINE_DATE, D(2021, 12, 31), "")),
        ("2016年底完成", (DEADLINE_DATE, D(2016, 12, 31), "")),
        ("2005年完成", (DEADLINE_DATE, D(2005, 12, 31), "")),
        ("2021年4月", (DEADLINE_DATE, D(2021, 4, 30), "")),
        ("2024年2月底前", (DEADLINE_DATE, D(2024, 2, 29), "")),
        ("2021年6月底前", (DEADLINE_DATE, D(2021, 6, 30), "")),
        ("2021年第三季度", (DEADLINE_DATE, D(2021, 9, 30), "")),
        ("2021年6月底前完成，并长期坚持", (DEADLINE_DATE, D(2021, 6, 30), "")),
        ("长期坚持", (DEADLINE_LONG_TERM, None, "")),
        ("長期堅持", (DEADLINE_LONG_TERM, None, "")),
        ("持续推进", (DEADLINE_LONG_TERM, None, "")),
        ("持續推進", (DEADLINE_LONG_TERM, None, "")),
        ("长期坚持，每季度通报", (DEADLINE_LONG_TERM, None, "quarterly")),
        ("每季度定期开展", (DEADLINE_PERIODIC, None, "quarterly")),
        ("每季度定期開展", (DEADLINE_PERIODIC, None, "quarterly")),
        ("每年开展一次", (DEADLINE_PERIODIC, None, "yearly")),
        ("每月", (DEADLINE_PERIODIC, None, "monthly")),
        ("每半年", (DEADLINE_PERIODIC, None, "half_yearly")),
        ("每半年报送一次", (DEADLINE_PERIODIC, None, "half_yearly")),
        ("定期开展", (DEADLINE_PERIODIC, None, "")),
        ("2021—2025年", (DEADLINE_NONE, None, "")),
        ("年内完成", (DEADLINE_NONE, None, "")),
        ("2021年13月", (DEADLINE_NONE, None, "")),
        ("", (DEADLINE_NONE, None, "")),
    ],
)
def test_parse_deadline(text, expected):
    assert parse_deadline(text) == expected


def test_unparseable_deadline_is_warned():
    plan = _plan("一、任务", "1.甲。", "责任单位：市中院", "完成时限：年内完成")
    assert plan.tasks[0].deadline_text == "年内完成"
    assert plan.tasks[0].warnings == ["完成时限无法解析：年内完成"]


# ---------------------------------------------------------------- property tests

UNIT_POOL = [
    "市司法局",
    "市中院",
    "市检察院",
    "市公安局",
    "各县（市、区）政府",
    "市政务服务和大数据管理局",
    "市文化广电和旅游局",
    "市发展和改革委员会",
    "人行焦作支行",
    "县（区）人民法院",
    "各苏木镇人民政府",
    "市委政法委",
]
DEADLINES = [
    ("2021年4月30日", DEADLINE_DATE, D(2021, 4, 30), ""),
    ("2021年底前", DEADLINE_DATE, D(2021, 12, 31), ""),
    ("2021年上半年", DEADLINE_DATE, D(2021, 6, 30), ""),
    ("2022年下半年", DEADLINE_DATE, D(2022, 12, 31), ""),
    ("2016年底完成", DEADLINE_DATE, D(2016, 12, 31), ""),
    ("2021年4月", DEADLINE_DATE, D(2021, 4, 30), ""),
    ("2021年6月底前", DEADLINE_DATE, D(2021, 6, 30), ""),
    ("长期坚持", DEADLINE_LONG_TERM, None, ""),
    ("持续推进", DEADLINE_LONG_TERM, None, ""),
    ("每季度定期开展", DEADLINE_PERIODIC, None, "quarterly"),
    ("每年开展一次", DEADLINE_PERIODIC, None, "yearly"),
    ("每月通报", DEADLINE_PERIODIC, None, "monthly"),
    ("每半年报送", DEADLINE_PERIODIC, None, "half_yearly"),
]
TITLES = [
    "健全联动工作机制",
    "完善行政争议化解",
    "推进诉源治理",
    "强化执行协作",
    "深化信息共享",
    "加强司法建议工作",
]
PROSE = [
    "",
    "增长6.2%，达到去年的2.5倍。",
    "2021年3月召开推进会。",
    "每年至少开展2次观摩活动。",
    "联合市中院和市检察院推进。",
]
BODY_LINES = ["6.2%的纠纷在诉前化解。", "2.5倍于去年。", "2021年3月，召开推进会。"]
CN = "一二三四五六七八九十"
# task-level number styles: (rank, how it is printed, how the parser reports it)
ITEM_STYLES = {
    "cn_paren": (1, "（{cn}）", "（{cn}）"),
    "dot": (2, "{n}.", "{n}"),
    "dun": (2, "{n}、", "{n}"),
    "fw_dot": (2, "{n}．", "{n}"),
    "paren": (3, "（{n}）", "（{n}）"),
    "ascii_paren": (3, "({n})", "（{n}）"),
    "half_paren": (3.5, "{n})", "{n}）"),
    "circled": (4, "{circled}", "{circled}"),
}
LEAD_WORDS = ["牵头单位", "牵头部门", "牵头"]
RESPONSIBLE_WORDS = ["责任单位", "责任部门", "配合单位", "协办单位", "配合部门"]
DEADLINE_WORDS = ["完成时限", "完成时间"]


def cn_numeral(n: int) -> str:
    """1..99 in Chinese numerals."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN[tens - 1]) + "十" if tens else "") + (CN[ones - 1] if ones else "")


def render_number(style: str, n: int) -> tuple[str, str]:
    """(printed marker, expected number) for item n in a style."""
    _, printed, reported = ITEM_STYLES[style]
    values = {"n": n, "cn": cn_numeral(n), "circled": chr(0x2460 + n - 1)}
    return printed.format(**values), reported.format(**values)


@st.composite
def unit_list(draw, min_size: int, max_size: int, joiners: tuple[str, ...]) -> tuple[list[str], str]:
    """Distinct units and their printed list."""
    units = draw(st.lists(st.sampled_from(UNIT_POOL), min_size=min_size, max_size=max_size, unique=True))
    text = units[0] if units else ""
    for unit in units[1:]:
        text += draw(st.sampled_from(joiners)) + unit
    return units, text


@st.composite
def task_spec(draw, sub_style: str | None) -> dict:
    """One generated task: title, prose, units, deadline, label placement, sub-items."""
    placement = draw(st.sampled_from(["lines", "one_line", "paren_colon", "paren_each", "paren_roles", "paren_bare",
                                      "tail"]))
    # In role words a comma may sit inside a unit list before its role word (「A，B配合」); bare units have no lead.
    joiners = ("、", "，", "和", "及") if placement in ("paren_roles", "paren_bare") else ("、", "，", "；", "和", "及")
    lead, lead_text = draw(unit_list(0, 0 if placement == "paren_bare" else 2, joiners))
    responsible, responsible_text = draw(unit_list(1, 3, joiners))
    deadline = draw(st.none() | st.sampled_from(DEADLINES) | st.dates(D(2000, 1, 1), D(2040, 12, 31)))
    if isinstance(deadline, datetime.date):
        deadline = (f"{deadline.year}年{deadline.month}月{deadline.day}日", DEADLINE_DATE, deadline, "")
    subs = draw(st.integers(2, 3)) if sub_style and placement == "lines" and draw(st.booleans()) else 0
    return {
        "title": draw(st.sampled_from(TITLES)),
        "prose": draw(st.sampled_from(PROSE)),
        "body_line": draw(st.sampled_from(["", *BODY_LINES])),
        "placement": placement,
        "lead": lead,
        "lead_text": lead_text,
        "lead_word": draw(st.sampled_from(LEAD_WORDS)),
        "responsible": responsible,
        "responsible_text": responsible_text,
        "responsible_word": draw(st.sampled_from(RESPONSIBLE_WORDS)),
        "responsible_role": draw(st.sampled_from(["配合", "协办", "负责", "按职责分工负责"])),
        "deadline": deadline,
        "deadline_word": draw(st.sampled_from(DEADLINE_WORDS)),
        "subs": subs,
    }


def label_segments(task: dict) -> list[str]:
    """Colon labels of a task, e.g. 牵头单位：市中院."""
    segments = []
    if task["lead"]:
        segments.append(f"{task['lead_word']}：{task['lead_text']}")
    segments.append(f"{task['responsible_word']}：{task['responsible_text']}")
    if task["deadline"]:
        segments.append(f"{task['deadline_word']}：{task['deadline'][0]}")
    return segments


def render_task(task: dict, marker: str, sub_style: str | None) -> list[str]:
    """The printed lines of one task."""
    head = f"{marker}{task['title']}。{task['prose']}"
    placement = task["placement"]
    if placement == "paren_colon":
        head += "（" + "；".join(label_segments(task)) + "）"
    elif placement == "paren_each":
        head += "".join(f"（{segment}）" for segment in label_segments(task))
    elif placement == "paren_bare":
        deadline = [task["deadline"][0]] if task["deadline"] else []
        head += "（" + "，".join([task["responsible_text"], *deadline]) + "）"
    elif placement == "paren_roles":
        pieces = [f"{task['lead_text']}牵头"] if task["lead"] else []
        pieces.append(task["responsible_text"] + task["responsible_role"])
        pieces += [task["deadline"][0]] if task["deadline"] else []
        head += "（" + "，".join(pieces) + "）"
    elif placement == "tail":
        head += "；".join(label_segments(task))
    lines = [head]
    if task["body_line"]:
        lines.append(task["body_line"])
    lines += [
        f"{render_number(sub_style, i)[0]}子项{i}，落实6.2%的目标。" for i in range(1, task["subs"] + 1)
    ]
    if placement == "lines":
        lines += label_segments(task)
    elif placement == "one_line":
        lines.append("  ".join(label_segments(task)))
    return lines


@st.composite
def plan_spec(draw) -> dict:
    """A whole generated plan with its expected parse."""
    layout = draw(st.sampled_from(["cn", "cn_paren", "flat"]))
    category_rank = {"cn": 0, "cn_paren": 1, "flat": -1}[layout]
    item_style = draw(st.sampled_from([s for s, (rank, *_) in ITEM_STYLES.items() if rank > category_rank]))
    deeper = [s for s, (rank, *_) in ITEM_STYLES.items() if rank > ITEM_STYLES[item_style][0]]
    sub_style = draw(st.sampled_from(deeper)) if deeper else None
    n_categories = 1 if layout == "flat" else draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(1, 4), min_size=n_categories, max_size=n_categories))
    categories = [draw(st.sampled_from(TITLES)) + f"联动机制{i}" for i in range(1, n_categories + 1)]
    tasks = [[draw(task_spec(sub_style)) for _ in range(size)] for size in sizes]
    return {
        "layout": layout,
        "item_style": item_style,
        "sub_style": sub_style,
        "categories": categories,
        "tasks": tasks,
        "restart": draw(st.booleans()),
        "preamble": draw(st.booleans()),
        "width": draw(st.sampled_from([None, to_fullwidth, to_halfwidth])),
    }


def render_plan(spec: dict) -> tuple[str, list[tuple]]:
    """Plan text and the expected (number, category number, category, title, units, deadline) rows."""
    lines = ["某某市建立常态化府院联动机制实施方案", "某政办发〔2023〕12号", "为推进府院联动，制定本方案。"]
    expected = []
    layout, style, numbers = spec["layout"], spec["item_style"], iter(range(1, 100))
    heading = "（{}）" if layout == "cn_paren" else "{}、"
    preamble = [render_number(style, 1)[0] + "依法依规，有机衔接。"]  # a numbered item without labels
    first_category = 1
    if layout == "cn" and spec["preamble"]:
        lines += ["一、主要原则", *preamble]
        first_category = 2
    elif layout == "cn_paren":
        lines += ["一、总体要求", "（一）主要原则", *preamble] if spec["preamble"] else []
        lines.append("二、重点联动事项" if spec["preamble"] else "一、重点联动事项")
    for index, (category, tasks) in enumerate(zip(spec["categories"], spec["tasks"], strict=True)):
        category_number = cn_numeral(first_category + index) if layout != "flat" else ""
        if layout != "flat":
            lines.append(heading.format(category_number) + category)
        if spec["restart"]:
            numbers = iter(range(1, 100))
        for task in tasks:
            marker, number = render_number(style, next(numbers))
            lines += render_task(task, marker, spec["sub_style"])
            deadline = task["deadline"] or ("", DEADLINE_NONE, None, "")
            category_title = category if layout != "flat" else ""
            expected.append(
                (
                    number,
                    category_number,
                    category_title,
                    task["title"],
                    task["lead"],
                    task["responsible"],
                    deadline,
                )
            )
    if layout == "cn":
        closing = cn_numeral(first_category + len(spec["categories"]))
        lines += [f"{closing}、保障措施", render_number(style, 1)[0] + "加强组织领导。"]
    elif layout == "cn_paren":
        lines += ["三、保障措施", "（一）加强组织领导。", render_number(style, 1)[0] + "明确专人负责。"]
    text = "\n".join(lines)
    return (spec["width"](text) if spec["width"] else text), expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_spec())
def test_generated_plans_round_trip(spec):
    text, expected = render_plan(spec)
    plan = parse_plan(text)
    got = [
        (
            t.number,
            t.category_number,
            t.category,
            t.title,
            t.lead_units,
            t.responsible_units,
            (t.deadline_text, t.deadline_kind, t.due_date, t.cycle),
        )
        for t in plan.tasks
    ]
    assert got == expected
    assert plan.title == "某某市建立常态化府院联动机制实施方案"
    assert plan.doc_number == "某政办发〔2023〕12号"
    expected_categories = (
        [] if spec["layout"] == "flat" else list(dict.fromkeys((e[1], e[2]) for e in expected))
    )
    assert plan.categories == expected_categories
    assert not any("编号不连续" in w for t in plan.tasks for w in t.warnings)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*UNIT_POOL, "市中院（牵头）"]), min_size=1, max_size=5, unique=True), st.data()
)
def test_split_units_recovers_any_joined_list(units, data):
    joiners = [
        data.draw(st.sampled_from(["、", "，", ",", "；", ";", "和", "及", " 、 "])) for _ in units[1:]
    ]
    text = units[0] + "".join(j + u for j, u in zip(joiners, units[1:], strict=True))
    text += data.draw(st.sampled_from(["", "等", "。", "等。"]))
    expected = list(dict.fromkeys(u.removesuffix("（牵头）") for u in units))
    assert split_units(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.dates(D(1990, 1, 1), D(2050, 12, 31)), st.sampled_from(["", "前", "之前", "前完成"]))
def test_parse_deadline_reads_any_full_date(day, suffix):
    assert parse_deadline(f"{day.year}年{day.month}月{day.day}日{suffix}") == (DEADLINE_DATE, day, "")
    month_end = parse_deadline(f"{day.year}年{day.month}月底{suffix}")[1]
    assert month_end.month == day.month and (month_end + datetime.timedelta(days=1)).day == 1
