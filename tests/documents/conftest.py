"""A world with one of each document's subject: an assigned item, a held meeting with minutes, a period."""

import datetime

import docx
import pytest
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import MeetingType
from tests.tasks.builders import make_task


@pytest.fixture
def subjects(world):
    office = world.user("office")
    task = make_task(world, "建立行政机关负责人出庭应诉通报制度", responsible=["旗财政局"], due_in=-3,
                     body="每季度通报出庭应诉情况。", number="3")
    meeting = meeting_services.schedule(
        by=office, type=MeetingType.objects.get(name="全体联席会议"), title="府院联动联席会议全体会议", number=2,
        starts_at=timezone.now() - datetime.timedelta(hours=2), place="旗政府三楼会议室", host="召集人",
        agenda="通报上半年工作\n研究下半年重点任务",
        units=[world.unit("旗公安局"), world.unit("旗财政局"), world.unit("旗人民法院"), world.unit("旗司法局")])
    invitations = {i.unit.name: i for i in meeting.invitations.select_related("unit")}
    meeting_services.respond(meeting=meeting, by=world.user("czj"), response="absent", reason="参加市级培训")
    meeting_services.record_attendance(meeting=meeting, by=office, attendance={
        invitations["旗公安局"].pk: (True, True, "局长"),
        invitations["旗人民法院"].pk: (True, False, "副院长"),
        # Unrecorded is not absent: the office marks the two units that did not come.
        invitations["旗财政局"].pk: (False, False, ""),
        invitations["旗司法局"].pk: (False, False, ""),
    })
    invitations["旗财政局"].refresh_from_db()
    meeting_services.record_minutes(meeting=meeting, by=office,
                                    minutes="会议通报了上半年工作。\n会议研究部署了下半年重点任务。")
    world.task, world.meeting = task, meeting
    return world


def open_docx(data):
    import io

    return docx.Document(io.BytesIO(data))


def all_text(document):
    """Every paragraph's and every table cell's text, in order."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
