"""/tasks/<id>/edit/: the office edits an item; every change goes through tasks.editing.edit_task."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, role_required

from .editing import edit_task
from .forms import TaskEditForm
from .models import Task
from .services import TransitionRefused


@role_required(Role.OFFICE)
def edit(request, pk):
    """The edit form; a refused or invalid edit shows the form again with everything typed and the reason."""
    task = get_object_or_404(Task.objects.visible_to(request.user).select_related("category", "plan"), pk=pk)
    form = TaskEditForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes = edit_task(task=task, by=request.user, title=data["title"], category=data["category"],
                                lead_units=list(data["lead_units"]), responsible_units=list(data["responsible_units"]),
                                due_date=data.get("due_date"), deadline_reason=data.get("deadline_reason", ""),
                                removal_reason=data["removal_reason"], request=request)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Item saved: %(changes)s") % {"changes": "；".join(changes)})
            return redirect(task)
    return render(request, "tasks/task_edit.html", {"form": form, "task": task})
