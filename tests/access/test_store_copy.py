"""A run stored with COPY holds exactly what the analysis computed, and a failed store keeps
the previous run in use."""

import numpy as np
import pytest
import shapely
from django.db.models import Sum

from geoplan.access import services
from geoplan.access.inputs import AccessInputs
from geoplan.access.models import AccessCell, AccessCellZone, AccessRun, CellAccess, ZoneAccess


@pytest.fixture
def stored_and_computed(db):
    run, created = services.run_access("standard", force=True)
    assert created and run.status == AccessRun.Status.COMPLETED
    _, grid, results, _ = services.compute(AccessInputs.gather(), run.params["speed_kmh"])
    return run, grid, results


def test_it_stores_one_row_per_computed_row(stored_and_computed):
    run, grid, results = stored_and_computed
    assert AccessCell.objects.filter(run=run).count() == len(grid.cells)
    assert AccessCellZone.objects.filter(cell__run=run).count() == len(grid.pieces)
    assert CellAccess.objects.filter(cell__run=run).count() == len(results.cells)
    assert ZoneAccess.objects.filter(run=run).count() == len(results.zones)
    stored_people = AccessCellZone.objects.filter(cell__run=run).aggregate(n=Sum("population"))
    assert stored_people["n"] == grid.pieces["population"].sum() == 860_973


def test_it_stores_the_computed_cell_values_and_hexagons(stored_and_computed):
    run, grid, results = stored_and_computed
    cells = grid.cells.set_index("h3")
    for stored in AccessCell.objects.filter(run=run).order_by("h3")[::97]:
        cell = cells.loc[stored.h3]
        assert (stored.population, stored.node) == (cell["population"], cell["node"])
        assert stored.snap_m == cell["snap_m"]
        assert shapely.from_wkb(bytes(stored.geom.wkb)).equals_exact(cell["geometry"], 0)
    computed = results.cells.set_index(["h3", "category"])
    rows = CellAccess.objects.filter(cell__run=run).values_list(
        "cell__h3", "category", "nearest_min", "sites_within_15", "capacity_within_20", "e2sfca"
    )
    for h3, category, nearest, within_15, capacity_20, e2sfca in rows:
        expected = computed.loc[(h3, category)]
        if np.isfinite(expected["nearest_min"]):
            assert nearest == expected["nearest_min"]
        else:
            assert nearest is None  # a category without any site: nothing to reach
        assert within_15 == expected["sites_within_15"]
        assert capacity_20 == expected["capacity_within_20"]
        assert e2sfca == expected["e2sfca"]


def test_it_stores_the_computed_zone_values_and_need_components(stored_and_computed):
    run, _, results = stored_and_computed
    computed = results.zones.set_index(["zone_code", "category"])
    stored = ZoneAccess.objects.filter(run=run).select_related("zone")
    for z in stored:
        expected = computed.loc[(z.zone.code, z.category)]
        assert z.population == expected["population"]
        assert z.share_within_15 == expected["share_within_15"]
        assert z.gap_rank == expected["gap_rank"] and z.gap_tied == expected["gap_tied"]
        assert z.residents_beyond == expected["residents_beyond"]
        assert z.need_components == pytest.approx(expected["need_components"], abs=1e-6)
        if np.isnan(expected["mean_min"]):
            assert z.mean_min is None
        else:
            assert z.mean_min == expected["mean_min"]


def test_a_run_failing_while_it_stores_leaves_nothing_and_the_previous_run_in_use(db, monkeypatch):
    before = AccessRun.objects.latest_completed()
    copy_frame = services.copy_frame

    def fail_on_zones(model, frame):
        if model is ZoneAccess:
            raise RuntimeError("connection lost")
        copy_frame(model, frame)

    monkeypatch.setattr(services, "copy_frame", fail_on_zones)
    with pytest.raises(RuntimeError):
        services.run_access(force=True)
    failed = AccessRun.objects.order_by("-pk").first()
    assert failed.status == AccessRun.Status.FAILED and "connection lost" in failed.error
    assert not AccessCell.objects.filter(run=failed).exists()
    assert AccessRun.objects.latest_completed() == before
