"""The supervision engine's records: plans, tasks and their units, reports, extensions, closures, reminders.

缺报 and the latest report are kept in indexed columns by the services (report_state.py), and so is the
traffic light with the day it next turns by the date alone (light_state.py), because every list page needs
them; the light of any other day than today is computed in the query.
"""

import datetime
import functools

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fuyuan.units.models import MemberUnit

from . import deadlines


class Origin(models.TextChoices):
    PLAN = "plan", _("Plan")
    MEETING = "meeting", _("Meeting decision")
    SUGGESTION = "suggestion", _("Suggestion reply")
    ADHOC = "adhoc", _("Ad hoc")


class Status(models.TextChoices):
    DRAFT = deadlines.DRAFT, _("Draft")
    ASSIGNED = deadlines.ASSIGNED, _("Assigned")
    IN_PROGRESS = deadlines.IN_PROGRESS, _("In progress")
    CLOSURE_REQUESTED = deadlines.CLOSURE_REQUESTED, _("Closure requested")
    CLOSED = deadlines.CLOSED, _("Closed")
    CANCELLED = deadlines.CANCELLED_STATUS, _("Cancelled")


OPEN_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED)

# What the stored light is computed from (besides the date), and the stored columns (see light_state.py).
LIGHT_INPUTS = frozenset({"status", "deadline_kind", "due_date", "closure_requested_on"})
LIGHT_COLUMNS = ("stored_light", "stored_light_order", "light_changes_on")
# light_changes_on of a row whose light was never computed (inserted in bulk, or by an older release): the
# next catch-up computes it, whichever day that is.
LIGHT_NOT_COMPUTED = datetime.date(1, 1, 1)


class DeadlineKind(models.TextChoices):
    DATE = deadlines.KIND_DATE, _("By a date")
    LONG_TERM = deadlines.KIND_LONG_TERM, _("Long-term")
    PERIODIC = deadlines.KIND_PERIODIC, _("Periodic")
    NONE = deadlines.KIND_NONE, _("No deadline")


class Cycle(models.TextChoices):
    MONTHLY = deadlines.MONTHLY, _("Monthly")
    QUARTERLY = deadlines.QUARTERLY, _("Quarterly")
    HALF_YEARLY = deadlines.HALF_YEARLY, _("Half-yearly")
    YEARLY = deadlines.YEARLY, _("Yearly")


class UnitRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    RESPONSIBLE = "responsible", _("Responsible unit")


