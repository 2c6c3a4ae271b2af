"""Every URL pattern × every role gets what it should: 200/302 for its roles, 403 for others, login for anonymous.

The table below is the access specification. A URL added without an entry here fails this test, so
every new page is covered the day it appears.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from fuyuan.accounts.roles import Role
from tests.conftest import ROLE_USERS

ANY = frozenset(Role)  # every signed-in role
BUSINESS = frozenset({Role.OFFICE, Role.LEADER, Role.ISSUER, Role.LIAISON})  # never the three administrators
OFFICE, LEADER, ISSUER, LIAISON = Role.OFFICE, Role.LEADER, Role.ISSUER, Role.LIAISON
SYSADMIN, SECADMIN, AUDITOR = Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR
NOBODY = frozenset()
PUBLIC = "public"


def unit_pk(world):
    return {"pk": world.unit("旗公安局").pk}


def first_group(world):
    from fuyuan.units.models import UnitGroup

    return {"pk": UnitGroup.objects.first().pk}


def first_position(world):
    from fuyuan.units.models import RosterPosition

    return {"pk": RosterPosition.objects.first().pk}


def account_pk(world):
    return {"pk": world.user("czj").pk}


def admin_user(world):
    return {"object_id": world.user("czj").pk}


def admin_user_password(world):
    return {"id": world.user("czj").pk}


def lockout(world):
    from axes.models import AccessAttempt

    attempt, _ = AccessAttempt.objects.get_or_create(
        username="czj", ip_address="10.0.0.9", defaults={"failures_since_start": 5, "get_data": "", "post_data": ""}
    )
    return {"object_id": attempt.pk}


def shared_task(world):
    """An assigned item with both the liaison's (公安局) and the issuer's (法院) units, and a report with a file."""
    from django.core.files.base import ContentFile

    from tasks import services
    from tasks.models import Origin

    office = world.user("office")
    task = services.create_task(by=office, origin=Origin.ADHOC, title="矩阵测试事项", due_date=_in_days(30),
                                lead_units=[world.unit("旗公安局")], responsible_units=[world.unit("旗人民法院")])
    services.assign(task=task, by=office)
    report = services.report_progress(task=task, by=world.user("gaj"), text="已部署",
                                      attachments=[ContentFile(b"%PDF-1.4 progress", name="进展.pdf")])
    return {"pk": task.pk, "report": report}


def _in_days(days):
    import datetime

    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


def task_pk(world):
    return {"pk": shared_task(world)["pk"]}


def task_attachment(world):
    made = shared_task(world)
    return {"pk": made["pk"], "file_pk": made["report"].attachments.get().pk}


def task_extension(world):
    from tasks import services
    from tasks.models import Task

    task = Task.objects.get(pk=shared_task(world)["pk"])
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=_in_days(60), reason="需要")
    return {"pk": task.pk, "extension_pk": extension.pk}


def meeting_pk(world):
    """A planned meeting that invites the liaison's (公安局) and the issuer's (法院) units."""
    import datetime

    from django.utils import timezone

    from meetings import services
    from meetings.models import MeetingType

    meeting = services.schedule(by=world.user("office"), type=MeetingType.objects.first(), title="矩阵测试会议",
                                starts_at=timezone.now() - datetime.timedelta(hours=1),
                                units=[world.unit("旗公安局"), world.unit("旗人民法院")])
    return {"pk": meeting.pk}


def meeting_notice(world):
    return {**meeting_pk(world), "kind": "notice"}


def suggestion_pk(world):
    """A 司法建议 from the court (the issuer's unit) to 公安局 (the liaison's unit), with its document."""
    from django.core.files.base import ContentFile

    from suggestions import services
    from suggestions.models import Suggestion

    existing = Suggestion.objects.filter(doc_number="乌法建〔2026〕1号").first()
    if existing:  # a test may ask for several URLs of the same suggestion
        return {"pk": existing.pk}
    today = _in_days(0)
    suggestion = services.register(by=world.user("court"), kind="judicial", type="comprehensive",
                                   doc_number="乌法建〔2026〕1号", addressee=world.unit("旗公安局"), title="矩阵测试",
                                   content="建议", issued_on=today, served_on=today)
    suggestion.attachment.save("建议书.txt", ContentFile(b"x"))
    return {"pk": suggestion.pk}


def suggestion_file(world):
    return {**suggestion_pk(world), "which": "suggestion"}


def suggestion_reply_file(world):
    """The suggestion replied by 公安局 with a file: that file."""
    from django.core.files.base import ContentFile

    from suggestions import services
    from suggestions.models import Suggestion

    made = suggestion_pk(world)
    suggestion = Suggestion.objects.get(pk=made["pk"])
    if suggestion.status != "replied":
        services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改",
                       attachments=[ContentFile(b"%PDF-1.4 reply", name="回复函.pdf")])
    from tasks.models import Attachment

    return {**made, "file_pk": Attachment.objects.get(closure__task=suggestion.task_id).pk}


def adjustment_pk(world):
    """A manual 考核 adjustment with its supporting document."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fuyuan.assessment import services

    adjustment = services.add_adjustment(unit=world.unit("旗公安局"), year=_in_days(0).year, points="-1",
                                         reason="矩阵测试", document=SimpleUploadedFile("依据.pdf", b"%PDF"),
                                         by=world.user("office"))
    return {"pk": adjustment.pk}


