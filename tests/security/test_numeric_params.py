"""Every parameter of every list, export, statistics and dashboard page, fuzzed: never a 500.

The probe's values: ?year=0, -1, 1e5, ² (isdigit() accepts it, int() does not), a 20-digit number, a NUL;
and POST tasks=², map_0=², pk=².
"""

import pytest

from fuyuan.audit.filters import AuditFilter
from fuyuan.lib.params import int_param, pk_list, safe_next, year_param
from suggestions.filters import SuggestionFilter
from tasks.filters import LedgerFilter

BAD = ["0", "-1", "1e5", "²", "٣", "99999999999999999999", "1.5", "\x00", "nan"]
PAGE = ["page"]
GET = [
    ("office", "/tasks/", [*LedgerFilter.base_filters, *PAGE]),
    ("office", "/tasks/export.xlsx", [*LedgerFilter.base_filters]),
    ("office", "/suggestions/", [*SuggestionFilter.base_filters, *PAGE]),
    ("office", "/suggestions/export.xlsx", [*SuggestionFilter.base_filters]),
    ("office", "/suggestions/stats/", ["year"]),
    ("court", "/suggestions/new/deadline/", ["kind", "type", "served_on", "urgent"]),
    ("office", "/meetings/", ["year"]),
    ("office", "/meetings/attendance/", ["year"]),
    ("office", "/meetings/new/", ["type"]),
    ("office", "/meetings/types/", ["edit"]),
    ("office", "/dashboard/", ["year"]),
    ("leader", "/dashboard/", ["year"]),
    ("office", "/assessment/", ["year"]),
    ("office", "/assessment/export.xlsx", ["year"]),
    ("office", "/assessment/bulletin/", ["period", "format"]),
    ("office", "/units/", ["show"]),
    ("office", "/tasks/queue/", PAGE),
    ("gaj", "/tasks/notifications/", PAGE),
    ("auditor", "/audit/", [*AuditFilter.base_filters, *PAGE]),
    ("auditor", "/audit/export.xlsx", [*AuditFilter.base_filters]),
]


def test_the_parser_accepts_ascii_integers_in_range_only():
    assert int_param("42") == 42
    assert int_param(" 7 ") == 7
    for value in BAD[3:] + ["", None, "1_000", "+1", "0x10", "１２"]:
        assert int_param(value, default="d") == "d", value
    assert year_param("2026") == 2026
    for value in ["0", "-1", "1e5", "1999", "2101", "²"]:
        assert year_param(value) is None
    assert pk_list(["3", "²", "3", "-1", "0", "99999999999999999999", "5"]) == [3, 5]


@pytest.mark.parametrize(("username", "url", "params"), GET, ids=[f"{u}{p}" for u, p, _ in GET])
def test_every_list_parameter_survives_bad_numbers(world, username, url, params):
    # One request per value with every parameter set to it: django-filter still applies each field that
    # validates, so one bad field cannot hide another's 500.
    client = world.client(username)
    for value in BAD:
        response = client.get(url, dict.fromkeys(params, value))
        assert response.status_code in (200, 400), (url, value, response.status_code)


def test_posted_numbers_are_parsed_too(world):
    office = world.client("office")
    response = office.post("/tasks/remind/", {"tasks": ["²", "99999999999999999999", "-1"], "message": "请加快"})
    assert response.status_code == 302
    response = office.post("/tasks/plans/import/", {"text": "一、任务\n1.建立制度。牵头单位：旗司法局",
                                                    "map_name_0": "旗司法局", "map_0": "²", "title_²": "x",
                                                    "due_date_0": "²"})
    assert response.status_code == 200
    response = office.post("/meetings/types/", {"pk": "²", "name": "x"})
    assert response.status_code in (200, 302)
    response = office.get("/meetings/types/", {"edit": "99999999999999999999"})
    assert response.status_code == 200


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/x", "/\\evil.example", "javascript:x"])
def test_next_cannot_leave_the_site(world, target):
    """Open redirect through next= on POST /tasks/remind/ (the probe's finding)."""
    response = world.client("office").post("/tasks/remind/", {"next": target, "message": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/tasks/"


def test_next_on_this_site_is_honoured(world, rf):
    response = world.client("office").post("/tasks/remind/", {"next": "/tasks/?light=overdue", "message": "x"})
    assert response["Location"] == "/tasks/?light=overdue"
    request = rf.get("/")
    assert safe_next(request, "//evil.example/", "/home/") == "/home/"


def test_a_nul_character_is_a_400_with_the_products_page(world):
    response = world.client("court").get("/suggestions/new/deadline/", {"kind": "a\x00b"})
    assert response.status_code == 400
    assert "无法处理" in response.content.decode()
