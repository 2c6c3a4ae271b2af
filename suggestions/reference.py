"""The reply periods the law sets: seeded by migration 0002, restored by ensure_rules() after a flush."""

RULES = [
    # (kind, type or "", urgent or None, months, days, basis, precedence)
    ("procuratorial", "public_interest", True, 0, 15,
     "法释〔2018〕6号《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条："
     "出现国家利益或者社会公共利益损害继续扩大等紧急情形的，应当在十五日内书面回复", 10),
    ("procuratorial", "public_interest", None, 2, 0, "法释〔2018〕6号 第二十一条：行政机关应当在收到检察建议书之日起"
     "两个月内依法履行职责，并书面回复人民检察院", 20),
    ("procuratorial", "", None, 2, 0, "《人民检察院检察建议工作规定》（2019）：被建议单位应当在收到检察建议书之日起"
     "两个月内书面回复", 30),
    ("judicial", "", None, 2, 0, "法释〔2023〕11号《最高人民法院关于综合治理类司法建议工作若干问题的规定》第八条："
     "回复期限由人民法院根据情况确定，一般不超过两个月", 40),
]


def ensure_rules(model=None):
    """Create any missing rule; rules the office amended are left alone."""
    if model is None:
        from .models import ReplyRule as model
    for kind, type_, urgent, months, days, basis, order in RULES:
        model.objects.get_or_create(kind=kind, type=type_, urgent=urgent, defaults={
            "months": months, "days": days, "basis": basis, "order": order})
