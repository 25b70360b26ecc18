"""Pages of the file upload: choose a file, read its report or preview, send the proposals.

The rows checked at the preview are kept in the session, never sent back by the browser; the
submission checks them again, as the records are then, and files them all or none.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.proposal import ProposalError
from geoplan.registry.models import Organization, ServiceCategory, Site
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup

from . import bulk

SESSION_KEY = "partner_upload"
TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": gettext_lazy("Choose a .csv or .xlsx file."),
            "empty": gettext_lazy("The file is empty."),
        },
    )


def _own_organisations(user) -> frozenset[int]:
    organisations = organisation_ids(user)
    if not organisations:
        raise PermissionDenied(_("Only members of a partner organisation can upload files."))
    return organisations


def _page(request, organisations, form, **extra):
    context = {
        "form": form,
        "columns": bulk.COLUMNS,
        "max_rows": bulk.MAX_ROWS,
        "max_mib": bulk.MAX_UPLOAD_BYTES // 2**20,
        "organisations": Organization.objects.filter(pk__in=organisations).order_by("name"),
        "sites": Site.objects.filter(organization_id__in=organisations)
        .select_related("organization")
        .prefetch_related("services__category")
        .order_by("name"),
        "categories": ServiceCategory.objects.all(),
        "target_groups": TargetGroup.choices,
        "languages": LANGUAGES,
        "nav": "upload",
        **extra,
    }
    return render(request, "partner/upload.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    organisations = _own_organisations(request.user)
    if request.method == "GET":
        return _page(request, organisations, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    request.session.pop(SESSION_KEY, None)
    if not form.is_valid():
        return _page(request, organisations, form)
    try:
        rows = bulk.read_upload(form.cleaned_data["file"])
    except bulk.UploadRefused as exc:
        form.add_error("file", exc.message)
        return _page(request, organisations, form)
    report = bulk.check_rows(rows, request.user)
    if not report.ok or not report.to_file:
        return _page(request, organisations, UploadForm(), report=report)
    request.session[SESSION_KEY] = {
        "token": secrets.token_urlsafe(16),
        "name": form.cleaned_data["file"].name,
        "proposals": [p.as_data() for p in report.to_file],
        "unchanged": report.unchanged_lines,
    }
    return redirect("partner:upload_submit")


def _after_submit() -> str:
    try:
        return reverse("partner:changes")
    except NoReverseMatch:
        return reverse("partner:upload")


@login_required
@require_http_methods(["GET", "POST"])
def upload_submit(request):
    """GET: the preview of the file checked last; POST: file its change requests."""
    organisations = _own_organisations(request.user)
    kept = request.session.get(SESSION_KEY)
    if not kept:
        messages.info(request, _("Nothing is waiting to be sent: upload a file first."))
        return redirect("partner:upload")
    report = bulk.recheck(kept["proposals"], request.user)
    if not report.ok:
        request.session.pop(SESSION_KEY, None)
        return _page(
            request,
            organisations,
            UploadForm(),
            report=report,
            changed_since=True,
        )
    if request.method == "GET":
        return render(
            request,
            "partner/upload_preview.html",
            {
                "cards": bulk.preview(report, request.user),
                "count": len(report.to_file),
                "token": kept["token"],
                "name": kept.get("name", ""),
                "unchanged": kept.get("unchanged", []),
                "nav": "upload",
            },
        )
    if not secrets.compare_digest(str(request.POST.get("token", "")), kept["token"]):
        messages.warning(
            request,
            _("Another file was checked since that page was shown: review this preview first."),
        )
        return redirect("partner:upload_submit")
    try:
        changes = bulk.file_proposals(report, request.user)
    except (ProposalError, PermissionDenied) as exc:
        request.session.pop(SESSION_KEY, None)
        messages.error(
            request,
            _("Nothing was sent: %(reason)s Upload the file again.")
            % {"reason": "; ".join(getattr(exc, "messages", None) or [str(exc)])},
        )
        return redirect("partner:upload")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        ngettext(
            "%(n)d change request sent for review.",
            "%(n)d change requests sent for review.",
            len(changes),
        )
        % {"n": len(changes)},
    )
    return redirect(_after_submit())


@login_required
def upload_template(request, fmt: str):
    """An empty file with the columns, to fill in and upload."""
    _own_organisations(request.user)
    if fmt not in TEMPLATE_TYPES:
        raise Http404(_("Templates are .csv or .xlsx."))
    content = bulk.template_csv() if fmt == "csv" else bulk.template_xlsx()
    response = HttpResponse(content, content_type=TEMPLATE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="geoplan-sites-services.{fmt}"'
    return response
