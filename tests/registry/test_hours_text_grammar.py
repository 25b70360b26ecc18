"""Published hours text is read as weekly rows only when it is unambiguous; otherwise refused with
the reason."""

from datetime import time

import pytest

from geoplan.registry.hours import Interval, to_osm
from geoplan.registry.hours_text import read_hours_text


@pytest.mark.parametrize(
    ("text", "osm"),
    [
        ("Mon-Sat 9:30-13:00 and 14:00-16:00", "Mo-Sa 09:30-13:00,14:00-16:00"),
        (
            "Mon-Fri 9-13 and 14-18 (Friday morning only)",
            "Mo-Th 09:00-13:00,14:00-18:00; Fr 09:00-13:00",
        ),
        (
            "Mon-Fri 9-13 and 14-18 (Monday afternoon only)",
            "Mo 14:00-18:00; Tu-Fr 09:00-13:00,14:00-18:00",
        ),
        ("Tue-Sat 17:00-18:30", "Tu-Sa 17:00-18:30"),
        ("lun-ven 9-13 e 14-18", "Mo-Fr 09:00-13:00,14:00-18:00"),
        ("sabato 9.30-12", "Sa 09:30-12:00"),
        ("Mon, Wed and Fri 9-12", "Mo,We,Fr 09:00-12:00"),
        ("every day 8:00-20:00", "Mo-Su 08:00-20:00"),
        ("Fri–Mon 20-7", "Mo,Fr-Su 20:00-07:00"),
        ("Mon 18-24", "Mo 18:00-00:00"),
        ("  MONDAY   9:00 - 12:00 , 15 - 17 ", "Mo 09:00-12:00,15:00-17:00"),
    ],
)
def test_it_reads_days_and_time_ranges(text, osm):
    intervals, reason = read_hours_text(text)
    assert reason == ""
    assert to_osm(intervals) == osm


def test_an_end_before_the_start_runs_past_midnight():
    intervals, _reason = read_hours_text("Sat 20:00-07:00")
    assert intervals == [Interval(6, time(20), time(7))]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("weekdays 10:30-12:30 (no evening service)", "“weekdays” is ambiguous"),
        ("feriali 9-12", "“weekdays” is ambiguous"),
        ("Saturday 13:30", "a start time without an end"),
        ("dinner from 19:00", "a start time without an end"),
        ("winter", "a season or month without dates"),
        ("19:00-08:00 from November to April", "a season or month without dates"),
        ("every day 15:30-18:30 (winter)", "a season or month without dates"),
        ("20:00-07:00 (closed in August)", "a season or month without dates"),
        ("Mon-Fri", "days without times"),
        ("Mon-Fri (days vary by desk)", "days without times"),
        ("20:00-07:00", "times without days"),
        ("all year", "neither days nor times"),
        ("", "no hours given"),
        ("Mon-Fri 9-13 (by appointment)", "not in the accepted form"),
        ("Mon 25-26", "is not a time of day"),
        ("Mon 9:75-12", "is not a time of day"),
        ("Mon 24-6", "is not a time of day"),
        ("Mon 9-13 and 12-15", "overlap"),
        ("Mon 9-9", "the same"),
        # "morning" is read only where the ranges split clearly around midday.
        ("Mon-Fri 9-18 and 19-21 (Friday morning only)", "does not split"),
        ("Mon-Fri 9-13 (Friday morning only)", "does not split"),
        ("Mon-Fri 9-13 and 14-18 (Saturday morning only)", "not among the days"),
    ],
)
def test_it_refuses_what_it_would_have_to_guess_with_the_reason(text, reason):
    intervals, why = read_hours_text(text)
    assert intervals is None
    assert reason in why
