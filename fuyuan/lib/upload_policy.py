"""One upload policy for every file a person sends: an allow-list by name *and* content, one size cap,
and a zip inspection that refuses decompression bombs before any parser opens the archive.

Why a dozen lines of magic numbers and no library: the allow-list is ten office formats with fixed
signatures; python-magic needs the libmagic C library and its database on every server, and neither it
nor the pure-Python sniffers tell a .docx from any other zip or check member sizes, which is the part
that matters here. The checks read the first bytes and the zip's central directory only.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .wps, .et (Compound File Binary)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")

# Limits on what an archive may inflate to. A 5,000-row import workbook inflates to about 10 MB and a long
# plan's document.xml to a few MB; these leave ample room and keep a worker under 200 MB (see README).
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_MEMBER_BYTES = 40 * 2**20
ZIP_MAX_TOTAL_BYTES = 60 * 2**20
# Office XML compresses 5–20×; a bomb compresses hundreds to thousands of times. Checked on members
# above 1 MB only, so tiny, highly regular parts (styles, empty sheets) never trip it.
ZIP_MAX_RATIO = 100


class UploadRefused(ValueError):
    """The file breaks the upload policy; str() is the message for the user."""


def _zip_with(*members):
    def check(head, data):
        return head.startswith(ZIP) and _has_members(data, members)
    return check


def _has_members(data, members):
    try:
        names = set(zipfile.ZipFile(data).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        data.seek(0)
    return not members or any(m in names for m in members)


def _starts(*signatures):
    return lambda head, data: head.startswith(signatures)


def _text(head, data):
    return b"\x00" not in head


# extension → content check(first 16 bytes, seekable file)
KINDS = {
    "pdf": _starts(b"%PDF-"),
    "ofd": _zip_with("OFD.xml"),
    "doc": _starts(OLE2),
    "xls": _starts(OLE2),
    "wps": _starts(OLE2, *ZIP),
    "et": _starts(OLE2, *ZIP),
    "docx": _zip_with("word/document.xml"),
    "xlsx": _zip_with("xl/workbook.xml"),
    "jpg": _starts(b"\xff\xd8\xff"),
    "jpeg": _starts(b"\xff\xd8\xff"),
    "png": _starts(b"\x89PNG\r\n\x1a\n"),
    "zip": _zip_with(),
    "txt": _text,
}
ATTACHMENT = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "jpg", "jpeg", "png", "zip")
WORKBOOK = ("xlsx",)
PLAN_SOURCE = ("docx", "txt")


def max_bytes() -> int:
    """The one size cap for every upload (UPLOAD_MAX_MB)."""
    return settings.UPLOAD_MAX_MB * 2**20


def check_size(size: int):
    """Refuse a file above the cap, or an empty one."""
    if not size:
        raise UploadRefused(_("The file is empty."))
    if size > max_bytes():
        raise UploadRefused(_("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_MB})


def check_upload(upload, kinds=ATTACHMENT):
    """Refuse an uploaded file (Django UploadedFile or bytes) whose size, name or content is outside `kinds`."""
    if isinstance(upload, bytes | bytearray):
        data, name = io.BytesIO(upload), "." + kinds[0]
        size = len(upload)
    else:
        data, name, size = upload, upload.name or "", upload.size
    check_size(size)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = "、".join("." + kind for kind in kinds)
    if extension not in kinds:
        raise UploadRefused(_("Files of this type cannot be uploaded; allowed: %(kinds)s.") % {"kinds": allowed})
    data.seek(0)
    head = data.read(16)
    data.seek(0)
    if not KINDS[extension](head, data):
        raise UploadRefused(_("The content of this file is not a .%(kind)s file; allowed: %(kinds)s.")
                            % {"kind": extension, "kinds": allowed})
    if head.startswith(ZIP) and extension != "zip":
        inspect_zip(data)
    data.seek(0)


def inspect_zip(data):
    """Refuse an archive whose members would inflate beyond the limits; reads the central directory only."""
    try:
        archive = zipfile.ZipFile(data)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UploadRefused(_("The file is damaged and cannot be opened.")) from error
    finally:
        if hasattr(data, "seek"):
            data.seek(0)
    if len(members) > ZIP_MAX_MEMBERS:
        raise UploadRefused(_("The file holds too many parts (%(n)s).") % {"n": len(members)})
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        too_dense = member.file_size > 2**20 and ratio > ZIP_MAX_RATIO
        if member.file_size > ZIP_MAX_MEMBER_BYTES or total > ZIP_MAX_TOTAL_BYTES or too_dense:
            raise UploadRefused(_("The file would expand to too much data when opened (%(name)s); it is refused.")
                                % {"name": member.filename[:80]})
    return archive


def validate_attachment(upload):
    """Form-field validator: the attachment policy as a ValidationError."""
    try:
        check_upload(upload, ATTACHMENT)
    except UploadRefused as refusal:
        raise ValidationError(str(refusal), code="upload") from refusal


def validate_workbook(upload):
    """Form-field validator for Excel imports."""
    try:
        check_upload(upload, WORKBOOK)
    except UploadRefused as refusal:
        raise ValidationError(str(refusal), code="upload") from refusal


class UploadSizeMiddleware:
    """A multipart request larger than the cap (plus room for the form's fields) is refused before it is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > max_bytes() + 2**20:
                from django.shortcuts import render

                return render(request, "413.html", {"mb": settings.UPLOAD_MAX_MB}, status=413)
        return self.get_response(request)
