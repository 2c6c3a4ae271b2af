"""Each role's home page: the one place every daily action starts from."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuyuan.accounts.roles import Role, role_required
from fuyuan.lib.params import year_param
from fuyuan.units.models import MemberUnit, RosterPosition
from meetings.models import Invitation, Meeting, MeetingStatus
from suggestions.models import Status as SuggestionStatus
from suggestions.models import Suggestion
from tasks import deadlines
from tasks.queues import liaison_queues, office_queues

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
        context["unit_count"] = MemberUnit.objects.active().count()
        context["roster_count"] = RosterPosition.objects.current().count()
        queues = office_queues(request.user, today)
        context["queues"] = queues
        context["light_counts"] = [(light, queues["lights"][light]) for light in deadlines.LIGHTS]
    if role in (Role.LIAISON, Role.ISSUER) and request.user.unit_id:
        context["queues"] = liaison_queues(request.user, today)
        context["queue_labels"] = UNIT_QUEUES
        context["invitations"] = list(
            Invitation.objects.filter(unit_id=request.user.unit_id, meeting__status=MeetingStatus.PLANNED,
                                      meeting__starts_at__gte=timezone.now()).select_related("meeting")
            .order_by("meeting__starts_at")[:10])
        context["suggestions_to_reply"] = list(
            Suggestion.objects.filter(addressee_id=request.user.unit_id,
                                      status__in=[SuggestionStatus.AWAITING_REPLY, SuggestionStatus.RETURNED])
            .select_related("issuer").order_by("reply_due_on")[:10])
    if role == Role.ISSUER and request.user.unit_id:
        context["suggestions_to_evaluate"] = list(
            Suggestion.objects.filter(issuer_id=request.user.unit_id, status=SuggestionStatus.REPLIED)
            .select_related("addressee").order_by("replied_on")[:10])
    if role in (Role.OFFICE, Role.LEADER):
        context["upcoming_meetings"] = list(
            Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
            .select_related("type").order_by("starts_at")[:5])
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
                                              "overdue_table": figures.task_table_html(data["overdue"]),
                                              "due_soon_table": figures.task_table_html(data["due_soon"]),
                                              "years": range(today.year - 3, today.year + 1)})
