"""Cross-cutting pages: health check and error pages."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def healthz(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether the app and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the 404 page (JSON under the API)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Introuvable.", "errors": {}}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Render the 500 page without touching the database."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Erreur interne.", "errors": {}}, status=500)
    return render(request, "500.html", status=500)
