"""A dozen suggestions from 旗人民法院 and 旗人民检察院 to various units, in every state, relative to `today`."""

import datetime

from tasks import services as task_services

from . import services
from .models import Suggestion

# (issuer, number, kind, type, addressee, title, days since served, urgent, state)
DEMO = [
    ("procuratorate", "乌检建〔{y}〕1号", "procuratorial", "public_interest", "旗自然资源局",
     "关于督促履行耕地保护监管职责的检察建议", 150, False, "closed"),
    ("procuratorate", "乌检建〔{y}〕2号", "procuratorial", "public_interest", "市生态环境局乌审分局",
     "关于督促整治河道非法排污的检察建议", 10, True, "awaiting"),
    ("procuratorate", "乌检建〔{y}〕3号", "procuratorial", "correction", "旗公安局",
     "关于规范涉案财物管理的检察建议", 40, False, "replied"),
    ("procuratorate", "乌检建〔{y}〕4号", "procuratorial", "governance", "旗市场监督管理局",
     "关于加强食品安全领域监管的检察建议", 75, False, "overdue"),
    ("procuratorate", "乌检建〔{y}〕5号", "procuratorial", "governance", "旗交通局",
     "关于加强危险化学品道路运输管理的检察建议", 90, False, "returned"),
    ("procuratorate", "乌检建〔{y}〕6号", "procuratorial", "public_interest", "旗林草局",
     "关于督促查处非法占用林地的检察建议", 120, False, "closed_late"),
    ("court", "乌法建〔{y}〕1号", "judicial", "comprehensive", "旗财政局",
     "关于规范政府采购合同履约管理的司法建议", 100, False, "closed"),
    ("court", "乌法建〔{y}〕2号", "judicial", "class", "旗人社局",
     "关于规范劳动争议调解工作的司法建议", 30, False, "awaiting"),
    ("court", "乌法建〔{y}〕3号", "judicial", "individual", "旗住建局",
     "关于规范房屋征收补偿程序的司法建议", 50, False, "replied"),
    ("court", "乌法建〔{y}〕4号", "judicial", "comprehensive", "乌审召镇人民政府",
     "关于加强农村土地承包合同管理的司法建议", 70, False, "overdue"),
    ("court", "乌法建〔{y}〕5号", "judicial", "comprehensive", "旗公安局",
     "关于加强交通事故证据固定工作的司法建议", 5, False, "awaiting"),
    ("court", "乌法建〔{y}〕6号", "judicial", "class", "旗市场监督管理局",
     "关于规范行政处罚自由裁量权行使的司法建议", 130, False, "closed"),
]


def load_suggestions(units, accounts, today: datetime.date) -> int:
    """Idempotent by document number."""
    from .reference import ensure_rules

    ensure_rules()
    made = 0
    for issuer, number, kind, type_, addressee, title, age, urgent, state in DEMO:
        doc_number = number.format(y=today.year)
        issuer_account = accounts[issuer]
        if Suggestion.objects.filter(issuer=issuer_account.unit, doc_number=doc_number).exists():
            continue
        if addressee not in units:
            continue
        served = today - datetime.timedelta(days=age)
        suggestion = services.register(
            by=issuer_account, kind=kind, type=type_, doc_number=doc_number, addressee=units[addressee], title=title,
            content=f"{title}。经审查发现，该领域存在制度执行不严、监管不到位等问题，建议依法履职、完善制度、"
                    "加强监管，并于收到本建议书之日起两个月内书面回复。",
            issued_on=served - datetime.timedelta(days=2), served_on=served, urgent=urgent,
            case_number=f"（{today.year}）蒙0626行初{made + 11}号" if kind == "judicial" else "")
        _advance(suggestion, state, accounts, today)
        made += 1
    return Suggestion.objects.count()


def _advance(suggestion, state, accounts, today):
    from tasks.demo import _actor

    liaison = _actor(suggestion.addressee)
    if state == "overdue" and "office" in accounts:  # 督办: the office chases the overdue reply
        task_services.remind(task=suggestion.task, by=accounts["office"],
                             message="该建议已超过回复期限，请尽快书面回复。")
    if state in ("awaiting", "overdue"):
        return
    task_services.sign(task=suggestion.task, by=liaison)
    issuer = accounts["procuratorate" if suggestion.kind == "procuratorial" else "court"]
    late = state == "closed_late"
    replied = suggestion.reply_due_on + datetime.timedelta(days=6) if late else \
        min(today, suggestion.served_on + datetime.timedelta(days=25))
    services.reply(suggestion=suggestion, by=liaison, today=replied, reply_text="已收悉并研究，已制定整改方案。",
                   measures="开展专项排查，完善内部管理制度。", rectification="已整改完毕")
    if state == "replied":
        return
    if state == "returned":
        services.return_for_more(suggestion=suggestion, by=issuer, reason="请补充整改佐证材料",
                                 reply_due_on=today + datetime.timedelta(days=20))
        return
    services.evaluate(suggestion=suggestion, by=issuer, adoption="adopted" if not late else "partly", rectified=True,
                      comment="整改措施落实到位。", today=min(today, replied + datetime.timedelta(days=5)))
