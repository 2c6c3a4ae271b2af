"""Each role's home page: the one place every daily action starts from."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuyuan import home_lists, office_home
from fuyuan.accounts.roles import Role, role_required
from fuyuan.lib.params import year_param
from tasks import deadlines
from tasks.queues import liaison_queues
from tasks.task_table import task_table_html

# The liaison's five lists, in the order of the day's work: (key, label, colour).
UNIT_QUEUES = [
    ("to_sign", _("To sign for"), "primary"),
    ("to_report", _("To report"), "info"),
    ("due_soon", _("Due soon"), "warning"),
    ("overdue", _("Overdue"), "danger"),
    ("returned", _("Sent back"), "danger"),
]


@login_required
def home(request):
    """Render the home page of the user's role."""
    role = request.user.role or "none"
    today = timezone.localdate()
    context = {"role": role, "today": today}
    if role in (Role.OFFICE, Role.LEADER):
        # Its statements compiled once a day for readers who see every item (office_home); the lists and cards
        # printed in Python (home_lists, task_table: the includes' markup, held equal to them by tests).
        office = role == Role.OFFICE
        context.update(office_home.figures(request.user, today, requests=office))
        queues = context["queues"]
        context["light_cards"] = home_lists.light_cards_html(queues["lights"])  # tasks/_light_cards.html
        context["overdue_table"] = task_table_html(queues["overdue"])  # tasks/_task_rows.html's markup
        if office:
            context["queue_tables"] = home_lists.queue_tables_html(queues)  # tasks/_queue_tables.html
        context["upcoming"] = home_lists.upcoming_html(office_home.upcoming_meetings())  # _home_upcoming.html
    if role in (Role.LIAISON, Role.ISSUER) and request.user.unit_id:
        context["queues"] = queues = liaison_queues(request.user, today)
        for queue in queues.values():  # tasks/_task_rows.html's markup, for the lists the page shows
            queue["table"] = task_table_html(queue["rows"]) if queue["count"] else ""
        context["queue_labels"] = UNIT_QUEUES
        context["unit_queues_html"] = home_lists.unit_queues_html(queues, UNIT_QUEUES)  # tasks/_unit_queues.html
        # templates/meetings/_home_invitations.html and suggestions/_home.html, printed in Python (home_lists)
        context["invitations_html"] = home_lists.invitations_html(request.user.unit_id)
        context["suggestions_html"] = home_lists.suggestions_html(request.user.unit_id, evaluates=role == Role.ISSUER)
    return render(request, f"home/{role}.html", context)


@role_required(Role.OFFICE, Role.LEADER)
def dashboard(request):
    """The leaders' screen: how the mechanism is doing this year, and who is lagging; every number is a link."""
    from . import dashboard as figures

    today = timezone.localdate()
    year = year_param(request.GET.get("year"), today.year)
    lights = figures.stored_lights(today)
    data = figures.figures(request.user, year, today, lights=lights)
    chart = {
        "lights": [{"name": str(deadlines.light_label(light)), "value": count, "url": url, "light": light}
                   for light, count, url in data["lights"] if count],
        "categories": [{"label": row["label"], "url": row["url"],
                        "segments": [{"light": light, "name": str(deadlines.light_label(light)), "value": n,
                                      "url": url} for light, n, url in row["segments"]]}
                       for row in data["categories"]],
    }
    return render(request, "dashboard.html", {**data, "chart": chart,
                                              "category_rows": figures.category_rows_html(data["categories"]),
                                              "unit_rows": figures.unit_rows_html(data["units"]),
                                              "cadence_rows": figures.cadence_rows_html(data["cadence"]),
                                              "off_target_rows": figures.off_target_html(data["indicators_off_target"]),
                                              "overdue_table": task_table_html(data["overdue"]),
                                              "due_soon_table": task_table_html(data["due_soon"]),
                                              "years": range(today.year - 3, today.year + 1)})
