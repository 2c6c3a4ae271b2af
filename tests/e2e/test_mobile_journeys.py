"""A liaison's day on a phone (390 × 844): sign → report with two photos → request closure; a meeting reply; a
suggestion reply. Plus the chips unit picker on the office's desktop form."""

import datetime
import os
import struct
import zlib

from django.core.management import call_command
from playwright.sync_api import expect

from fuyuan.accounts.models import User
from fuyuan.units.models import MemberUnit
from meetings.models import Invitation
from suggestions.models import Suggestion
from tasks import services
from tasks.models import Attachment, Origin, ProgressReport
from tests.e2e.conftest import SHOTS, sign_in
from tests.e2e.test_mobile_pages import PHONE

FIRST_SCREEN = PHONE["viewport"]["height"]


def photo_png(width=1500, height=1100):
    """A camera-sized PNG of noise (≈ 5 MB), which the page must shrink before sending."""
    rows = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")


def assigned_item():
    """A fresh item the office assigned to 旗公安局 as lead (the demo's own are all signed already)."""
    office = User.objects.get(username="office")
    task = services.create_task(by=office, origin=Origin.ADHOC, title="开展道路交通安全隐患排查",
                                due_date=datetime.date.today() + datetime.timedelta(days=20),
                                lead_units=[MemberUnit.objects.get(name="旗公安局")])
    services.assign(task=task, by=office)
    return task


def first_screen(name, page):
    """The screen as the phone shows it (not the whole page), under test-artifacts/screenshots/mobile/."""
    (SHOTS / "mobile").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "mobile" / f"{name}.png"))


def on_first_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] < FIRST_SCREEN - 44


