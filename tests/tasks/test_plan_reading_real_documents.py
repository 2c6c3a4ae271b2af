"""Plans as real offices receive them: label words of every kind, tables flattened to text, inline items,
deadlines inside unit parentheticals, prose-only leads, page furniture — and never a refused document."""

import json

import pytest
from django.core.management import call_command

from tasks.models import Plan, Task
from tasks.plan_reader import add_unused_lines, parse_plan, split_units, to_dict


def only_task(text):
    plan = parse_plan(text)
    assert len(plan.tasks) == 1, [t.title for t in plan.tasks]
    return plan.tasks[0]


@pytest.mark.parametrize(
    ("label_lines", "lead", "responsible", "deadline"),
    [
        (["牵头责任单位：市发改委", "协同责任单位：市财政局、市税务局"], ["市发改委"], ["市财政局", "市税务局"], ""),
        (["主办单位：市司法局", "协办单位：市法院"], ["市司法局"], ["市法院"], ""),
        (["牵头单位：市司法局", "配合单位：市公安局"], ["市司法局"], ["市公安局"], ""),
        (["市直责任单位：市公安局、市民政局", "时间进度：2024年6月底前"], [], ["市公安局", "市民政局"],
         "2024年6月底前"),
        (["责任部门：县检察院", "完成时间：长期坚持"], [], ["县检察院"], "长期坚持"),
        (["牵頭單位：縣司法局", "時限要求：每季度"], ["縣司法局"], [], "每季度"),
    ],
)
def test_label_vocabulary_by_role(label_lines, lead, responsible, deadline):
    text = "某市实施方案\n一、重点任务\n1.建立联动机制。\n" + "\n".join(label_lines) + "\n"
    task = only_task(text)
    assert (task.lead_units, task.responsible_units, task.deadline_text) == (lead, responsible, deadline)


def test_a_lead_person_is_never_a_unit():
    task = only_task("某方案\n一、任务\n1.化解行政争议。\n牵头领导：张某某副市长\n"
                     "牵头单位：市司法局\n责任单位：市法院\n")
    assert task.lead_units == ["市司法局"]
    assert task.responsible_units == ["市法院"]
    assert task.person_text == "张某某副市长"
    assert "张某某" not in task.body


def test_unknown_label_words_are_read_by_shape_with_a_note_instead_of_a_refusal():
    task = only_task("某方案\n一、任务\n1.推进诉源治理。\n主抓单位：市法院\n落实部门：各区政府\n")
    assert task.lead_units == ["市法院"]
    assert task.responsible_units == ["各区政府"]
    assert any("主抓单位" in note for note in task.notes)


def test_deadline_inside_the_unit_parenthetical():
    task = only_task("某方案\n一、任务\n1.完善府院联席会议制度。（牵头单位：市司法局。2023年底前完成）\n")
    assert task.lead_units == ["市司法局"]
    assert task.deadline_text == "2023年底前完成"


def test_organising_units_with_a_deadline_in_one_parenthetical():
    task = only_task("某方案\n一、任务\n1.开展专项清理。（市司法局、市法院组织有关部门进行，2022年完成）\n")
    assert task.lead_units == ["市司法局", "市法院"]
    assert task.deadline_text == "2022年完成"


def test_role_words_and_collective_names():
    assert split_units("乡镇人民政府按职责分工分别负责") == ["乡镇人民政府"]
    assert split_units("各县、市、区政府") == ["各县、市、区政府"]
    assert split_units("各县（市、区）人民政府、市司法局") == ["各县（市、区）人民政府", "市司法局"]
    assert split_units("市民政局及市财政局") == ["市民政局", "市财政局"]
    assert split_units("市政务服务和大数据管理局") == ["市政务服务和大数据管理局"]


def test_several_items_inline_in_one_paragraph():
    text = ("某方案\n一、深化改革\n1.推进行政审批改革。（1）全面实行清单管理。（市政府办公室牵头负责）"
            "（2）深化相对集中许可权改革。（市审批局牵头，各区政府配合）\n")
    plan = parse_plan(text)
    titles = [t.title for t in plan.tasks]
    assert titles == ["全面实行清单管理", "深化相对集中许可权改革"]
    assert [t.lead_units for t in plan.tasks] == [["市政府办公室"], ["市审批局"]]
    assert plan.tasks[1].responsible_units == ["各区政府"]


def test_prose_leads_without_any_label_give_tasks_with_a_note():
    text = ("某区诉源治理工作方案\n一、主要任务\n1.建立矛盾纠纷多元化解机制。由区司法局牵头，各镇街配合。\n"
            "2.推进行政争议实质性化解。区人民法院牵头负责，定期通报。\n3.加强宣传。\n")
    plan = parse_plan(text)
    assert [t.lead_units for t in plan.tasks] == [["区司法局"], ["区人民法院"], []]
    assert all("牵头单位由正文推断" in t.notes for t in plan.tasks[:2])
    assert any("按正文" in w for w in plan.warnings)


