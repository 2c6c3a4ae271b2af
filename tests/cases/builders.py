"""Small registers built by hand for the indicator tests: cases and hearings with exact dates."""

import datetime
import itertools

from cases.models import Case, Hearing, Instance, Proceeding

_serial = itertools.count(101)
D = datetime.date
FEB_2025 = D(2025, 2, 1)


def case(world, *, defendant="旗公安局", filed=FEB_2025, closed=None, outcome="", instance=Instance.FIRST,
         proceeding=Proceeding.LITIGATION, coordinated=False, hearings=()):
    """One case registered by the demo court against a demo unit (None: an external agency)."""
    n = next(_serial)
    number = (f"（{filed.year}）蒙0626行{'初' if instance == Instance.FIRST else '终'}{n}号"
              if proceeding == Proceeding.LITIGATION else f"乌审政复〔{filed.year}〕{n}号")
    made = Case.objects.create(
        proceeding=proceeding, number=number, court="乌审旗人民法院", court_unit=world.unit("旗人民法院"),
        instance=instance if proceeding == Proceeding.LITIGATION else "", cause="行政处罚",
        defendant=world.unit(defendant) if defendant else None, defendant_name="" if defendant else "外部机关",
        filed_on=filed, closed_on=closed, outcome=outcome, coordinated=coordinated,
        registered_by=world.user("court" if proceeding == Proceeding.LITIGATION else "office"))
    for held_on, attendance in hearings:
        Hearing.objects.create(case=made, held_on=held_on, attendance=attendance,
                               head_name="王建国" if attendance in ("principal", "deputy") else "",
                               head_post="局长" if attendance in ("principal", "deputy") else "")
    return made
