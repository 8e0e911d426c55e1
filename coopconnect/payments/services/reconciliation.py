"""Bank statements imported once and matched with invoices; what does not match waits for the host.

A statement is imported whole or not at all, once: its file hash is unique per issuer, and each
line's identity (account, date, amount, references, text) is unique too, so a later statement that
repeats a movement does not book it twice. Credits are matched by the RF creditor reference of an
invoice (the amount at most what remains due), else by the invoice number in the text with the exact
amount due; debits carrying a SEPA return reason and one of our end-to-end ids are returned debits.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing import selectors as billing_selectors
from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceStatus, Issuer, Payment, PaymentMethod
from coopconnect.billing.references import rf_candidates, rf_reference
from coopconnect.billing.services.payments import payment_record
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.payments.models import Debit, LineStatus, Statement, StatementLine
from coopconnect.payments.services.collections import debit_return
from coopconnect.payments.statements import ParsedLine, parse

_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9/-]{2,29}")
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Index:
    """The issuer's invoices by RF reference and by number, what remains due on each and which are
    credited: loaded once per import, kept up to date as the lines are booked."""

    by_reference: dict[str, Invoice]
    by_number: dict[str, Invoice]
    due: dict[int, Decimal]
    credited: set[int]

    @classmethod
    def of(cls, issuer: Issuer) -> Index:
        invoices = Invoice.objects.filter(
            issuer=issuer, status=InvoiceStatus.ISSUED, kind=InvoiceKind.INVOICE
        )
        by_number = {inv.number.upper(): inv for inv in invoices}
        credited = set(
            Invoice.objects.filter(credited_invoice__in=invoices, status=InvoiceStatus.ISSUED).values_list(
                "credited_invoice", flat=True
            )
        )
        return cls(
            by_reference={rf_reference(n): inv for n, inv in by_number.items()},
            by_number=by_number,
            due=billing_selectors.outstanding_by_invoice(invoices),
            credited=credited,
        )

    @classmethod
    def single(cls, invoice: Invoice) -> Index:
        credited = invoice.credit_notes.filter(status=InvoiceStatus.ISSUED).exists()
        return cls(
            by_reference={},
            by_number={},
            due={invoice.pk: billing_selectors.outstanding(invoice)},
            credited={invoice.pk} if credited else set(),
        )


def _looks_like_iban(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", value))


def _pay(invoice: Invoice, line: ParsedLine, reference: str, index: Index) -> tuple[Payment | None, str]:
    """Record the line's money on the invoice when the rules allow; return the payment or why not."""
    if invoice.pk in index.credited:
        return None, _(
            "La facture %(n)s est annulée par un avoir : elle ne peut être ni prélevée ni payée."
        ) % {"n": invoice.number}
    due = index.due.get(invoice.pk, Decimal("0"))
    if due <= 0:
        return None, _("La facture %(n)s est déjà payée.") % {"n": invoice.number}
    if line.amount > due:
        return None, _("Montant supérieur au reste dû sur la facture %(n)s.") % {"n": invoice.number}
    payment = payment_record(
        invoice=invoice,
        amount=line.amount,
        method=PaymentMethod.TRANSFER,
        received_on=min(line.booked_on, timezone.localdate()),
        reference=(line.bank_reference or reference)[:100],
    )
    index.due[invoice.pk] = due - line.amount
    return payment, ""


def _match_credit(line: ParsedLine, index: Index) -> tuple[Invoice | None, Payment | None, str]:
    text = f"{line.structured_reference} {line.remittance}"
    for candidate in rf_candidates(text):
        invoice = index.by_reference.get(candidate)
        if invoice is not None:
            payment, why = _pay(invoice, line, candidate, index)
            return invoice, payment, why
    for token in _TOKEN.findall(text.upper()):
        invoice = index.by_number.get(token)
        if invoice is None:
            continue
        if index.due.get(invoice.pk) != line.amount:
            return (
                None,
                None,
                _("Facture %(n)s citée, mais le montant diffère du reste dû.") % {"n": invoice.number},
            )
        payment, why = _pay(invoice, line, invoice.number, index)
        return invoice, payment, why
    return None, None, ""


def _match_debit(line: ParsedLine, issuer: Issuer, index: Index) -> tuple[Debit | None, str]:
    if not line.return_reason or not line.end_to_end_id:
        return None, ""
    debit = Debit.objects.filter(collection__issuer=issuer, end_to_end_id=line.end_to_end_id).first()
    if debit is None or debit.amount != line.amount:
        return None, _("Rejet d'un prélèvement inconnu.")
    try:
        with transaction.atomic():
            debit_return(
                debit=debit,
                returned_on=min(line.booked_on, timezone.localdate()),
                reason_code=line.return_reason,
            )
    except DomainError as exc:
        return None, exc.message
    if debit.invoice_id in index.due:
        index.due[debit.invoice_id] += debit.amount
    return debit, ""


