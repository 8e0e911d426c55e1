"""Page routes of the accounts app."""

from django.contrib.auth import views as auth_views
from django.urls import path

from coopconnect.accounts import personal_token_views, views
from coopconnect.accounts.privacy import views as privacy_views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("inscription/", views.signup, name="signup"),
    path("inscription/envoyee/", views.signup_done, name="signup_done"),
    path("verification/renvoyer/", views.resend_verification, name="resend_verification"),
    path("verification/<str:token>/", views.verify_email, name="verify_email"),
    path("mot-de-passe/oubli/", views.password_reset, name="password_reset"),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("invitation/<uidb64>/<token>/", views.invitation_accept, name="invitation_accept"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/inviter/", views.organisation_invite, name="organisation_invite"),
    path(
        "organisations/<int:pk>/membres/<int:membership_pk>/retirer/",
        views.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path("jetons/", views.tokens, name="tokens"),
    path("jetons/nouveau/", views.token_create, name="token_create"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
    path("jetons-personnels/", personal_token_views.personal_tokens, name="personal_tokens"),
    path(
        "jetons-personnels/nouveau/", personal_token_views.personal_token_create, name="personal_token_create"
    ),
    path(
        "jetons-personnels/<int:pk>/revoquer/",
        personal_token_views.personal_token_revoke,
        name="personal_token_revoke",
    ),
    path(
        "jetons-personnels/applications/<int:pk>/retirer/",
        personal_token_views.oauth_access_withdraw,
        name="oauth_access_withdraw",
    ),
    path("mes-donnees/", privacy_views.privacy, name="privacy"),
    path("mes-donnees/export.zip", privacy_views.privacy_export, name="privacy_export"),
    path("mes-donnees/effacer/", privacy_views.privacy_erase, name="privacy_erase"),
    path("mes-donnees/effacees/", privacy_views.privacy_erased, name="privacy_erased"),
    path("", views.profile, name="profile"),
]
