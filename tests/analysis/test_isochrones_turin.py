"""On the real Turin network, every node reached within a band's minutes lies inside its area,
and a band reaches no farther (in a straight line) than its metres plus the widening."""

import numpy as np
import pytest
import shapely

from geoplan.analysis.isochrones import BUFFER_M, isochrones, walk_from
from geoplan.analysis.network import project_lonlat, unproject_xy
from geoplan.analysis.routing import m_from_minutes


@pytest.mark.parametrize("minutes", [5, 10, 15, 20])
def test_reached_nodes_are_inside_and_nothing_is_farther_than_the_walk(turin, minutes):
    lon, lat = 7.6660, 45.0620
    band = isochrones(turin, lon, lat, (minutes,))[0]
    budget_m = float(m_from_minutes(minutes))
    walk = walk_from(turin, lon, lat, budget_m)
    reached = np.flatnonzero(walk.walked_m <= budget_m)
    assert len(reached) > 10
    node_lon, node_lat = unproject_xy(turin.x[reached], turin.y[reached])
    assert shapely.contains_xy(band.polygon, node_lon, node_lat).all()
    # Not a single vertex of the outline is farther than the walk plus the widening.
    outline = shapely.get_coordinates(band.polygon)
    x, y = project_lonlat(outline[:, 0], outline[:, 1])
    straight_m = np.hypot(x - walk.start_xy[0], y - walk.start_xy[1])
    assert straight_m.max() <= budget_m / turin.min_stretch + BUFFER_M + 1e-6
