"""Fail when a module of Coop-connect grows past 400 lines: split it by concept into a package.

Migrations (generated) and tests are left out. Run: ``.venv/bin/python scripts/check_module_sizes.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def main() -> int:
    sizes = []
    for path in sorted((ROOT / "coopconnect").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or "tests" in parts:
            continue
        with path.open(encoding="utf-8") as handle:
            sizes.append((sum(1 for _ in handle), path.relative_to(ROOT)))
    for folder in ("config",):
        for path in sorted((ROOT / folder).rglob("*.py")):
            with path.open(encoding="utf-8") as handle:
                sizes.append((sum(1 for _ in handle), path.relative_to(ROOT)))
    too_big = [(n, p) for n, p in sizes if n > LIMIT]
    for n, p in sorted(too_big, reverse=True):
        print(f"{p}: {n} lines (limit {LIMIT}): split it by concept into a package")
    if not sizes:
        print("no module found: nothing was checked")
        return 1
    if too_big:
        return 1
    largest = max(sizes)
    print(f"modules: {len(sizes)}, the largest {largest[1]} with {largest[0]} lines (limit {LIMIT}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
