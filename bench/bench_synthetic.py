"""Scale-out figures on a synthetic metropolitan street grid; one JSON line per figure.

Run: ``make bench`` (after bench_access.py) or ``.venv/bin/python bench/bench_synthetic.py
[--side 1000] [--cells 30000] [--sites 500] [--runs 3]``.

The street grid is a square lattice of ``side`` x ``side`` nodes 100 m apart (EPSG:32632 metres,
south-west corner in Turin), with a share of its edges removed by a seeded RNG, compiled with the
application's own rules (largest component kept). Population cells and sites are placed uniformly
at random inside it (seeded); cells belong to square zones of 10 x 10 km. Figures: building the
inputs, the KD-tree for snapping (built once per network, as in a long-running process), every
measure for every category (``compute_all``, best of ``runs``, with the CPU seconds of that run
since a busy machine stretches wall time) with its split, and peak memory:
the process's high-water mark (``ru_maxrss``, building included) and the peak of memory traced
during one ``compute_all`` (``tracemalloc``, numpy arrays included).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geoplan.analysis.measures import compute_all  # noqa: E402
from geoplan.analysis.need import Indicator  # noqa: E402
from geoplan.analysis.network import WalkNetwork, compile_network, unproject_xy  # noqa: E402

# South-west corner of the lattice (EPSG:32632 metres), in Turin.
ORIGIN_X, ORIGIN_Y = 380_000.0, 4_980_000.0
SPACING_M = 100.0
ZONE_SIDE_M = 10_000.0
CATEGORIES = (
    "work_training",
    "neighbourhood_house",
    "emergency_housing",
    "night_shelter",
    "housing_first",
    "food_distribution",
    "help_desk",
)
INDICATORS = ("foreign_share", "unemployment_rate", "renting_share")
SEED = 20240601


@dataclass(frozen=True)
class SyntheticCity:
    network: WalkNetwork
    cells: pd.DataFrame  # h3 (a cell id), lon, lat (EPSG:4326), population
    pieces: pd.DataFrame  # h3, zone_code, population: one piece per cell
    sites: pd.DataFrame  # site_id, category, lon, lat, capacity
    indicators: pd.DataFrame  # need indicators per zone (index zone_code)
    categories: tuple[str, ...]


def lattice_network(
    side: int, spacing_m: float = SPACING_M, drop_share: float = 0.05, seed: int = SEED
) -> WalkNetwork:
    """A ``side`` x ``side`` street lattice, ``spacing_m`` apart, with ``drop_share`` of its
    edges removed at random (seeded), compiled with the walking-network rules."""
    rng = np.random.default_rng(seed)
    ids = np.arange(side * side, dtype=np.int64)
    row, col = np.divmod(ids, side)
    lon, lat = unproject_xy(ORIGIN_X + col * spacing_m, ORIGIN_Y + row * spacing_m)
    east, north = ids[col < side - 1], ids[row < side - 1]
    u = np.r_[east, north]
    v = np.r_[east + 1, north + side]
    keep = rng.random(len(u)) >= drop_share
    return compile_network(
        ids, lon, lat, u[keep], v[keep], np.full(int(keep.sum()), spacing_m),
        source_hash=f"synthetic-lattice-{side}-{spacing_m:g}-{drop_share:g}-{seed}",
    )  # fmt: skip


def synthetic_city(
    side: int = 1000,
    n_cells: int = 30_000,
    n_sites: int = 500,
    categories: tuple[str, ...] = CATEGORIES,
    seed: int = SEED,
) -> SyntheticCity:
    """The lattice, ``n_cells`` populated cells and ``n_sites`` sites spread over ``categories``
    (every category gets some), all placed by a seeded RNG: equal arguments, equal city."""
    network = lattice_network(side, seed=seed)
    rng = np.random.default_rng(seed + 1)
    extent_m = (side - 1) * SPACING_M

    def points(n: int):
        x = ORIGIN_X + rng.random(n) * extent_m
        y = ORIGIN_Y + rng.random(n) * extent_m
        return x, y, *unproject_xy(x, y)

    cx, cy, clon, clat = points(n_cells)
    zone = np.char.add(
        np.char.add("Z", ((cy - ORIGIN_Y) // ZONE_SIDE_M).astype(int).astype(str)),
        np.char.add("-", ((cx - ORIGIN_X) // ZONE_SIDE_M).astype(int).astype(str)),
    )
    cell_ids = np.char.add("cell", np.arange(n_cells).astype(str))
    population = rng.integers(1, 400, n_cells)
    cells = pd.DataFrame({"h3": cell_ids, "lon": clon, "lat": clat, "population": population})
    pieces = pd.DataFrame({"h3": cell_ids, "zone_code": zone, "population": population})

    _, _, slon, slat = points(n_sites)
    category = np.asarray(categories, dtype=object)[rng.permutation(n_sites) % len(categories)]
    capacity = rng.integers(10, 200, n_sites).astype(float)
    sites = pd.DataFrame(
        {"site_id": np.arange(n_sites), "category": category, "lon": slon, "lat": slat}
    ).assign(capacity=capacity)

    zones = np.unique(zone)
    indicators = pd.DataFrame(
        {code: rng.normal(10.0, 3.0, len(zones)) for code in INDICATORS},
        index=pd.Index(zones, name="zone_code"),
    )
    return SyntheticCity(network, cells, pieces, sites, indicators, tuple(categories))


def emit(figure: str, **values) -> None:
    print(json.dumps({"figure": figure, **values}), flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=1000)
    parser.add_argument("--cells", type=int, default=30_000)
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    city = synthetic_city(args.side, args.cells, args.sites)
    emit(
        "synthetic_build", seconds=time.perf_counter() - start, nodes=city.network.n_nodes,
        edges=city.network.n_edges, cells=len(city.cells), sites=len(city.sites),
        categories=len(city.categories), zones=len(city.indicators),
    )  # fmt: skip
    start = time.perf_counter()
    city.network.kdtree  # noqa: B018  (once per network, as in a long-running process)
    emit("synthetic_kdtree", seconds=time.perf_counter() - start)

    specs = [Indicator(code) for code in INDICATORS]

    def recompute():
        return compute_all(
            city.network, city.cells, city.pieces, city.sites, city.indicators, specs,
            categories=list(city.categories),
        )  # fmt: skip

    best, cpu, split = np.inf, np.inf, {}
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        results = recompute()
        seconds = time.perf_counter() - start
        if seconds < best:
            best, cpu, split = seconds, time.process_time() - start_cpu, results.timings_s
    rss_mb = peak_rss_mb()
    tracemalloc.start()
    recompute()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    emit(
        "synthetic_compute_all", seconds=best, runs=args.runs, target_s=5.0,
        # CPU seconds of that run: what the wall time would be on an otherwise idle machine.
        cpu_seconds=cpu,
        split_s={k: round(v, 4) for k, v in split.items()},
        peak_rss_mb=rss_mb, compute_traced_peak_mb=traced_peak / 2**20, target_mb=4096,
        nodes=city.network.n_nodes, cells=len(city.cells), sites=len(city.sites),
        categories=len(city.categories),
        cells_rows=len(results.cells), zones_rows=len(results.zones),
    )  # fmt: skip


if __name__ == "__main__":
    main()
