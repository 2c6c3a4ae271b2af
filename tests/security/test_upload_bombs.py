"""Decompression bombs and hostile XML cost a worker less than 200 MB and 5 CPU seconds, and get a clear refusal.

The probe's files: a 1.3 MB .docx whose document.xml inflates to 400 MB (5.4 GiB, 32 s before the fix),
.xlsx files that inflated to 650 MB; plus files built to pass every zip limit and hit the readers' caps.
"""

import pytest

from tests.security import bombs

MB_LIMIT, SECONDS_LIMIT = 200, 5.0

CASES = [
    ("docx", bombs.docx_bomb, "过大"),
    ("docx", bombs.docx_long_but_legal, "500000"),
    ("docx", bombs.docx_entities, "docx"),
    ("docx", bombs.docx_malformed, "docx"),
    ("xlsx", bombs.xlsx_bomb, "过大"),
    ("xlsx", bombs.xlsx_many_rows, "5000"),
    ("xlsx", bombs.xlsx_shared_strings, "50000"),
    ("xlsx", bombs.xlsx_shared_strings_at_limit, None),  # legal, read in full: only the cost is checked
]


@pytest.mark.parametrize(("kind", "build", "message"), CASES, ids=[c[1].__name__ for c in CASES])
def test_hostile_upload_is_refused_cheaply(kind, build, message, tmp_path):
    data = build()
    assert len(data) <= 10 * 2**20, "the attack must fit under the upload cap"
    result = bombs.measure(kind, data, tmp_path)
    print(build.__name__, f"{len(data) / 2**20:.1f} MB upload:", result)
    if message is not None:
        assert "Refused" in result["outcome"], result["outcome"]
        assert message in result["outcome"]
    assert result["mb"] < MB_LIMIT
    assert result["seconds"] < SECONDS_LIMIT


@pytest.fixture(scope="module")
def xlsx_bomb():
    return bombs.xlsx_bomb()


@pytest.mark.parametrize(("username", "url", "field"), [
    ("sysadmin", "/accounts/import/", "workbook"),
    ("office", "/units/import/", "workbook"),
    ("office", "/tasks/import/", "workbook"),
])
def test_the_import_pages_refuse_a_workbook_bomb_with_a_message(world, xlsx_bomb, username, url, field):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = world.client(username).post(url, {field: SimpleUploadedFile("名单.xlsx", xlsx_bomb)})
    assert response.status_code == 200
    assert "过大" in response.content.decode()


def test_the_plan_import_refuses_a_docx_bomb_with_a_message(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tasks.models import Plan

    upload = SimpleUploadedFile("方案.docx", bombs.docx_bomb(100))
    response = world.client("office").post("/tasks/plans/import/", {"upload": upload})
    assert response.status_code == 200
    assert "过大" in response.content.decode()
    assert not Plan.objects.exists()
