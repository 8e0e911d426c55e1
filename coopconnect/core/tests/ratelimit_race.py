"""Race harness: many requests from one address hit a rate limit at the same instant; the limit holds.

Used by test_ratelimit_race.py in-process on PostgreSQL, and through ``python -m
coopconnect.core.tests.ratelimit_race <dir> <threads> <limit>`` on a fresh SQLite *file* database in
WAL mode (the production setup): the in-memory test database of pytest does not make writers wait.
"""

from __future__ import annotations

import json
import os
import sys
import threading


def race(*, threads: int, limit: int) -> list[tuple[str, str]]:
    """Let every thread ask for a password reset from one address at once; return their outcomes."""
    from django.db import connection
    from django.test import RequestFactory, override_settings

    from coopconnect.core.ratelimit import RateLimited, hit

    barrier = threading.Barrier(threads)
    results: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            request = RequestFactory().post("/compte/mot-de-passe/", REMOTE_ADDR="203.0.113.7")
            barrier.wait(timeout=30)
            try:
                hit(request, "password_reset", email=f"personne-{n}@example.org")
                outcome = ("ok", "")
            except RateLimited as exc:
                outcome = ("limited", exc.message)
            except Exception as exc:  # noqa: BLE001 - any other error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    with override_settings(RATE_LIMITS={"password_reset": (("ip", f"{limit}/h"),)}):
        workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
        for t in workers:
            t.start()
        for t in workers:
            t.join(timeout=120)
    return results


def summary(results: list[tuple[str, str]]) -> dict:
    """Count the outcomes."""
    return {
        "ok": sum(1 for r in results if r[0] == "ok"),
        "limited": sum(1 for r in results if r[0] == "limited"),
        "errors": [r[1] for r in results if r[0] == "error"],
    }


def main() -> None:
    """Run the race on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir, threads, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(json.dumps(summary(race(threads=threads, limit=limit))))


if __name__ == "__main__":
    main()