def case_pk(world):
    """A 行政诉讼 case the court (the issuer's unit) registered against 公安局 (the liaison's unit)."""
    import datetime

    from cases.models import Case

    existing = Case.objects.filter(number="（2026）蒙0626行初99号").first()
    if existing:
        return {"pk": existing.pk}
    made = Case.objects.create(number="（2026）蒙0626行初99号", court="旗人民法院", court_unit=world.unit("旗人民法院"),
                               instance="first", cause="行政处罚", defendant=world.unit("旗公安局"),
                               filed_on=datetime.date(2026, 1, 5), registered_by=world.user("court"))
    return {"pk": made.pk}


def hearing_pk(world):
    from cases.models import Hearing

    hearing = Hearing.objects.create(case_id=case_pk(world)["pk"], held_on=_in_days(3))
    return {"pk": hearing.pk}


def message_token(world):
    """The signed read-receipt link of the 交办 message to 公安局."""
    from fuyuan.messaging.models import Message
    from fuyuan.messaging.receipts import token_for

    shared_task(world)
    return {"token": token_for(Message.objects.filter(unit=world.unit("旗公安局")).first().pk)}


def escalation_pk(world):
    from fuyuan.messaging.models import Escalation, EscalationReason, Message

    shared_task(world)
    reminder = Message.objects.filter(unit=world.unit("旗公安局")).first()
    escalation_message = Message.objects.create(kind="escalation", unit=reminder.unit, subject="升级", text="升级")
    escalation = Escalation.objects.create(reminder_message=reminder, reason=EscalationReason.UNREAD,
                                           message=escalation_message)
    return {"pk": escalation.pk}


def calendar_day(world):
    import datetime

    from fuyuan.workdays.models import CalendarDay

    day, _ = CalendarDay.objects.get_or_create(date=datetime.date(2027, 2, 5),
                                               defaults={"is_working_day": False, "name": "春节"})
    return {"pk": day.pk}


READERS = {OFFICE, LEADER, ISSUER, LIAISON}
UNITS = {ISSUER, LIAISON}

