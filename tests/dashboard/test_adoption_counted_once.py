"""采纳 is counted one way everywhere: a suggestion counts as adopted once its issuer has evaluated it 采纳 or 部分采纳,
which is what closes it. The dashboard's 采纳率 counted any suggestion carrying an adoption value, closed or not,
while the statistics page counted only closed ones; its figure now equals the list its link opens."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from suggestions import selectors, services
from suggestions.models import Status, Suggestion

TODAY = timezone.localdate()
SERVED = TODAY - datetime.timedelta(days=5)


def suggestion(world, number, addressee="旗公安局"):
    return services.register(by=world.user("procuratorate"), kind="procuratorial", type="governance",
                             doc_number=f"乌检建〔{SERVED.year}〕{number}号", addressee=world.unit(addressee),
                             title=f"建议{number}", content="建议", issued_on=SERVED, served_on=SERVED)


def replied(world, number):
    item = suggestion(world, number)
    return services.reply(suggestion=item, by=world.user("gaj"), reply_text="已整改", today=SERVED)


def evaluated(world, number, adoption):
    return services.evaluate(suggestion=replied(world, number), by=world.user("procuratorate"), adoption=adoption,
                             rectified=adoption != "not_adopted")


def listed(client, url):
    """How many suggestions the linked page says it lists."""
    return int(re.search(r'data-testid="suggestion-total">共?(\d+)', client.get(url).content.decode())[1])


def test_the_dashboards_adoption_equals_its_list_and_the_statistics(world):
    suggestion(world, 1)  # awaiting its reply
    replied(world, 2)  # replied, not yet evaluated
    services.return_for_more(suggestion=replied(world, 3), by=world.user("procuratorate"), reason="请补充材料",
                             reply_due_on=TODAY + datetime.timedelta(days=10))
    evaluated(world, 4, "adopted")
    evaluated(world, 5, "partly")
    evaluated(world, 6, "not_adopted")
    # A reply that carries an adoption value but was never evaluated and closed (as an import or a hand edit leaves
    # it) is not adopted yet: it is neither in the 采纳率's denominator nor in its numerator.
    Suggestion.objects.filter(pk=replied(world, 7).pk).update(adoption="adopted")

    office = world.client("office")
    response = office.get(reverse("dashboard"), {"year": SERVED.year})
    shown = response.context["suggestions"]
    stats = selectors.statistics(world.user("office"), TODAY, SERVED.year)["totals"]
    assert (shown["evaluated"], shown["adopted"]) == (stats["evaluated"], stats["adopted"]) == (3, 2)

    html = response.content.decode()
    link = re.search(r'<a href="([^"]+)" data-testid="dashboard-adopted">(\d+)%</a>', html)
    assert link[2] == "67"  # 2 of 3 evaluated
    assert listed(office, link[1].replace("&amp;", "&")) == shown["adopted"]
    not_adopted = f"{reverse('suggestions:list')}?year={SERVED.year}&adoption=not_adopted"
    assert listed(office, link[1].replace("&amp;", "&")) + listed(office, not_adopted) == shown["evaluated"]
    assert "已评价3件，采纳2件" in html


def test_adopted_means_evaluated_and_closed(world):
    evaluated(world, 1, "partly")
    evaluated(world, 2, "not_adopted")
    Suggestion.objects.filter(pk=replied(world, 3).pk).update(adoption="partly")
    adopted = Suggestion.objects.filter(selectors.adopted_q())
    assert [(s.status, s.adoption) for s in adopted] == [(Status.CLOSED, "partly")]
    assert Suggestion.objects.filter(selectors.evaluated_q()).count() == 2
