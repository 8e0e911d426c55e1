"""Race harness: one person sends many contact messages at the same instant; the daily limit holds.

Used by test_race.py in-process on PostgreSQL, and through ``python -m coopconnect.skills.tests.race
<dir> <threads> <limit>`` on a fresh SQLite *file* database in WAL mode (the production setup): the
in-memory test database of pytest does not make writers wait (see coopconnect/bookings/tests/race.py).
"""

from __future__ import annotations

import json
import os
import sys
import threading


def setup_scenario(*, threads: int) -> dict:
    """Create a sender and ``threads`` public profiles to contact; return their ids."""
    from coopconnect.accounts.models import User
    from coopconnect.skills.models import Visibility
    from coopconnect.skills.services import profile_save

    sender = User.objects.create_user(f"presse-{threads}@example.org", None, first_name="Pressé")
    profiles = []
    for i in range(threads):
        person = User.objects.create_user(f"cible-{threads}-{i}@example.org", None, first_name=f"Cible {i}")
        profiles.append(
            profile_save(
                person=person, headline="Graphiste", skills=["graphisme"], visibility=Visibility.PUBLIC
            ).pk
        )
    return {"sender_id": sender.pk, "profile_ids": profiles}


def race(*, sender_id: int, profile_ids: list[int]) -> list[tuple[str, str]]:
    """Let every thread contact one profile at the same instant; return ("ok"|"limited"|"error", detail)."""
    from django.db import connection

    from coopconnect.accounts.models import User
    from coopconnect.skills.models import SkillProfile
    from coopconnect.skills.services import TooManyContacts, contact_send

    barrier = threading.Barrier(len(profile_ids))
    results: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker(profile_id: int) -> None:
        try:
            sender = User.objects.get(pk=sender_id)
            profile = SkillProfile.objects.get(pk=profile_id)
            barrier.wait(timeout=30)
            try:
                contact_send(sender=sender, profile=profile, subject="Bonjour", body="Un coup de main ?")
                outcome = ("ok", "")
            except TooManyContacts as exc:
                outcome = ("limited", exc.message)
            except Exception as exc:  # noqa: BLE001 - any other error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(pid,)) for pid in profile_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def summary(sender_id: int, results: list[tuple[str, str]]) -> dict:
    """Count the outcomes and what the database holds."""
    from coopconnect.skills.models import ContactQuota, ContactRequest

    return {
        "ok": sum(1 for r in results if r[0] == "ok"),
        "limited": sum(1 for r in results if r[0] == "limited"),
        "errors": [r[1] for r in results if r[0] == "error"],
        "sent": ContactRequest.objects.filter(sender_id=sender_id).count(),
        "quota": sum(ContactQuota.objects.filter(sender_id=sender_id).values_list("count", flat=True)),
    }


def main() -> None:
    """Run the race on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir, threads, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.COMMUNITY_CONTACTS_PER_DAY = limit
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("migrate", verbosity=0, interactive=False)
    scenario = setup_scenario(threads=threads)
    results = race(**scenario)
    print(json.dumps(summary(scenario["sender_id"], results)))


if __name__ == "__main__":
    main()
