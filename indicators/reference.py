"""The indicators the plans set targets for.

焦作: 出庭应诉率 ≥ 90%, 调解撤诉率 ≥ 20%, 发案量同比减少20%; 泰安: 万人起诉率 monthly.
"""

from decimal import Decimal

# (name, measure, direction, target, period, assessed, definition)
INDICATORS = [
    ("行政机关负责人出庭应诉率", "attendance_rate", "higher", Decimal("90"), "quarterly", True,
     "负责人（正职或副职）出庭的庭次 ÷ 已开庭庭次"),
    ("行政诉讼败诉率", "loss_rate", "lower", Decimal("10"), "yearly", True,
     "一审判决撤销、变更、确认违法、责令履行的案件 ÷ 一审审结案件"),
    ("行政诉讼调解撤诉率", "mediation_rate", "higher", Decimal("20"), "yearly", False,
     "调解、撤诉结案的案件 ÷ 审结案件"),
    ("行政诉讼发案量同比", "filings_yoy", "lower", Decimal("-20"), "yearly", False,
     "一审新收案件较上年同期的增减幅度"),
    ("万人起诉率", "filings_per_10k", "lower", Decimal("3"), "yearly", False,
     "一审新收行政案件 ÷ 常住人口 × 10000"),
    ("行政复议纠错率", "review_correction_rate", "lower", Decimal("15"), "yearly", False,
     "决定撤销、变更、确认违法、责令履行的复议案件 ÷ 审结复议案件"),
    ("司法建议按期回复率", "suggestion_reply_rate", "higher", Decimal("100"), "yearly", False,
     "答复期限届满或已答复的司法建议中按期答复的比例"),
]


def ensure_indicators(model=None):
    """Create the default indicators that are missing (the office edits targets afterwards)."""
    if model is None:
        from .models import Indicator as model
    for order, (name, measure, direction, target, period, assessed, definition) in enumerate(INDICATORS, start=1):
        model.objects.get_or_create(measure=measure, defaults={
            "name": name, "direction": direction, "target": target, "period": period, "assessed": assessed,
            "definition": definition, "order": order * 10})
