"""Race harness: two collections of one month at once make one batch; two imports of one statement
import it once.

Used by test_race.py in-process on PostgreSQL, and through ``python -m coopconnect.payments.tests.race
<dir> <threads>`` on a fresh SQLite *file* database in WAL mode (the production setup): the in-memory
test database of pytest does not make writers wait.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from datetime import date
from decimal import Decimal
from typing import Any


def setup_scenario() -> dict[str, Any]:
    """An issuer that collects, a member with a mandate and an unpaid invoice; a statement paying it."""
    from coopconnect.accounts.models import User
    from coopconnect.billing.references import rf_reference
    from coopconnect.payments.services.mandates import creditor_set, mandate_sign
    from coopconnect.payments.statements.samples import Movement, camt053
    from coopconnect.payments.tests.conftest import ICS, ISSUER_IBAN, MEMBER_IBAN, invoice_for, make_issuer
    from coopconnect.places.models import Place, Typology
    from coopconnect.territory.models import Commune, Department, Region

    region = Region.objects.create(code="93", name="Provence-Alpes-Côte d'Azur")
    dept = Department.objects.create(code="84", name="Vaucluse", region=region)
    commune = Commune.objects.create(
        insee="84089",
        name="Pertuis",
        search_name="pertuis",
        department=dept,
        region=region,
        population=1,
        latitude=43.69,
        longitude=5.50,
    )
    place = Place.objects.create(
        name="Course",
        slug="course",
        typology=Typology.INCUBATOR,
        commune=commune,
        latitude=43.7,
        longitude=5.5,
    )
    member = User.objects.create_user("course@example.org", None, first_name="Marie")
    issuer = make_issuer(place)
    creditor_set(issuer=issuer, identifier=ICS)
    mandate_sign(issuer=issuer, signed_by=member, holder_name="Marie", iban=MEMBER_IBAN, accepted=True)
    for _ in range(3):
        invoice_for(issuer, person=member)
    # The statement pays someone else's invoices (no mandate): the two races do not meet.
    payer = User.objects.create_user("virement@example.org", None, first_name="Paul")
    paid = [invoice_for(issuer, person=payer) for _ in range(3)]
    statement = camt053(
        [Movement(date.today(), Decimal("24.00"), text=rf_reference(inv.number)) for inv in paid],
        iban=ISSUER_IBAN,
    )
    return {"issuer_id": issuer.pk, "statement": statement.decode()}


def race(*, issuer_id: int, statement: str, threads: int) -> list[tuple[str, str]]:
    """Half the threads collect the month, half import the statement, all at the same instant."""
    from django.db import connection

    from coopconnect.billing.models import Issuer
    from coopconnect.payments.services.collections import collection_generate
    from coopconnect.payments.services.reconciliation import statement_import

    barrier = threading.Barrier(threads)
    results: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        try:
            issuer = Issuer.objects.get(pk=issuer_id)
            barrier.wait(timeout=30)
            try:
                if i % 2:
                    _, created = statement_import(issuer=issuer, content=statement.encode(), fmt="camt053")
                    outcome = ("import-new" if created else "import-again", "")
                else:
                    _, created = collection_generate(issuer=issuer)
                    outcome = ("collect-new" if created else "collect-again", "")
            except Exception as exc:  # noqa: BLE001 - any error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=120)
    return results


def summary(issuer_id: int, results: list[tuple[str, str]]) -> dict[str, Any]:
    from coopconnect.billing.models import Payment
    from coopconnect.payments.models import Collection, Debit, Statement, StatementLine

    kinds = [r[0] for r in results]
    return {
        "collect_new": kinds.count("collect-new"),
        "collect_again": kinds.count("collect-again"),
        "import_new": kinds.count("import-new"),
        "import_again": kinds.count("import-again"),
        "errors": [r[1] for r in results if r[0] == "error"],
        "collections": Collection.objects.filter(issuer_id=issuer_id).count(),
        "debits": Debit.objects.filter(collection__issuer_id=issuer_id).count(),
        "statements": Statement.objects.filter(issuer_id=issuer_id).count(),
        "lines": StatementLine.objects.filter(issuer_id=issuer_id).count(),
        "transfers": Payment.objects.filter(invoice__issuer_id=issuer_id, method="transfer").count(),
    }


def main() -> None:
    """Run the race on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir, threads = sys.argv[1], int(sys.argv[2])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("migrate", verbosity=0, interactive=False)
    scenario = setup_scenario()
    results = race(**scenario, threads=threads)
    print(json.dumps(summary(scenario["issuer_id"], results)))


if __name__ == "__main__":
    main()
