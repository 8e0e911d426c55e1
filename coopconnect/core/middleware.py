"""Request guards shared by every page and endpoint, and the headers every answer carries."""

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopconnect.core.problems import problem_response

NUL_MESSAGE = "La requête contient un caractère nul : retirez-le et réessayez."
CONTROL_MESSAGE = "La requête contient un caractère de contrôle : retirez-le et réessayez."
CONTROL_FIELD_MESSAGE = "Caractère de contrôle interdit ({code}) : retirez-le."
# C0 and C1 control characters except tab, line feed and carriage return, and lone surrogates
# ("\ud800" is valid JSON but no database can store it).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def control_characters(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Yield (field path, character) for each string of decoded JSON holding a control character.

    The path is spelled like the API's validation errors: ``lines.0.label``; ``__all__`` for the
    body itself or for an object key.
    """
    if isinstance(value, str):
        if match := CONTROL_CHARACTERS.search(value):
            yield ".".join(path) or "__all__", match.group()
    elif isinstance(value, dict):
        for key, item in value.items():
            if match := CONTROL_CHARACTERS.search(key):
                yield ".".join(path) or "__all__", match.group()
            else:
                yield from control_characters(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from control_characters(item, (*path, str(index)))


def _json_body(request: HttpRequest) -> Any:
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    if request.META.get("CONTENT_TYPE", "").startswith(_FORM_TYPES):
        return None
    try:
        body = request.body
        return json.loads(body) if body else None
    except (RequestDataTooBig, ValueError):
        # The API answers these itself (413, or 400 "Corps de requête illisible").
        return None


class RejectNulBytesMiddleware:
    """Answer 400 to a URL or form carrying a NUL byte, and to an API body carrying a control character.

    PostgreSQL refuses NUL in text parameters (a DataError, so a 500) while SQLite stores it:
    refusing it at the door keeps both databases behaving the same, whatever view is behind. The
    API's JSON bodies are decoded here once, whatever their declared content type (the API parses
    any body as JSON), so an escaped ``"\\u0000"`` is caught too, with the field it sits in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            if _is_api(request):
                return problem_response(400, NUL_MESSAGE)
            return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)
        if _is_api(request):
            errors: dict[str, list[str]] = {}
            for field, char in control_characters(_json_body(request)):
                message = CONTROL_FIELD_MESSAGE.format(code=f"U+{ord(char):04X}")
                if message not in errors.setdefault(field, []):
                    errors[field].append(message)
            if errors:
                return problem_response(400, CONTROL_MESSAGE, errors)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(_FORM_TYPES):
            return any("\x00" in v for values in request.POST.lists() for v in values[1])
        return False


def _allow_list(origins: list[str]) -> str:
    return " ".join(origin if origin == "self" else f'"{origin}"' for origin in origins)


class PermissionsPolicyMiddleware:
    """Send the ``Permissions-Policy`` header of ``settings.PERMISSIONS_POLICY`` on every answer.

    Each feature maps to the origins allowed to use it: ``[]`` for none, ``["self"]`` for the site.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy: dict[str, list[str]] = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({_allow_list(origins)})" for feature, origins in policy.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class ApiErrorShapeMiddleware:
    """Give the API's 405 (answered by django-ninja in plain text) the API's JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            _is_api(request)
            and response.status_code == 405
            and "json" not in response.get("Content-Type", "")
        ):
            shaped = problem_response(405, "Méthode non autorisée.")
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
