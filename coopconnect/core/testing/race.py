"""Run a race harness on SQLite the way production runs: a fresh file database in WAL mode.

pytest's in-memory SQLite database does not make concurrent writers wait, so a race test there proves
nothing; each app's harness module (``<app>/tests/race.py``) can run itself on a file database
instead: ``python -m <module> <dir> <args…>`` prints a JSON summary as its last line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]


def run_sqlite_race(module: str, workdir: Path, *args: str) -> dict[str, Any]:
    """Run the harness ``module`` in a subprocess on a file database in ``workdir``; return its summary."""
    proc = subprocess.run(
        [sys.executable, "-m", module, str(workdir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])
