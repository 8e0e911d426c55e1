"""The monthly direct debit collection of an issuer: pain.008 file, pre-notifications, settlement, returns.

A collection is made once per issuer and month (unique constraint, and the issuer's row locked
while it is made): asking again returns the one already made. Its file is what went to the bank,
stored write-once with its SHA-256. Invoices count as paid on the debit date (``collection_settle``,
run daily by ``payments.jobs``); a debit the debtor's bank returns makes its invoice owed again.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import sepaxml
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree
from sepaxml import SepaDD

from coopconnect.billing.models import Issuer, PaymentMethod
from coopconnect.billing.services.payments import payment_record, payment_return_record
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.core.queue import after_commit
from coopconnect.payments import selectors, tasks
from coopconnect.payments.models import Collection, Creditor, Debit
from coopconnect.payments.services.mandates import checked_bic, checked_iban
from coopconnect.payments.statements import RETURN_CODES

SCHEMA = "pain.008.001.02"


def _cents(amount: Any) -> int:
    return int((amount * 100).to_integral_value())


def build_pain008(
    *, issuer: Issuer, creditor: Creditor, preview: selectors.Preview
) -> tuple[bytes, str, list[str]]:
    """Return the pain.008 file (checked against its XSD by sepaxml), its message id, end-to-end ids."""
    iban = checked_iban(issuer.iban)
    bic = checked_bic(issuer.bic or "", iban)
    if not bic:
        raise DomainError(_("Indiquez le BIC de l'émetteur pour prélever."), {"bic": [_("BIC manquant.")]})
    sepa = SepaDD(
        {
            "name": issuer.name,
            "IBAN": str(iban.compact),
            "BIC": bic,
            "batch": True,
            "creditor_id": creditor.identifier,
            "currency": "EUR",
        },
        schema=SCHEMA,
    )
    ids = []
    for planned in preview.debits:
        end_to_end = f"{planned.invoice.number}-{planned.mandate.pk}"[-35:]
        payment: dict[str, Any] = {
            "name": planned.mandate.holder_name,
            "IBAN": planned.mandate.iban,
            "amount": _cents(planned.amount),
            "type": planned.sequence_type,
            "collection_date": preview.collection_date,
            "mandate_id": planned.mandate.reference,
            "mandate_date": planned.mandate.signed_on,
            "description": f"Facture {planned.invoice.number}",
            "endtoend_id": end_to_end,
        }
        if planned.mandate.bic:
            payment["BIC"] = planned.mandate.bic
        sepa.add_payment(payment)
        ids.append(end_to_end)
    content = sepa.export(validate=False)
    errors = pain008_errors(content)
    if errors:
        raise DomainError(
            _("Le fichier de prélèvements serait invalide : rien n'a été créé."), {"file": errors}
        )
    return content, str(sepa.msg_id), ids


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(Path(sepaxml.__file__).parent / "schemas" / f"{SCHEMA}.xsd")))


def pain008_errors(content: bytes) -> list[str]:
    """Return what the pain.008 XSD finds wrong in a file (nothing: valid)."""
    schema = _schema()
    if schema.validate(etree.fromstring(content)):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log][:5]


@transaction.atomic
def collection_generate(
    *, issuer: Issuer, by: Any = None, today: date | None = None
) -> tuple[Collection, bool]:
    """Make this month's collection of the issuer (or return the one made already, False)."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    # Two hosts pressing "generate" at once queue on the issuer's row; the second finds the first's batch.
    Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
    existing = Collection.objects.filter(issuer=issuer, month=month).first()
    if existing is not None:
        return existing, False
    creditor = Creditor.objects.filter(issuer=issuer).first()
    if creditor is None:
        raise DomainError(
            _("Enregistrez d'abord l'identifiant créancier SEPA (ICS) de l'émetteur."),
            {"identifier": [_("Identifiant créancier SEPA manquant.")]},
        )
    if not issuer.iban:
        raise DomainError(
            _("L'émetteur n'a pas d'IBAN : impossible de prélever."), {"iban": [_("IBAN manquant.")]}
        )
    preview = selectors.collection_preview(issuer, today=today)
    if not preview.debits:
        raise DomainError(_("Rien à prélever ce mois-ci : aucune facture impayée couverte par un mandat."))
    content, message_id, ids = build_pain008(issuer=issuer, creditor=creditor, preview=preview)
    try:
        with transaction.atomic():
            collection = Collection.objects.create(
                issuer=issuer,
                month=month,
                collection_date=preview.collection_date,
                message_id=message_id[:35],
                file=content,
                sha256=hashlib.sha256(content).hexdigest(),
                total=preview.total,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError:
        # Another process made it between our check and our insert (SQLite without row locks).
        return Collection.objects.get(issuer=issuer, month=month), False
    Debit.objects.bulk_create(
        [
            Debit(
                collection=collection,
                mandate=p.mandate,
                invoice=p.invoice,
                amount=p.amount,
                sequence_type=p.sequence_type,
                end_to_end_id=e2e,
            )
            for p, e2e in zip(preview.debits, ids, strict=True)
        ]
    )
    for mandate_pk in sorted({p.mandate.pk for p in preview.debits}):
        after_commit(tasks.send_prenotification, collection.pk, mandate_pk)
    return collection, True


@transaction.atomic
def collection_settle(*, collection: Collection, today: date | None = None) -> int:
    """Record the collection's debits as paid by direct debit on its date; return how many were."""
    today = today or timezone.localdate()
    collection = Collection.objects.select_for_update().get(pk=collection.pk)
    if collection.collection_date > today:
        raise DomainError(
            _("Les prélèvements ne sont enregistrés qu'à leur date d'échéance (%(d)s).")
            % {"d": collection.collection_date.strftime("%d/%m/%Y")}
        )
    recorded = 0
    for debit in collection.debits.select_related("invoice").filter(payment__isnull=True):
        if selectors.debit_refusal(debit.invoice):
            continue  # credited since the file was sent: the money is refunded, not booked
        debit.payment = payment_record(
            invoice=debit.invoice,
            amount=debit.amount,
            method=PaymentMethod.DIRECT_DEBIT,
            received_on=collection.collection_date,
            reference=debit.end_to_end_id,
        )
        debit.save(update_fields=["payment"])
        recorded += 1
    Collection.objects.filter(pk=collection.pk).update(settled_on=today)
    return recorded


def collections_settle_due(*, today: date | None = None) -> int:
    """Settle every collection whose date has come; return how many debits were recorded."""
    today = today or timezone.localdate()
    due = Collection.objects.filter(settled_on__isnull=True, collection_date__lte=today)
    return sum(collection_settle(collection=c, today=today) for c in due)


@transaction.atomic
def debit_return(*, debit: Debit, returned_on: date, reason_code: str, by: Any = None) -> Debit:
    """Record a returned debit (R-transaction): the invoice is unpaid again and the hosts are told."""
    debit = (
        Debit.objects.select_for_update(of=("self",))
        .select_related("collection", "invoice", "payment")
        .get(pk=debit.pk)
    )
    code = (reason_code or "").strip().upper()
    if code not in RETURN_CODES:
        raise DomainError(
            _("Code motif de rejet inconnu."),
            {"reason_code": [_("Code motif ISO 20022 attendu (ex. AM04).")]},
        )
    if returned_on < debit.collection.collection_date:
        raise DomainError(
            _("Un rejet ne peut pas précéder la date du prélèvement."),
            {"returned_on": [_("Date antérieure au prélèvement.")]},
        )
    if debit.payment is not None and hasattr(debit.payment, "returned"):
        raise Conflict(_("Ce prélèvement est déjà enregistré comme rejeté."))
    if debit.payment is None:
        # The return arrived before the daily settlement: the money was debited, then came back.
        debit.payment = payment_record(
            invoice=debit.invoice,
            amount=debit.amount,
            method=PaymentMethod.DIRECT_DEBIT,
            received_on=debit.collection.collection_date,
            reference=debit.end_to_end_id,
        )
        debit.save(update_fields=["payment"])
    payment_return_record(
        payment=debit.payment, returned_on=returned_on, reason_code=code, reason=_french_label(code)
    )
    after_commit(tasks.send_return_notice, debit.pk)
    return debit


RETURN_LABELS = {
    "AC01": gettext_lazy("Numéro de compte incorrect"),
    "AC04": gettext_lazy("Compte clôturé"),
    "AC06": gettext_lazy("Compte bloqué"),
    "AG01": gettext_lazy("Transaction interdite sur ce compte"),
    "AM04": gettext_lazy("Provision insuffisante"),
    "MD01": gettext_lazy("Pas de mandat"),
    "MD06": gettext_lazy("Contestation du débiteur (remboursement demandé)"),
    "MS02": gettext_lazy("Refus du débiteur"),
    "MS03": gettext_lazy("Raison non communiquée"),
    "SL01": gettext_lazy("Service spécifique de la banque du débiteur"),
}


def _french_label(code: str) -> str:
    with translation.override("fr"):
        return str(RETURN_LABELS.get(code, ""))
