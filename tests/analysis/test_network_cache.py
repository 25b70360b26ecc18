"""The compiled network is cached on disk, keyed by the sha256 of its sources and format version."""

import shutil
import zipfile

import numpy as np
import pandas as pd

from geoplan.analysis import network as network_module
from geoplan.analysis.network import cache_path, network_from_csv
from tests.analysis.factories import FULL_EDGES, FULL_NODES, SIMPLIFIED_EDGES, SIMPLIFIED_NODES

ARRAYS = ("indptr", "indices", "weights_m", "osmid", "lon", "lat", "x", "y")


def assert_same_network(a, b):
    assert a.source_hash == b.source_hash
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
        assert getattr(a, name).dtype == getattr(b, name).dtype


def test_it_reloads_the_full_network_identically_from_the_cache(turin, cache_dir):
    # How fast the reload is is measured by `make bench`, not here.
    assert cache_path(cache_dir, turin.source_hash).exists()
    reloaded = network_from_csv(FULL_NODES, FULL_EDGES, cache_dir=cache_dir)
    assert_same_network(turin, reloaded)


def test_the_cache_is_keyed_by_the_source_hash(tmp_path):
    nodes, edges = tmp_path / "nodes.zip", tmp_path / "edges.zip"
    shutil.copy(SIMPLIFIED_NODES, nodes)
    shutil.copy(SIMPLIFIED_EDGES, edges)
    cache = tmp_path / "cache"
    first = network_from_csv(nodes, edges, cache_dir=cache)
    assert [p.name for p in cache.iterdir()] == [f"walknet-{first.source_hash}.npz"]

    # Same content under another name: same key, served from the cache.
    renamed = tmp_path / "edges-copy.zip"
    shutil.copy(edges, renamed)
    assert network_from_csv(nodes, renamed, cache_dir=cache).source_hash == first.source_hash
    assert len(list(cache.iterdir())) == 1

    # One edge made longer: a new key and a new network, never the stale cache.
    frame = pd.read_csv(edges)
    frame.loc[0, "length"] += 1000.0
    changed = tmp_path / "edges-changed.zip"
    with zipfile.ZipFile(changed, "w") as zf:
        zf.writestr("edges.csv", frame.to_csv(index=False))
    second = network_from_csv(nodes, changed, cache_dir=cache)
    assert second.source_hash != first.source_hash
    assert len(list(cache.iterdir())) == 2
    assert second.length_m != first.length_m


def test_a_new_format_version_changes_the_key(tmp_path, monkeypatch):
    first = network_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES, cache_dir=tmp_path)
    monkeypatch.setattr(network_module, "FORMAT_VERSION", network_module.FORMAT_VERSION + 1)
    second = network_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES, cache_dir=tmp_path)
    assert second.source_hash != first.source_hash


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    first = network_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES, cache_dir=tmp_path)
    path = cache_path(tmp_path, first.source_hash)
    path.write_bytes(b"not an npz")
    again = network_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES, cache_dir=tmp_path)
    assert_same_network(first, again)
    assert network_from_csv(SIMPLIFIED_NODES, SIMPLIFIED_EDGES, cache_dir=tmp_path).n_nodes > 0
