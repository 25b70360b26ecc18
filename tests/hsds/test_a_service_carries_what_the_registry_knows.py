"""A service's HSDS object says what the registry knows of it: organisation, location with its
address and coordinates, weekly, overnight and seasonal hours as schedules (byday, opens_at,
closes_at, valid_from, valid_to, freq WEEKLY), closures and public holidays in the schedules'
notes and as attributes, languages, target groups and eligibility, step-free access, phone,
capacity and its category as a taxonomy term."""

from geoplan.hsds.ids import hsds_id
from geoplan.hsds.taxonomies import CATEGORIES, DETAILS, TARGET_GROUPS


def attributes(obj, taxonomy):
    return {
        a["taxonomy_term"]["code"]: a.get("value")
        for a in obj["attributes"]
        if a["taxonomy_term"]["taxonomy_id"] == taxonomy.id
    }


def test_the_service_object(client, detailed_service, run_by_organisations):
    service = detailed_service
    service.refresh_from_db()
    body = client.get(f"/api/hsds/services/{hsds_id('service', service.pk)}").json()

    assert body["name"] == service.name
    assert body["status"] == "active"
    assert body["url"] == "https://esempio.example.org/servizio"
    assert body["email"] == "info@esempio.example.org"
    assert body["eligibility_description"] == "Con invio dei servizi sociali"
    assert body["organization_id"] == hsds_id("organization", service.site.organization_id)
    assert body["organization"]["name"] == service.site.organization.name
    assert [p["number"] for p in body["phones"]] == ["011 123 4567"]
    assert [(lang["code"], lang["name"]) for lang in body["languages"]] == [
        ("fr", "French"),
        ("it", "Italian"),
    ]

    assert attributes(body, CATEGORIES) == {service.category.code: None}
    assert attributes(body, TARGET_GROUPS) == {"homeless": None, "migrants": None}
    details = attributes(body, DETAILS)
    assert details["capacity"] == "40" and details["capacity_unit"] == "meals"
    assert details["target_groups_note"] == "uomini soli"
    assert details["closure"] == "2026-12-24/2026-12-26 Natale"
    assert details["closed_on_public_holidays"] == "true"
    assert details["step_free_access"] == "true"

    rows = {
        (s["byday"], s["opens_at"], s["closes_at"], s.get("valid_from"), s.get("valid_to"))
        for s in body["schedules"]
    }
    assert rows == {
        *((day, "09:00", "13:00", None, None) for day in ("MO", "TU", "WE", "TH", "FR")),
        ("WE", "20:00", "07:00", None, None),
        ("SA", "10:00", "12:00", "2026-06-01", "2026-09-30"),
    }
    first = body["schedules"][0]
    assert first["freq"] == "WEEKLY"
    assert first["service_at_location_id"] == hsds_id("service_at_location", service.pk)
    assert "Closed from 2026-12-24 to 2026-12-26: Natale." in first["notes"]
    assert "Closed on public holidays." in first["notes"]
    assert first["description"] == (service.hours_text or "Monday 09:00-13:00")

    (link,) = body["service_at_locations"]
    location = link["location"]
    assert link["id"] == hsds_id("service_at_location", service.pk)
    assert location["id"] == hsds_id("location", service.site_id)
    assert location["name"] == service.site.name
    assert abs(location["latitude"] - service.site.geom.y) < 1e-7
    assert abs(location["longitude"] - service.site.geom.x) < 1e-7
    (address,) = location["addresses"]
    assert f"{address['address_1']}, Torino" == service.site.address or (
        f"{address['address_1']}, {address['postal_code']} Torino" == service.site.address
    )
    assert (address["city"], address["country"]) == ("Torino", "IT")
    # The other service at the site has no step-free access: the location says both, by name.
    assert [(a["description"], a["details"]) for a in location["accessibility"]] == [
        ("Step-free access", f"For: {service.name}"),
        ("No step-free access", "For: Sportello di prova"),
    ]
    assert attributes(location, DETAILS) == {"location_precision": "building"}


def test_a_service_known_only_by_its_published_hours_text(client, db):
    from geoplan.registry.models import Service

    service = Service.objects.published().filter(schedules__isnull=True).exclude(hours_text="")[0]
    body = client.get(f"/api/hsds/services/{hsds_id('service', service.pk)}").json()
    (schedule,) = body["schedules"]
    assert schedule["description"] == service.hours_text
    assert "byday" not in schedule and "opens_at" not in schedule


def test_a_street_level_location_says_it_is_approximate(client, db):
    from geoplan.registry.models import Service

    service = Service.objects.published().filter(site__location_precision="street")[0]
    body = client.get(f"/api/hsds/services/{hsds_id('service', service.pk)}").json()
    location = body["service_at_locations"][0]["location"]
    assert attributes(location, DETAILS) == {"location_precision": "street"}
    assert location["description"].startswith("Approximate location")


def test_names_follow_the_language_asked_for(client, detailed_service):
    url = f"/api/hsds/services/{hsds_id('service', detailed_service.pk)}"
    italian = client.get(url, HTTP_ACCEPT_LANGUAGE="it").json()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    category = detailed_service.category
    assert attributes(italian, CATEGORIES) == attributes(english, CATEGORIES)
    names = {
        body["attributes"][0]["taxonomy_term"]["language"]: body["attributes"][0]["taxonomy_term"][
            "name"
        ]
        for body in (italian, english)
    }
    assert names == {"it": category.name_it, "en": category.name_en}
