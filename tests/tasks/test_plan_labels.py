"""Labels closing a paragraph (tasks.plan_reader.labels): several parentheticals, a comma inside a unit list
before its role word, and unit names standing alone in a parenthetical after the full stop."""

import pytest

from tasks.plan_reader import parse_plan
from tasks.plan_reader.labels import split_labels


def read(line):
    text, labels = split_labels(line)
    return text, labels.lead, labels.responsible, labels.deadline


def test_every_closing_parenthetical_made_of_labels_is_read_in_order():
    assert read("建立联席会议制度。（牵头单位：市司法局）（责任单位：市法院、市检察院）（完成时限：2024年底前）") == (
        "建立联席会议制度。", ["市司法局"], ["市法院、市检察院"], ["2024年底前"])


def test_a_parenthetical_that_is_not_a_label_stops_the_reading():
    assert read("制定联络员办法（试行）（市法院负责）") == ("制定联络员办法（试行）", [], ["市法院负责"], [])


def test_a_comma_inside_the_unit_list_before_its_role_word():
    assert read("建立查控系统。（市中院、市大数据局，市公安局、市民政局负责，2021年4月30日）") == (
        "建立查控系统。", [], ["市中院、市大数据局、市公安局、市民政局负责"], ["2021年4月30日"])
    assert read("推进改革。（市司法局牵头，市法院、市检察院，市公安局配合）")[1:3] == (
        ["市司法局牵头"], ["市法院、市检察院、市公安局配合"])


def test_units_standing_alone_after_the_full_stop_are_responsible_units_with_a_note():
    text, labels = split_labels("开展府院联动专项调研。（市司法局、市中级人民法院，2024年6月底前）")
    assert (text, labels.lead, labels.responsible, labels.deadline) == (
        "开展府院联动专项调研。", [], ["市司法局、市中级人民法院"], ["2024年6月底前"])
    assert labels.notes == ["括号中的单位未注明职责，按责任单位读取"]


@pytest.mark.parametrize("line", [
    "把服务延伸到各乡镇（街道）",          # a name closing a sentence, not a label
    "打造“无讼”村（社区）。",
    "建立联络员制度。（试行）",              # not unit names
    "完善工作机制。（详见附件）",
    "召开会议。（市司法局、市法院的同志参加）",  # a unit list with something else in it
])
def test_parentheticals_that_are_not_labels_stay_in_the_text(line):
    assert read(line) == (line, [], [], [])


def test_a_plan_whose_items_end_in_bare_unit_parentheticals_gives_tasks():
    plan = parse_plan("某县诉源治理工作要点\n一、重点任务\n1.建立诉调对接机制。（县法院、县司法局）\n"
                      "2.推进行政争议实质性化解。（县司法局、县法院，2024年底前）\n二、工作要求\n各单位要高度重视。\n")
    assert [(t.number, t.responsible_units, t.deadline_text) for t in plan.tasks] == [
        ("1", ["县法院", "县司法局"], ""), ("2", ["县司法局", "县法院"], "2024年底前")]
    assert all("括号中的单位未注明职责，按责任单位读取" in t.notes for t in plan.tasks)
