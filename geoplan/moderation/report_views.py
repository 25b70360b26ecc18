"""The moderators' list of problems the public reported about public sites, and closing one.

Closing a report records who closed it, when and why; it never changes the registry: a moderator
who finds the report right corrects the record in the admin, or asks its partner to.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from geoplan.accounts.views import moderator_required

from .models import ProblemReport
from .views import waited

# Closed reports shown under the open ones, the latest first.
RECENTLY_CLOSED = 30
NOTE_MAX_CHARS = 2000


class CloseReportForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (ProblemReport.Status.HANDLED, gettext_lazy("handled")),
            (ProblemReport.Status.DISMISSED, gettext_lazy("dismissed")),
        ],
        error_messages={
            "required": gettext_lazy("Say whether the report was handled or dismissed."),
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a decision: a report is either handled or dismissed."
            ),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": gettext_lazy(
                "The note is too long: write at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )


def _page(request, *, status=200, failed=None, form=None):
    now = timezone.now()
    related = ("site", "service", "service__category", "handled_by")
    open_reports = (
        ProblemReport.objects.filter(status=ProblemReport.Status.OPEN)
        .select_related(*related)
        .order_by("created_at", "pk")
    )
    closed = (
        ProblemReport.objects.exclude(status=ProblemReport.Status.OPEN)
        .select_related(*related)
        .order_by("-handled_at", "-pk")[:RECENTLY_CLOSED]
    )
    return render(
        request,
        "moderation/reports.html",
        {
            "rows": [(report, waited(report.created_at, now)) for report in open_reports],
            "closed": closed,
            "failed": failed,
            "form": form,
        },
        status=status,
    )


@moderator_required
def reports(request):
    return _page(request)


@moderator_required
@require_POST
def close(request, pk):
    """Mark an open report handled or dismissed, with an optional note."""
    form = CloseReportForm(request.POST)
    if not form.is_valid():
        get_object_or_404(ProblemReport, pk=pk)
        return _page(request, status=400, failed=pk, form=form)
    with transaction.atomic():
        report = get_object_or_404(ProblemReport.objects.select_for_update(), pk=pk)
        if report.status != ProblemReport.Status.OPEN:
            # Two moderators on one report: the first decision stands.
            messages.error(
                request,
                _("Report #%(id)s was already closed (%(status)s) by %(who)s.")
                % {
                    "id": pk,
                    "status": report.get_status_display(),
                    "who": report.handled_by or _("someone"),
                },
            )
            return redirect("moderation:reports")
        report.status = form.cleaned_data["decision"]
        report.moderator_note = form.cleaned_data["note"].strip()
        report.handled_by = request.user
        report.handled_at = timezone.now()
        report.save(update_fields=["status", "moderator_note", "handled_by", "handled_at"])
    messages.success(
        request,
        _("Report #%(id)s marked %(status)s.") % {"id": pk, "status": report.get_status_display()},
    )
    return redirect("moderation:reports")