def test_liaison_signs_reports_with_two_photos_and_asks_for_closure_on_a_phone(browser, live_server, transactional_db,
                                                                            shot):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    context = browser.new_context(**PHONE)
    page = context.new_page()
    sign_in(page, live_server, "gaj")
    item = assigned_item()

    # The ledger as cards, each with the unit's own next step: filters folded behind one button, counts per
    # light on top that filter when tapped.
    page.goto(f"{live_server.url}/tasks/")
    card = page.locator(f"[data-testid=ledger-table] tr[data-task='{item.pk}']")
    expect(card.get_by_test_id("next-step")).to_have_text("签收")
    expect(card.get_by_test_id("next-step")).to_be_visible()
    first_screen("ledger-cards", page)
    expect(page.get_by_test_id("ledger-filter")).to_be_hidden()
    page.get_by_test_id("filter-toggle").click()
    expect(page.get_by_test_id("ledger-filter")).to_be_visible()
    overdue = page.locator("[data-testid=light-counts] a[data-light=overdue]")
    count = int(overdue.get_attribute("data-count"))
    overdue.click()
    expect(page.locator("[data-testid=ledger-table] tbody tr")).to_have_count(count)
    assert page.locator("[data-testid=ledger-table] tbody td.fy-card-title").first.is_visible()
    assert page.locator("[data-testid=ledger-table] thead").is_hidden()

    page.goto(f"{live_server.url}/tasks/{item.pk}/")
    assert on_first_screen(page.get_by_test_id("sign")), "签收 must be on the first screen"
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("task-status")).to_have_text("办理中")
    report = page.get_by_test_id("report-form")
    assert on_first_screen(report), "the report form must come before the details"
    report.locator("textarea").fill("已完成现场检查，照片见附件。")
    picture, small = photo_png(), photo_png(300, 200)
    # Two photos from the gallery, then one from the camera (added to them), then one removed by mistake.
    report.locator("input[name=attachments]").set_input_files(
        files=[{"name": "现场.png", "mimeType": "image/png", "buffer": picture},
               {"name": "门牌.png", "mimeType": "image/png", "buffer": small}])
    sizes = report.get_by_test_id("file-sizes")
    expect(sizes.locator("li[data-file]")).to_have_count(2)
    expect(sizes.locator("li[data-file='现场.jpg']")).to_contain_text("已压缩")  # shrunk, and the size shown
    report.locator(".fy-camera input[type=file]").set_input_files(
        files=[{"name": "多余.png", "mimeType": "image/png", "buffer": small}])
    expect(sizes.locator("li[data-file]")).to_have_count(3)
    expect(sizes).to_contain_text("共 3 个文件")
    sizes.locator("li[data-file='多余.png']").get_by_role("button", name="移除").click()
    expect(sizes.locator("li[data-file]")).to_have_count(2)
    shot("mobile/journey-1-report-with-photos", of=page)
    report.get_by_role("button", name="报送").click()
    expect(page.get_by_test_id("task-reports")).to_contain_text("已完成现场检查")
    sent = ProgressReport.objects.filter(task=item).latest("pk")
    files = list(sent.attachments.all())
    assert [f.name for f in files] == ["现场.jpg", "门牌.png"]  # two attachments, not one joined image
    assert 0 < files[0].size < len(picture) / 2 and files[1].size == len(small)
    listed = page.get_by_test_id("task-reports").get_by_test_id("attachments")
    expect(listed.locator("li")).to_have_count(2)
    expect(listed).to_contain_text("门牌.png")
    page.get_by_test_id("task-reports").scroll_into_view_if_needed()
    first_screen("task-report-attachments", page)
    with page.expect_download() as download:
        listed.get_by_role("link", name="门牌.png").click()
    assert download.value.suggested_filename == "门牌.png"

    # The closure reason survives a reload (sessionStorage draft), then goes out.
    page.locator("summary", has_text="申请办结").click()
    page.get_by_test_id("closure-form").locator("textarea").fill("检查完成，整改通报已印发。")
    page.reload()
    page.locator("summary", has_text="申请办结").click()
    expect(page.get_by_test_id("closure-form").locator("textarea")).to_have_value("检查完成，整改通报已印发。")
    page.get_by_test_id("closure-form").get_by_role("button", name="申请办结").click()
    expect(page.get_by_test_id("task-status")).to_have_text("申请办结")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot("mobile/journey-2-closure-requested", of=page)

    # A meeting: the unit's own reply form comes first, the roster after.
    invitation = Invitation.objects.filter(unit__name="旗公安局", response="pending",
                                           meeting__status="planned").first()
    page.goto(f"{live_server.url}/meetings/{invitation.meeting_id}/")
    assert on_first_screen(page.get_by_test_id("reply-form"))
    page.get_by_test_id("reply-form").get_by_label("委派其他负责同志参会").check()
    page.fill("#id_attendee", "李副局长")
    page.fill("#id_attendee_title", "副局长")
    page.fill("#id_reason", "局长参加全市公安工作会议")
    page.get_by_role("button", name="提交回复").click()
    expect(page.locator("#messages")).to_contain_text("已回复")
    invitation.refresh_from_db()
    assert invitation.response == "deputy" and invitation.attendee == "李副局长"
    shot("mobile/journey-3-meeting-replied", of=page)

    # A suggestion addressed to the unit: the reply form first, with a photo of the signed reply.
    suggestion = Suggestion.objects.filter(addressee__name="旗公安局", status="awaiting_reply").first()
    page.goto(f"{live_server.url}/suggestions/{suggestion.pk}/")
    form = page.get_by_test_id("reply-form")
    assert on_first_screen(form)
    form.locator("#id_reply_text").fill("我局已组织专项整改，建立证据移送台账。")
    form.locator("input[name=attachments]").set_input_files(
        files=[{"name": "回复函.png", "mimeType": "image/png", "buffer": photo_png(900, 700)}])
    expect(form.get_by_test_id("file-sizes")).to_contain_text("KB")
    form.get_by_test_id("submit-reply").click()
    expect(page.get_by_test_id("suggestion-status")).to_have_attribute("data-status", "replied")
    assert Attachment.objects.filter(closure__task=suggestion.task_id).count() == 1
    expect(page.get_by_test_id("reply-attachments")).to_contain_text("回复函.jpg")  # shrunk: 900 × 700 of noise
    shot("mobile/journey-4-suggestion-replied", of=page)
    context.close()


def test_chips_picker_adds_by_typing_and_never_wipes_the_selection(page, live_server, e2e_world):
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}/tasks/new/")
    picker = page.locator("#id_lead_units + .fy-chips")
    search = picker.locator("input[type=search]")
    search.fill("公安")
    picker.get_by_role("option", name="旗公安局").click()
    search.fill("财政")
    search.press("Enter")
    search.fill("法院")
    search.press("Enter")
    expect(picker.locator(".fy-chip")).to_have_count(3)
    picker.locator(".fy-chip", has_text="旗财政局").click()  # a careless click on a chip changes nothing
    page.click("h1")
    expect(picker.locator(".fy-chip")).to_have_count(3)
    picker.get_by_role("button", name="移除 旗人民法院").click()
    chosen = page.eval_on_selector("#id_lead_units", "s => [...s.selectedOptions].map(o => o.textContent)")
    assert sorted(chosen) == sorted(["旗公安局", "旗财政局"])
