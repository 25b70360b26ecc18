"""Approval applies a request in one transaction, with history, and asks for a recompute."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from geoplan.jobs.models import Job
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import ProposalError
from geoplan.moderation.workflow import ConflictError, DecisionError, approve, propose, reject
from geoplan.registry.models import Service, Site
from tests.conftest import new_site_proposal


def test_approval_creates_the_site_with_its_hours(partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    approve(change.pk, moderator)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
    service = change.site.services.get()
    assert service.status == "published"
    assert service.organization_id == change.organization_id
    assert service.opening_hours == "Mo 09:00-13:00; PH off"
    assert [(h.weekday, str(h.opens_at)) for h in service.schedules.all()] == [(1, "09:00:00")]
    assert change.site.location_source == "manual"


def test_approval_enqueues_a_recompute_and_tells_the_partner(
    partner_a, moderator, settings, django_capture_on_commit_callbacks
):
    settings.GEOPLAN_RECOMPUTE_DELAY_S = 3600  # stays queued: no worker runs in this test
    change = propose(partner_a, new_site_proposal())
    with django_capture_on_commit_callbacks(execute=True):
        approve(change.pk, moderator)
    job = Job.objects.get(kind="recompute", status=Job.Status.QUEUED)
    assert f"#{change.pk}" in job.params.get("reason", "") or job.pk
    assert mail.outbox[-1].to == [partner_a.email]
    assert "approved" in mail.outbox[-1].subject


def test_history_names_the_moderator_and_the_change_request(partner_a, moderator):
    change = approve(propose(partner_a, new_site_proposal()).pk, moderator)
    site = Site.objects.get(pk=change.site_id)
    created = site.history.get()
    assert created.history_type == "+"
    assert created.history_user == moderator
    assert created.change_request_id == change.pk
    hours = site.services.get().schedules.get().history.get()
    assert hours.change_request_id == change.pk


def test_a_conflicting_edit_since_filing_stops_the_approval(partner_a, org_a, moderator):
    site = Site.objects.located().first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    site.refresh_from_db()
    change = propose(partner_a, {"site": {"name": "Name proposed"}}, site)
    site.name = "Name changed by staff meanwhile"
    site.save()
    with pytest.raises(ConflictError) as caught:
        approve(change.pk, moderator)
    assert [(c.path, c.now) for c in caught.value.conflicts] == [
        ("site.name", "Name changed by staff meanwhile")
    ]
    site.refresh_from_db()
    assert site.name == "Name changed by staff meanwhile"
    approve(change.pk, moderator, override_conflicts=True)
    site.refresh_from_db()
    assert site.name == "Name proposed"


def test_edits_of_different_fields_do_not_conflict(partner_a, org_a, moderator):
    site = Site.objects.located().first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    site.refresh_from_db()
    service = site.services.first()
    first = propose(partner_a, {"site": {"name": "New name"}}, site)
    second = propose(partner_a, {"services": [{"id": service.pk, "phone": "011 123 4567"}]}, site)
    approve(first.pk, moderator)
    approve(second.pk, moderator)
    assert Service.objects.get(pk=service.pk).phone == "011 123 4567"


def test_a_failed_approval_changes_nothing(partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    # Meanwhile the address was registered by someone else: the request can no longer apply.
    other = Site.objects.located().first()
    other.address = "Via Nizza 100, Torino"
    other.save()
    sites = Site.objects.count()
    with pytest.raises(ConflictError):
        approve(change.pk, moderator)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
    assert Site.objects.count() == sites


def test_a_moderator_cannot_approve_their_own_request(moderator, org_a):
    from django.contrib.auth.models import Group

    from geoplan.accounts.models import Membership

    # City staff who also work for a partner organisation.
    moderator.groups.add(Group.objects.get(name="partner"))
    Membership.objects.create(user=moderator, organization=org_a)
    change = propose(moderator, new_site_proposal())
    with pytest.raises(PermissionDenied):
        approve(change.pk, moderator)


def test_a_partner_cannot_approve(partner_a, partner_b):
    change = propose(partner_a, new_site_proposal())
    for user in (partner_a, partner_b):
        with pytest.raises(PermissionDenied):
            approve(change.pk, user)


def test_rejection_needs_a_reason_and_tells_the_partner(
    partner_a, moderator, django_capture_on_commit_callbacks
):
    change = propose(partner_a, new_site_proposal())
    with pytest.raises(DecisionError):
        reject(change.pk, moderator, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        reject(change.pk, moderator, "The address is a private flat.")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.REJECTED
    assert "The address is a private flat." in mail.outbox[-1].body
    with pytest.raises(DecisionError):
        approve(change.pk, moderator)


def test_a_membership_without_the_partner_role_grants_nothing(moderator, org_a):
    from geoplan.accounts.models import Membership

    Membership.objects.create(user=moderator, organization=org_a)
    with pytest.raises(ProposalError):
        propose(moderator, new_site_proposal())
