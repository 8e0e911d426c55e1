"""Page routes of SEPA direct debit and bank reconciliation (mounted at /paiements/)."""

from django.urls import path

from coopconnect.payments.views import collections, mandates, reconciliation

app_name = "payments"
urlpatterns = [
    path("mandats/", mandates.mandates, name="mandates"),
    path("mandats/<int:pk>/revoquer/", mandates.mandate_revoke_view, name="mandate_revoke"),
    path("emetteurs/<int:pk>/prelevements/", collections.collections, name="collections"),
    path("prelevements/<int:pk>/", collections.collection_detail, name="collection_detail"),
    path("prelevements/<int:pk>/pain008.xml", collections.collection_file, name="collection_file"),
    path("emetteurs/<int:pk>/rapprochement/", reconciliation.reconciliation, name="reconciliation"),
]
