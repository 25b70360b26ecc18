from geoplan.registry.models import LocationPrecision, Service, Status


def test_the_public_employment_centres_are_published_at_street_level(db):
    work = Service.objects.filter(category__code="work_training")
    assert work.count() == 6
    published = work.filter(status=Status.PUBLISHED)
    assert set(published.values_list("name", flat=True)) == {
        "Centro per l'Impiego Torino Nord",
        "Centro per l'Impiego Torino Sud",
        "Centro Lavoro Torino (CLT)",
    }
    # No coordinates in the source: the offline geocoder places them on their street.
    assert {s.site.location_precision for s in published} == {LocationPrecision.STREET}
    assert all(s.site.zone is not None for s in published)
    assert set(work.exclude(status=Status.PUBLISHED).values_list("status", flat=True)) == {
        Status.PLANNED
    }
