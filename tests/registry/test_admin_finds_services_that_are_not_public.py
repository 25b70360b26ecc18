from geoplan.registry.models import Service, Status


def test_staff_find_services_needing_verification_and_planned_ones_in_the_admin(client, planner):
    client.force_login(planner)
    for status, label in ((Status.UNVERIFIED, "needs verification"), (Status.PLANNED, "planned")):
        response = client.get(f"/admin/registry/service/?status__exact={status}")
        assert response.status_code == 200
        shown = {s.pk for s in response.context["cl"].result_list}
        assert shown == set(Service.objects.filter(status=status).values_list("pk", flat=True))
        assert shown and label in response.content.decode()


def test_the_sites_list_filters_by_the_status_of_their_services(client, planner):
    client.force_login(planner)
    response = client.get("/admin/registry/site/?service_status=planned")
    assert response.status_code == 200
    names = {s.name for s in response.context["cl"].result_list}
    assert "Centro per l'Impiego - Cascina Giajone" in names
    assert "Centro per l'Impiego Torino Nord" not in names
