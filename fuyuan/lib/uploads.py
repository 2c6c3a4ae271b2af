"""Uploaded files and transactions: a file written inside a service whose transaction rolls back is deleted.

Django has no on-rollback hook, and a FileField writes its file to storage during `save()`, long before the
transaction's outcome is known. Services that store uploads use `@atomic_with_uploads` instead of
`@transaction.atomic`: every file a model save commits to storage inside it is remembered, and deleted if the
block raises. (A rollback of an enclosing transaction the service does not own is not seen; services own theirs.)
"""

import contextvars
import functools

from django.db import transaction
from django.db.models.fields.files import FileField
from django.db.models.signals import post_save, pre_save

_written = contextvars.ContextVar("uploads_written", default=None)


def _file_fields(instance):
    return [f for f in instance._meta.concrete_fields if isinstance(f, FileField)]


def _note_pending(sender, instance, raw=False, **kwargs):
    if raw or _written.get() is None:
        return
    # Files not yet in storage; FileField.pre_save writes them during this save.
    instance._uploads_pending = [f.attname for f in _file_fields(instance)
                                 if getattr(instance, f.attname) and not getattr(instance, f.attname)._committed]


def _record_written(sender, instance, raw=False, **kwargs):
    written = _written.get()
    pending = getattr(instance, "_uploads_pending", None)
    if raw or written is None or not pending:
        return
    for attname in pending:
        file = getattr(instance, attname)
        written.append((file.storage, file.name))
    instance._uploads_pending = []


pre_save.connect(_note_pending, dispatch_uid="fuyuan.uploads.pending")
post_save.connect(_record_written, dispatch_uid="fuyuan.uploads.written")


def atomic_with_uploads(func):
    """Like @transaction.atomic, and deletes the files the function stored if it raises (the rows roll back)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        outer = _written.get()
        written = []
        token = _written.set(written)
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
        except BaseException:
            for storage, name in written:
                storage.delete(name)
            raise
        finally:
            _written.reset(token)
        if outer is not None:
            outer.extend(written)  # an enclosing service that rolls back removes these too
        return result

    return wrapper
