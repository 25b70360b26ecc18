"""Networks from OSMnx graphs (online place or .osm file) compile to the same WalkNetwork."""

import geopandas as gpd
import networkx as nx
import numpy as np
import osmnx as ox
import pandas as pd
import pytest
import shapely
from scipy.sparse.csgraph import dijkstra

from geoplan.analysis.network import (
    EXCLUDED_HIGHWAYS,
    compile_network,
    network_from_csv,
    network_from_graph,
    network_from_osm_file,
    network_from_place,
)
from tests.analysis.factories import (
    FULL_EDGES,
    FULL_NODES,
    SIMPLIFIED_EDGES,
    SIMPLIFIED_NODES,
    TINY_OSM,
    local_lonlat,
    node_index,
)


def osmnx_graph_from_csv(nodes_path, edges_path):
    """The OSMnx MultiDiGraph of an OSMnx CSV pair (node points from x/y: the WKT is rounded)."""
    nodes = pd.read_csv(nodes_path).set_index("osmid")
    nodes = gpd.GeoDataFrame(
        nodes.drop(columns="geometry"), geometry=gpd.points_from_xy(nodes.x, nodes.y), crs=4326
    )
    edges = pd.read_csv(edges_path).set_index(["u", "v", "key"])
    edges = gpd.GeoDataFrame(
        edges.drop(columns="geometry"), geometry=shapely.from_wkt(edges["geometry"]), crs=4326
    )
    return ox.graph_from_gdfs(nodes, edges)


def test_it_converts_an_osmnx_graph_like_the_csv_loader():
    G = osmnx_graph_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES)
    from_graph = network_from_graph(G)
    from_csv = network_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES)
    for name in ("indptr", "indices", "weights_m", "osmid"):
        np.testing.assert_array_equal(getattr(from_graph, name), getattr(from_csv, name))
    np.testing.assert_allclose(from_graph.x, from_csv.x)
    assert len(from_graph.source_hash) == 64


def test_it_reads_an_osm_xml_file_like_the_rows_it_was_derived_from(tmp_path):
    from_osm = network_from_osm_file(TINY_OSM, cache_dir=tmp_path)
    assert list(tmp_path.iterdir())  # cached by the file's hash
    assert network_from_osm_file(TINY_OSM, cache_dir=tmp_path).source_hash == from_osm.source_hash

    # The same area compiled from the CSV rows the .osm file was written from.
    G = ox.graph_from_xml(TINY_OSM, simplify=False, retain_all=True)
    nodes = pd.read_csv(FULL_NODES)
    nodes = nodes[nodes["osmid"].isin(list(G.nodes))]
    edges = pd.read_csv(FULL_EDGES)
    edges = edges[edges["u"].isin(nodes["osmid"]) & edges["v"].isin(nodes["osmid"])]
    from_rows = compile_network(
        nodes["osmid"], nodes["x"], nodes["y"], edges["u"], edges["v"], edges["length"],
        edges["highway"],
    )  # fmt: skip
    kept_highways = set(edges["highway"]) - EXCLUDED_HIGHWAYS
    assert kept_highways and set(edges["highway"]) & EXCLUDED_HIGHWAYS

    # OSMnx simplification keeps junctions only; every one of them is in the CSV-based network.
    common = np.intersect1d(from_osm.osmid, from_rows.osmid)
    assert len(common) == from_osm.n_nodes >= 5
    a = [node_index(from_osm, i) for i in common]
    b = [node_index(from_rows, i) for i in common]
    d_osm = dijkstra(from_osm.graph, indices=a)[:, a]
    d_rows = dijkstra(from_rows.graph, indices=b)[:, b]
    # Lengths are recomputed by OSMnx from the coordinates; the CSV's are rounded to the millimetre.
    np.testing.assert_allclose(d_osm, d_rows, atol=0.05)
    assert abs(from_osm.length_m - from_rows.length_m) < 0.05


@pytest.mark.network
def test_it_downloads_a_walk_network_for_a_place(tmp_path):
    network = network_from_place("Piazza Castello, Torino, Italia", cache_dir=tmp_path)
    assert network.n_nodes > 10


def test_it_reads_list_valued_highways_from_a_graph():
    lon, lat = local_lonlat([(0, 0), (100, 0), (200, 0)])
    G = nx.MultiDiGraph(crs="EPSG:4326")
    for i in range(3):
        G.add_node(i + 1, x=lon[i], y=lat[i])
    G.add_edge(1, 2, length=100.0, highway=["motorway", "trunk"])  # as OSMnx merges ways
    G.add_edge(2, 3, length=100.0, highway=["trunk", "residential"])
    G.add_edge(1, 3, length=500.0, highway="residential")
    network = network_from_graph(G)
    a, b = network.node_index([1, 2])
    assert network.n_edges == 2
    assert dijkstra(network.graph, indices=a)[b] == 600.0
