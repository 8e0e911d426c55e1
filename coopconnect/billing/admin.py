"""Admin for coordinators and hosts: tariffs (with quotas and degressive rules), plans, issuers, invoices.

Rows are scoped by the issuers, places and networks the staff member manages (``billing.permissions``,
``core.permissions``). Money records are read-only here for everyone: an issued invoice (or credit
note) and its lines cannot change, only a draft can; payments, refunds, counters and settlement
statements are written by the billing pages and the monthly run, never typed in the admin.
"""

from typing import Any

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.billing.models import (
    Allowance,
    BillingProfile,
    BuyerDetails,
    DiscountRule,
    FreePeriod,
    Invoice,
    InvoiceCounter,
    InvoiceDocument,
    InvoiceLine,
    InvoiceStatus,
    InvoiceStatusEvent,
    Issuer,
    Payment,
    Refund,
    SettlementStatement,
    Subscription,
    Tariff,
    UsageRecord,
)
from coopconnect.billing.permissions import can_manage_issuer, invoices_visible_to, issuers_managed_by
from coopconnect.core.admin import RecordAdmin, ScopedAdmin, ScopedInline
from coopconnect.core.permissions import (
    can_manage_place,
    can_oversee_network,
    is_platform_staff,
    organisations_administered_by,
    people_known_to,
    places_managed_by,
)


def _tariff_scope(request: HttpRequest, prefix: str = "") -> Q:
    """Tariffs of the places the person manages and of the networks they coordinate."""
    return Q(**{f"{prefix}place__in": places_managed_by(request.user)}) | Q(
        **{f"{prefix}network__coordinators": request.user}
    )


def _may_manage_owner(request: HttpRequest, obj: Any) -> bool:
    """Say whether the person manages the place or the network a row belongs to."""
    if obj.place_id is not None:
        return can_manage_place(request.user, obj.place)
    return obj.network_id is not None and can_oversee_network(request.user, obj.network)


def _issuer_scope(request: HttpRequest, prefix: str = "") -> Q:
    return Q(**{f"{prefix}issuer__in": issuers_managed_by(request.user)})


class AllowanceInline(ScopedInline):
    model = Allowance
    extra = 0


class DiscountInline(ScopedInline):
    model = DiscountRule
    extra = 0


@admin.register(Tariff)
class TariffAdmin(ScopedAdmin):
    list_display = (
        "label",
        "owner_label",
        "kind",
        "unit",
        "price",
        "vat_rate",
        "vat_exempt",
        "valid_from",
        "valid_until",
    )
    list_filter = ("kind", "unit", "audience", "vat_exempt")
    search_fields = ("label", "code", "place__name", "network__name")
    inlines = [AllowanceInline, DiscountInline]
    fieldsets = (
        (None, {"fields": ("place", "network", "code", "label", "kind", "description")}),
        (
            "Prix",
            {
                "fields": (
                    "price",
                    "unit",
                    "resource_kind",
                    "block_hours",
                    "days_per_month",
                    "days_per_week",
                    "service_code",
                    "vat_rate",
                    "vat_exempt",
                )
            },
        ),
        (
            "Conditions",
            {
                "fields": (
                    "audience",
                    "min_commitment_months",
                    "overage",
                    "included_kinds",
                    "includes_everything",
                    "valid_from",
                    "valid_until",
                )
            },
        ),
    )

    def scope(self, request: HttpRequest) -> Q:
        return _tariff_scope(request)

    def may_change(self, request: HttpRequest, obj: Tariff | None) -> bool:
        return obj is None or _may_manage_owner(request, obj)


@admin.register(Subscription)
class SubscriptionAdmin(ScopedAdmin):
    list_display = ("person", "tariff", "employer", "start", "end", "status")
    list_filter = ("status",)
    search_fields = ("person__email", "tariff__label")
    raw_id_fields = ("person", "employer", "resource", "replaced_by")

    def scope(self, request: HttpRequest) -> Q:
        return _tariff_scope(request, "tariff__")

    def may_change(self, request: HttpRequest, obj: Subscription | None) -> bool:
        return obj is None or _may_manage_owner(request, obj.tariff)


@admin.register(FreePeriod)
class FreePeriodAdmin(ScopedAdmin):
    list_display = ("person", "place", "network", "start", "end", "reason")
    raw_id_fields = ("person", "granted_by")

    def scope(self, request: HttpRequest) -> Q:
        return _tariff_scope(request)

    def may_change(self, request: HttpRequest, obj: FreePeriod | None) -> bool:
        return obj is None or _may_manage_owner(request, obj)


