"""Words of the moderators' pages: a request filed under a minute ago waited "just now"; the
reasons the code writes into the history are shown in the reader's language; a version's kind
is a label of its own (not a word shared with other pages)."""

from datetime import timedelta

from django.utils import timezone, translation

from geoplan.moderation.history_views import REASONS, reason_shown
from geoplan.moderation.views import waited
from geoplan.partner.views import CONFIRMED_REASON
from geoplan.registry.management.commands.load_organisations import CHANGE_REASON


def test_a_request_of_seconds_ago_waited_just_now():
    now = timezone.now()
    assert waited(now - timedelta(seconds=20), now) == "just now"
    assert waited(now - timedelta(minutes=5), now).replace("\xa0", " ") == "5 minutes"


def test_the_reasons_the_code_writes_are_translated_and_others_kept():
    assert set(REASONS) == {CONFIRMED_REASON, CHANGE_REASON}
    with translation.override("en"):
        assert reason_shown(CONFIRMED_REASON) == "confirmed still accurate"
        assert reason_shown(CHANGE_REASON) == "organisation named by a site source"
    assert reason_shown("typed by hand") == "typed by hand"
    assert reason_shown(None) == ""


def test_the_history_shows_the_reason_and_the_kind(client, moderator, site_of_a):
    service = site_of_a.services.first()
    service.last_verified = timezone.localdate()
    service._change_reason = CONFIRMED_REASON
    service.save(update_fields=["last_verified"])
    client.force_login(moderator)
    page = client.get(f"/moderation/history/service/{service.pk}/").content.decode()
    assert "confirmed still accurate" in page
    assert ">changed</span>" in page
