import pytest

from geoplan.registry.models import Service, Status
from geoplan.registry.site_status import read_status

from .more_sites import more_services


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("active (2023)", Status.PUBLISHED),
        ("active (2025-12)", Status.PUBLISHED),
        ("opened 2022-10", Status.PUBLISHED),
        ("", Status.PUBLISHED),
        ("planned in 2023 (opening not confirmed by a stored source)", Status.PLANNED),
        ("seasonal; not known to be active now", Status.ARCHIVED),
        ("active in summer 2025", Status.ARCHIVED),
        ("unknown", Status.UNVERIFIED),
        ("unknown (2005 source)", Status.UNVERIFIED),
        ("unknown (2018 source)", Status.UNVERIFIED),
    ],
)
def test_each_form_of_the_source_maps_to_a_registry_status(text, status):
    assert read_status(text).status == status


def test_the_second_file_s_services_take_their_status_and_keep_the_source_s_words(db):
    services = more_services()
    # 24 rows: one is a duplicate of a registered service and is not imported.
    assert services.count() == 23
    counts = {s: services.filter(status=s).count() for s in Status.values}
    assert counts == {
        Status.PUBLISHED: 9,
        # Active, but Corso Dante is not in the network: it waits for a location.
        Status.DRAFT: 1,
        Status.PLANNED: 3,
        Status.UNVERIFIED: 5,
        Status.ARCHIVED: 5,
        Status.PENDING: 0,
    }
    planned = Service.objects.get(name="Centro per l'Impiego - Cascina Giajone")
    assert planned.status == Status.PLANNED
    assert planned.status_note == "planned in 2023 (opening not confirmed by a stored source)"
    unknown = Service.objects.get(name="Mensa comunale Lungo Dora Savona")
    assert (unknown.status, unknown.status_note) == (Status.UNVERIFIED, "unknown (2005 source)")
    assert unknown.get_status_display() == "needs verification"


def test_a_file_without_a_status_column_leaves_the_status_words_empty(db):
    first_file = Service.objects.exclude(pk__in=more_services())
    assert not first_file.exclude(status_note="").exists()
    assert set(first_file.values_list("status", flat=True)) == {Status.PUBLISHED, Status.DRAFT}
