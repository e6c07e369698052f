"""The import graph between skillsnet's apps, as docs/ARCHITECTURE.md ("Layers") shows it.

    python scripts/app_graph.py          print the graph
    python scripts/app_graph.py --write  rewrite the block in docs/ARCHITECTURE.md

Built with grimp (which import-linter uses), so it sees exactly the imports `lint-imports` checks.
tests/site/test_app_graph.py fails when the block in the document is stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"
# Highest first, as in the layers contract in pyproject.toml.
APPS = ("insights", "industry", "converter", "centres", "learning", "catalogue", "orgkeys", "accounts", "engine")
BLOCK = re.compile(r"(<!-- app-graph:start -->\n```text\n)(.*?)(```\n<!-- app-graph:end -->)", re.S)


def app_graph() -> dict[str, list[str]]:
    """app -> the apps it imports directly (any module of it, at any depth), highest first."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    graph = grimp.build_graph("skillsnet", cache_dir=None)
    edges: dict[str, list[str]] = {}
    for app in APPS:
        package = f"skillsnet.{app}"
        imported = {
            target.split(".")[1]
            for module in graph.find_descendants(package) | {package}
            for target in graph.find_modules_directly_imported_by(module)
            if target.startswith("skillsnet.")
        }
        edges[app] = [other for other in APPS if other in imported and other != app]
    return edges


def render(edges: dict[str, list[str]]) -> str:
    width = max(len(app) for app in edges)
    lines = [f"{app:<{width}} → {', '.join(deps) or '(nothing)'}" for app, deps in edges.items()]
    return "\n".join(lines) + "\n"


def documented() -> str:
    found = BLOCK.search(DOC.read_text(encoding="utf-8"))
    if found is None:
        raise SystemExit(f"{DOC} has no app-graph block (<!-- app-graph:start --> … <!-- app-graph:end -->).")
    return found.group(2)


def main(argv: list[str]) -> int:
    text = render(app_graph())
    if "--write" in argv:
        documented()  # the block must exist
        page = DOC.read_text(encoding="utf-8")
        DOC.write_text(BLOCK.sub(lambda m: m.group(1) + text + m.group(3), page), encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