def _identities(lines: list[ParsedLine], account: str) -> list[str]:
    """Hash each line; identical movements in one file are told apart by their rank."""
    seen: Counter[str] = Counter()
    out = []
    for line in lines:
        key = line.key(account)
        seen[key] += 1
        out.append(hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest())
    return out


@transaction.atomic
def statement_import(*, issuer: Issuer, content: bytes, fmt: str, by: Any = None) -> tuple[Statement, bool]:
    """Import a bank statement of the issuer's account and match its lines (False: imported before)."""
    if len(content) > MAX_BYTES:
        raise DomainError(
            _("Fichier trop volumineux (20 Mo au plus)."), {"file": [_("Fichier trop volumineux.")]}
        )
    digest = hashlib.sha256(content).hexdigest()
    # Two imports of one file queue on the issuer's row; the second finds the first's statement.
    Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
    existing = Statement.objects.filter(issuer=issuer, sha256=digest).first()
    if existing is not None:
        return existing, False
    parsed = parse(content, fmt)
    account = parsed.account_iban
    own = (issuer.iban or "").replace(" ", "").upper()
    if own and _looks_like_iban(account) and account != own:
        raise DomainError(
            _("Ce relevé est celui d'un autre compte que celui de l'émetteur : rien n'a été importé."),
            {"file": [_("Compte du relevé différent de l'IBAN de l'émetteur.")]},
        )
    try:
        with transaction.atomic():
            statement = Statement.objects.create(
                issuer=issuer,
                format=fmt,
                sha256=digest,
                reference=parsed.reference,
                account_iban=account[:34],
                imported_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return Statement.objects.get(issuer=issuer, sha256=digest), False
    identities = _identities(parsed.lines, account or own)
    known = set(
        StatementLine.objects.filter(issuer=issuer, identity__in=identities).values_list(
            "identity", flat=True
        )
    )
    index = Index.of(issuer)
    rows = []
    for line, identity in zip(parsed.lines, identities, strict=True):
        if identity in known:
            continue
        row = StatementLine(
            statement=statement,
            issuer=issuer,
            identity=identity,
            booked_on=line.booked_on,
            amount=line.amount,
            is_credit=line.is_credit,
            counterparty=line.counterparty,
            counterparty_iban=line.counterparty_iban,
            remittance=line.remittance,
            end_to_end_id=line.end_to_end_id,
            return_reason=line.return_reason,
        )
        if line.is_credit:
            invoice, payment, why = _match_credit(line, index)
            row.invoice, row.payment, row.note = invoice, payment, why[:200]
            row.status = LineStatus.MATCHED if payment else LineStatus.UNMATCHED
        else:
            debit, why = _match_debit(line, issuer, index)
            row.note = why[:200]
            if debit is not None:
                row.invoice, row.status = debit.invoice, LineStatus.RETURN
            else:
                row.status = LineStatus.UNMATCHED if why else LineStatus.OTHER
        rows.append(row)
    StatementLine.objects.bulk_create(rows, batch_size=500)
    Statement.objects.filter(pk=statement.pk).update(line_count=len(rows))
    statement.line_count = len(rows)
    return statement, True


@transaction.atomic
def line_assign(*, line: StatementLine, invoice_number: str, by: Any = None) -> StatementLine:
    """Book an unmatched credit on the invoice the host names."""
    line = StatementLine.objects.select_for_update().get(pk=line.pk)
    if line.status != LineStatus.UNMATCHED or not line.is_credit:
        raise Conflict(_("Cette ligne n'est plus à traiter."))
    number = " ".join((invoice_number or "").split()).upper()
    invoice = Invoice.objects.filter(
        issuer_id=line.issuer_id, number__iexact=number, status=InvoiceStatus.ISSUED, kind=InvoiceKind.INVOICE
    ).first()
    if invoice is None:
        raise DomainError(
            _("Aucune facture émise de cet émetteur ne porte ce numéro."),
            {"invoice": [_("Facture inconnue.")]},
        )
    parsed = ParsedLine(
        booked_on=line.booked_on, amount=line.amount, is_credit=True, remittance=line.remittance
    )
    payment, why = _pay(invoice, parsed, f"Relevé {line.statement_id}", Index.single(invoice))
    if payment is None:
        raise DomainError(why, {"invoice": [why]})
    StatementLine.objects.filter(pk=line.pk).update(
        status=LineStatus.MATCHED, invoice=invoice, payment=payment, resolved_by=by, note=""
    )
    line.refresh_from_db()
    return line


@transaction.atomic
def line_ignore(*, line: StatementLine, note: str = "", by: Any = None) -> StatementLine:
    """Set an unmatched line aside (money unrelated to invoices)."""
    line = StatementLine.objects.select_for_update().get(pk=line.pk)
    if line.status != LineStatus.UNMATCHED:
        raise Conflict(_("Cette ligne n'est plus à traiter."))
    StatementLine.objects.filter(pk=line.pk).update(
        status=LineStatus.IGNORED, note=" ".join(note.split())[:200], resolved_by=by
    )
    line.refresh_from_db()
    return line
