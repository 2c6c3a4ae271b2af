"""The meeting types the plans require: seeded by migration 0002, restored by ensure_types() after a flush."""

TYPES = [
    # (name, cadence, meetings per period, basis, display order)
    ("全体联席会议", "half_yearly", 1, "实施方案：联席会议原则上每半年召开一次全体会议", 10),
    ("行政复议与行政审判联席会议", "yearly", 1, "每年至少召开一次", 20),
    ("府检专题联席会议", "as_needed", 1, "根据工作需要召开", 30),
    ("诉源治理联席会议", "quarterly", 1, "每季度召开一次", 40),
    ("专项工作组协调会议", "as_needed", 1, "由专项工作组召集人根据需要召开", 50),
]


def ensure_types(model=None):
    """Create any missing type (the office's own additions and edits are left alone)."""
    if model is None:
        from .models import MeetingType as model
    for name, cadence, per_period, basis, order in TYPES:
        model.objects.get_or_create(name=name, defaults={"cadence": cadence, "per_period": per_period,
                                                         "basis": basis, "order": order})
