"""Checking a large ledger import looks each printed unit name up once, not once per row (5,000 rows stay quick)."""

from tasks import excel_import


def rows(n):
    return [{"row": i + 3, "number": str(i + 1), "title": f"事项{i}", "lead": "旗公安局",
             "responsible": "旗财政局、旗人民法院", "deadline": "长期坚持"} for i in range(n)]


def test_queries_do_not_grow_with_the_rows(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        parsed, errors = excel_import.validate(rows(40))
    assert not errors
    assert [unit.name for unit in parsed[-1].lead] == ["旗公安局"]
    assert [unit.name for unit in parsed[-1].responsible] == ["旗财政局", "旗人民法院"]
