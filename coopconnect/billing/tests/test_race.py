"""Invoice numbers stay gapless and unique when runs race (threads; SQLite, and PostgreSQL too)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import OperationalError

from coopconnect.billing.models import Invoice
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.core.testing.threads import release_thread_connections

THREADS = 4
PER_THREAD = 8


def _line(amount: str) -> Line:
    return Line(
        label="Journée",
        quantity=Decimal(1),
        unit_price=Decimal(amount),
        amount=Decimal(amount),
        vat_rate=Decimal("20"),
        vat_exempt=False,
        place_id=None,
    )


def _in_threads(target, n: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)
        finally:
            release_thread_connections()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def _retrying(fn, attempts: int = 3000):  # noqa: ANN001, ANN202
    # SQLite's shared in-memory test database reports lock contention as an error instead of waiting
    # (shared-cache table locks ignore busy_timeout); the failed transaction rolled back entirely, so
    # trying again cannot leave a gap. PostgreSQL waits on the counter row and never gets here.
    for _ in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            backoff.wait(0.002)
    raise AssertionError("database stayed locked")


backoff = threading.Event()


@pytest.mark.django_db(transaction=True)
@time_machine.travel("2026-12-01 06:00 +0100", tick=True)
def test_concurrent_number_allocation_is_gapless_and_unique(place_issuer, member):
    def work(i: int) -> None:
        for k in range(PER_THREAD):
            _retrying(
                lambda k=k: issue_invoice(
                    issuer=place_issuer,
                    lines=[(_line("20.00"), None)],
                    period_start=date(2026, 11, 1),
                    period_end=date(2026, 11, 30),
                    person=member,
                    run_key=f"race:{i}:{k}",
                )
            )

    errors = _in_threads(work, THREADS)
    assert errors == []
    seqs = sorted(Invoice.objects.filter(issuer=place_issuer).values_list("sequence", flat=True))
    # 4 threads × 8 invoices = 32 invoices numbered 1..32, no gap, no duplicate.
    assert seqs == list(range(1, THREADS * PER_THREAD + 1))
    numbers = set(Invoice.objects.values_list("number", flat=True))
    assert len(numbers) == THREADS * PER_THREAD and "BAT2026-000032" in numbers


@pytest.mark.django_db(transaction=True)
def test_two_runs_racing_on_the_same_month_invoice_once(november, place_issuer, network_issuer):
    with time_machine.travel("2026-12-01 06:00 +0100", tick=True):
        errors = _in_threads(lambda i: _retrying(lambda: run_invoicing(month=date(2026, 11, 1))), 2)
    assert errors == []
    # The November fixture gives 3 invoices (2 from Bâticom, 1 from the network) whoever wins each one.
    assert Invoice.objects.count() == 3
    for issuer in (place_issuer, network_issuer):
        seqs = sorted(Invoice.objects.filter(issuer=issuer).values_list("sequence", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))
