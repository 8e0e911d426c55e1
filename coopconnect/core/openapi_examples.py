"""Examples of the OpenAPI document: recorded answers of real requests, merged into the schema.

``data/openapi_examples.json`` holds, per operationId, one request made against the fixture world by
the operation's rightful user (``request``: its body, or null), the ``status`` and ``media`` of the
answer and the answer itself (lists cut to two items; CSV cut to its header and two rows; PDF, XML
and ZIP files get no example). ``problems`` holds one real refusal per error status, shared by every
operation declaring that status. ``scripts/record_api_examples.py`` records the file again
(``coopconnect.core.testing.api_examples``); nothing in it is written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coopconnect.core.problems import PROBLEM_CONTENT_TYPE

EXAMPLES_PATH = Path(__file__).resolve().parent / "data" / "openapi_examples.json"
# A CSV example is its header and this many rows.
TEXT_LINES = 2


def is_json_media(media: str) -> bool:
    """``application/json``, ``application/problem+json``, ``application/geo+json``..."""
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def is_file_media(media: str) -> bool:
    """A file a client saves rather than reads (PDF, XML, ZIP): documented without an example."""
    return not is_json_media(media) and not media.startswith("text/")


def load_examples(path: Path = EXAMPLES_PATH) -> dict[str, Any]:
    """Return the recorded examples (empty when the file has not been recorded yet)."""
    if not path.exists():
        return {"operations": {}, "problems": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def merge_examples(schema: dict[str, Any], examples: dict[str, Any] | None = None) -> None:
    """Put each operation's recorded request and answer, and the shared problems, into ``schema``."""
    examples = load_examples() if examples is None else examples
    recorded = examples.get("operations", {})
    problems = examples.get("problems", {})
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _merge_operation(operation, recorded.get(operation.get("operationId", "")), problems)


def _merge_operation(
    operation: dict[str, Any], record: dict[str, Any] | None, problems: dict[str, Any]
) -> None:
    # Response objects may share their content dicts (the common errors): copy before writing.
    for code, response in operation["responses"].items():
        if int(code) >= 400 and code in problems and PROBLEM_CONTENT_TYPE in response.get("content", {}):
            content = dict(response["content"])
            content[PROBLEM_CONTENT_TYPE] = {
                **content[PROBLEM_CONTENT_TYPE],
                "example": problems[code]["response"],
            }
            response["content"] = content
    if record is None:
        return
    body = operation.get("requestBody", {}).get("content", {})
    if record.get("request") is not None:
        for media in body:
            body[media] = {**body[media], "example": record["request"]}
    response = operation["responses"].get(str(record["status"]))
    if response is None or not 200 <= record["status"] < 300 or record.get("response") is None:
        return
    content = dict(response.get("content", {}))
    if record["media"] in content:
        content[record["media"]] = {**content[record["media"]], "example": record["response"]}
        response["content"] = content
