"""A year of the Wushen mechanism's meetings, relative to `today`: plenaries, 复议审判, 府检, a working group."""

import datetime

from django.utils import timezone

from fuyuan.units.models import MemberUnit

from . import services
from .models import Meeting, MeetingType, Response, WorkingGroup


def load_meetings(units, accounts, today: datetime.date):
    """Idempotent: does nothing when the demo's first plenary exists."""
    from .reference import ensure_types

    ensure_types()
    if Meeting.objects.filter(title="乌审旗府院联动联席会议全体会议").exists():
        return Meeting.objects.count()
    office = accounts["office"]
    types = {t.name: t for t in MeetingType.objects.all()}
    roster = list(services.roster_units())

    def at(days, hour=9):
        day = today + datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    group = WorkingGroup.objects.create(name="优化营商环境专项工作组", convener_name="旗人民法院院长",
                                        convener_unit=units["旗人民法院"],
                                        remit="统筹企业破产处置、执行联动和涉企行政案件化解。")
    group.units.set([units[name] for name in ("旗人民法院", "旗市场监督管理局", "旗金融服务中心", "旗财政局",
                                              "旗公安局") if name in units])

    first = services.schedule(by=office, type=types["全体联席会议"], title="乌审旗府院联动联席会议全体会议",
                              number=1, starts_at=at(-120), place="旗政府三楼第一会议室", host="旗长",
                              agenda="一、通报府院联动工作开展情况\n二、研究行政争议实质性化解工作\n三、审议议定事项",
                              units=roster)
    for invitation in first.invitations.select_related("unit"):
        actor = _liaison(invitation.unit)
        if actor and invitation.unit.name != "旗财政局":
            services.respond(meeting=first, by=actor, response=Response.PRINCIPAL, attendee="主要负责同志")
    czj = accounts.get("czj")
    if czj and first.invitations.filter(unit=czj.unit).exists():
        services.respond(meeting=first, by=czj, response=Response.DEPUTY, attendee="钱副局长",
                         attendee_title="副局长", reason="局长参加自治区财政工作会议")
    sheet = {}
    for index, invitation in enumerate(first.invitations.select_related("unit")):
        absent = index % 11 == 5
        principal = invitation.response != Response.DEPUTY and index % 4 != 1
        sheet[invitation.pk] = (not absent, principal, invitation.attendee or "主要负责同志")
    services.record_attendance(meeting=first, by=office, attendance=sheet)
    services.record_minutes(meeting=first, by=office, minutes=(
        "会议听取了旗司法局关于府院联动工作开展情况的汇报，旗人民法院、旗人民检察院分别通报了行政审判、"
        "行政检察工作情况。\n会议强调，各成员单位要进一步提高认识，压实责任，推动府院联动工作常态化、制度化。"))
    decisions = [
        ("建立行政争议实质性化解联动工作台账，每月对账销号。", ["旗司法局"], ["旗人民法院"], 20),
        ("开展行政机关负责人出庭应诉专项督查，形成督查通报。", ["旗司法局"], ["旗公安局", "旗财政局"], -10),
        ("完善涉企破产案件财政保障机制，设立破产援助资金。", ["旗财政局"], ["旗人民法院"], 5),
    ]
    for text, lead, responsible, due in decisions:
        services.add_decision(meeting=first, by=office, text=text, lead_units=[units[n] for n in lead],
                              responsible_units=[units[n] for n in responsible],
                              due_date=today + datetime.timedelta(days=due))
    services.confirm_decisions(meeting=first, by=office)

    services.schedule(by=office, type=types["全体联席会议"], title="乌审旗府院联动联席会议全体会议", number=2,
                      starts_at=at(21), place="旗政府三楼第一会议室", host="旗长",
                      agenda="一、通报下半年工作\n二、部署明年重点任务", units=roster)
    review = services.schedule(by=office, type=types["行政复议与行政审判联席会议"],
                               title="行政复议与行政审判工作联席会议", starts_at=at(-60, 15), place="旗司法局会议室",
                               host="旗司法局局长", units=[units["旗司法局"], units["旗人民法院"], units["旗政府办"]])
    services.record_minutes(meeting=review, by=office, minutes="会议通报了上半年行政复议、行政诉讼案件情况，"
                                                                "分析了败诉案件原因。")
    services.schedule(by=office, type=types["府检专题联席会议"], title="府检联动专题会议（公益诉讼）",
                      starts_at=at(7, 10), place="旗人民检察院会议室", host="旗人民检察院检察长",
                      units=[units["旗人民检察院"], units["旗司法局"], units["旗公安局"], units["旗财政局"]])
    services.schedule(by=office, type=types["专项工作组协调会议"], group=group, title="优化营商环境专项工作组协调会",
                      starts_at=at(-30, 15), place="旗人民法院会议室", host="旗人民法院院长",
                      units=list(group.units.all()))
    return Meeting.objects.count()


def _liaison(unit: MemberUnit):
    from fuyuan.accounts.roles import UNIT_ROLES

    return unit.accounts.filter(role__in=UNIT_ROLES, is_active=True).first()
