import pytest

from geoplan.territory.models import Indicator


@pytest.fixture
def unemployment(db):
    """A need indicator that the real data does not have, for import tests."""
    return Indicator.objects.create(
        code="unemployment",
        label_it="Disoccupazione",
        label_en="Unemployment",
        unit="%",
        source="test",
        higher_means_more_need=True,
    )
