"""docs/ARCHITECTURE.md lists the import graph between the apps; it must be the graph the code has."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "app_graph.py"


def _script():
    spec = importlib.util.spec_from_file_location("app_graph", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documented_app_graph_is_the_real_one():
    app_graph = _script()
    assert app_graph.documented() == app_graph.render(app_graph.app_graph()), (
        "docs/ARCHITECTURE.md's app graph is stale: run `python scripts/app_graph.py --write`"
    )


def test_every_edge_points_down_the_layers():
    app_graph = _script()
    order = list(app_graph.APPS)
    for app, imported in app_graph.app_graph().items():
        assert all(order.index(other) > order.index(app) for other in imported), (app, imported)