def test_page_furniture_and_signature_never_become_tasks_or_body():
    text = ("发布时间：2023-04-01 10:00\n【字体：大 中 小】 打印本页\n某旗府院联动实施方案\n"
            "一、重点任务\n1.建立联席会议制度。\n牵头单位：旗司法局\n完成时限：长期坚持\n"
            "某旗人民政府办公室\n2023年4月1日\n（此件公开发布）\n")
    plan = parse_plan(text)
    assert plan.title == "某旗府院联动实施方案"
    task = plan.tasks[0]
    assert "办公室" not in task.body and "2023年4月1日" not in task.body
    assert plan.unused_lines == []


@pytest.mark.parametrize("name", ["weibin-2021-susuan-opinion.txt", "taian-2024-fuyuan-report.txt",
                                  "hejiang-fuyuan-measures-traditional.txt"])
def test_a_document_without_tasks_is_returned_with_its_unused_lines(name):
    from tests.tasks.test_plan_parser import plan_text

    plan = parse_plan(plan_text(name))
    assert plan.tasks == []
    assert plan.unused_lines, "the office must see the lines to turn into items"


def test_an_unused_line_becomes_a_task_with_its_labels():
    line = "（一）建立联络员制度。（市法院负责）"
    plan = parse_plan(f"某方案\n一、任务\n1.第一项。\n牵头单位：市司法局\n2.第二项。\n牵头单位：市法院\n"
                      f"二、保障\n{line}\n")
    assert [t.title for t in plan.tasks] == ["第一项", "第二项"]
    assert line in plan.unused_lines
    added = add_unused_lines(plan, [plan.unused_lines.index(line), 99])
    assert len(added) == 1
    assert plan.tasks[-1].title == "建立联络员制度" and plan.tasks[-1].responsible_units == ["市法院"]
    assert plan.tasks[-1].number == "补1"


def test_json_keeps_its_keys_and_adds_warnings_and_unused_lines():
    data = to_dict(parse_plan("某方案\n一、任务\n1.甲。\n牵头单位：市司法局\n2.乙。\n"))
    assert {"title", "doc_number", "tasks", "warnings", "unused_lines"} <= set(data)
    assert {"number", "title", "lead_units", "responsible_units", "deadline_text", "due_date"} <= set(data["tasks"][0])
    json.dumps(data, ensure_ascii=False)


def test_cli_reads_a_document_without_tasks_and_exits_zero(world, tmp_path, capsys):
    from tests.tasks.test_plan_parser import plan_text

    path = tmp_path / "weibin.txt"
    path.write_text(plan_text("weibin-2021-susuan-opinion.txt"), encoding="utf-8")
    call_command("import_plan", str(path), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["tasks"] == [] and data["unused_lines"] and data["warnings"]


def test_review_page_shows_unused_lines_and_makes_an_item_from_one(world):
    from tests.tasks.test_plan_parser import plan_text

    office = world.client("office")
    text = plan_text("weibin-2021-susuan-opinion.txt")
    page = office.post("/tasks/plans/import/", {"text": text, "preview": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="unused-lines"' in html
    refused = office.post("/tasks/plans/import/", {"source": text, "confirm": "1"})
    assert "没有可导入的事项" in refused.content.decode()
    assert Plan.objects.count() == 0
    page = office.post("/tasks/plans/import/", {"source": text, "add_line": "1"})
    assert 'data-testid="plan-preview"' in page.content.decode()
    office.post("/tasks/plans/import/", {"source": text, "add_line": "1", "confirm": "1", "create_units": "1",
                                         "review_token": page.context["review_token"]})
    assert Task.objects.count() == 1


def test_a_task_table_flattened_onto_one_line():
    text = ("某县府院联动工作任务分解表\n"
            "序号 工作内容 责任部门 完成时限 一、机制建设 1 建立联席会议制度，每年召开两次会议 县司法局 全年 "
            "2 建立行政争议协调化解中心 县法院 2024年6月底前 二、营商环境 3 开展破产重整联动 县发改局 长期坚持\n")
    plan = parse_plan(text)
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert plan.tasks[0].title == "建立联席会议制度，每年召开两次会议"
    assert [t.responsible_units for t in plan.tasks] == [["县司法局"], ["县法院"], ["县发改局"]]
    assert [t.deadline_text for t in plan.tasks] == ["全年", "2024年6月底前", "长期坚持"]
    assert [t.category for t in plan.tasks] == ["机制建设", "机制建设", "营商环境"]


def test_a_task_table_with_one_row_per_line_and_pipes():
    text = ("某市任务清单\n"
            "序号|任务内容|牵头单位|配合单位|完成时限\n"
            "一、法治政府\n"
            "1|规范行政执法|市司法局|市公安局、市市场监管局|2024年底\n"
            "2|推进负责人出庭应诉|市司法局|各县区政府|长期坚持\n"
            "二、诉源治理\n"
            "3|建立诉调对接机制|市法院|市司法局|每季度\n")
    plan = parse_plan(text)
    assert [t.title for t in plan.tasks] == ["规范行政执法", "推进负责人出庭应诉", "建立诉调对接机制"]
    assert plan.tasks[0].lead_units == ["市司法局"]
    assert plan.tasks[0].responsible_units == ["市公安局", "市市场监管局"]
    assert [t.category for t in plan.tasks] == ["法治政府", "法治政府", "诉源治理"]
    assert plan.tasks[2].deadline_text == "每季度"
