"""The OpenAPI document shows an example for every operation, and every example is true.

Examples are recorded answers of real requests against the fixture world
(``coopconnect/core/data/openapi_examples.json``, written by ``scripts/record_api_examples.py``).
The last test records them all again, at the same frozen instant, and compares: a change of an
answer's shape or content (ids, dates and secrets aside) that was not recorded fails here.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
import time_machine
from jsonschema import Draft202012Validator

from coopconnect.core.openapi_examples import is_file_media, load_examples
from coopconnect.core.problems import PROBLEM_CONTENT_TYPE
from coopconnect.core.testing import api_examples
from coopconnect.core.testing.routes import api_operations

# ``scripts/record_api_examples.py`` sets it: the last test then writes the file it records.
RECORDING = os.environ.get("COOP_RECORD_API_EXAMPLES") == "1"
HOW_TO_RECORD = "record them again: .venv/bin/python scripts/record_api_examples.py"


def _operations() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{method} {path}", op) for method, path, op in api_operations()]


def _schema() -> dict[str, Any]:
    from config.api import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


def _has_example(media: dict[str, Any]) -> bool:
    return "example" in media or bool(media.get("examples"))


def _missing(op: dict[str, Any]) -> list[str]:
    missing = []
    for media, doc in op.get("requestBody", {}).get("content", {}).items():
        if not _has_example(doc):
            missing.append(f"request {media}")
    successes = {code: r for code, r in op["responses"].items() if 200 <= int(code) < 300}
    readable = {
        code: [m for m in r.get("content", {}) if not is_file_media(m)] for code, r in successes.items()
    }
    # A success answering only a file (PDF, XML, ZIP) or nothing (204) has nothing to show.
    if any(readable.values()) and not any(
        all(_has_example(successes[code]["content"][m]) for m in media)
        for code, media in readable.items()
        if media
    ):
        missing.append(f"success {sorted(successes)}")
    for code, response in op["responses"].items():
        problem = response.get("content", {}).get(PROBLEM_CONTENT_TYPE)
        if int(code) >= 400 and problem is not None and not _has_example(problem):
            missing.append(f"error {code}")
    return missing


def test_every_operation_shows_its_examples():
    missing = {key: gaps for key, op in _operations() if (gaps := _missing(op))}
    assert not missing, f"operations without examples: {missing}; {HOW_TO_RECORD}"


def _examples(schema: dict[str, Any]):
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            key = f"{method.upper()} {path}"
            for media, doc in op.get("requestBody", {}).get("content", {}).items():
                if "example" in doc:
                    yield f"{key} request {media}", doc["schema"], doc["example"]
            for code, response in op["responses"].items():
                for media, doc in response.get("content", {}).items():
                    if "example" in doc:
                        yield f"{key} {code} {media}", doc.get("schema", {}), doc["example"]


def test_every_example_matches_its_schema():
    schema = _schema()
    components = schema["components"]
    wrong = {}
    checked = 0
    for where, media_schema, example in _examples(schema):
        # The references ("#/components/schemas/...") resolve against the root of what is validated.
        validator = Draft202012Validator({**media_schema, "components": components})
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(example)]
        checked += 1
        if errors:
            wrong[where] = errors[:3]
    assert checked > len(schema["paths"]), checked
    assert not wrong, wrong


def test_a_wrong_example_is_caught():
    """The check above can fail: an answer missing a required field does not validate."""
    schema = _schema()
    where, media_schema, example = next(
        (w, s, e) for w, s, e in _examples(schema) if w.startswith("GET /api/v1/places/{place_id} 200")
    )
    validator = Draft202012Validator({**media_schema, "components": schema["components"]})
    assert validator.is_valid(example)
    assert not validator.is_valid({k: v for k, v in example.items() if k != "name"})


VOLATILE_KEY = re.compile(
    r"(^|_)(id|ids|token|secret|prefix|reference|number|msg|sha256|key|url|code|hint)$|_at$|_on$"
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
PATH_ID = re.compile(r"/\d+(?=/|$)")


def _stable(value: Any, key: str = "") -> Any:
    """The answer without what changes from one world to the next: ids, dates, secrets."""
    if VOLATILE_KEY.search(key) and not isinstance(value, dict | list):
        return "<volatile>"
    if isinstance(value, dict):
        return {k: _stable(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_stable(v, key) for v in value]
    if isinstance(value, str) and DATE.match(value):
        return "<date>"
    if isinstance(value, str) and key in {"path", "instance"}:
        return PATH_ID.sub("/<id>", value)  # row ids depend on what the process created before
    if isinstance(value, str) and "\n" in value:
        return value.split("\n", 1)[0]  # a CSV answer: its columns; its rows carry ids and distances
    return value


def _differences(old: Any, new: Any, where: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            d
            for k in sorted(old.keys() | new.keys())
            for d in _differences(old.get(k), new.get(k), f"{where}.{k}")
        ]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (o, n) in enumerate(zip(old, new, strict=True))
            for d in _differences(o, n, f"{where}[{i}]")
        ]
    return [] if old == new else [f"{where}: {old!r} -> {new!r}"[:200]]


def _by_operation(examples: dict[str, Any]) -> dict[str, Any]:
    stable = {op: _stable(rec, "") for op, rec in examples["operations"].items()}
    for rec in stable.values():
        rec.pop("path", None)
    return stable


@pytest.fixture
def frozen():
    with time_machine.travel(api_examples.FROZEN_AT, tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("_fast_passwords")
def test_recorded_examples_are_current(frozen, world):
    from django.db import connection

    if connection.vendor != "sqlite":
        # The recorder renames the world's issued invoice with raw SQL before recording (so no sweep
        # secret reaches the schema); PostgreSQL's trigger refuses any change to an issued invoice,
        # as it must. The examples are recorded, and checked for staleness, on SQLite.
        pytest.skip("examples are recorded on SQLite (issued invoices are immutable on PostgreSQL)")
    recorded = api_examples.record(world)
    if RECORDING:
        api_examples.write(recorded)
    failed = {
        op: rec["status"] for op, rec in recorded["operations"].items() if not 200 <= rec["status"] < 300
    }
    assert not failed, f"these operations refused their rightful request (fix its body or PREPARE): {failed}"
    stored = load_examples()
    stale = _differences(_by_operation(stored), _by_operation(recorded))
    stale += _differences(_stable(stored["problems"]), _stable(recorded["problems"]), "problems")
    assert not stale, f"the examples are stale ({HOW_TO_RECORD}):\n" + "\n".join(stale[:30])
