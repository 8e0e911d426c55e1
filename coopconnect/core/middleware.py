"""Request guards shared by every page and endpoint."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

NUL_MESSAGE = "La requête contient un caractère nul : retirez-le et réessayez."


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class RejectNulBytesMiddleware:
    """Answer 400 to a URL or form carrying a NUL byte.

    PostgreSQL refuses NUL in text parameters (a DataError, so a 500) while SQLite stores it:
    refusing it at the door keeps both databases behaving the same, whatever view is behind.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            if _is_api(request):
                return JsonResponse({"detail": NUL_MESSAGE, "errors": {}}, status=400)
            return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            return any("\x00" in v for values in request.POST.lists() for v in values[1])
        return False


class ApiErrorShapeMiddleware:
    """Give the API's 405 (answered by django-ninja in plain text) the API's JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            _is_api(request)
            and response.status_code == 405
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            shaped = JsonResponse({"detail": "Méthode non autorisée.", "errors": {}}, status=405)
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
