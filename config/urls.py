"""Top-level routes: pages per app, the API, the admin, the language switch."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api
from coopconnect.core import views as core_views
from coopconnect.core.admin import restrict_third_party_admins

# Every app's admin module is loaded by now: the libraries' admins go to the platform team alone.
restrict_third_party_admins()
admin.site.site_header = "Coop-connect — administration"
admin.site.site_title = "Coop-connect"
admin.site.index_title = "Administration du réseau"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("sante/", core_views.HealthView.as_view(), name="health"),
    # Single sign-on (allauth) and OAuth2 for third-party apps (django-oauth-toolkit): accounts app.
    path("compte/sso/", include("coopconnect.accounts.sso.urls")),
    path("oauth/", include("coopconnect.accounts.oauth.urls")),
    path("compte/", include("coopconnect.accounts.urls")),
    path("reservations/", include("coopconnect.bookings.urls")),
    path("facturation/", include("coopconnect.billing.urls")),
    path("paiements/", include("coopconnect.payments.urls")),
    path("territoire/", include("coopconnect.planning.urls")),
    path("territoire/", include("coopconnect.businessplans.urls")),
    path("territoire/", include("coopconnect.surveys.urls")),
    path("communaute/", include("coopconnect.forums.urls")),
    path("communaute/", include("coopconnect.skills.urls")),
    path("communaute/", include("coopconnect.missions.urls")),
    path("evenements/", include("coopconnect.events.urls")),
    path("integrations/", include("coopconnect.webhooks.urls")),
    path("widget/", include("coopconnect.embeds.urls")),
    path("mon-espace/", include("coopconnect.dashboard.urls")),
    path("", include("coopconnect.core.urls")),
    path("", include("coopconnect.places.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "coopconnect.core.views.not_found"
handler500 = "coopconnect.core.views.server_error"
