"""The shipped sites files: the three unambiguous hours texts become schedule rows at import, the
others stay text only; re-imports neither duplicate rows nor override hours set by a person."""

import csv
import io
from datetime import time

from geoplan.registry.models import OpeningHours, Service
from geoplan.registry.site_import import import_sites
from tests.conftest import SITES_CSV

from .more_sites import MORE_SITES_TEXT

SERVIZIO_ADULTI = "Servizio adulti in difficoltà - punto unico di accesso"
CLT = "Centro Lavoro Torino (CLT)"
MANGIASTI = "MangiAsti - mensa popolare"
CONVERTED = {
    SERVIZIO_ADULTI: ("Mon-Sat 9:30-13:00 and 14:00-16:00", "Mo-Sa 09:30-13:00,14:00-16:00"),
    CLT: (
        "Mon-Fri 9-13 and 14-18 (Friday morning only)",
        "Mo-Th 09:00-13:00,14:00-18:00; Fr 09:00-13:00",
    ),
    MANGIASTI: ("Tue-Sat 17:00-18:30", "Tu-Sa 17:00-18:30"),
}


def file_rows(text: str) -> dict[str, dict]:
    return {r["name"]: r for r in csv.DictReader(io.StringIO(text))}


def test_the_three_unambiguous_texts_become_schedule_rows(db):
    rows = file_rows(SITES_CSV.read_text(encoding="utf-8")) | file_rows(MORE_SITES_TEXT)
    for name, (text, osm) in CONVERTED.items():
        service = Service.objects.get(name=name)
        assert service.opening_hours == osm
        # The source's own words and where they come from stay as published.
        assert service.hours_text == text == rows[name]["hours_text"]
        assert service.source_url == rows[name]["source_url"]
    clt = Service.objects.get(name=CLT)
    friday = clt.schedules.filter(weekday=5)
    assert [(r.opens_at, r.closes_at) for r in friday] == [(time(9), time(13))]
    assert clt.schedules.count() == 4 * 2 + 1
    assert Service.objects.get(name=SERVIZIO_ADULTI).schedules.count() == 6 * 2
    assert Service.objects.get(name=MANGIASTI).schedules.count() == 5


def test_every_other_shipped_service_keeps_its_text_only(db):
    others = Service.objects.exclude(name__in=CONVERTED).exclude(is_illustrative=True)
    # 35 rows with a text not read; one of them is the second file's newer row for a service of
    # the first (a duplicate, not imported twice).
    assert others.exclude(hours_text="").count() == 34
    assert not OpeningHours.objects.filter(service__in=others).exists()
    assert not others.exclude(opening_hours="").exists()
    assert others.filter(hours_text="Saturday 13:30").exists()


def test_a_reimport_neither_duplicates_rows_nor_counts_a_change(db):
    before = sorted(OpeningHours.objects.values_list("service_id", "weekday", "opens_at"))
    for text in (SITES_CSV.read_text(encoding="utf-8"), MORE_SITES_TEXT):
        result = import_sites(text)
        assert result.services["created"] == result.services["updated"] == 0
        assert result.hours_written == 0
    assert sorted(OpeningHours.objects.values_list("service_id", "weekday", "opens_at")) == before


def test_a_service_imported_before_its_text_was_read_gets_its_rows_on_the_next_import(db):
    service = Service.objects.get(name=MANGIASTI)
    service.schedules.all().delete()
    Service.objects.filter(pk=service.pk).update(opening_hours="")
    result = import_sites(MORE_SITES_TEXT)
    assert result.hours_written == 1 and result.services["updated"] == 1
    service.refresh_from_db()
    assert service.opening_hours == "Tu-Sa 17:00-18:30"
    assert service.schedules.count() == 5


def test_the_import_reports_each_text_it_does_not_read_with_the_reason(db):
    result = import_sites(SITES_CSV.read_text(encoding="utf-8"))
    reasons = {text: reason for _line, text, reason in result.hours_not_read}
    assert reasons["Saturday 13:30"] == "a start time without an end"
    assert "season" in reasons["20:00-07:00 (closed in August)"]
    assert reasons["all year"] == "neither days nor times"
    assert "Mon-Sat 9:30-13:00 and 14:00-16:00" not in reasons


def test_hours_a_person_set_survive_a_reimport(db):
    service = Service.objects.get(name=MANGIASTI)
    service.schedules.exclude(weekday=2).delete()  # now open on Tuesdays only
    import_sites(MORE_SITES_TEXT)
    assert list(service.schedules.values_list("weekday", flat=True)) == [2]


def test_new_hours_in_the_source_replace_the_rows_its_old_text_gave(db):
    (row,) = [r for r in csv.DictReader(io.StringIO(MORE_SITES_TEXT)) if r["name"] == MANGIASTI]
    out = io.StringIO()
    writer = csv.DictWriter(out, list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row | {"hours_text": "Wed-Fri 18:00-19:30"})
    import_sites(out.getvalue())
    service = Service.objects.get(name=MANGIASTI)
    assert service.hours_text == "Wed-Fri 18:00-19:30"
    assert service.opening_hours == "We-Fr 18:00-19:30"
    assert service.schedules.count() == 3
