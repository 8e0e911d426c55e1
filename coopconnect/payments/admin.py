"""Admin: direct debit and bank records, read-only, each staff member seeing only their issuers' rows.

Mandates are signed on the product's pages, collections and statements made there: the admin only
shows them (``RecordAdmin``), scoped by the issuers the person manages (``billing.permissions``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.billing.permissions import issuers_managed_by
from coopconnect.core.admin import RecordAdmin
from coopconnect.payments.models import Collection, Creditor, Debit, Mandate, Statement, StatementLine


class IssuerRecordAdmin(RecordAdmin):
    issuer_path = "issuer"

    def scope(self, request: HttpRequest) -> Q:
        return Q(**{f"{self.issuer_path}__in": issuers_managed_by(request.user)})

    def get_readonly_fields(self, request: HttpRequest, obj: Any | None = None) -> list[str]:
        return [f for f in super().get_readonly_fields(request, obj) if f not in (self.exclude or ())]


@admin.register(Creditor)
class CreditorAdmin(IssuerRecordAdmin):
    list_display = ("issuer", "identifier")


@admin.register(Mandate)
class MandateAdmin(IssuerRecordAdmin):
    list_display = ("reference", "issuer", "person", "organisation", "signed_on", "revoked_on")
    list_filter = ("revoked_on",)
    search_fields = ("reference", "holder_name")


@admin.register(Collection)
class CollectionAdmin(IssuerRecordAdmin):
    list_display = ("issuer", "month", "collection_date", "total", "settled_on")
    exclude = ("file",)


@admin.register(Debit)
class DebitAdmin(IssuerRecordAdmin):
    issuer_path = "collection__issuer"
    list_display = ("end_to_end_id", "collection", "invoice", "amount", "sequence_type")


@admin.register(Statement)
class StatementAdmin(IssuerRecordAdmin):
    list_display = ("issuer", "format", "reference", "line_count", "created_at")


@admin.register(StatementLine)
class StatementLineAdmin(IssuerRecordAdmin):
    list_display = ("booked_on", "issuer", "amount", "is_credit", "status", "invoice")
    list_filter = ("status",)
