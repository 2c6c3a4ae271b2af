"""Segmentation (tasks.plan_reader.segmentation): pinyin readings a conversion tool left in the text."""

from tasks.plan_reader import parse_plan
from tasks.plan_reader.segmentation import drop_pinyin_glosses, prepare_lines
from tests.tasks.test_plan_parser import plan_text


def test_a_text_full_of_pinyin_readings_loses_them():
    assert drop_pinyin_glosses("府院聯（lián）動（dòng）機（jī）制（zhì）") == "府院聯動機制"


def test_one_letter_in_brackets_is_not_a_reading():
    text = "按照第（a）项执行，落实（shí）到位。"
    assert drop_pinyin_glosses(text) == text  # fewer than three: a list letter or a one-off, kept as printed


def test_the_traditional_script_document_reads_without_readings():
    plan = parse_plan(plan_text("hejiang-fuyuan-measures-traditional.txt"))
    assert plan.title == "聚焦基層社會治理四項重點"
    lines = prepare_lines(plan_text("hejiang-fuyuan-measures-traditional.txt"))
    assert lines[0].startswith("為貫徹落實《中共中央關于加強新時代檢察機關法律監督工作的意見》精神")
    assert "構建由縣政府牽頭，各部門協同配合的行政調解網絡體系" in "\n".join(lines)
