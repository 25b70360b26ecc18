"""What the portal's forms send, as a browser would: field names as rendered by the templates."""

from django.urls import reverse

from geoplan.moderation.proposal import snapshot_service

SITE_NEW = reverse("partner:site_new")


def new_site_post(action="submit", **fields):
    """A food-distribution point on Via Nizza, open Monday 09-13 and Thursday 09-13 and 15-18."""
    data = {
        "action": action,
        "site-name": "Punto cibo Nizza",
        "site-address": "Via Nizza 100, Torino",
        "site-lon": "7.6745",
        "site-lat": "45.0495",
        "service-0-category": "food_distribution",
        "service-0-name": "Pacchi alimentari",
        "service-0-description": "Pacchi per famiglie\r\nsu appuntamento",
        "service-0-capacity": "40",
        "service-0-capacity_unit": "pacchi",
        "service-0-target_groups": ["families", "low_income"],
        "service-0-target_groups_note": "",
        "service-0-languages": ["it", "ar"],
        "service-0-step_free_access": "yes",
        "service-0-eligibility": "",
        "service-0-phone": "+39 011 123 4567",
        "service-0-email": "cibo@alfa.example.org",
        "service-0-website": "https://alfa.example.org/cibo",
        "service-0-status": "published",
        "service-0-closed_on_public_holidays": "on",
        "service-0-h0-from": "",
        "service-0-h0-to": "",
        "service-0-h0-1-opens": ["09:00", ""],
        "service-0-h0-1-closes": ["13:00", ""],
        "service-0-h0-4-opens": ["09:00", "15:00"],
        "service-0-h0-4-closes": ["13:00", "18:00"],
        "service-0-closure-from": ["2026-12-24", ""],
        "service-0-closure-until": ["2026-12-26", ""],
        "service-0-closure-note": ["Natale", ""],
    }
    data.update(fields)
    return data


def service_post(service, action="submit", **fields):
    """The service form of ``service`` sent back as it was rendered (nothing changed)."""
    now = snapshot_service(service)
    step_free = {True: "yes", False: "no"}.get(now["step_free_access"], "")
    data = {
        "action": action,
        "service-0-category": now["category"],
        "service-0-capacity": "" if now["capacity"] is None else str(now["capacity"]),
        "service-0-target_groups": now["target_groups"],
        "service-0-languages": now["languages"],
        "service-0-step_free_access": step_free,
        "service-0-status": now["status"] if now["status"] in ("published", "archived") else "",
    }
    for key in (
        "name",
        "description",
        "capacity_unit",
        "target_groups_note",
        "eligibility",
        "phone",
        "email",
        "website",
    ):
        data[f"service-0-{key}"] = now[key]
    if now["closed_on_public_holidays"]:
        data["service-0-closed_on_public_holidays"] = "on"
    for row in now["hours"]:
        name = f"service-0-h0-{row['weekday']}"
        data.setdefault(f"{name}-opens", []).append(row["opens_at"])
        data.setdefault(f"{name}-closes", []).append(row["closes_at"])
        data["service-0-h0-from"] = row["valid_from"] or ""
        data["service-0-h0-to"] = row["valid_to"] or ""
    data.update(fields)
    return data
