"""An issuer's identity as its managers keep it: what future invoices will carry.

Issued invoices never change with it: their documents froze the identity at issue
(``invoicing/documents.py``). The SIREN and the owner (place or network) are set by the platform team.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coopconnect.billing.models import Issuer
from coopconnect.core.errors import DomainError

EDITABLE = (
    "name",
    "legal_form",
    "share_capital",
    "rcs",
    "siret",
    "vat_number",
    "vat_exempt",
    "vat_on_debits",
    "address",
    "postcode",
    "city",
    "email",
    "electronic_address",
    "iban",
    "bic",
    "payment_terms_days",
)


@transaction.atomic
def issuer_update(*, issuer: Issuer, changes: dict[str, Any]) -> Issuer:
    """Change an issuer's identity (validated as a whole: SIRET, VAT number, IBAN...), for future invoices."""
    from stdnum import bic, iban

    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(_("Champs non modifiables : %(f)s.") % {"f": ", ".join(sorted(unknown))})
    locked: Issuer = Issuer.objects.select_for_update().get(pk=issuer.pk)
    for name, value in changes.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.vat_number = locked.vat_number.replace(" ", "").upper()
    locked.iban = locked.iban.replace(" ", "").upper()
    locked.bic = locked.bic.replace(" ", "").upper()
    errors: dict[str, list[str]] = {}
    if locked.iban and not iban.is_valid(locked.iban):
        errors["iban"] = [_("IBAN invalide.")]
    if locked.bic and not bic.is_valid(locked.bic):
        errors["bic"] = [_("BIC invalide.")]
    if not locked.vat_exempt and not locked.vat_number:
        errors["vat_number"] = [_("Un émetteur qui facture la TVA a un n° de TVA intracommunautaire.")]
    try:
        locked.full_clean(exclude=["place", "network"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise DomainError(
            _("L'identité de l'émetteur n'est pas valide : corrigez les champs signalés."), errors
        )
    locked.save()
    return locked