# name: (roles allowed, kwargs from the world or None, HTTP method)
EXPECTED = {
    "home": (ANY, None, "get"),
    "dashboard": ({OFFICE, LEADER}, None, "get"),
    "assessment:page": ({OFFICE, LEADER}, None, "get"),
    "assessment:export": ({OFFICE, LEADER}, None, "get"),
    "assessment:bulletin": ({OFFICE, LEADER}, None, "get"),
    "assessment:notice": ({OFFICE, LEADER}, None, "get"),
    "assessment:adjust": ({OFFICE}, None, "post"),
    "assessment:adjustment_document": ({OFFICE, LEADER}, adjustment_pk, "get"),
    "assessment:publish": ({OFFICE}, None, "post"),
    "documents:issue": ({OFFICE}, None, "post"),
    "units:import_template": ({OFFICE}, None, "get"),
    "accounts_import_template": ({SYSADMIN}, None, "get"),
    "tasks:import_template": ({OFFICE}, None, "get"),
    "tasks:notice_docx": (READERS, task_pk, "get"),
    "login": (PUBLIC, None, "get"),
    "logout": (PUBLIC, None, "post"),
    "password_change": (ANY, None, "get"),
    "otp_verify": (ANY, None, "get"),
    "otp_setup": (ANY, None, "get"),
    "accounts_otp_reset": ({SECADMIN}, account_pk, "post"),
    "accounts_roles": ({SECADMIN}, None, "get"),
    "accounts_role_edit": ({SECADMIN}, account_pk, "get"),
    "accounts_policy": ({SECADMIN}, None, "get"),
    "units:list": ({OFFICE, LEADER}, None, "get"),
    "units:create": ({OFFICE}, None, "get"),
    "units:import": ({OFFICE}, None, "get"),
    "accounts_import": ({SYSADMIN}, None, "get"),
    "units:edit": ({OFFICE}, unit_pk, "get"),
    "units:set_active": ({OFFICE}, unit_pk, "post"),
    "units:groups": ({OFFICE, LEADER}, None, "get"),
    "units:group_create": ({OFFICE}, None, "get"),
    "units:group_edit": ({OFFICE}, first_group, "get"),
    "units:roster": ({OFFICE, LEADER}, None, "get"),
    "units:roster_add": ({OFFICE}, None, "get"),
    "units:roster_end": ({OFFICE}, first_position, "post"),
    "audit:log": ({AUDITOR}, None, "get"),
    "audit:export": ({AUDITOR}, None, "get"),
    "admin:index": ({SYSADMIN}, None, "get"),
    "admin:login": ({SYSADMIN}, None, "get"),
    "admin:logout": ({SYSADMIN}, None, "post"),
    "admin:password_change": ({SYSADMIN}, None, "get"),
    "admin:password_change_done": ({SYSADMIN}, None, "get"),
    "admin:jsi18n": ({SYSADMIN}, None, "get"),
    "admin:app_list": ({SYSADMIN}, lambda w: {"app_label": "accounts"}, "get"),
    "admin:accounts_user_changelist": ({SYSADMIN}, None, "get"),
    "admin:accounts_user_add": ({SYSADMIN}, None, "get"),
    "admin:accounts_user_change": ({SYSADMIN}, admin_user, "get"),
    "admin:accounts_user_history": ({SYSADMIN}, admin_user, "get"),
    "admin:auth_user_password_change": ({SYSADMIN}, admin_user_password, "get"),
    "admin:axes_accessattempt_changelist": ({SYSADMIN}, None, "get"),
    "admin:axes_accessattempt_change": ({SYSADMIN}, lockout, "get"),
    "admin:axes_accessattempt_delete": ({SYSADMIN}, lockout, "get"),
    "admin:axes_accessattempt_history": ({SYSADMIN}, lockout, "get"),
    "admin:axes_accessattempt_add": (NOBODY, None, "get"),
    "tasks:ledger": (READERS, None, "get"),
    "tasks:export": (READERS, None, "get"),
    "jobs:list": (READERS, None, "get"),
    "tasks:bulk_remind": ({OFFICE}, None, "post"),
    "tasks:create": ({OFFICE}, None, "get"),
    "tasks:plan_import": ({OFFICE}, None, "get"),
    "tasks:import": ({OFFICE}, None, "get"),
    "tasks:queue": ({OFFICE, LEADER}, None, "get"),
    "tasks:notifications": (BUSINESS, None, "get"),
    "tasks:notifications_read": (BUSINESS, None, "post"),
    "tasks:detail": (READERS, task_pk, "get"),
    "tasks:edit": ({OFFICE}, task_pk, "get"),
    "tasks:attachment": (READERS, task_attachment, "get"),
    "tasks:sign": (UNITS, task_pk, "post"),
    "tasks:report": (UNITS, task_pk, "post"),
    "tasks:request_extension": (UNITS, task_pk, "post"),
    "tasks:request_closure": (UNITS, task_pk, "post"),
    "tasks:assign": ({OFFICE}, task_pk, "post"),
    "tasks:decide_extension": ({OFFICE}, task_extension, "post"),
    "tasks:close": ({OFFICE}, task_pk, "post"),
    "tasks:send_back": ({OFFICE}, task_pk, "post"),
    "tasks:cancel": ({OFFICE}, task_pk, "post"),
    "tasks:remind": ({OFFICE}, task_pk, "post"),
    "meetings:list": (READERS, None, "get"),
    "meetings:create": ({OFFICE}, None, "get"),
    "meetings:attendance": ({OFFICE, LEADER}, None, "get"),
    "meetings:groups": ({OFFICE, LEADER}, None, "get"),
    "meetings:types": ({OFFICE, LEADER}, None, "get"),
    "meetings:detail": (READERS, meeting_pk, "get"),
    "meetings:respond": (UNITS, meeting_pk, "post"),
    "meetings:record_attendance": ({OFFICE}, meeting_pk, "post"),
    "meetings:record_minutes": ({OFFICE}, meeting_pk, "post"),
    "meetings:add_decision": ({OFFICE}, meeting_pk, "post"),
    "meetings:confirm_decisions": ({OFFICE}, meeting_pk, "post"),
    "meetings:cancel": ({OFFICE}, meeting_pk, "post"),
    "meetings:document": (READERS, meeting_notice, "get"),
    "meetings:document_docx": (READERS, meeting_notice, "get"),
    "suggestions:list": (READERS, None, "get"),
    "suggestions:export": (READERS, None, "get"),
    "suggestions:stats": (READERS, None, "get"),
    "suggestions:register": ({ISSUER}, None, "get"),
    "suggestions:register_preview": ({ISSUER}, None, "get"),
    "suggestions:detail": (READERS, suggestion_pk, "get"),
    "suggestions:attachment": (READERS, suggestion_file, "get"),
    "suggestions:reply_attachment": (READERS, suggestion_reply_file, "get"),
    "suggestions:reply": (UNITS, suggestion_pk, "post"),
    "suggestions:evaluate": ({ISSUER}, suggestion_pk, "post"),
    "suggestions:return": ({ISSUER}, suggestion_pk, "post"),
    "suggestions:deadline": ({ISSUER}, suggestion_pk, "post"),
    "cases:list": (READERS, None, "get"),
    "cases:hearings": (READERS, None, "get"),
    "cases:export": (READERS, None, "get"),
    "cases:register": ({OFFICE, ISSUER}, None, "get"),
    "cases:import": ({OFFICE, ISSUER}, None, "get"),
    "cases:bulletin": (READERS, None, "get"),
    "cases:detail": (READERS, case_pk, "get"),
    "cases:edit": ({OFFICE, ISSUER}, case_pk, "get"),
    "cases:add_hearing": ({OFFICE, ISSUER}, case_pk, "post"),
    "cases:report_attendance": (READERS, hearing_pk, "post"),
    "indicators:page": (READERS, None, "get"),
    "indicators:settings": ({OFFICE}, None, "get"),
    "indicators:link": ({OFFICE}, None, "post"),
    "messaging:open": (ANY, message_token, "get"),
    "messaging:list": ({OFFICE}, None, "get"),
    "messaging:escalation_handled": ({OFFICE}, escalation_pk, "post"),
    "messaging:unit_contacts": ({OFFICE}, unit_pk, "get"),
    "messaging:my_mobile": (ANY, None, "get"),
    "workdays:calendar": ({OFFICE}, None, "get"),
    "workdays:remove": ({OFFICE}, calendar_day, "post"),
    # Accounts are deactivated, never deleted: not even the system admin may delete one.
    "admin:accounts_user_delete": (NOBODY, admin_user, "get"),
}
# Patterns not reachable by a plain request, with the reason.
SKIPPED = {
    "admin:autocomplete": "answers only to the admin's own widget requests",
    "admin:view_on_site": "redirects to a model's own page; no model here has one",
    "tasks:notification_open": "opens the signed-in account's own notification; tests/tasks/test_notifications.py",
    "jobs:detail": "the requesting account's own export only, anyone else 404; tests/jobs/test_background_export.py",
    "jobs:download": "the requesting account's own export only, anyone else 404; tests/jobs/test_background_export.py",
}


