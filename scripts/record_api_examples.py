"""Record the examples of the OpenAPI document again (coopconnect/core/data/openapi_examples.json).

Builds the fixture world on a throwaway in-memory SQLite database, at a frozen instant, sends one
request per API operation as its rightful user (``coopconnect.core.testing.api_examples``) and
writes the answers. It runs the staleness test in recording mode, which then checks what it wrote.
Run after changing an endpoint, a schema or the fixture world:

    .venv/bin/python scripts/record_api_examples.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "coopconnect/core/tests/test_api_examples.py::test_recorded_examples_are_current"


def main() -> int:
    env = {
        **os.environ,
        "COOP_RECORD_API_EXAMPLES": "1",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "record"),
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "pytest", TEST, "-q", "-p", "no:cacheprovider"]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
