"""Object permissions of scenarios (django-rules, loaded by its autodiscovery)."""

import rules

from geoplan.accounts import roles


@rules.predicate
def is_planner(user):
    return roles.is_planner(user)


@rules.predicate
def owns_scenario(user, scenario):
    return scenario is not None and scenario.owner_id == user.pk


# Every planner sees every scenario; only its owner (or an admin) changes or deletes it.
rules.add_perm("planning.view_scenario", is_planner)
rules.add_perm("planning.change_scenario", is_planner & (owns_scenario | rules.is_superuser))
