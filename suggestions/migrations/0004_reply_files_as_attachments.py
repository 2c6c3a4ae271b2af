"""A reply's file was stored once, as its closure request's evidence, and referred to from the suggestion.

Those are now Attachment rows of the closure request (tasks 0007). A reply file that is not among them (written
before the reply became a closure request, or left from an earlier round) is attached to the reply item's latest
closure request, so the suggestion's page still lists it.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Suggestion = apps.get_model("suggestions", "Suggestion")
    Attachment = apps.get_model("tasks", "Attachment")
    ClosureRequest = apps.get_model("tasks", "ClosureRequest")
    for suggestion in Suggestion.objects.exclude(reply_attachment="").only("pk", "task_id", "reply_attachment"):
        name = suggestion.reply_attachment.name
        if Attachment.objects.filter(closure__task_id=suggestion.task_id, file=name).exists():
            continue
        closure = ClosureRequest.objects.filter(task_id=suggestion.task_id).order_by("-requested_at", "-pk").first()
        if closure is None:
            # A reply always made a closure request; a row without one would be hand-made data. Keep the
            # reference rather than lose it: refuse to migrate.
            raise RuntimeError(f"suggestion {suggestion.pk}: reply file {name} has no closure request to move to")
        try:
            size = suggestion.reply_attachment.storage.size(name)
        except (OSError, NotImplementedError):
            size = 0
        Attachment.objects.create(closure_id=closure.pk, file=name, name=name.rsplit("/", 1)[-1], size=size)


def backwards(apps, schema_editor):
    """The reply's file is again the first attachment of the reply item's latest closure request."""
    Suggestion = apps.get_model("suggestions", "Suggestion")
    Attachment = apps.get_model("tasks", "Attachment")
    for suggestion in Suggestion.objects.only("pk", "task_id"):
        first = (Attachment.objects.filter(closure__task_id=suggestion.task_id)
                 .order_by("-closure__requested_at", "-closure_id", "order", "pk").first())
        if first is not None:
            Suggestion.objects.filter(pk=suggestion.pk).update(reply_attachment=first.file.name)


class Migration(migrations.Migration):

    dependencies = [
        ("suggestions", "0003_replyrule_working_days"),
        ("tasks", "0007_move_single_attachments"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
