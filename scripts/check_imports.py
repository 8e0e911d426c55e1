"""Fail when the modules of Coop-connect import each other in a circle, an app imports upwards, or a
module uses another module's private (``_underscored``) names.

Every import counts, at the top of a module or inside a function (a deferred import is still a
dependency: it only hides the circle until run time). Tests and migrations are left out.

The apps are layered: an app may import only apps on lower layers (``LAYERS``, lowest first), so
the dependencies of the domain point one way. Run: ``.venv/bin/python scripts/check_imports.py``.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PACKAGE = "coopconnect"
# Lowest first. An app imports only apps listed before it (or in its own layer: never).
LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("territory",),
    ("places",),
    # Signed webhooks: bookings, billing, accounts and events tell other systems what happened (emit).
    ("webhooks",),
    ("accounts",),
    ("surveys",),
    # A plan takes its member counts from a survey's interested people (scenario_from_survey).
    ("businessplans",),
    ("bookings",),
    ("billing",),
    # The embeddable booking page shows a place's free slots and tariffs.
    ("embeds",),
    # SEPA direct debit and bank reconciliation record payments against billing's invoices.
    ("payments",),
    ("planning",),
    ("events", "forums"),
    ("skills",),
    # A mission asks for skills and is matched with the members who offer them.
    ("missions",),
    # Each person's home after sign-in shows bookings, invoices, events and organisations together.
    ("dashboard",),
]
# core.permissions answers "may this person do this?" for every app, so it reads their models: the one
# place allowed to look up. core.testing builds the test world of every app.
UPWARD_ALLOWED = ("coopconnect.core.permissions", "coopconnect.core.testing")


def _ignored(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or "migrations" in parts or parts[-1] == "conftest"


def _cycles(graph: grimp.ImportGraph, modules: list[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    known = set(modules)
    edges = {m: sorted(d for d in graph.find_modules_directly_imported_by(m) if d in known) for m in modules}
    for root in modules:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            recurse = False
            for j in range(i, len(edges[node])):
                nxt = edges[node][j]
                if nxt not in index:
                    work.append((node, j + 1))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _file_of(module: str) -> Path:
    path = ROOT.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _private_uses(module: str, known: set[str]) -> list[str]:
    """Names starting with one underscore that ``module`` takes from another module of the project."""
    tree = ast.parse(_file_of(module).read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in known:
                    aliases[alias.asname or alias.name] = full
                elif alias.name.startswith("_") and not alias.name.startswith("__") and node.module != module:
                    found.append(f"{module} imports {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE) and alias.asname:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and aliases[node.value.id] != module
        ):
            found.append(f"{module} uses {aliases[node.value.id]}.{node.attr}")
    return sorted(set(found))


def _app(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def main() -> int:
    graph = grimp.build_graph(PACKAGE, include_external_packages=False)
    modules = sorted(m for m in graph.modules if not _ignored(m))
    problems = 0
    for component in _cycles(graph, modules):
        problems += 1
        print("import circle:", " <-> ".join(component))
        for m in component:
            for d in sorted(graph.find_modules_directly_imported_by(m)):
                if d in component:
                    print(f"    {m} -> {d}")
    layer_of = {app: n for n, apps in enumerate(LAYERS) for app in apps}
    upward: dict[tuple[str, str], list[str]] = defaultdict(list)
    for app in sorted({_app(m) for m in modules} - set(layer_of) - {""}):
        problems += 1
        print(f"app {app!r} is on no layer: add it to LAYERS in scripts/check_imports.py")
    for m in modules:
        src = _app(m)
        if src not in layer_of or m.startswith(UPWARD_ALLOWED):
            continue
        for d in graph.find_modules_directly_imported_by(m):
            dst = _app(d)
            if dst == src or dst not in layer_of or _ignored(d):
                continue
            if layer_of[dst] >= layer_of[src]:
                upward[(src, dst)].append(f"{m} -> {d}")
    for (src, dst), lines in sorted(upward.items()):
        problems += 1
        print(f"{src} imports {dst}, which is not below it:")
        for line in sorted(lines):
            print("    " + line)
    known = set(graph.modules)
    for m in modules:
        for line in _private_uses(m, known):
            problems += 1
            print(f"private name: {line} (make it public where it belongs, or move it)")
    if problems:
        print(f"{problems} import problem(s).")
        return 1
    print(
        f"imports: {len(modules)} modules, no circle, every app imports only lower layers, "
        "no private name taken from another module."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
