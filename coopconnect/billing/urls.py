"""Page routes of this app (under /facturation/)."""

from django.urls import path

from coopconnect.billing import views

app_name = "billing"
urlpatterns = [
    path("", views.invoice_list, name="invoices"),
    path("factures/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("factures/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("factures/<int:pk>/paiement/", views.payment_add, name="payment_add"),
    path("factures/<int:pk>/avoir/", views.credit_note_add, name="credit_note_add"),
    path("factures/<int:pk>/remboursement/", views.refund_add, name="refund_add"),
    path("emetteurs/<int:pk>/", views.issuer_invoices, name="issuer_invoices"),
    path("emetteurs/<int:pk>/export.csv", views.issuer_export, name="issuer_export"),
    path("devis/", views.quote_page, name="quote"),
    path("lieux/<slug:slug>/tarifs/", views.tariffs_page, name="tariffs"),
    path("lieux/<slug:slug>/consommations/", views.usage_page, name="usage"),
    path("lieux/<slug:slug>/abonnement/", views.self_subscribe_page, name="subscribe"),
    path("lieux/<slug:slug>/abonnements/", views.subscriptions_page, name="subscriptions"),
    path("lieux/<slug:slug>/abonnements/<int:pk>/", views.subscription_action, name="subscription_action"),
]
