"""Registry records for the tests of a site's public page: a site on Via Nizza with a service
whose every public field is filled in, and ways to add others."""

from datetime import date, time

from django.test import override_settings
from django.test.client import RequestFactory

from geoplan.public import report_limit
from geoplan.registry.hours import derive_opening_hours
from geoplan.registry.models import (
    Closure,
    LocationPrecision,
    OpeningHours,
    Service,
    ServiceCategory,
    Site,
    Status,
)

# Inside Turin, on Via Nizza: the test data's usual point.
LON, LAT = 7.6745, 45.0495


def no_recompute():
    """Saving registry records asks for an accessibility recompute: not in these tests."""
    return override_settings(GEOPLAN_RECOMPUTE_ON_CHANGE=False)


def make_site(name="Punto di prova Nizza", *, precision=LocationPrecision.BUILDING, **fields):
    from django.contrib.gis.geos import Point

    with no_recompute():
        return Site.objects.create(
            name=name,
            address=fields.pop("address", "Via Nizza 150, Torino"),
            geom=Point(LON, LAT, srid=4326),
            location_precision=precision,
            **fields,
        )


def add_service(site, name="Pacchi alimentari", *, category="food_distribution", **fields):
    with no_recompute():
        return Service.objects.create(
            site=site,
            name=name,
            category=ServiceCategory.objects.get(code=category),
            status=fields.pop("status", Status.PUBLISHED),
            **fields,
        )


def set_hours(service, rows, closures=(), closed_on_public_holidays=False):
    """Give a service weekly rows (weekday, opens, closes[, valid_from, valid_to]) and closures
    (starts_on, ends_on, note), deriving its opening-hours string as the admin does."""
    with no_recompute():
        for weekday, opens, closes, *season in rows:
            valid_from, valid_to = season or (None, None)
            OpeningHours.objects.create(
                service=service,
                weekday=weekday,
                opens_at=opens,
                closes_at=closes,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        for starts_on, ends_on, note in closures:
            Closure.objects.create(service=service, starts_on=starts_on, ends_on=ends_on, note=note)
        service.closed_on_public_holidays = closed_on_public_holidays
        service.opening_hours = derive_opening_hours(service)
        service.save()
    return service


def full_service(site, **fields):
    """A service with every public field filled in."""
    values = {
        "description": "Pacchi di cibo per famiglie del quartiere.",
        "capacity": 40,
        "capacity_unit": "famiglie a settimana",
        "target_groups": ["families", "low_income"],
        "target_groups_note": "residenti in Circoscrizione 8",
        "eligibility": "Con ISEE sotto 6.000 euro.",
        "languages": ["it", "fr", "ar"],
        "step_free_access": True,
        "phone": "011 442 1234",
        "email": "cibo@example.org",
        "website": "https://www.example.org/cibo",
        "source_url": "https://www.comune.torino.it/esempio",
        "as_of_year": 2025,
        "last_verified": date(2026, 3, 14),
        "hours_text": "lunedì e giovedì mattina",
        "text_language": "it",
    }
    values.update(fields)
    service = add_service(site, **values)
    return set_hours(
        service,
        [
            (1, time(9), time(13)),
            (4, time(9), time(13)),
            (4, time(14, 30), time(17)),
            # A winter Saturday.
            (6, time(10), time(12), date(2098, 12, 1), date(2099, 3, 31)),
        ],
        closures=[(date(2099, 8, 1), date(2099, 8, 31), "ferie estive")],
        closed_on_public_holidays=True,
    )


def client_request(address: str):
    """A request from ``address``, to clear the report limit of that client."""
    return RequestFactory().post("/", REMOTE_ADDR=address)


def clear_limit(address: str) -> None:
    report_limit.clear(client_request(address))