def named_patterns(resolver=None, namespace=""):
    """Every named URL pattern, namespaced as reverse() spells it."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


ALL_NAMES = sorted(set(named_patterns()))
# Signing out ends on the login page: for these, a redirect there is the allowed outcome.
LOGOUTS = {"logout", "admin:logout"}


def test_every_url_pattern_has_an_access_rule():
    missing = [n for n in ALL_NAMES if n not in EXPECTED and n not in SKIPPED]
    stale = [n for n in EXPECTED if n not in ALL_NAMES]
    assert not missing, f"URL patterns without an access rule in EXPECTED: {missing}"
    assert not stale, f"EXPECTED names no URL pattern: {stale}"


def _outcome(response):
    if response.status_code in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return "login"
    if response.status_code == 403:
        return "denied"
    if response.status_code in (200, 302, 405):
        return "ok"
    return f"status {response.status_code}"


@pytest.mark.parametrize("name", [n for n in ALL_NAMES if n in EXPECTED])
def test_role_matrix(name, world, client):
    from django.urls import reverse

    allowed, kwargs_of, method = EXPECTED[name]
    kwargs = kwargs_of(world) if kwargs_of else None
    url = reverse(name, kwargs={k: v for k, v in kwargs.items() if k in ("pk", "kind", "file_pk", "extension_pk",
                                                                        "object_id", "id", "app_label", "which",
                                                                        "token")}
                  if kwargs else None)
    wrong = []
    response = getattr(client, method)(url)
    expected_anonymous = "ok" if allowed == PUBLIC else "login"
    if _outcome(response) != expected_anonymous and not (name in LOGOUTS and _outcome(response) == "login"):
        wrong.append(("anonymous", expected_anonymous, _outcome(response)))
    for role in Role:
        response = getattr(world.client(ROLE_USERS[role]), method)(url)
        expected = "ok" if allowed == PUBLIC or role in allowed else "denied"
        got = _outcome(response)
        if name in LOGOUTS and got == "login":
            got = "ok"
        if got != expected:
            wrong.append((role.value, expected, got))
    assert not wrong, f"{name} {url}: (role, expected, got) {wrong}"
