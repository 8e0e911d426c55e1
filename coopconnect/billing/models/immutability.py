"""What makes an issued invoice final: its status, the error, and querysets that refuse bulk changes.

``Model.save``/``delete`` guard one object; ``QuerySet.update()`` and ``QuerySet.delete()`` write
without calling them, so the querysets here check first that no issued row is touched. On
PostgreSQL, triggers (migration ``0004_pg_issued_invoices_immutable``) also refuse raw SQL.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableInvoiceError(Exception):
    """An issued invoice (or its lines) cannot be changed: corrections go through a credit note."""


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    ISSUED = "issued", _("Émise")


class IssuedGuardQuerySet(models.QuerySet):
    """A queryset whose ``update()`` and ``delete()`` refuse to touch rows of an issued invoice.

    ``issued_lookup`` is the path to the invoice's status; ``detachable`` names the foreign keys that
    may still be set to NULL on such rows (the staff account that recorded a payment being deleted).
    """

    issued_lookup: ClassVar[str] = "status"
    detachable: ClassVar[frozenset[str]] = frozenset()
    update_message: ClassVar[str] = "Une facture émise ne peut pas être modifiée : émettez un avoir."
    delete_message: ClassVar[str] = "Une facture émise ne peut pas être supprimée : émettez un avoir."

    def touches_issued(self) -> bool:
        """Whether any row of this queryset belongs to an issued invoice."""
        return self.filter(**{self.issued_lookup: InvoiceStatus.ISSUED}).exists()

    def update(self, **kwargs: Any) -> int:
        detaching = bool(kwargs) and all(k in self.detachable and v is None for k, v in kwargs.items())
        if not detaching and self.touches_issued():
            raise ImmutableInvoiceError(self.update_message)
        return super().update(**kwargs)

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.touches_issued():
            raise ImmutableInvoiceError(self.delete_message)
        return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class InvoiceQuerySet(IssuedGuardQuerySet):
    """Invoices and credit notes: drafts may be changed in bulk, issued ones never."""


class InvoiceLineQuerySet(IssuedGuardQuerySet):
    issued_lookup = "invoice__status"
    update_message = "Les lignes d'une facture émise ne peuvent pas être modifiées."
    delete_message = "Les lignes d'une facture émise ne peuvent pas être supprimées."


class MoneyMovementQuerySet(IssuedGuardQuerySet):
    """Payments and refunds: recorded against an issued document, then final."""

    issued_lookup = "invoice__status"
    detachable = frozenset({"recorded_by", "recorded_by_id"})
    update_message = "Un paiement ou un remboursement enregistré ne peut pas être modifié."
    delete_message = "Un paiement ou un remboursement enregistré ne peut pas être supprimé."
