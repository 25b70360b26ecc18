import pytest
from django.core.management import CommandError, call_command

from geoplan.registry.models import Service, Site
from geoplan.registry.site_import import ImportRejected, import_sites

from .more_sites import csv_text, row_from_file


def snapshot():
    return (
        sorted(Site.objects.values_list("pk", "address", "geom")),
        sorted(Service.objects.values_list("pk", "name", "status", "status_note")),
    )


def test_it_rejects_an_unknown_status_with_its_line_and_the_accepted_forms(empty_registry):
    good = row_from_file("Centro per l'Impiego Torino Nord")
    bad = row_from_file("Centro per l'Impiego Torino Sud", status="closed for works")
    with pytest.raises(ImportRejected) as exc:
        import_sites(csv_text(good, bad))
    (error,) = exc.value.errors
    assert error.line == 3
    assert "status 'closed for works' is not understood" in error.reason
    assert "active (YEAR)" in error.reason and "planned" in error.reason
    assert "unknown" in error.reason
    assert not Site.objects.exists() and not Service.objects.exists()


def test_the_command_writes_nothing_when_a_status_is_unknown(db, tmp_path):
    before = snapshot()
    path = tmp_path / "sites.csv"
    path.write_text(
        csv_text(
            row_from_file("Mensa del Povero", name="Mensa nuova", address="Via Nizza 100, Torino"),
            row_from_file("Mensa del Povero", status="sometimes"),
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="line 3: status 'sometimes' is not understood"):
        call_command("import_sites", str(path))
    assert snapshot() == before
