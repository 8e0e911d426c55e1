"""Billing data: tariffs, memberships and subscriptions, usage, issuers, invoices, payments."""

from coopconnect.billing.models.documents import (
    BuyerDetails,
    InvoiceDocument,
    InvoiceStatusEvent,
    LifecycleStatus,
)
from coopconnect.billing.models.immutability import ImmutableInvoiceError, InvoiceStatus
from coopconnect.billing.models.invoices import (
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    InvoiceLine,
    Issuer,
    Payment,
    PaymentMethod,
    PaymentReturn,
    Refund,
    Reminder,
    SettlementStatement,
)
from coopconnect.billing.models.subscriptions import FreePeriod, Subscription, SubscriptionStatus
from coopconnect.billing.models.tariffs import (
    Allowance,
    Audience,
    DiscountBasis,
    DiscountRule,
    Overage,
    Tariff,
    TariffKind,
    Unit,
)
from coopconnect.billing.models.usage import BillingProfile, UsageRecord

__all__ = [
    "Allowance",
    "Audience",
    "DiscountBasis",
    "DiscountRule",
    "FreePeriod",
    "ImmutableInvoiceError",
    "Invoice",
    "InvoiceCounter",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceStatus",
    "Issuer",
    "BillingProfile",
    "BuyerDetails",
    "InvoiceDocument",
    "InvoiceStatusEvent",
    "LifecycleStatus",
    "Overage",
    "Payment",
    "PaymentMethod",
    "PaymentReturn",
    "Refund",
    "Reminder",
    "SettlementStatement",
    "Subscription",
    "SubscriptionStatus",
    "Tariff",
    "TariffKind",
    "Unit",
    "UsageRecord",
]
