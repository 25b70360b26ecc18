"""Open now, honestly: the state and its label from structured hours, in Turin's time; a service
known only by its published text is never said open or closed."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import translation

from geoplan.registry.hours import derive_opening_hours
from geoplan.registry.models import Closure, OpeningHours, Service, ServiceCategory, Site
from geoplan.registry.open_state import describe, is_open_at, open_states

WEEKDAYS_9_13 = [(d, "09:00", "13:00") for d in range(1, 6)]


def service_with(rows, closures=(), holidays_off=False, **fields):
    """A new service at a real site with these weekly rows (weekday, opens, closes[, from, to])."""
    site = Site.objects.located().order_by("pk").first()
    service = Service.objects.create(
        site=site,
        category=ServiceCategory.objects.get(code="social_desk"),
        name="Sportello di prova",
        closed_on_public_holidays=holidays_off,
        **fields,
    )
    for weekday, opens, closes, *season in rows:
        valid_from, valid_to = season or (None, None)
        OpeningHours.objects.create(
            service=service,
            weekday=weekday,
            opens_at=time.fromisoformat(opens),
            closes_at=time.fromisoformat(closes),
            valid_from=valid_from,
            valid_to=valid_to,
        )
    for starts_on, ends_on in closures:
        Closure.objects.create(service=service, starts_on=starts_on, ends_on=ends_on)
    service.opening_hours = derive_opening_hours(service)
    service.save()
    return service


def test_it_is_open_with_the_closing_time_of_the_day(db):
    service = service_with(WEEKDAYS_9_13)
    state = describe(service, datetime(2026, 3, 3, 10, 15))
    assert state == {
        "state": "open",
        "label": "Open now · closes at 13:00",
        "opens_at": None,
        "closes_at": "2026-03-03T13:00:00+01:00",
    }


def test_it_is_closed_on_8_december_when_closed_on_public_holidays(db):
    service = service_with(WEEKDAYS_9_13, holidays_off=True)
    immacolata = datetime(2026, 12, 8, 10)  # a Tuesday
    state = describe(service, immacolata)
    assert state["state"] == "closed"
    assert state["label"] == "Closed · opens tomorrow at 09:00"
    assert state["opens_at"] == "2026-12-09T09:00:00+01:00"
    assert is_open_at(service, immacolata) is False


def test_a_service_open_on_public_holidays_is_open_on_8_december(db):
    service = service_with(WEEKDAYS_9_13)
    assert is_open_at(service, datetime(2026, 12, 8, 10)) is True


def test_a_closure_closes_it_and_it_opens_monday_after(db):
    service = service_with(WEEKDAYS_9_13, closures=[(date(2026, 12, 24), date(2026, 12, 26))])
    state = describe(service, datetime(2026, 12, 24, 10))  # Thursday, closed for Christmas
    assert state["state"] == "closed"
    assert state["label"] == "Closed · opens Monday at 09:00"
    assert state["opens_at"] == "2026-12-28T09:00:00+01:00"


def test_it_opens_monday_across_the_weekend(db):
    service = service_with(WEEKDAYS_9_13)
    for saturday_or_friday in (datetime(2026, 3, 7, 12), datetime(2026, 3, 6, 18)):
        state = describe(service, saturday_or_friday)
        assert state["label"] == "Closed · opens Monday at 09:00"
        assert state["opens_at"] == "2026-03-09T09:00:00+01:00"
    sunday = describe(service, datetime(2026, 3, 8, 12))
    assert sunday["label"] == "Closed · opens tomorrow at 09:00"


def test_later_today_is_said_without_a_day(db):
    service = service_with([(2, "09:00", "13:00"), (2, "14:00", "18:00")])
    state = describe(service, datetime(2026, 3, 3, 13, 30))
    assert state["label"] == "Closed · opens at 14:00"


def test_summer_only_hours_are_open_in_summer_and_wait_for_it_before(db):
    summer = (date(2026, 6, 1), date(2026, 9, 30))
    service = service_with([(d, "09:00", "13:00", *summer) for d in range(1, 6)])
    assert describe(service, datetime(2026, 7, 1, 10))["label"] == "Open now · closes at 13:00"
    before = describe(service, datetime(2026, 5, 20, 10))
    assert before["state"] == "closed"
    assert before["label"] == "Closed · opens on 1 June at 09:00"
    assert before["opens_at"] == "2026-06-01T09:00:00+02:00"
    # After the only season given, nothing says it opens again.
    after = describe(service, datetime(2026, 10, 1, 10))
    assert after == {
        "state": "closed",
        "label": "Closed until further notice",
        "opens_at": None,
        "closes_at": None,
    }


def test_an_overnight_range_is_open_at_two_in_the_morning(db):
    service = service_with([(d, "20:00", "07:00") for d in range(1, 8)])
    night = describe(service, datetime(2026, 3, 3, 2))
    assert night["state"] == "open"
    assert night["label"] == "Open now · closes at 07:00"
    assert night["closes_at"] == "2026-03-03T07:00:00+01:00"
    evening = describe(service, datetime(2026, 3, 3, 21))
    assert evening["label"] == "Open now · closes tomorrow at 07:00"
    assert describe(service, datetime(2026, 3, 3, 19))["label"] == "Closed · opens at 20:00"


def test_a_range_to_midnight_closes_at_midnight(db):
    service = service_with([(2, "18:00", "00:00")])
    assert describe(service, datetime(2026, 3, 3, 19))["label"] == "Open now · closes at midnight"


def test_hours_round_the_clock_are_open_24_hours(db):
    service = service_with(
        [
            (d, start, end)
            for d in range(1, 8)
            for start, end in (("00:00", "12:00"), ("12:00", "00:00"))
        ]
    )
    state = describe(service, datetime(2026, 3, 3, 2))
    assert (state["state"], state["label"], state["closes_at"]) == ("open", "Open 24 hours", None)


def test_a_moment_with_a_time_zone_is_read_in_turin_time(db):
    service = service_with(WEEKDAYS_9_13)
    # 08:30 UTC is 10:30 in Turin in summer time: open.
    assert is_open_at(service, datetime(2026, 7, 1, 8, 30, tzinfo=UTC)) is True
    # 08:30 naive is Turin's 08:30: not yet.
    assert is_open_at(service, datetime(2026, 7, 1, 8, 30)) is False


def test_a_service_known_only_by_its_text_is_unknown_with_the_text_and_its_source(db):
    service = Service.objects.get(name="Sentinelle Salvacibo - piazza Borromini")
    at = datetime(2026, 3, 7, 13, 45)  # a Saturday, just after the published 13:30
    state = describe(service, at)
    assert state == {
        "state": "unknown",
        "label": "Hours as published: Saturday 13:30",
        "opens_at": None,
        "closes_at": None,
        "hours_text": "Saturday 13:30",
        "source_url": service.source_url,
        "as_of_year": 2021,
    }
    assert service.source_url.startswith("https://")
    assert is_open_at(service, at) is None


def test_a_service_without_any_hours_is_not_known(db):
    service = service_with([])
    assert describe(service, datetime(2026, 3, 3, 10)) == {
        "state": "unknown",
        "label": "Hours not known",
        "opens_at": None,
        "closes_at": None,
    }


def test_structured_hours_come_with_the_published_text(db):
    service = Service.objects.get(name="Centro Lavoro Torino (CLT)")
    friday_afternoon = describe(service, datetime(2026, 3, 6, 15))
    assert friday_afternoon["state"] == "closed"  # "(Friday morning only)"
    assert friday_afternoon["label"] == "Closed · opens Monday at 09:00"
    assert friday_afternoon["hours_text"] == "Mon-Fri 9-13 and 14-18 (Friday morning only)"


def test_many_services_are_evaluated_together(db):
    names = {
        "Servizio adulti in difficoltà - punto unico di accesso": False,  # 14:00-16:00
        "Centro Lavoro Torino (CLT)": True,  # 14:00-18:00
        "MangiAsti - mensa popolare": True,  # 17:00-18:30
        "Sentinelle Salvacibo - piazza Borromini": None,  # text only
    }
    services = Service.objects.filter(name__in=names).only("pk", "name", "opening_hours")
    states = open_states(services, datetime(2026, 3, 3, 17, 30))  # a Tuesday
    assert {s.name: states[s.pk] for s in services} == names


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Closed · opens Monday at 09:00"),
        ("it", "lunedì"),
    ],
)
def test_the_label_is_in_the_active_language(db, language, label):
    service = service_with(WEEKDAYS_9_13)
    with translation.override(language):
        state = describe(service, datetime(2026, 3, 7, 12))
    assert label in state["label"]
    if language == "it":
        assert "Monday" not in state["label"]


def test_a_date_beyond_a_week_is_written_in_the_active_language(db):
    service = service_with([(1, "09:00", "13:00", date(2026, 12, 14), date(2026, 12, 31))])
    with translation.override("it"):
        state = describe(service, datetime(2026, 12, 1, 10))
    assert "14 dicembre" in state["label"].lower()
    assert "December" not in state["label"]
