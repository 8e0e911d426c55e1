"""OAuth2 for third-party apps (django-oauth-toolkit), mounted at /oauth/: authorize (the consent
page), token, revoke_token, introspect. Apps are registered in the admin by platform staff, so
the toolkit's own application pages are not mounted."""

from django.urls import path
from oauth2_provider import views

from coopconnect.accounts.oauth.views import AuthorizationView

app_name = "oauth2_provider"
urlpatterns = [
    path("authorize/", AuthorizationView.as_view(), name="authorize"),
    path("token/", views.TokenView.as_view(), name="token"),
    path("revoke_token/", views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", views.IntrospectTokenView.as_view(), name="introspect"),
]
