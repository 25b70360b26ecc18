"""CSV upload in the admin, shared by the importers of both apps.

`CsvUploadForm` turns an uploaded file into text (size, type and encoding checked);
`CsvImportAdminMixin` adds an "import/" page to a ModelAdmin that hands that text to the same
import function the management command uses. The importers are all-or-nothing, so a rejected
file changes nothing and the page lists every bad row.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
CSV_CONTENT_TYPES = {"text/csv", "application/csv", "text/x-csv", "text/comma-separated-values"}


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8 text, comma-separated, first line the column names."),
        error_messages={"empty": gettext_lazy("The file is empty.")},
    )

    def clean_file(self) -> str:
        """Return the file's text; refuse it before reading when it is too big."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is too large: %(size)d bytes, over the limit of %(limit_mib)d MiB "
                    "(%(limit)d bytes)."
                )
                % {
                    "size": upload.size,
                    "limit": MAX_UPLOAD_BYTES,
                    "limit_mib": MAX_UPLOAD_BYTES // 2**20,
                },
                code="too_large",
            )
        content_type = (upload.content_type or "").split(";")[0].strip().lower()
        if not upload.name.lower().endswith(".csv") and content_type not in CSV_CONTENT_TYPES:
            raise forms.ValidationError(
                _("%(name)s is not a CSV file: the name must end in .csv.") % {"name": upload.name},
                code="not_csv",
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                _(
                    "The file is not UTF-8 text (byte %(position)d cannot be read). "
                    "Save it as “CSV UTF-8” and upload it again."
                )
                % {"position": exc.start + 1},
                code="not_utf8",
            ) from exc
        if not text.strip():
            raise forms.ValidationError(self.fields["file"].error_messages["empty"], code="empty")
        return text


class CsvImportAdminMixin:
    """Adds an upload page at `<changelist>/import/` for users who may add this model.

    Set `csv_import = staticmethod(f)`, f taking the file's text and returning a result;
    `csv_import_rejected`, the exception it raises with `.errors` (each with `line`, `reason`);
    and `csv_import_report(request, result)` to turn the result into admin messages.
    """

    csv_import: Callable
    csv_import_rejected: type[Exception]
    csv_import_title = ""
    csv_import_columns: tuple[str, ...] = ()
    csv_import_help = ""
    csv_import_template = "admin/csv_upload.html"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_import"
        view = self.admin_site.admin_view(self.csv_import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def csv_import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CsvUploadForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                result = self.csv_import(form.cleaned_data["file"])
            except self.csv_import_rejected as exc:
                errors = [str(e) for e in exc.errors]
            else:
                self.csv_import_report(request, result)
                opts = self.model._meta
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.csv_import_title,
            "form": form,
            "errors": errors,
            "columns": self.csv_import_columns,
            "help": self.csv_import_help,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.csv_import_template, context)

    def csv_import_report(self, request, result) -> None:
        raise NotImplementedError
