from geoplan.registry.models import Service, Status
from geoplan.registry.site_import import import_sites

from .more_sites import csv_text, row_from_file


def test_past_winter_shelters_are_archived_with_the_period_their_source_gives(db):
    shelters = Service.objects.filter(name__startswith="Accoglienza invernale")
    assert shelters.count() == 5
    assert set(shelters.values_list("status", flat=True)) == {Status.ARCHIVED}
    periods = dict(shelters.values_list("name", "active_period"))
    assert periods["Accoglienza invernale Croce Rossa - Piazza d'Armi"] == "winter 2019-20"
    assert periods["Accoglienza invernale ex ospedale Maria Adelaide"] == "winter 2017-18"
    assert set(shelters.values_list("status_note", flat=True)) == {
        "seasonal; not known to be active now"
    }


def test_a_season_already_over_is_archived_with_that_season(empty_registry):
    row = row_from_file("Mensa estiva via Ghedini (casa di ospitalità)")
    assert row["status"] == "active in summer 2025"
    import_sites(csv_text(row))
    service = Service.objects.get(name=row["name"])
    assert (service.status, service.active_period) == (Status.ARCHIVED, "summer 2025")
    assert not Service.objects.published().filter(pk=service.pk).exists()


def test_no_period_is_invented_where_the_source_gives_none(empty_registry):
    row = row_from_file(
        "Accoglienza invernale Caritas - via Arcivescovado", hours_text="", status="seasonal"
    )
    import_sites(csv_text(row))
    service = Service.objects.get(name=row["name"])
    assert (service.status, service.active_period) == (Status.ARCHIVED, "")
