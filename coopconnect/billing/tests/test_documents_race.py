"""An invoice issued before documents were stored, opened by several people at once, is frozen once."""

import threading

import pytest
from django.db import OperationalError

from coopconnect.billing.models import InvoiceDocument
from coopconnect.billing.services.invoicing.documents import document_of
from coopconnect.billing.tests.test_invoice_documents import legacy_invoice
from coopconnect.core.testing.threads import release_thread_connections

THREADS = 4


def open_document(invoice, attempts: int = 3000) -> str:
    # SQLite's shared in-memory test database reports lock contention instead of waiting (see
    # test_race.py); the failed transaction rolled back entirely, so trying again is safe.
    for _ in range(attempts):
        try:
            return document_of(invoice).pdf_sha256
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            threading.Event().wait(0.002)
    raise AssertionError("database stayed locked")


@pytest.mark.django_db(transaction=True)
def test_first_accesses_racing_freeze_one_document(place_issuer, place, member):
    invoice = legacy_invoice(place_issuer, place, member)
    seen: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            seen.append(open_document(invoice))
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)
        finally:
            release_thread_connections()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    # 4 first accesses at once: one document stored, and all four were served that very document.
    assert InvoiceDocument.objects.filter(invoice=invoice).count() == 1
    assert seen == [InvoiceDocument.objects.get(invoice=invoice).pdf_sha256] * THREADS
