"""Page routes of this app (under /facturation/)."""

from django.urls import path

from coopconnect.billing.views import (
    einvoicing,
    invoices,
    issuers,
    payments,
    runs,
    subscriptions,
    tariffs,
    usage,
)

app_name = "billing"
urlpatterns = [
    path("", invoices.invoice_list, name="invoices"),
    path("factures/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("factures/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("factures/<int:pk>/factur-x.xml", invoices.invoice_xml, name="invoice_xml"),
    path("factures/<int:pk>/ubl.xml", invoices.invoice_ubl, name="invoice_ubl"),
    path("factures/<int:pk>/paiement/", payments.payment_add, name="payment_add"),
    path("factures/<int:pk>/avoir/", payments.credit_note_add, name="credit_note_add"),
    path("factures/<int:pk>/remboursement/", payments.refund_add, name="refund_add"),
    path("emetteurs/<int:pk>/", issuers.issuer_invoices, name="issuer_invoices"),
    path("emetteurs/<int:pk>/export.csv", issuers.issuer_export, name="issuer_export"),
    path("emetteurs/<int:pk>/e-reporting/", einvoicing.issuer_ereporting, name="issuer_ereporting"),
    path("emetteurs/<int:pk>/identite/", einvoicing.issuer_identity, name="issuer_identity"),
    path("emetteurs/<int:pk>/facturation/", runs.run_preview, name="run_preview"),
    path("emetteurs/<int:pk>/facturation/emettre/", runs.run_start, name="run_start"),
    path("emetteurs/<int:pk>/facturation/<str:month>/", runs.run_progress_page, name="run_progress"),
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
