"""Admin for coordinators and hosts: tariffs (with quotas and degressive rules), plans, issuers, invoices."""

from django.contrib import admin

from coopconnect.billing.models import (
    Allowance,
    BillingProfile,
    DiscountRule,
    FreePeriod,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Issuer,
    Payment,
    SettlementStatement,
    Subscription,
    Tariff,
    UsageRecord,
)


class AllowanceInline(admin.TabularInline):
    model = Allowance
    extra = 0


class DiscountInline(admin.TabularInline):
    model = DiscountRule
    extra = 0


@admin.register(Tariff)
class TariffAdmin(admin.ModelAdmin):
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


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("person", "tariff", "employer", "start", "end", "status")
    list_filter = ("status",)
    search_fields = ("person__email", "tariff__label")
    raw_id_fields = ("person", "employer", "resource", "replaced_by")


@admin.register(FreePeriod)
class FreePeriodAdmin(admin.ModelAdmin):
    list_display = ("person", "place", "network", "start", "end", "reason")
    raw_id_fields = ("person", "granted_by")


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ("name", "place", "network", "siren", "vat_exempt")


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or obj.status == InvoiceStatus.DRAFT

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or obj.status == InvoiceStatus.DRAFT


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "issuer", "buyer_name", "issue_date", "total_ttc", "status")
    list_filter = ("kind", "status", "issuer")
    search_fields = ("number", "buyer_name")
    inlines = [InvoiceLineInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or obj.status == InvoiceStatus.DRAFT

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or obj.status == InvoiceStatus.DRAFT


admin.site.register(Payment)
admin.site.register(BillingProfile)
admin.site.register(UsageRecord)
admin.site.register(SettlementStatement)
