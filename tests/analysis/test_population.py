"""Population split from zone statistiche onto H3 cells, by street length, whole people."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geoplan.analysis.population import apportion, build_population_grid, zone_weighted


def test_apportion_uses_the_largest_remainder():
    # Quotas 3.5, 2.1, 1.4: floors give 6, the one person left goes to the largest remainder.
    got = apportion({"a": 7}, [0.5, 0.3, 0.2], ["a", "a", "a"])
    assert got.tolist() == [4, 2, 1]


def test_apportion_breaks_ties_by_item_order_and_keeps_each_group_exact():
    got = apportion({"a": 10, "b": 5}, [1, 1, 1, 2, 0, 0], ["a", "a", "a", "b", "b", "b"])
    assert got.tolist() == [4, 3, 3, 5, 0, 0]
    assert apportion({"c": 3}, [0.0, 0.0], ["c", "c"]).tolist() == [2, 1]  # no weight: even split


def test_zone_populations_are_preserved_exactly(turin_grid, zones):
    pieces = turin_grid.pieces
    assert pieces["population"].dtype.kind == "i"
    by_zone = pieces.groupby("zone_code")["population"].sum()
    expected = zones.set_index("ZONASTAT")["pop2023"].astype("int64")
    pd.testing.assert_series_equal(
        by_zone.sort_index(), expected.sort_index(), check_names=False, check_index_type=False
    )
    assert turin_grid.cells["population"].sum() == 860_973


def test_cells_cover_the_city_and_are_snapped(turin_grid, turin):
    cells = turin_grid.cells
    assert 1_300 <= len(cells) <= 1_450
    assert cells["h3"].is_unique and set(turin_grid.pieces["h3"]) == set(cells["h3"])
    assert cells.crs.to_epsg() == 4326
    assert ((cells["node"] >= 0) & (cells["node"] < turin.n_nodes)).all()
    populated = cells[cells["population"] > 0]
    assert (populated["snap_m"] < 300).all()
    centroids = shapely.points(cells["lon"], cells["lat"])
    assert shapely.contains(cells.geometry.values, centroids).all()


def test_people_follow_the_streets(turin_grid, turin):
    pieces = turin_grid.pieces
    assert (pieces["method"] == "street").all()
    # Nearly all the network lies inside some zone.
    assert abs(pieces["street_m"].sum() / turin.length_m - 1) < 0.01
    # No street, no residents: a street-based zone puts nobody in a piece without streets.
    assert (pieces.loc[pieces["street_m"] == 0, "population"] == 0).all()


def test_a_zone_without_streets_is_split_by_area(turin):
    # Two squares just outside the city's western edge, where the network has no street, and one
    # square in the centre.
    def square(lon, lat, d=0.004):
        return shapely.box(lon, lat, lon + d, lat + d)

    west = turin.lon.min() - 0.02
    zones = gpd.GeoDataFrame(
        {"ZONASTAT": ["centre", "empty"], "pop2023": [1000, 999]},
        geometry=[square(7.680, 45.066), square(west, 45.07)],
        crs=4326,
    )
    grid = build_population_grid(zones, turin)
    pieces = grid.pieces.set_index("h3")
    empty = pieces[pieces["zone_code"] == "empty"]
    assert (empty["method"] == "area").all() and empty["population"].sum() == 999
    quota = 999 * empty["area_m2"] / empty["area_m2"].sum()
    assert (np.abs(empty["population"] - quota) < 1).all()
    assert (pieces.loc[pieces["zone_code"] == "centre", "method"] == "street").all()


def test_zone_weighted_counts_each_piece_with_its_residents():
    pieces = pd.DataFrame(
        {"h3": ["x", "x", "y"], "zone_code": ["A", "B", "B"], "population": [10, 30, 10]}
    )
    mean = zone_weighted(pieces, ["x", "y"], [4.0, 8.0])
    assert mean["A"] == 4.0 and mean["B"] == (30 * 4 + 10 * 8) / 40
    assert zone_weighted(pieces, ["x", "y"], [1.0, 1.0], how="sum").tolist() == [10, 40]
    # inf minutes in an empty piece do not poison the zone
    pieces.loc[2, "population"] = 0
    assert zone_weighted(pieces, ["x", "y"], [4.0, np.inf])["B"] == 4.0
