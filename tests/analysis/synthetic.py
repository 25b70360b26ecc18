"""The synthetic street grid of bench/bench_synthetic.py, loaded for tests (bench/ is no package)."""

import importlib.util
import sys
from functools import cache

from tests.analysis.factories import ROOT


@cache
def load_synthetic():
    path = ROOT / "bench" / "bench_synthetic.py"
    spec = importlib.util.spec_from_file_location("bench_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
