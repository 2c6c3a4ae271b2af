"""The one shape every Excel import page has: upload → check every row → write all or show every problem."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .excel_read import WorkbookRefused
from .forms import BootstrapMixin
from .upload_policy import validate_workbook


class WorkbookForm(BootstrapMixin, forms.Form):
    workbook = forms.FileField(label=_("Excel workbook (.xlsx)"), validators=[validate_workbook])


def excel_import_page(request, *, title, help_text, validate, save, template_url=""):
    """Render the import page; `validate(bytes)` → (records, errors); `save(records)` → context additions."""
    form = WorkbookForm(request.POST or None, request.FILES or None)
    context = {"form": form, "title": title, "help": help_text, "errors": [], "template_url": template_url}
    if request.method == "POST" and form.is_valid():
        try:
            records, errors = validate(form.cleaned_data["workbook"].read())
        except WorkbookRefused as refusal:
            form.add_error("workbook", str(refusal))
        else:
            if errors:
                context["errors"] = errors
            else:
                context.update(save(records))
    return render(request, "_excel_import.html", context)
