"""Organisations named by the site sources, linked to the sites they run."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from geoplan.registry.models import Organization, Service, Site

SERVICES_DIR = Path(settings.FIXTURES_DIR) / "services"
APL = "Agenzia Piemonte Lavoro"
APL_CENTRES = {
    "Centro per l'Impiego Torino Nord",
    "Centro per l'Impiego Torino Sud",
    "Centro per l'Impiego - via Cavour (nuova sede)",
}


def load(*args) -> str:
    out = StringIO()
    call_command("load_organisations", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        sorted(Organization.objects.values_list("name", "source_note", "is_illustrative")),
        sorted(Site.objects.values_list("pk", "organization_id")),
        sorted(Service.objects.values_list("pk", "organization_id")),
        Site.history.count(),
        Service.history.count(),
        Organization.history.count(),
    )


def test_the_employment_centres_a_source_names_belong_to_agenzia_piemonte_lavoro(db):
    out = load()
    apl = Organization.objects.get(name=APL)
    assert not apl.is_illustrative
    assert "“public employment centre (Agenzia Piemonte Lavoro)”" in apl.source_note
    assert "“city building given free to Agenzia Piemonte Lavoro”" in apl.source_note
    assert "sites_more_from_public_pages.csv" in apl.source_note
    assert set(apl.sites.values_list("name", flat=True)) == APL_CENTRES
    for site in apl.sites.all():
        assert site.services.exists()
        assert set(site.services.values_list("organization_id", flat=True)) == {apl.pk}
    # Centres whose source names no operator stay without one.
    for name in ("Centro per l'Impiego - Cascina Giajone", "Centro per l'Impiego - via Assarotti"):
        assert Site.objects.get(name=name).organization is None
    # A desk whose note lists six bodies has no single operator.
    desks = Site.objects.get(name__startswith="Sportelli di supporto alla cittadinanza")
    assert desks.organization is None
    assert "created 9" in out


def test_a_name_that_is_no_site_links_its_service_and_an_unknown_one_is_reported(db):
    out = load()
    caritas = Organization.objects.get(name="Caritas")
    # Two winter rows of one address became one site; the second row's service is linked too.
    pellizzari = Service.objects.get(name="Accoglienza invernale Caritas - Villa Pellizzari")
    assert pellizzari.organization == caritas
    assert pellizzari.site.organization == caritas
    # The summer canteen row was a duplicate of a registered service: reported, not guessed.
    assert "Mensa estiva via Ghedini (casa di ospitalità)" in out
    assert "not found" in out
    assert Organization.objects.get(name="Cooperativa Valdocco").sites.count() == 0


def test_loading_twice_changes_nothing(db):
    load()
    before = snapshot()
    out = load()
    assert snapshot() == before
    assert "created 0" in out and "linked: 0 site(s) and 0 service(s) now" in out


def test_a_site_of_another_organisation_is_left_as_it_is(db):
    other = Organization.objects.create(name="Altro ente (test)", is_illustrative=True)
    site = Site.objects.get(name="Centro per l'Impiego Torino Nord")
    site.organization = other
    site.save()
    out = load()
    site.refresh_from_db()
    assert site.organization == other
    assert "left as it is" in out and "Altro ente (test)" in out


def test_the_link_is_recorded_in_the_sites_history(db):
    load()
    site = Site.objects.get(name="Centro per l'Impiego Torino Sud")
    latest = site.history.latest("history_date")
    assert latest.organization_id == site.organization_id
    assert "load_organisations" in latest.history_change_reason


def _copy_sources(tmp_path: Path) -> None:
    for name in ("sites_from_public_sources.csv", "sites_more_from_public_pages.csv"):
        shutil.copy(SERVICES_DIR / name, tmp_path / name)


@pytest.mark.parametrize(
    "row, message",
    [
        (
            "Caritas,Centro per l'Impiego Torino Nord,sites_more_from_public_pages.csv,Caritas",
            "neither in the name nor in the note",
        ),
        (
            "Ente,Un sito che non esiste,sites_more_from_public_pages.csv,Ente",
            "has no row named “Un sito che non esiste”",
        ),
        ("Ente,Sermig - Arsenale della Pace,../elsewhere.csv,Sermig", "same folder"),
    ],
)
def test_words_the_source_does_not_contain_refuse_the_file(db, tmp_path, row, message):
    _copy_sources(tmp_path)
    good = "Sermig,Sermig - Arsenale della Pace,sites_from_public_sources.csv,Sermig"
    path = tmp_path / "organisations.csv"
    path.write_text(
        f"organisation,site_name,source_file,evidence\n{good}\n{row}\n", encoding="utf-8"
    )
    before = snapshot()
    with pytest.raises(CommandError, match="nothing loaded") as refused:
        load(str(path))
    assert message in str(refused.value) and "line 3" in str(refused.value)
    assert snapshot() == before


def test_a_file_without_the_columns_is_refused(db, tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text("organisation,site\nSermig,Sermig - Arsenale della Pace\n", encoding="utf-8")
    with pytest.raises(CommandError, match="source_file, evidence"):
        load(str(path))
