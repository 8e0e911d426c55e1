"""Mails of the payments app: pre-notification of a direct debit, notice of a returned debit."""

from __future__ import annotations

from coopconnect.core.mail import send, send_to_person
from coopconnect.payments.models import Collection, Debit, Mandate


def send_prenotification(*, collection_id: int, mandate_id: int) -> None:
    """Tell the debtor of a mandate what will be debited, when, under which references."""
    collection = Collection.objects.select_related("issuer", "issuer__sepa_creditor").get(pk=collection_id)
    mandate = Mandate.objects.select_related("organisation", "person", "signed_by").get(pk=mandate_id)
    debits = list(collection.debits.filter(mandate=mandate).select_related("invoice"))
    if not debits:
        return
    context = {
        "collection": collection,
        "mandate": mandate,
        "debits": debits,
        "total": sum(d.amount for d in debits),
        "creditor_id": collection.issuer.sepa_creditor.identifier,
    }
    template = "payments/mail/prenotification"
    org = mandate.organisation
    if org is not None and org.billing_email:
        send(to=[org.billing_email], template=template, context=context)
        return
    send_to_person(person=mandate.person or mandate.signed_by, template=template, context=context)


def send_return_notice(*, debit_id: int) -> None:
    """Tell the hosts of the issuer's place (or its network's coordinators) that a debit came back."""
    debit = Debit.objects.select_related(
        "invoice", "mandate", "collection__issuer__place", "collection__issuer__network", "payment__returned"
    ).get(pk=debit_id)
    issuer = debit.collection.issuer
    people = list(issuer.place.hosts.all()) if issuer.place else list(issuer.network.coordinators.all())
    context = {"debit": debit, "issuer": issuer, "returned": debit.payment.returned}
    for person in people:
        send_to_person(person=person, template="payments/mail/debit_returned", context=context)
