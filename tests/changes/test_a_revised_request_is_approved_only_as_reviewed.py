"""A partner may revise a pending request; an approval names the revision the moderator saw,
and values revised since are never applied unseen. A decided request can no longer move."""

import pytest

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import DecisionError, approve, propose, revise, withdraw
from tests.conftest import new_site_proposal


def test_an_approval_of_an_older_revision_is_refused(partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    seen = change.revision
    revise(change, partner_a, new_site_proposal(name="Renamed after review began"), submit=True)
    with pytest.raises(DecisionError, match="changed this request after you opened it"):
        approve(change.pk, moderator, revision=seen)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
    approve(change.pk, moderator, revision=change.revision)
    change.refresh_from_db()
    assert change.site.name == "Renamed after review began"


def test_a_decided_request_can_be_neither_revised_nor_withdrawn(partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    stale = ChangeRequest.objects.get(pk=change.pk)  # read before the approval
    approve(change.pk, moderator)
    with pytest.raises(DecisionError):
        revise(stale, partner_a, new_site_proposal(name="Too late"), submit=True)
    with pytest.raises(DecisionError):
        withdraw(stale, partner_a)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
