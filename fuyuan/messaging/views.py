"""Read-receipt links, the office's delivery page and escalation queue, unit contacts, an account's mobile."""

from django.apps import apps
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, role_required
from fuyuan.units.models import MemberUnit

from . import receipts, selectors, services
from .forms import AccountMobileForm, UnitContactsForm
from .masking import mask_mobile
from .models import AccountMobile, DeliveryStatus, Escalation, MessageKind, UnitContacts

ANY_ROLE = tuple(Role)


@role_required(*ANY_ROLE)
def open_message(request, token):
    """The link in a message: read when opened by an account of its unit; then on to the item."""
    message = receipts.message_for_token(token)
    if message is None:
        raise Http404
    receipts.mark_read_by_link(message, request.user)
    return redirect(message.path or "home")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@role_required(Role.OFFICE)
def delivery_list(request):
    """消息必达: every message with its channels, delivery and read times; per-unit figures; escalations."""
    items = selectors.messages_with_deliveries()
    unit_id, kind, state = _int(request.GET.get("unit")), request.GET.get("kind", ""), request.GET.get("state", "")
    task_id = _int(request.GET.get("task"))
    # Looked up by name: messaging sits below tasks and does not import it.
    task = apps.get_model("tasks", "Task").objects.filter(pk=task_id).first() if task_id else None
    if task is not None:  # every message about one item (its page shows the latest)
        items = items.filter(task_id=task.pk)
    if unit_id:
        items = items.filter(unit_id=unit_id)
    if kind in MessageKind.values:
        items = items.filter(kind=kind)
    if state == "unread":
        items = items.filter(read_at__isnull=True, unit__isnull=False)
    elif state == "failed":
        items = items.filter(deliveries__status=DeliveryStatus.FAILED).distinct()
    page = Paginator(items.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("task", task.pk if task else ""), ("unit", unit_id or ""),
                                              ("kind", kind), ("state", state)) if v)
    return render(request, "messaging/delivery_list.html", {
        "page": page, "query": query, "summary": selectors.per_unit_summary(items),
        "escalations": selectors.open_escalations(), "units": MemberUnit.objects.active(),
        "kinds": MessageKind.choices, "unit_id": unit_id, "kind": kind, "state": state, "task": task})


@role_required(Role.OFFICE)
@require_POST
def escalation_handled(request, pk):
    """Take an escalation off the office's queue."""
    escalation = get_object_or_404(Escalation, pk=pk)
    services.mark_escalation_handled(escalation=escalation, by=request.user, request=request)
    messages.success(request, _("Escalation marked as handled."))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/") else "messaging:list")


@role_required(Role.OFFICE)
def unit_contacts(request, pk):
    """The unit page's channels: its group robot, its liaison's mobile, its leaders for escalation."""
    unit = get_object_or_404(MemberUnit, pk=pk)
    contacts = UnitContacts.objects.filter(unit=unit).first() or UnitContacts(unit=unit)
    form = UnitContactsForm(request.POST or None, instance=contacts)
    if request.method == "POST" and form.is_valid():
        services.save_unit_contacts(form=form, unit=unit, by=request.user, request=request)
        messages.success(request, _("Channels of “%(name)s” saved.") % {"name": unit.name})
        return redirect("messaging:unit_contacts", pk=unit.pk)
    revealed = None
    if request.GET.get("reveal") == "1" and contacts.pk:
        services.reveal_unit_contacts(unit=unit, by=request.user, request=request)
        revealed = [contacts.sms_mobile, contacts.leader_in_charge_mobile, contacts.head_mobile]
    return render(request, "messaging/unit_contacts.html", {"unit": unit, "form": form, "contacts": contacts,
                                                             "revealed": revealed})


@role_required(*ANY_ROLE)
def my_mobile(request):
    """An account's own mobile number for SMS, given with consent and withdrawn at any time."""
    stored = AccountMobile.objects.filter(user=request.user).first()
    form = AccountMobileForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("withdraw"):
            services.withdraw_own_mobile(user=request.user, request=request)
            messages.success(request, _("Your mobile number has been erased."))
            return redirect("messaging:my_mobile")
        if form.is_valid():
            services.set_own_mobile(user=request.user, mobile=form.cleaned_data["mobile"], request=request)
            messages.success(request, _("Your mobile number has been saved."))
            return redirect("messaging:my_mobile")
    return render(request, "messaging/my_mobile.html", {
        "form": form, "stored": stored, "masked": mask_mobile(stored.mobile) if stored else ""})
