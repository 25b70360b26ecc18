"""The admin's header and titles name geoplan, not the framework."""


def test_the_admin_is_headed_geoplan(client, planner):
    client.force_login(planner)
    page = client.get("/admin/").content.decode()
    assert '<a href="/admin/">geoplan</a>' in page
    assert "Django" not in page
