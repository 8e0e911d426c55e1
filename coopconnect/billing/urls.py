"""Page routes of this app (under /facturation/)."""

from django.urls import path

from coopconnect.billing.views import invoices, issuers, payments, subscriptions, tariffs, usage

app_name = "billing"
urlpatterns = [
    path("", invoices.invoice_list, name="invoices"),
    path("factures/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("factures/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("factures/<int:pk>/paiement/", payments.payment_add, name="payment_add"),
    path("factures/<int:pk>/avoir/", payments.credit_note_add, name="credit_note_add"),
    path("factures/<int:pk>/remboursement/", payments.refund_add, name="refund_add"),
    path("emetteurs/<int:pk>/", issuers.issuer_invoices, name="issuer_invoices"),
    path("emetteurs/<int:pk>/export.csv", issuers.issuer_export, name="issuer_export"),
    path("devis/", tariffs.quote_page, name="quote"),
    path("lieux/<slug:slug>/tarifs/", tariffs.tariffs_page, name="tariffs"),
    path("lieux/<slug:slug>/consommations/", usage.usage_page, name="usage"),
    path("lieux/<slug:slug>/abonnement/", subscriptions.self_subscribe_page, name="subscribe"),
    path("lieux/<slug:slug>/abonnements/", subscriptions.subscriptions_page, name="subscriptions"),
    path(
        "lieux/<slug:slug>/abonnements/<int:pk>/",
        subscriptions.subscription_action,
        name="subscription_action",
    ),
]
