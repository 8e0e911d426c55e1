"""Page routes of the accounts app."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from coopconnect.accounts import views
from coopconnect.accounts.forms import LocalizedPasswordResetForm

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("inscription/", views.signup, name="signup"),
    path("inscription/envoyee/", views.signup_done, name="signup_done"),
    path("verification/renvoyer/", views.resend_verification, name="resend_verification"),
    path("verification/<str:token>/", views.verify_email, name="verify_email"),
    path(
        "mot-de-passe/oubli/",
        auth_views.PasswordResetView.as_view(
            form_class=LocalizedPasswordResetForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/mail/password_reset.txt",
            subject_template_name="accounts/mail/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
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
    path("", views.profile, name="profile"),
]
