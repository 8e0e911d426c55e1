"""Cross-cutting pages: health checks and error pages."""

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from health_check.views import HealthCheckView

from coopconnect.core.problems import problem_response


def healthz(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether the app and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


class HealthView(HealthCheckView):
    """Report the database, the cache and the task queue lag (200 when all pass, else 500).

    JSON by default (``?format=text``, ``openmetrics`` and the other formats of django-health-check
    stay available): monitoring reads it, nobody browses it.
    """

    checks = (
        "coopconnect.core.health.Database",
        "health_check.checks.Cache",
        "coopconnect.core.health.TaskQueueLag",
    )

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        return self.render_to_response_json(response_kwargs.get("status", 200))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the 404 page (JSON under the API)."""
    if request.path.startswith("/api/"):
        return problem_response(404, "Introuvable.")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Render the 500 page without touching the database."""
    if request.path.startswith("/api/"):
        return problem_response(500, "Erreur interne.")
    return render(request, "500.html", status=500)
