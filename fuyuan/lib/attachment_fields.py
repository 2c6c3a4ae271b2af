"""A form field for several files sent together (a report's photos and documents), each under the upload policy.

One bad file refuses the whole submission: the message names the file and says why, and nothing is stored.
The files together stay under the one size cap, which is also what `UploadSizeMiddleware` lets through.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .upload_policy import ATTACHMENT, UploadRefused, check_upload, max_bytes

MAX_FILES = 20
# What the phone's picker offers first: photos, then the formats the policy takes.
ACCEPT = "image/*," + ",".join("." + kind for kind in ATTACHMENT)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Cleans to a list of uploads (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # Read by static/js/mobile.js to warn before sending what the server would refuse.
        attrs["data-total-limit"] = str(max_bytes())
        attrs["data-total-note"] = str(_("Together the files are larger than %(mb)s MB; send fewer or smaller files.")
                                       % {"mb": settings.UPLOAD_MAX_MB})
        attrs["data-count-text"] = str(_("{n} files, {size} in all"))
        return attrs

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if not uploads:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)s files can be sent at once.") % {"n": MAX_FILES},
                                        code="too_many")
        cleaned = [super(AttachmentsField, self).clean(upload, initial) for upload in uploads]
        errors = []
        for upload in cleaned:
            try:
                check_upload(upload, ATTACHMENT)
            except UploadRefused as refusal:
                errors.append(forms.ValidationError(_("「%(name)s」: %(reason)s") % {"name": upload.name,
                                                                                   "reason": refusal},
                                                    code="upload"))
        if errors:
            raise forms.ValidationError(errors)
        if sum(upload.size for upload in cleaned) > max_bytes():
            raise forms.ValidationError(_("Together the files are larger than %(mb)s MB; send fewer or smaller "
                                          "files.") % {"mb": settings.UPLOAD_MAX_MB}, code="total")
        return cleaned
