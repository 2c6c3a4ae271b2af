"""The audit chain: every audit entry's SHA-256 over its content and the previous link's hash.

auditlog's table is a third-party model, so the chain lives beside it, one row per entry, written in the
entry's own transaction. Rewriting, deleting or inserting an entry afterwards — even by someone with the
owner's rights who disabled the guards — breaks the chain at that entry (`verify_audit`, the auditor's page).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLink(models.Model):
    entry_id = models.BigIntegerField(_("audit entry"), unique=True)
    previous = models.CharField(_("previous hash"), max_length=64)
    digest = models.CharField(_("hash"), max_length=64)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("audit chain link")
        verbose_name_plural = _("audit chain links")

    def __str__(self):
        return f"{self.entry_id} {self.digest[:12]}"
