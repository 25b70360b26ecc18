from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Service, Site
from tests.conftest import new_site_proposal


def test_a_new_site_waits_as_a_request_and_is_not_public(client, partner_a):
    sites, services = Site.objects.count(), Service.objects.count()
    change = propose(partner_a, new_site_proposal())
    assert change.status == ChangeRequest.Status.PENDING
    assert change.creates_site and change.site is None
    assert (Site.objects.count(), Service.objects.count()) == (sites, services)
    assert "Punto cibo di prova" not in client.get("/api/sites/").content.decode()


def test_an_edit_waits_as_a_request_and_the_record_keeps_its_values(partner_a, org_a):
    site = Site.objects.located().first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    site.refresh_from_db()
    change = propose(partner_a, {"site": {"name": "Renamed by the partner"}}, site)
    site.refresh_from_db()
    assert site.name != "Renamed by the partner"
    assert change.base == {"site": {"name": site.name}}
    assert change.payload == {"site": {"name": "Renamed by the partner"}}
