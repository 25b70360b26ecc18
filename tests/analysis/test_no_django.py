"""The analysis package is pure Python: importing all of it never loads Django."""

import pkgutil
import subprocess
import sys

import geoplan.analysis
from tests.analysis.factories import ROOT


def test_importing_the_analysis_package_does_not_load_django():
    modules = [m.name for m in pkgutil.iter_modules(geoplan.analysis.__path__)]
    assert {"network", "routing", "population", "measures", "equity", "need", "whatif"} <= set(
        modules
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('geoplan.analysis.' + name)\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
