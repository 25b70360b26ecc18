"""Object permissions (django-rules): which records a partner may see and propose changes to.

Loaded by rules' autodiscovery. Checked with ``user.has_perm(name, obj)`` in pages, the API and
the admin, so one rule answers everywhere.
"""

import rules

from . import roles


def _organisation_id(obj):
    """The organisation that owns a registry record or a change request: a service belongs to
    its site's organisation (as proposals and approvals take it), a request to the one it was
    filed for."""
    name = obj.__class__.__name__
    if name == "Organization":
        return obj.pk
    if name in {"Service", "OpeningHours", "Closure"}:
        service = obj if name == "Service" else obj.service
        return service.site.organization_id
    return getattr(obj, "organization_id", None)


@rules.predicate
def is_moderator(user):
    return roles.is_moderator(user)


@rules.predicate
def is_member_of_owner(user, obj):
    if obj is None:
        return False
    org = _organisation_id(obj)
    return org is not None and org in roles.organisation_ids(user)


@rules.predicate
def submitted_it(user, change_request):
    return change_request is not None and change_request.submitted_by_id == user.pk


# A partner proposes changes to, and confirms, its own organisations' records.
rules.add_perm("registry.propose_change", is_member_of_owner)
rules.add_perm("registry.verify_service", is_member_of_owner | is_moderator)
# A change request is seen by its organisation's members and by moderators; decided only by a
# moderator who did not file it.
rules.add_perm("moderation.see_change", is_member_of_owner | is_moderator)
rules.add_perm("moderation.decide_change", is_moderator & ~submitted_it)
