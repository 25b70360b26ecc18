"""The population grid is kept on disk, reused by a fresh process, and rebuilt when what it was
made from changes."""

import pandas as pd
import pytest

from geoplan.access import inputs as access_inputs
from geoplan.access.inputs import AccessInputs, walk_network
from geoplan.territory.models import POPULATION_INDICATOR, IndicatorValue


@pytest.fixture
def cache_dir(settings, tmp_path, monkeypatch):
    """An empty grid cache on disk, and a process that has built no grid yet."""
    settings.GEOPLAN_CACHE_DIR = tmp_path
    monkeypatch.setattr(access_inputs, "_GRIDS", {})
    return tmp_path


@pytest.fixture
def builds(monkeypatch):
    """Counts the grids actually built (not read from the cache)."""
    calls = []
    build = access_inputs.build_population_grid

    def counting(*args, **kwargs):
        calls.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(access_inputs, "build_population_grid", counting)
    return calls


def fresh_process_grid(monkeypatch):
    monkeypatch.setattr(access_inputs, "_GRIDS", {})
    return AccessInputs.gather().population_grid(walk_network())


def test_a_fresh_process_reads_the_grid_from_disk_instead_of_building_it(
    db, cache_dir, builds, monkeypatch
):
    built = AccessInputs.gather().population_grid(walk_network())
    assert len(builds) == 1 and len(list(cache_dir.glob("popgrid-*.npz"))) == 1
    read = fresh_process_grid(monkeypatch)
    assert len(builds) == 1
    columns = ["h3", "lon", "lat", "population", "node", "snap_m"]
    pd.testing.assert_frame_equal(read.cells[columns], built.cells[columns])
    assert read.cells.geometry.geom_equals_exact(built.cells.geometry, 0).all()
    pd.testing.assert_frame_equal(read.pieces, built.pieces)


def test_the_grid_is_rebuilt_when_a_zone_population_changes(db, cache_dir, builds, monkeypatch):
    old = AccessInputs.gather().population_grid(walk_network())
    value = IndicatorValue.objects.filter(indicator__code=POPULATION_INDICATOR).order_by("pk")[0]
    IndicatorValue.objects.filter(pk=value.pk).update(value=value.value + 100)
    new = fresh_process_grid(monkeypatch)
    assert len(builds) == 2 and len(list(cache_dir.glob("popgrid-*.npz"))) == 2
    assert new.pieces["population"].sum() == old.pieces["population"].sum() + 100


def test_an_unreadable_grid_file_is_rebuilt_not_trusted(db, cache_dir, builds, monkeypatch):
    AccessInputs.gather().population_grid(walk_network())
    (path,) = cache_dir.glob("popgrid-*.npz")
    path.write_bytes(b"not a grid")
    grid = fresh_process_grid(monkeypatch)
    assert len(builds) == 2 and grid.pieces["population"].sum() == 860_973
