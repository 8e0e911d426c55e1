"""Legal pages of the site (mounted at /): privacy policy, legal notice, accessibility statement."""

from django.urls import path

from coopconnect.core import legal

app_name = "core"
urlpatterns = [
    path("confidentialite/", legal.privacy_policy, name="privacy_policy"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("accessibilite/", legal.accessibility_statement, name="accessibility_statement"),
]