class Plan(models.Model):
    """An implementation plan (实施方案) as issued; its text is kept as the source of its tasks."""

    title = models.CharField(_("title"), max_length=200)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuers = models.CharField(_("issued by"), max_length=200, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    # sha256 of the normalised source text: the same plan pasted twice is recognised even without a 文号.
    source_hash = models.CharField(_("source text fingerprint"), max_length=64, blank=True, db_index=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="later_versions", verbose_name=_("previous version"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.title


class Category(models.Model):
    """A plan's numbered heading (一、…) under which its tasks sit."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="categories", verbose_name=_("plan"))
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.number}、{self.title}" if self.number else self.title


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The tasks a user may see: all for office and leaders, their unit's assigned work for liaisons."""
        from fuyuan.accounts.roles import Role

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role in (Role.OFFICE, Role.LEADER):
            return self
        if user.role in (Role.LIAISON, Role.ISSUER) and user.unit_id:
            mine = TaskUnit.objects.filter(task=models.OuterRef("pk"), unit_id=user.unit_id)
            return self.exclude(status=Status.DRAFT).filter(models.Exists(mine))
        return self.none()

    def with_light(self, today=None, warn_days=None):
        """Annotate `light` (see deadlines.light) and `light_order` (red first) computed in the database."""
        from .selectors import light_expression, light_order_expression

        today = today or timezone.localdate()
        warn_days = settings.DUE_SOON_DAYS if warn_days is None else warn_days
        return self.annotate(light=light_expression(today, warn_days)).annotate(
            light_order=light_order_expression()
        )


class Task(models.Model):
    """A supervised item (督办事项): something units must deliver by a deadline, watched by the office."""

    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.ADHOC)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks",
                             verbose_name=_("plan"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks",
                                 verbose_name=_("category"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent item"))
    # Unique across the ledger and telling its source: see tasks/numbering.py.
    number = models.CharField(_("number"), max_length=60, blank=True)
    sort_key = models.CharField(_("sort key"), max_length=60, blank=True, db_index=True)
    title = models.CharField(_("item"), max_length=300)
    body = models.TextField(_("content"), blank=True)
    lead_text = models.CharField(_("lead units as printed"), max_length=500, blank=True)
    responsible_text = models.CharField(_("responsible units as printed"), max_length=500, blank=True)
    units = models.ManyToManyField(MemberUnit, through="TaskUnit", related_name="tasks", verbose_name=_("units"))

    deadline_kind = models.CharField(_("deadline kind"), max_length=20, choices=DeadlineKind.choices,
                                     default=DeadlineKind.DATE)
    deadline_text = models.CharField(_("deadline as printed"), max_length=100, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    # Long-term and periodic items owe a report every cycle, due REPORT_GRACE_DAYS after each period ends.
    cycle = models.CharField(_("reporting cycle"), max_length=20, choices=Cycle.choices, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    closure_requested_on = models.DateField(_("closure requested on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Stored for the list pages, written only by the services (see report_state.py and report_progress):
    # the earliest of its units' unreported_period_end, and the newest progress report.
    unreported_period_end = models.DateField(null=True, blank=True, editable=False, db_index=True)
    latest_report = models.ForeignKey("ProgressReport", on_delete=models.SET_NULL, null=True, blank=True,
                                      editable=False, related_name="+")
    # Stored for the ledger's counts and order (light_state.py): the light and its rank as of the day it was
    # computed, and the day it next turns by the date alone (NULL: never by the date). Every save() of a light
    # input recomputes them; a catch-up before each read brings the rows whose day has come up to date.
    stored_light = models.CharField(max_length=20, blank=True, editable=False)
    stored_light_order = models.PositiveSmallIntegerField(default=99, editable=False)
    light_changes_on = models.DateField(null=True, blank=True, editable=False, db_index=True,
                                        default=LIGHT_NOT_COMPUTED)
    # The indicator that measures this item (「出庭应诉率达到90%以上」): the item page shows its live value.
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="tasks", verbose_name=_("indicator"))

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("supervised item")
        verbose_name_plural = _("supervised items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline_kind=deadlines.KIND_DATE) | Q(due_date__isnull=False),
                name="task_date_deadline_has_due_date",
            ),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="task_number_unique"),
        ]
        indexes = [
            # The ledger's default order (ledger_paging.DEFAULT_ORDER): its first page is the index's first 50 rows.
            models.Index(fields=["stored_light_order", "due_date", "sort_key", "id"], name="task_ledger_order"),
            # Its counts per light and 缺报 (selectors.light_count_groups), read from the index alone, in order.
            models.Index(fields=["stored_light_order", "status", "unreported_period_end"], name="task_light_counts"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def save(self, *args, **kwargs):
        """Save, keeping the stored light in step with its inputs (a save that touches none leaves it)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or LIGHT_INPUTS.intersection(update_fields):
            self.compute_stored_light()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *LIGHT_COLUMNS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("tasks:detail", args=[self.pk])

    def compute_stored_light(self, today=None):
        """Set the stored light columns from this instance's fields, as of today (for save() and bulk inserts)."""
        values = dict(status=self.status, deadline_kind=self.deadline_kind, due_date=self.due_date,
                      closure_submitted_on=self.closure_requested_on, today=today or timezone.localdate(),
                      warn_days=settings.DUE_SOON_DAYS)
        self.stored_light = deadlines.light(**values)
        self.stored_light_order = deadlines.LIGHTS.index(self.stored_light)
        self.light_changes_on = deadlines.light_changes_on(**values)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def owes_periodic_reports(self):
        return self.deadline_kind in (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC) and bool(self.cycle)

    def light_today(self, today=None):
        """The light in Python, for a single task already in memory."""
        return deadlines.light(
            status=self.status, deadline_kind=self.deadline_kind, due_date=self.due_date,
            closure_submitted_on=self.closure_requested_on, today=today or timezone.localdate(),
            warn_days=settings.DUE_SOON_DAYS,
        )

    @property
    def deadline_display(self):
        return deadline_display(self.deadline_kind, self.deadline_text, self.due_date, self.cycle)


def deadline_display(deadline_kind, deadline_text, due_date, cycle):
    """The deadline as printed: the plan's own words, else the date, else the kind and its reporting cycle.

    From the four values, so list pages read as values print it without building a Task per row.
    """
    if deadline_text:
        return deadline_text
    if due_date:
        return f"{due_date.year}年{due_date.month}月{due_date.day}日"
    return _kind_and_cycle(deadline_kind, cycle, get_language())


@functools.lru_cache(maxsize=64)
def _kind_and_cycle(deadline_kind, cycle, language):
    """An undated item's deadline as printed, e.g. 长期坚持（每季度报送）: the same few kinds, cycles and languages
    on every row of every list, so worded once each (through the choices' lazy labels it cost ~90 calls a row)."""
    kind = DeadlineKind(deadline_kind).label if deadline_kind in DeadlineKind.values else deadline_kind
    if cycle:
        # e.g. 长期坚持（每季度报送）: reads back to the same kind and cycle when re-imported.
        return _("%(kind)s (report %(cycle)s)") % {
            "kind": kind, "cycle": Cycle(cycle).label if cycle in Cycle.values else cycle}
    return str(kind)


class LightState(models.Model):
    """One row: what the stored lights were computed with and up to which day (see light_state.py).

    `warn_days` is the DUE_SOON_DAYS the stored lights assume (a change recomputes them all); `caught_up_on`
    the latest day a catch-up brought every row up to date (a reader whose date is before it, a clock set
    back, computes the light instead of reading it).
    """

    warn_days = models.PositiveSmallIntegerField()
    caught_up_on = models.DateField()

    class Meta:
        verbose_name = _("stored lights' state")
        verbose_name_plural = _("stored lights' state")

    def __str__(self):
        return f"{self.caught_up_on} ({self.warn_days})"


class TaskUnit(models.Model):
    """A unit's part in a task: lead or responsible, in printed order, and when it signed for it (签收)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("item"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="assignments",
                             verbose_name=_("unit"))
    role = models.CharField(_("part"), max_length=20, choices=UnitRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("signed by"))
    # The printed collective (旗直各相关部门…) this unit was named through, blank when named itself: such a
    # unit is not named as lagging in the 通报 for an item it never signed.
    via_group = models.CharField(_("named through"), max_length=100, blank=True)
    # The last day of the oldest period this unit has not reported for (long-term and periodic items only):
    # 缺报 today when it is before today − REPORT_GRACE_DAYS. Kept by report_state.refresh.
    unreported_period_end = models.DateField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        # Not ordered by task: a prefetch of many tasks' units would join and sort the task table.
        ordering = ["role", "order", "pk"]
        verbose_name = _("assigned unit")
        verbose_name_plural = _("assigned units")
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="taskunit_once_per_task")]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"


class Target(models.Model):
    """A quantitative target of a task, e.g. 出庭应诉率 ≥ 90%."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets", verbose_name=_("item"))
    text = models.CharField(_("target"), max_length=200)
    comparator = models.CharField(_("comparator"), max_length=2, blank=True,
                                  choices=[(">=", "≥"), ("<=", "≤"), ("=", "="), (">", ">"), ("<", "<")])
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    value_unit = models.CharField(_("unit of measure"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.text


def attachment_path(instance, filename):
    return f"tasks/{timezone.localdate():%Y/%m}/{filename}"


class ProgressReport(models.Model):
    """进展报送: what a unit did on a task, optionally for one reporting period of a long-term task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("item"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("unit"))
    period_key = models.CharField(_("period"), max_length=10, blank=True, db_index=True)
    text = models.TextField(_("progress"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["task", "unit", "period_key"])]

    def __str__(self):
        return f"{self.unit} {self.period_key}".strip()

    @property
    def period_label(self):
        return deadlines.period_from_key(self.period_key).label if self.period_key else ""


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ExtensionRequest(models.Model):
    """延期申请 by the lead unit; an approval moves the task's due date and keeps the old one here."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("item"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    old_due_date = models.DateField(_("due date before"))
    new_due_date = models.DateField(_("requested due date"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.UniqueConstraint(fields=["task"], condition=Q(decision="pending"),
                                    name="one_pending_extension_per_task"),
        ]

    def __str__(self):
        return f"{self.task} → {self.new_due_date.year}年{self.new_due_date.month}月{self.new_due_date.day}日"


class ClosureRequest(models.Model):
    """申请办结 by the lead unit with its evidence; the office closes the task or sends it back with a reason."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="closures", verbose_name=_("item"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    summary = models.TextField(_("completion summary"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("reason for sending back"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("closure request")
        verbose_name_plural = _("closure requests")
        constraints = [
            models.UniqueConstraint(fields=["task"], condition=Q(decision="pending"),
                                    name="one_pending_closure_per_task"),
        ]

    def __str__(self):
        return f"{self.task} ({self.get_decision_display()})"


class Attachment(models.Model):
    """One file sent with a progress report or a closure request (a suggestion's reply is its item's closure request).

    A submission holds any number of them; `name` and `size` are the file as the unit sent it (storage may rename
    the stored file to keep it unique).
    """

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="attachments", verbose_name=_("progress report"))
    closure = models.ForeignKey(ClosureRequest, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="attachments", verbose_name=_("closure request"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(condition=Q(report__isnull=False, closure__isnull=True)
                                   | Q(report__isnull=True, closure__isnull=False),
                                   name="attachment_of_one_record"),
        ]

    def __str__(self):
        return self.name


class ReminderReason(models.TextChoices):
    MANUAL = "manual", _("Reminder from the office")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    MISSING_REPORT = "missing_report", _("Report missing")


class Reminder(models.Model):
    """催办 to one unit about one task; automatic ones carry a key so a daily scan never repeats itself."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("item"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("unit"))
    reason = models.CharField(_("reason"), max_length=20, choices=ReminderReason.choices)
    # due date (临期/逾期) or period key (缺报) the automatic reminder is about; blank for manual ones
    dedupe_key = models.CharField(max_length=20, blank=True)
    message = models.TextField(_("message"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("sent by"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    emailed_to = models.TextField(_("emailed to"), blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "reason", "dedupe_key"],
                                    condition=~Q(reason="manual"), name="automatic_reminder_once"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}：{self.task} → {self.unit}"


class Notification(models.Model):
    """An in-app message to one account (交办, 催办, 退回, decisions); unread until opened."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                             verbose_name=_("account"))
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("item"))
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    text = models.CharField(_("message"), max_length=500)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    ASSIGNED = "assigned", _("Assigned")
    SIGNED = "signed", _("Signed for")
    REPORTED = "reported", _("Progress reported")
    EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
    EXTENSION_APPROVED = "extension_approved", _("Extension approved")
    EXTENSION_REJECTED = "extension_rejected", _("Extension rejected")
    CLOSURE_REQUESTED = "closure_requested", _("Closure requested")
    CLOSED = "closed", _("Closed")
    RETURNED = "returned", _("Sent back")
    CANCELLED = "cancelled", _("Cancelled")
    REMINDED = "reminded", _("Reminder sent")
    EDITED = "edited", _("Edited")
    DEADLINE_CHANGED = "deadline_changed", _("Deadline changed by the office")
    UNIT_ADDED = "unit_added", _("Unit added")
    UNIT_REMOVED = "unit_removed", _("Unit removed")


class TaskEvent(models.Model):
    """One line of a task's timeline: what happened, to which unit, by whom, when."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events", verbose_name=_("item"))
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    text = models.TextField(_("detail"), blank=True)
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("item event")
        verbose_name_plural = _("item events")

    def __str__(self):
        return f"{self.get_kind_display()} {self.task}"


class RemovedAssignment(models.Model):
    """A unit the office took off an item: its part as it was, kept so its history stays readable.

    The live TaskUnit row is deleted (every count and scope reads TaskUnit); the unit's reports, reminders
    and timeline lines stay with the task.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="removed_assignments",
                             verbose_name=_("item"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    role = models.CharField(_("part"), max_length=20, choices=UnitRole.choices)
    via_group = models.CharField(_("named through"), max_length=100, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("removed by"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["task", "removed_at"]
        verbose_name = _("removed unit")
        verbose_name_plural = _("removed units")

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"


class PlanReview(models.Model):
    """One review page of a plan import: its token may confirm the import once (browser Back cannot repeat it)."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")

    def __str__(self):
        return self.token[:8]
