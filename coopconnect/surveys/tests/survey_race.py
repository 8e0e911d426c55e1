"""Race harness for the survey rate limit: threads answer from one address at the same instant.

As in coopconnect/bookings/tests/race.py: in-process on PostgreSQL (each thread has its own
connection), and through ``python -m coopconnect.surveys.tests.survey_race <dir> ...`` on a fresh
SQLite *file* database in WAL mode (the in-memory test database does not make SQLite's writers wait).
"""

from __future__ import annotations

import json
import os
import sys
import threading

ANSWERS = {"home_commune": "Pertuis", "status": "employee", "days_elsewhere": "2"}
IP = "203.0.113.7"


def setup_scenario(*, already: int) -> int:
    """Create a published survey of the study's template with ``already`` answers from ``IP``."""
    from coopconnect.accounts.models import User
    from coopconnect.places.models import Network
    from coopconnect.surveys import services
    from coopconnect.surveys.models import SurveyStatus
    from coopconnect.territory.models import Commune, Department, Region

    region, _ = Region.objects.get_or_create(code="93", defaults={"name": "Provence-Alpes-Côte d'Azur"})
    vaucluse, _ = Department.objects.get_or_create(code="84", defaults={"name": "Vaucluse", "region": region})
    Commune.objects.get_or_create(
        insee="84089",
        defaults={
            "name": "Pertuis",
            "search_name": "pertuis",
            "department": vaucluse,
            "region": region,
            "population": 20360,
            "latitude": 43.6942,
            "longitude": 5.5017,
        },
    )
    owner = User.objects.create_user(f"coord-course-{already}@example.org", None)
    Network.objects.create(name=f"Réseau course {already}", slug=f"course-{already}").coordinators.add(owner)
    survey = services.survey_create_from_template(owner=owner, title="Course", territory="84089")
    services.survey_set_status(survey=survey, status=SurveyStatus.PUBLISHED)
    for _i in range(already):
        services.response_submit(survey=survey, answers=ANSWERS, consent=True, ip=IP)
    return survey.pk


def race(*, survey_id: int, threads: int) -> list[tuple[str, str]]:
    """Let ``threads`` answers from ``IP`` arrive at once; return ("ok"|"limited"|"error", detail)."""
    from django.db import connection

    from coopconnect.surveys import services
    from coopconnect.surveys.models import Survey

    barrier = threading.Barrier(threads)
    results: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            survey = Survey.objects.get(pk=survey_id)
            barrier.wait(timeout=30)
            try:
                services.response_submit(survey=survey, answers=ANSWERS, consent=True, ip=IP)
                outcome = ("ok", "")
            except services.RateLimited as exc:
                outcome = ("limited", exc.message)
            except Exception as exc:  # noqa: BLE001 - any other error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=120)
    return results


def summary(survey_id: int, results: list[tuple[str, str]]) -> dict:
    from coopconnect.surveys.models import SurveyResponse

    return {
        "ok": sum(1 for r in results if r[0] == "ok"),
        "limited": sum(1 for r in results if r[0] == "limited"),
        "errors": [r[1] for r in results if r[0] == "error"],
        "saved": SurveyResponse.objects.filter(survey_id=survey_id).count(),
    }


def main() -> None:
    """Run the race on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir, threads, already, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.SURVEY_MAX_RESPONSES_PER_HOUR = limit
    call_command("migrate", verbosity=0, interactive=False)
    survey_id = setup_scenario(already=already)
    print(json.dumps(summary(survey_id, race(survey_id=survey_id, threads=threads))))


if __name__ == "__main__":
    main()