@admin.register(Issuer)
class IssuerAdmin(ScopedAdmin):
    list_display = ("name", "place", "network", "siren", "vat_exempt")

    def scope(self, request: HttpRequest) -> Q:
        return Q(pk__in=issuers_managed_by(request.user))

    def may_change(self, request: HttpRequest, obj: Issuer | None) -> bool:
        return obj is None or can_manage_issuer(request.user, obj)

    def may_delete(self, request: HttpRequest, obj: Issuer | None) -> bool:
        return is_platform_staff(request.user)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)


def _is_draft(obj: Invoice | None) -> bool:
    return obj is None or obj.status == InvoiceStatus.DRAFT


class InvoiceLineInline(ScopedInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ScopedAdmin):
    list_display = ("number", "kind", "issuer", "buyer_name", "issue_date", "total_ttc", "status")
    list_filter = ("kind", "status", ("issuer", admin.RelatedOnlyFieldListFilter))
    search_fields = ("number", "buyer_name")
    inlines = [InvoiceLineInline]

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request) | Q(pk__in=invoices_visible_to(request.user).values("pk"))

    def may_change(self, request: HttpRequest, obj: Invoice | None) -> bool:
        # Issued invoices and credit notes never change (corrections are credit notes); drafts are
        # corrected by the managers of their issuer.
        if obj is None:
            return True
        return _is_draft(obj) and can_manage_issuer(request.user, obj.issuer)

    def may_add(self, request: HttpRequest) -> bool:
        # Invoices come from the monthly run and the billing pages, which number them gaplessly.
        return False


@admin.register(Payment)
class PaymentAdmin(RecordAdmin):
    list_display = ("invoice", "amount", "method", "received_on", "reference")

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request, "invoice__")


@admin.register(Refund)
class RefundAdmin(RecordAdmin):
    list_display = ("invoice", "amount", "method", "refunded_on", "reference")

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request, "invoice__")


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(RecordAdmin):
    list_display = ("issuer", "year", "last")

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request)


@admin.register(SettlementStatement)
class SettlementStatementAdmin(RecordAdmin):
    list_display = ("issuer", "place", "period_start", "period_end", "total_ht", "invoice_count")

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request) | Q(place__in=places_managed_by(request.user))


@admin.register(UsageRecord)
class UsageRecordAdmin(RecordAdmin):
    list_display = ("person", "place", "service_code", "quantity", "at", "source")

    def scope(self, request: HttpRequest) -> Q:
        return Q(place__in=places_managed_by(request.user))


@admin.register(BillingProfile)
class BillingProfileAdmin(ScopedAdmin):
    list_display = ("member_code", "person", "billing_name", "city")
    raw_id_fields = ("person",)

    def scope(self, request: HttpRequest) -> Q:
        return Q(person__in=people_known_to(request.user))

    def may_change(self, request: HttpRequest, obj: BillingProfile | None) -> bool:
        return is_platform_staff(request.user) or (obj is not None and obj.person_id == request.user.pk)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)


@admin.register(InvoiceDocument)
class InvoiceDocumentAdmin(RecordAdmin):
    """The stored documents of issued invoices: written once at issue, never typed here."""

    list_display = ("invoice", "pdf_sha256", "frozen_at", "frozen_late")
    exclude = ("pdf", "cii_xml", "ubl_xml")

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request, "invoice__") | Q(
            invoice__in=invoices_visible_to(request.user).values("pk")
        )

    def may_delete(self, request: HttpRequest, obj: InvoiceDocument | None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any | None = None) -> list[str]:
        return [f for f in super().get_readonly_fields(request, obj) if f not in self.exclude]


@admin.register(InvoiceStatusEvent)
class InvoiceStatusEventAdmin(RecordAdmin):
    list_display = ("invoice", "status", "at", "source")
    list_filter = ("status",)

    def scope(self, request: HttpRequest) -> Q:
        return _issuer_scope(request, "invoice__")

    def may_delete(self, request: HttpRequest, obj: InvoiceStatusEvent | None) -> bool:
        return False


@admin.register(BuyerDetails)
class BuyerDetailsAdmin(ScopedAdmin):
    """An organisation's e-invoicing data: its administrators keep it, the issuers invoicing it read it."""

    list_display = ("organisation", "is_public_buyer", "service_code", "commitment_number")
    raw_id_fields = ("organisation",)

    def scope(self, request: HttpRequest) -> Q:
        invoiced = Invoice.objects.filter(issuer__in=issuers_managed_by(request.user)).values(
            "buyer_organisation"
        )
        return Q(organisation__in=organisations_administered_by(request.user)) | Q(organisation__in=invoiced)

    def may_change(self, request: HttpRequest, obj: BuyerDetails | None) -> bool:
        return obj is None or (
            is_platform_staff(request.user)
            or organisations_administered_by(request.user).filter(pk=obj.organisation_id).exists()
        )

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)

    def may_delete(self, request: HttpRequest, obj: BuyerDetails | None) -> bool:
        return is_platform_staff(request.user)
