"""Each report's single attachment and each closure request's single evidence file become an Attachment row.

The stored files stay where they are; only the reference moves. The name shown is the stored file's base name
(the name the unit sent, unless storage had to make it unique); the size is read from storage, 0 if the file is
missing there (the row is kept all the same, so nothing that was listed disappears).
"""

from django.db import migrations


def _size(field):
    try:
        return field.storage.size(field.name)
    except (OSError, NotImplementedError):
        return 0


def forwards(apps, schema_editor):
    Attachment = apps.get_model("tasks", "Attachment")
    ProgressReport = apps.get_model("tasks", "ProgressReport")
    ClosureRequest = apps.get_model("tasks", "ClosureRequest")
    rows = []
    for report in ProgressReport.objects.exclude(attachment="").only("pk", "attachment").iterator():
        field = report.attachment
        rows.append(Attachment(report_id=report.pk, file=field.name, name=field.name.rsplit("/", 1)[-1],
                               size=_size(field)))
    for closure in ClosureRequest.objects.exclude(evidence="").only("pk", "evidence").iterator():
        field = closure.evidence
        rows.append(Attachment(closure_id=closure.pk, file=field.name, name=field.name.rsplit("/", 1)[-1],
                               size=_size(field)))
    Attachment.objects.bulk_create(rows, batch_size=1000)


def backwards(apps, schema_editor):
    """Back to one file per record: the first attachment of each (the others stay in storage, unreferenced)."""
    Attachment = apps.get_model("tasks", "Attachment")
    ProgressReport = apps.get_model("tasks", "ProgressReport")
    ClosureRequest = apps.get_model("tasks", "ClosureRequest")
    for attachment in Attachment.objects.order_by("-order", "-pk").iterator():
        if attachment.report_id:
            ProgressReport.objects.filter(pk=attachment.report_id).update(attachment=attachment.file.name)
        else:
            ClosureRequest.objects.filter(pk=attachment.closure_id).update(evidence=attachment.file.name)
    Attachment.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("tasks", "0006_attachments_several_per_record"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
