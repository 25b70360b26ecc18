"""What an approval records beyond the values: seasons beside the usual hours, the service
confirmed today, a demo account's proposal labelled as an example."""

from django.utils import timezone, translation

from geoplan.accounts.models import Profile
from geoplan.moderation.workflow import approve, propose
from tests.conftest import new_site_proposal


def _row(weekday, opens, closes, valid_from=None, valid_to=None):
    return {
        "weekday": weekday,
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def test_a_season_may_start_at_the_usual_time(partner_a, moderator):
    raw = new_site_proposal()
    raw["services"][0]["hours"] = [
        _row(1, "09:00", "12:30"),
        _row(1, "09:00", "12:00", "2027-07-01", "2027-08-31"),
    ]
    change = approve(propose(partner_a, raw).pk, moderator)
    service = change.site.services.get()
    assert service.schedules.count() == 2
    assert service.opening_hours == "Mo 09:00-12:30; 2027 Jul 01-2027 Aug 31 Mo 09:00-12:00; PH off"


def test_an_approved_service_counts_as_confirmed_today(partner_a, moderator):
    change = approve(propose(partner_a, new_site_proposal()).pk, moderator)
    assert change.site.services.get().last_verified == timezone.localdate()


def test_a_demo_accounts_proposal_is_labelled_an_example(partner_a, moderator):
    Profile.objects.filter(user=partner_a).update(is_illustrative=True)
    partner_a.refresh_from_db()
    change = approve(propose(partner_a, new_site_proposal()).pk, moderator)
    assert change.site.services.get().is_illustrative


def test_the_summary_is_said_in_the_readers_language(partner_a):
    with translation.override("it"):
        change = propose(partner_a, new_site_proposal())
    with translation.override("en"):
        assert change.summary == "New site: Punto cibo di prova"
    with translation.override("it"):
        assert change.summary.startswith("Nuovo luogo")
