"""Fixtures and helpers of the export, report and print tests (no tests here).

`exporter` is a client logged in as the `planner` persona. `night_scenario` adds two night
shelters (Lucento, Mirafiori), moves a published shelter and closes another: every kind of edit
that draws a point, built with the ORM on published sites of the loaded registry.
"""

import csv
import io

import pytest
from django.contrib.gis.geos import Point

__all__ = ["exporter", "night_scenario"]

# Inside Turin, in zones far from any night shelter.
LUCENTO = (7.645, 45.095)
MIRAFIORI = (7.66, 45.035)
NORTH = (7.70, 45.10)


@pytest.fixture
def exporter(client, planner):
    client.force_login(planner)
    return client


def shelter_sites() -> list[int]:
    """Published sites with a night shelter and no service of another category, by id."""
    from geoplan.access.inputs import sites_frame

    sites = sites_frame()
    only = sites.groupby("site_id")["category"].agg(set)
    return sorted(int(s) for s, cats in only.items() if cats == {"night_shelter"})


def make_scenario(owner, name="Two new night shelters", kinds=("add", "add", "move", "close")):
    from geoplan.planning.models import Scenario, ScenarioEdit
    from geoplan.registry.models import ServiceCategory

    scenario = Scenario.objects.create(name=name, owner=owner)
    shelter = ServiceCategory.objects.get(code="night_shelter")
    adds = iter([(LUCENTO, "Nuovo dormitorio Lucento"), (MIRAFIORI, "")])
    sites = iter(shelter_sites())
    for position, kind in enumerate(kinds):
        edit = ScenarioEdit(scenario=scenario, position=position, kind=kind)
        if kind == "add":
            (lon, lat), edit.name = next(adds)
            edit.category, edit.capacity = shelter, 20
            edit.geom = Point(lon, lat, srid=4326)
        else:
            edit.site_id = next(sites)
            if kind == "move":
                edit.geom = Point(*NORTH, srid=4326)
        edit.save()
    return scenario


@pytest.fixture
def night_scenario(planner):
    return make_scenario(planner)


def csv_rows(response) -> tuple[list[str], list[list[str]]]:
    assert response["Content-Type"].startswith("text/csv")
    # A byte-order mark first, so that spreadsheet programs read accented names as UTF-8.
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return rows[0], rows[1:]


# Decimals of a scenario's zone measures in the tables (those not named are whole numbers).
DECIMALS = {"share_within_15": 3, "need_weighted_unserved": 0, "mean_min": 1}


def rounded(measure: str, value):
    """A scenario's zone figure as the zone tables write it; the access score keeps six
    significant digits."""
    if value is None:
        return None
    if measure == "e2sfca_mean":
        return float(f"{value:.6g}")
    if measure in DECIMALS:
        return round(value, DECIMALS[measure])
    return value


def number(text: str):
    """A CSV cell as the number it holds (None when empty)."""
    if text == "":
        return None
    value = float(text)
    return int(value) if value.is_integer() and "." not in text and "e" not in text else value
