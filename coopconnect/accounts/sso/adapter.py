"""django-allauth adapters: who may sign in through a provider, and what a provider's sign-in sets."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.accounts.sso.services import sso_sign_in

TRUE_CLAIMS = {"1", "true", "yes", "oui", "employee"}


class AccountAdapter(DefaultAccountAdapter):
    """Accounts open through Coop-connect's own sign-up page, or a provider's sign-in (below)."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def login(self, request: HttpRequest, user: Any) -> None:
        # allauth would pick the first backend, the lockout's, which loads nobody from the session.
        if not hasattr(user, "backend"):
            user.backend = "django.contrib.auth.backends.ModelBackend"
        super().login(request, user)


def _claims(sociallogin: SocialLogin) -> dict[str, Any]:
    data = sociallogin.account.extra_data or {}
    return dict(data.get("userinfo") or data.get("id_token") or data)


def _verified_email(sociallogin: SocialLogin) -> str:
    for address in sociallogin.email_addresses:
        if address.verified and address.email:
            return str(address.email).strip().lower()
    return ""


def _employee(sociallogin: SocialLogin) -> tuple[str, bool | None]:
    """Return the employer's SIREN named by the provider's configuration, and what its claim says."""
    app_settings = sociallogin.account.get_provider().app.settings or {}
    siren = str(app_settings.get("organisation_siren") or "")
    if not siren:
        return "", None
    value = _claims(sociallogin).get(app_settings.get("employee_claim") or "employee")
    if isinstance(value, bool):
        return siren, value
    return siren, str(value or "").strip().lower() in TRUE_CLAIMS


def _refuse(request: HttpRequest, message: str) -> None:
    messages.error(request, message)
    raise ImmediateHttpResponse(redirect("accounts:login"))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """A provider's sign-in links to an account only through an address the provider verified."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return True

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        email = _verified_email(sociallogin)
        if not email:
            message = _("Ce fournisseur n'a pas confirmé votre adresse e-mail.")
            _refuse(request, message + " " + _("Connectez-vous avec votre mot de passe."))
        user: User = sociallogin.user  # type: ignore[assignment]
        if user.pk is None:
            return  # a new account: save_user below
        if user.email.lower() != email and not sociallogin.is_existing:
            _refuse(request, _("L'adresse e-mail vérifiée par le fournisseur ne correspond à aucun compte."))
        if not user.is_active or user.is_erased:
            _refuse(request, _("Ce compte n'est pas actif : suivez d'abord votre lien d'invitation."))
        siren, employee = _employee(sociallogin)
        sociallogin.user = sso_sign_in(user=user, organisation_siren=siren, employee=employee)

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict[str, Any]) -> User:
        user: User = super().populate_user(request, sociallogin, data)
        user.email = _verified_email(sociallogin) or (user.email or "").lower()
        return user

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        user: User = super().save_user(request, sociallogin, form)
        siren, employee = _employee(sociallogin)
        return sso_sign_in(user=user, organisation_siren=siren, employee=employee)
