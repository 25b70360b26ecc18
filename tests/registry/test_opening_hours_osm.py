"""Schedule rows -> OpenStreetMap opening_hours, evaluated with Italy's public holidays."""

from datetime import date, datetime, time

import pytest

from geoplan.registry.hours import (
    ClosedDays,
    HoursError,
    Interval,
    parse_weekly,
    state_at,
    to_osm,
)

WEEKDAYS_SPLIT = [Interval(d, time(9), time(13)) for d in range(1, 6)] + [
    Interval(d, time(14), time(18)) for d in range(1, 6)
]


def test_it_groups_days_with_the_same_ranges():
    rows = WEEKDAYS_SPLIT + [Interval(6, time(9), time(12))]
    assert to_osm(rows) == "Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00"


def test_seasons_closures_and_public_holidays_come_after_the_weekly_hours():
    rows = WEEKDAYS_SPLIT + [
        Interval(d, time(8), time(12), date(2026, 6, 1), date(2026, 9, 30)) for d in (1, 3)
    ]
    text = to_osm(rows, [ClosedDays(date(2026, 12, 24), date(2026, 12, 26))], True)
    assert text == (
        "Mo-Fr 09:00-13:00,14:00-18:00; 2026 Jun 01-2026 Sep 30 Mo,We 08:00-12:00; "
        "2026 Dec 24-2026 Dec 26 off; PH off"
    )
    assert state_at(text, datetime(2026, 7, 1, 8, 30)).is_open  # summer hours
    assert not state_at(text, datetime(2026, 7, 1, 12, 30)).is_open
    assert not state_at(text, datetime(2026, 12, 24, 10)).is_open  # closure
    assert not state_at(text, datetime(2026, 12, 8, 10)).is_open  # Immacolata, a holiday
    opened = state_at(text, datetime(2026, 12, 7, 10))
    assert opened.is_open and opened.next_change.hour == 13


def test_overnight_ranges_run_past_midnight():
    text = to_osm([Interval(1, time(20), time(8))])
    assert text == "Mo 20:00-08:00"
    assert state_at(text, datetime(2026, 12, 1, 7)).is_open  # Tuesday 07:00


def test_it_refuses_overlapping_ranges_of_a_day():
    with pytest.raises(HoursError, match="overlap"):
        to_osm([Interval(1, time(9), time(13)), Interval(1, time(12), time(15))])


def test_weekly_text_reads_back_into_rows():
    rows, holidays_off = parse_weekly("Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00; PH off")
    assert holidays_off
    assert to_osm(rows) == "Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00"


@pytest.mark.parametrize("text", ["Mo 25:00-26:00", "Mo 9-blah", "Jan off"])
def test_it_refuses_what_it_cannot_read(text):
    with pytest.raises(HoursError):
        parse_weekly(text)


def test_a_later_rule_replaces_a_days_hours_as_in_openstreetmap():
    rows, _holidays = parse_weekly("Mo-Fr 09:00-13:00; We 14:00-17:00")
    assert to_osm(rows) == "Mo,Tu,Th,Fr 09:00-13:00; We 14:00-17:00"
