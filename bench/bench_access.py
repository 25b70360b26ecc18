"""Benchmark the accessibility pipeline on the full Turin network; one JSON line per figure.

Run: ``make bench`` or ``.venv/bin/python bench/bench_access.py`` (``--no-db`` skips the last
figures, ``compute_access`` with database writes, which need the loaded database; ``--db-only``
runs only those). Figures (seconds, best of N runs unless said):
network compile without cache, reload from cache, population grid, every measure for every category
(``compute_all``), what-if for one new site, and the nearest-minutes output computed both our way and
the way an OSMnx user would (OSMnx graph, ``nearest_nodes``, networkx Dijkstra), checked equal.
Then a full recompute with database writes (``services.run_access``, one profile, forced): warm, in
a long-lived process as the background worker runs it, with its split; and cold, as the
``compute_access --force`` command in a fresh process (Django start-up included). Each of these
stores a real run, as the command does.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import osmnx as ox
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geoplan.analysis import apportion  # noqa: E402
from geoplan.analysis.geocoding import StreetGeocoder  # noqa: E402
from geoplan.analysis.measures import compute_all  # noqa: E402
from geoplan.analysis.need import Indicator  # noqa: E402
from geoplan.analysis.network import (  # noqa: E402
    METRIC_CRS,
    is_excluded_highway,
    network_from_csv,
    project_lonlat,
)
from geoplan.analysis.population import (  # noqa: E402
    build_population_grid,
    street_length_points,
)
from geoplan.analysis.routing import (  # noqa: E402
    DEFAULT_SPEED_KMH,
    minutes_from_m,
    nearest_m,
    snap_points,
)
from geoplan.analysis.whatif import whatif_nearest_min, whatif_zones  # noqa: E402

FIXTURES = ROOT / "fixtures"
NODES = FIXTURES / "network" / "turin_biketrackcarall_nodes.zip"
EDGES = FIXTURES / "network" / "turin_biketrackcarall_edges.zip"
ZONES = FIXTURES / "zones" / "zone_statistiche_pop2023.geojson"
INDICATORS_SPEC = FIXTURES / "indicators" / "ex_quartieri.json"
SITES = FIXTURES / "services" / "sites_from_public_sources.csv"
# DESIGN.md's actions with no public site locations yet: computed, and unreachable.
EXTRA_CATEGORIES = ["work_training", "housing_first"]


def emit(figure: str, **values) -> None:
    print(json.dumps({"figure": figure, **values}), flush=True)


def best_of(n: int, fn):
    """(best seconds, last result) of ``n`` calls."""
    best, result = np.inf, None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def place_sites() -> pd.DataFrame:
    """The public-source sites with coordinates: given ones, else geocoded on their street."""
    sites = pd.read_csv(SITES)
    geocoder = StreetGeocoder.from_edges_csv(EDGES)
    for i, row in sites[sites["lat"].isna()].iterrows():
        result = geocoder.geocode(row["address"])
        if result.ok:
            sites.loc[i, ["lon", "lat"]] = result.lon, result.lat
    placed = sites.dropna(subset=["lon", "lat"]).reset_index(drop=True)
    placed["site_id"] = placed.index
    emit("sites_placed", placed=len(placed), skipped=len(sites) - len(placed))
    return placed


def need_indicators(zones: gpd.GeoDataFrame, network) -> pd.DataFrame:
    """The need indicators the application ships: counts of the 23 former quartieri apportioned
    to the zones by population, and the five ratios formed from them (fixtures/indicators/)."""
    spec = json.loads(INDICATORS_SPEC.read_text(encoding="utf-8"))
    layer = gpd.read_file(INDICATORS_SPEC.parent / spec["file"]).set_index(spec["id_field"])
    layer["geometry"] = shapely.make_valid(layer.geometry.values, method="structure")
    counts = pd.DataFrame(index=layer.index)
    for group in spec["imports"]:
        for c in group["counts"]:
            # Expressions in the spec are sums and differences of columns.
            expr = c.get("expression") or c["code"]
            counts[c["code"]] = pd.eval(expr, local_dict={k: layer[k] for k in layer.columns})
    metric = zones.to_crs(METRIC_CRS).set_index("ZONASTAT")

    def run():
        surface = apportion.population_surface(
            metric.rename(columns={"pop2023": "population"}),
            *street_length_points(network),
        )
        weights = apportion.apportion_weights(layer.to_crs(METRIC_CRS), metric, surface)
        return apportion.apportion_counts(counts, weights, metric.index)

    seconds, per_zone = best_of(3, run)
    emit("apportion_indicators", seconds=seconds, runs=3, sources=len(layer), zones=len(metric))
    return pd.DataFrame(
        {
            r["code"]: apportion.ratio(per_zone[r["numerator"]], per_zone[r["denominator"]])
            for r in spec["ratios"]
            if r.get("in_default_need")
        }
    )


def osmnx_baseline(cells: pd.DataFrame, sites: pd.DataFrame, categories, speed_kmh: float):
    """Nearest minutes per cell and category the way an OSMnx user would compute them."""
    nodes = pd.read_csv(NODES).set_index("osmid")
    nodes = gpd.GeoDataFrame(
        nodes.drop(columns="geometry"), geometry=gpd.points_from_xy(nodes.x, nodes.y), crs=4326
    )
    edges = pd.read_csv(EDGES).set_index(["u", "v", "key"])
    edges = gpd.GeoDataFrame(
        edges.drop(columns="geometry"), geometry=shapely.from_wkt(edges["geometry"]), crs=4326
    )
    start = time.perf_counter()
    G = ox.graph_from_gdfs(nodes, edges)
    G.remove_edges_from(
        [(u, v, k) for u, v, k, hw in G.edges(keys=True, data="highway") if is_excluded_highway(hw)]
    )
    G = ox.truncate.largest_component(G, strongly=False)
    unprojected = ox.convert.to_undirected(G)
    # Projected, as OSMnx advises for nearest-node search: Euclidean legs in the project's metric CRS.
    # (On the unprojected graph nearest_nodes measures haversine metres and, at near-ties of a few
    # millimetres, picks another node than a Euclidean search for ~0.5% of the cells.)
    G = ox.convert.to_undirected(ox.projection.project_graph(G, to_crs=METRIC_CRS))
    emit("baseline_osmnx_graph_build", seconds=time.perf_counter() - start, runs=1)
    haversine_nodes = ox.distance.nearest_nodes(unprojected, cells["lon"], cells["lat"])

    def run():
        cx, cy = project_lonlat(cells["lon"], cells["lat"])
        sx, sy = project_lonlat(sites["lon"], sites["lat"])
        cell_nodes, cell_leg = ox.distance.nearest_nodes(G, cx, cy, return_dist=True)
        site_nodes, site_leg = ox.distance.nearest_nodes(G, sx, sy, return_dist=True)
        out = {}
        for cat in categories:
            idx = np.flatnonzero(sites["category"].to_numpy() == cat)
            if len(idx) == 0:
                out[cat] = np.full(len(cells), np.inf)
                continue
            # Each site's own snap leg: a virtual source linked to the site nodes by their legs.
            legs: dict = {}
            for n, m in zip(site_nodes[idx], site_leg[idx], strict=True):
                legs[n] = min(m, legs.get(n, np.inf))
            G.add_weighted_edges_from([("virtual", n, m) for n, m in legs.items()], "length")
            dist = nx.multi_source_dijkstra_path_length(G, {"virtual"}, weight="length")
            G.remove_node("virtual")
            walk_m = np.array([dist.get(n, np.inf) for n in cell_nodes]) + cell_leg
            out[cat] = walk_m * 60.0 / (speed_kmh * 1000.0)
        return out, cell_nodes, site_nodes

    return run, haversine_nodes


def main() -> None:
    speed_kmh = DEFAULT_SPEED_KMH
    with tempfile.TemporaryDirectory() as tmp:
        seconds, network = best_of(3, lambda: network_from_csv(NODES, EDGES))
        emit("network_compile_cold", seconds=seconds, runs=3, nodes=network.n_nodes)
        network_from_csv(NODES, EDGES, cache_dir=tmp)
        seconds, network = best_of(5, lambda: network_from_csv(NODES, EDGES, cache_dir=tmp))
        emit("network_reload_cache", seconds=seconds, runs=5, target_s=1.0)
    network.kdtree  # noqa: B018  (built once with the network, as in a long-running process)

    zones = gpd.read_file(ZONES)
    seconds, grid = best_of(1, lambda: build_population_grid(zones, network))
    emit("population_grid", seconds=seconds, runs=1, cells=len(grid.cells))
    cells, pieces = grid.cells, grid.pieces
    sites = place_sites()
    categories = sorted(sites["category"].unique()) + EXTRA_CATEGORIES
    indicators = need_indicators(zones, network)
    specs = [Indicator(code) for code in indicators.columns]

    def recompute():
        return compute_all(
            network, cells, pieces, sites, indicators, specs,
            categories=categories, speed_kmh=speed_kmh,
        )  # fmt: skip

    seconds, results = best_of(5, recompute)
    emit(
        "compute_all", seconds=seconds, runs=5, target_s=1.0, categories=len(categories),
        sites=len(sites), cells=len(cells),
    )  # fmt: skip

    # What-if: one new night shelter at the centre of the worst-gap zone's most populated cell.
    cat_cells = results.cells[results.cells["category"] == "night_shelter"]
    cat_zones = results.zones[results.zones["category"] == "night_shelter"]
    current = cat_cells["nearest_min"].to_numpy()
    worst = cat_zones.sort_values("gap_rank").iloc[0]["zone_code"]
    zone_cells = pieces[pieces["zone_code"] == worst].sort_values("population")
    target = cells.set_index("h3").loc[zone_cells.iloc[-1]["h3"]]
    cell_pts = snap_points(network, cells["lon"], cells["lat"])
    need_01 = results.need["night_shelter"]["need_01"]

    def whatif():
        new = whatif_nearest_min(network, cell_pts, current, [target.lon], [target.lat], speed_kmh)
        return new, whatif_zones(pieces, cells["h3"], current, new, 15, need_01)

    seconds, (new, summary) = best_of(5, whatif)
    emit(
        "whatif_one_site", seconds=seconds, runs=5, target_s=0.1, zone=str(worst),
        newly_within_15=int(summary["newly_within"].sum()),
    )  # fmt: skip

    # Nearest minutes, every cell and category: ours (snap + one Dijkstra per category) ...
    def ours():
        pts = snap_points(network, cells["lon"], cells["lat"])
        site_pts = snap_points(network, sites["lon"], sites["lat"])
        out = {}
        for c in categories:
            idx = np.flatnonzero(sites["category"].to_numpy() == c)
            out[c] = minutes_from_m(nearest_m(network, site_pts.subset(idx), pts), speed_kmh)
        return out

    ours_s, ours_min = best_of(5, ours)
    emit("nearest_minutes_ours", seconds=ours_s, runs=5)
    # ... and the OSMnx/networkx way.
    baseline, haversine_nodes = osmnx_baseline(cells, sites, categories, speed_kmh)
    base_s, (base_min, cell_nodes, site_nodes) = best_of(2, baseline)
    emit("nearest_minutes_osmnx_baseline", seconds=base_s, runs=2)
    emit(
        "baseline_unprojected_snap_differs", cells=int((haversine_nodes != cell_nodes).sum()),
        of=len(cells),
    )  # fmt: skip

    same_nodes = np.array_equal(network.osmid[cell_pts.node], cell_nodes) and np.array_equal(
        network.osmid[snap_points(network, sites["lon"], sites["lat"]).node], site_nodes
    )
    finite = {c: np.isfinite(ours_min[c]) for c in categories}
    diff = max(
        float(np.abs(ours_min[c][finite[c]] - base_min[c][finite[c]]).max(initial=0.0))
        for c in categories
    )
    for c in categories:
        assert np.array_equal(np.isinf(ours_min[c]), np.isinf(base_min[c])), c
    assert same_nodes, "OSMnx snapped some point to another node"
    assert diff <= 1e-6, f"nearest minutes differ by {diff}"
    emit(
        "nearest_minutes_speedup", ratio=base_s / ours_s, target_ratio=20.0, max_abs_diff_min=diff,
        same_snapped_nodes=same_nodes,
    )  # fmt: skip


def _split(timings: dict) -> dict:
    keys = ("gather", "network", "population_grid", "compute", "store", "total")
    return {k: timings.get(k) for k in keys}


def bench_compute_access_with_db(runs: int = 5) -> None:
    """``run_access`` with database writes against the project's database (``make demo``'s data)."""
    import os
    import subprocess

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoplan.settings")
    import django

    django.setup()
    from geoplan.access.services import run_access

    # Warm: the worker's case. The first call loads the network, its KD-tree and the population
    # grid; the timed ones reuse them, as every job after the first one does.
    run_access(force=True)
    best, cpu, best_run = np.inf, np.inf, None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run, _created = run_access(force=True)
        seconds = time.perf_counter() - start
        if seconds < best:
            best, cpu, best_run = seconds, time.process_time() - start_cpu, run
    emit(
        "compute_access_with_db_writes", seconds=best, runs=runs, target_s=1.0,
        # This process's CPU seconds in that run (PostgreSQL's own work is not in them).
        cpu_seconds=cpu,
        split_s=_split(best_run.timings_s),
        # Commit (deferred foreign-key checks) and saving the run record, outside the split.
        commit_s=best - best_run.timings_s["total"], cells=best_run.counts["cells"],
        run=best_run.pk,
    )  # fmt: skip

    # Cold: the command in a fresh process; the network and grid come from the on-disk cache.
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "compute_access", "--force"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        emit("compute_access_command_cold", error=proc.stderr.strip().splitlines()[-1:])
        return
    summary = json.loads(proc.stdout)
    emit(
        "compute_access_command_cold", command_wall_seconds=wall,
        seconds=summary["timings_s"]["total"], split_s=_split(summary["timings_s"]),
        run=summary["run"],
    )  # fmt: skip


if __name__ == "__main__":
    if "--db-only" not in sys.argv:
        main()
    if "--no-db" not in sys.argv:
        bench_compute_access_with_db()
