"""Creditor identifiers and SEPA mandates: signing (IBAN checked with schwifty) and revocation."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import InvalidCountryCode, SchwiftyException
from stdnum.eu import at_02

from coopconnect.billing.models import Issuer
from coopconnect.core import permissions as roles
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.payments import selectors
from coopconnect.payments.models import Creditor, Mandate


@transaction.atomic
def creditor_set(*, issuer: Issuer, identifier: str) -> Creditor:
    """Record the issuer's SEPA creditor identifier (ICS), checked with its ISO 7064 key."""
    compact = at_02.compact(identifier or "")
    if not at_02.is_valid(compact):
        raise DomainError(
            _("Identifiant créancier SEPA invalide (exemple : FR72ZZZ123456)."),
            {"identifier": [_("Identifiant créancier SEPA invalide.")]},
        )
    creditor, _created = Creditor.objects.update_or_create(issuer=issuer, defaults={"identifier": compact})
    return creditor


def checked_iban(value: str) -> IBAN:
    """Return the IBAN if it is valid and in the SEPA zone, else raise a French DomainError."""
    try:
        iban = IBAN(value or "")
    except InvalidCountryCode:
        raise DomainError(
            _("Pays inconnu dans l'IBAN : vérifiez les deux premières lettres."),
            {"iban": [_("Code pays d'IBAN inconnu.")]},
        ) from None
    except (SchwiftyException, ValueError):
        raise DomainError(
            _("IBAN invalide : vérifiez sa longueur et sa clé."), {"iban": [_("IBAN invalide.")]}
        ) from None
    if not iban.in_sepa_zone:
        raise DomainError(
            _("Ce compte n'est pas dans la zone SEPA : il ne peut pas être prélevé."),
            {"iban": [_("IBAN hors zone SEPA.")]},
        )
    return iban


def checked_bic(value: str, iban: IBAN) -> str:
    """Return the BIC given (checked) or the one of the IBAN's bank when known, else ""."""
    if value.strip():
        try:
            return str(BIC(value.strip()).compact)
        except (SchwiftyException, ValueError):
            raise DomainError(
                _("BIC invalide."), {"bic": [_("BIC invalide (8 ou 11 caractères).")]}
            ) from None
    try:
        bic = iban.bic
    except SchwiftyException:
        bic = None
    return str(bic.compact) if bic is not None else ""


def new_reference(issuer: Issuer) -> str:
    """Return a fresh unique mandate reference (RUM): at most 35 characters of the SEPA set."""
    prefix = "".join(c for c in issuer.number_prefix.upper() if c.isalnum())[:6] or "RUM"
    return f"{prefix}-{issuer.pk}-{timezone.localdate():%Y%m%d}-{secrets.token_hex(5).upper()}"


@transaction.atomic
def mandate_sign(
    *,
    issuer: Issuer,
    signed_by: Any,
    holder_name: str,
    iban: str,
    bic: str = "",
    organisation: Any = None,
    accepted: bool,
) -> Mandate:
    """Sign a mandate for oneself or for an organisation one administers; it replaces the live one."""
    if organisation is not None and not roles.is_organisation_admin(signed_by, organisation):
        raise PermissionDenied(
            _("Vous ne pouvez signer un mandat que pour vous-même ou une organisation que vous administrez."),
            {"debtor": [_("Mandat pour quelqu'un d'autre.")]},
        )
    if not Creditor.objects.filter(issuer=issuer).exists():
        raise DomainError(
            _("Cet émetteur ne prélève pas encore : il n'a pas d'identifiant créancier SEPA."),
            {"issuer": [_("Émetteur sans identifiant créancier SEPA.")]},
        )
    errors: dict[str, list[str]] = {}
    holder = " ".join((holder_name or "").split())
    if not holder:
        errors["holder_name"] = [_("Indiquez le titulaire du compte.")]
    elif len(holder) > 70:
        errors["holder_name"] = [_("70 caractères au plus.")]
    if not accepted:
        errors["accepted"] = [_("Vous devez accepter le texte du mandat.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    checked = checked_iban(iban)
    bic_value = checked_bic(bic or "", checked)
    today = timezone.localdate()
    debtor = {"organisation": organisation} if organisation is not None else {"person": signed_by}
    Mandate.objects.select_for_update().filter(issuer=issuer, revoked_on__isnull=True, **debtor).update(
        revoked_on=today, revoked_by=signed_by
    )
    return Mandate.objects.create(
        reference=new_reference(issuer),
        issuer=issuer,
        signed_by=signed_by,
        signed_on=today,
        holder_name=holder,
        iban=str(checked.compact),
        bic=bic_value,
        **debtor,
    )


@transaction.atomic
def mandate_revoke(*, mandate: Mandate, by: Any) -> Mandate:
    """Revoke a mandate one signed for oneself or for an organisation one administers."""
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if not selectors.mandates_visible_to(by).filter(pk=mandate.pk).exists():
        raise PermissionDenied(_("Ce mandat n'est pas le vôtre."))
    if mandate.revoked_on is not None:
        raise Conflict(_("Ce mandat est déjà révoqué."))
    Mandate.objects.filter(pk=mandate.pk).update(revoked_on=timezone.localdate(), revoked_by=by)
    mandate.refresh_from_db()
    return mandate
