"""Single sign-on routes (django-allauth), mounted at /compte/sso/ without a namespace: allauth
reverses its own names. Its login and sign-up pages are not mounted: the names it reverses point
at Coop-connect's own pages."""

from allauth.socialaccount import views as social_views
from django.urls import path
from django.views.generic import RedirectView

from coopconnect.accounts.sso import views

urlpatterns = [
    # POST from the login page's buttons; then the provider's answer.
    path("oidc/<str:provider_id>/login/", views.login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", views.callback, name="openid_connect_callback"),
    path("annulee/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("erreur/", social_views.login_error, name="socialaccount_login_error"),
    path("inscription/", social_views.signup, name="socialaccount_signup"),
    path("connexion/", RedirectView.as_view(pattern_name="accounts:login"), name="account_login"),
    path("compte/", RedirectView.as_view(pattern_name="accounts:signup"), name="account_signup"),
]
