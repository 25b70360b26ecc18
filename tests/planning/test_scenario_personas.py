"""Personas and helpers of the scenario tests (no tests here).

`pia` is a planner (the planner role, not an admin) who owns `scenario`; `piero` is another
planner. Clients send real tokens, as scripts do. `expected_measures` reads the city and zone
measures of a scenario's results straight from a full run's results, independently of
geoplan.planning.scenarios, so that the engine can be checked against it.
"""

import math

import numpy as np
import pandas as pd
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

__all__ = ["pia", "piero", "scenario"]

# Inside Turin: Via Nizza (San Salvario) and Piazza Castello.
VIA_NIZZA = (7.6745, 45.0495)
CENTRE = (7.6858, 45.0712)
NORTH = (7.6800, 45.1000)


@pytest.fixture
def pia(db):
    from geoplan.accounts.creation import create_account

    return create_account("pia@comune.example.org", "planner", password="Pia-pass-2026")


@pytest.fixture
def piero(db):
    from geoplan.accounts.creation import create_account

    return create_account("piero@comune.example.org", "planner", password="Piero-pass-2026")


@pytest.fixture
def scenario(pia):
    from geoplan.planning.models import Scenario

    return Scenario.objects.create(name="Prova", owner=pia)


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def results_url(scenario, profile="standard") -> str:
    return f"/api/scenarios/{scenario.pk}/results/?profile={profile}"


def _n(value):
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def expected_measures(results, cells, category):
    """City measures M and zone measures {code: (population, Z)} of one category, from a full
    run's AccessResults (geoplan.access.services.compute)."""
    zones = results.zones[results.zones["category"] == category]
    city_row = results.city[results.city["category"] == category].iloc[0]
    access = results.cells[results.cells["category"] == category]["e2sfca"].to_numpy()
    pop = cells["population"].to_numpy(dtype=float)
    gap = zones["gap_people"].to_numpy(dtype=float)
    city = {
        "residents_within_15": int(zones["pop_within_15"].sum()),
        "share_within_15": _n(city_row["share_within_15"]),
        "need_weighted_unserved": _n(np.nansum(gap)) if np.isfinite(gap).any() else None,
        "mean_min": _n(city_row["mean_min"]),
        "e2sfca_mean": _n((access * pop).sum() / pop.sum()),
        "gini_nearest_min": _n(city_row["gini_nearest_min"]),
        "palma_nearest_min": _n(city_row["palma_nearest_min"]),
        "gini_e2sfca": _n(city_row["gini_e2sfca"]),
        "palma_e2sfca": _n(city_row["palma_e2sfca"]),
        "n_sites": int(city_row["n_sites"]),
    }
    per_zone = {
        z["zone_code"]: (
            int(z["population"]),
            {
                "residents_within_15": int(z["pop_within_15"]),
                "share_within_15": _n(z["share_within_15"]),
                "need_weighted_unserved": _n(z["gap_people"]),
                "mean_min": _n(z["mean_min"]),
                "e2sfca_mean": _n(z["e2sfca_mean"]),
                "gap_rank": None if pd.isna(z["gap_rank"]) else int(z["gap_rank"]),
            },
        )
        for z in zones.to_dict("records")
    }
    return city, per_zone


def assert_close(got: dict, want: dict, where: str) -> None:
    assert set(got) == set(want), where
    for key, value in want.items():
        if value is None:
            assert got[key] is None, (where, key, got[key])
        else:
            assert got[key] is not None, (where, key)
            assert math.isclose(got[key], value, rel_tol=1e-9, abs_tol=1e-9), (
                where,
                key,
                got[key],
                value,
            )
