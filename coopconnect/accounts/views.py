"""Account pages: sign-up, verification, profile, employer organisations, API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.accounts import selectors, services
from coopconnect.accounts.forms import (
    InvitationAcceptForm,
    InviteForm,
    LocalizedPasswordResetForm,
    ProfileForm,
    SignupForm,
    TokenCreateForm,
)
from coopconnect.accounts.lockout import unlock
from coopconnect.accounts.models import ApiToken, Organisation, OrganisationMembership, User
from coopconnect.accounts.sso.config import configured_providers, provider_origins
from coopconnect.core import permissions
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.ratelimit import limit_posts

NEW_TOKEN_SESSION_KEY = "accounts_new_token"
# The services check "password"; the forms ask for it twice (password1, password2).
PASSWORD_FIELD = {"password": "password1"}


def _remember_language(response: HttpResponseBase, language: str) -> HttpResponseBase:
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@method_decorator(limit_posts("login"), name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's login, switching the site to the person's language; wrong passwords lock the account
    for a while (django-axes, see ``accounts.lockout``)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        return _remember_language(response, form.get_user().language)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return {**super().get_context_data(**kwargs), "sso_providers": configured_providers()}

    def render_to_response(self, context, **kwargs):  # type: ignore[no-untyped-def]
        response = super().render_to_response(context, **kwargs)
        if origins := provider_origins():
            csp = dict(settings.SECURE_CSP)
            response._csp_config = {**csp, "form-action": [*csp.get("form-action", []), *origins]}
        return response


@limit_posts("signup", email_field="email")
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account; a mail carries the verification link (or, for a known address, a note to its
    owner: the page answers the same either way)."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None, initial={"language": translation.get_language() or "fr"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_register(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                home_commune=data["home_commune"],
                language=data["language"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc, fields=PASSWORD_FIELD)
        else:
            with translation.override(data["language"]):
                done = redirect("accounts:signup_done")
            return _remember_language(done, data["language"])  # type: ignore[return-value]
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


def signup_done(request: HttpRequest) -> HttpResponse:
    """Tell the person to look for the verification mail."""
    return render(request, "accounts/signup_done.html")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """Verify the address from the mailed link."""
    try:
        user = services.user_verify_email(token=token)
    except DomainError as exc:
        return render(request, "accounts/verify_failed.html", {"error": exc.message}, status=400)
    messages.success(request, _("Votre adresse e-mail est vérifiée. Vous pouvez réserver."))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("accounts:profile")
    return redirect("accounts:login")


@login_required
@require_POST
@limit_posts("verification_resend")
def resend_verification(request: HttpRequest) -> HttpResponse:
    """Mail a fresh verification link to the signed-in person."""
    user: User = request.user  # type: ignore[assignment]
    if not user.email_verified:
        services.send_verification_email(user=user)
        messages.success(request, _("Un nouveau lien de vérification vous a été envoyé."))
    return redirect("accounts:profile")


password_reset = limit_posts("password_reset", email_field="email")(
    auth_views.PasswordResetView.as_view(
        form_class=LocalizedPasswordResetForm,
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/mail/password_reset.txt",
        subject_template_name="accounts/mail/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset.__doc__ = (
    """Ask for a reset link; the page answers the same whether the address has an account."""
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the mailed link; a login lockout on the account ends with it."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        unlock(form.user.email)
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Show and edit the signed-in person's name, home and work communes, and language."""
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "home_commune": selectors.commune_label(user.home_commune),
            "work_commune": selectors.commune_label(user.work_commune),
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                home_commune=data["home_commune"],
                work_commune=data["work_commune"],
                language=data["language"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            with translation.override(user.language):
                messages.success(request, _("Votre profil est enregistré."))
            return _remember_language(redirect("accounts:profile"), user.language)  # type: ignore[return-value]
    context = {
        "form": form,
        "memberships": selectors.memberships_of(user),
        "managed_places": list(permissions.places_managed_by(user).order_by("name")[:50]),
    }
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Let an invited person activate their account by choosing a password."""
    try:
        user = get_user_model().objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not user.is_invited:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = InvitationAcceptForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_accept(
                user=user,
                token=token,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
                language=data["language"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc, fields=PASSWORD_FIELD)
        else:
            messages.success(request, _("Votre compte est activé. Connectez-vous avec votre adresse e-mail."))
            return _remember_language(redirect("accounts:login"), data["language"])  # type: ignore[return-value]
    context = {
        "form": form,
        "invited": user,
        "organisations": [m.organisation for m in selectors.memberships_of(user)],
    }
    return render(request, "accounts/invitation_accept.html", context, status=400 if form.errors else 200)


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    """List the organisations the person belongs to, with links to those they administer."""
    user: User = request.user  # type: ignore[assignment]
    administered = set(permissions.organisations_administered_by(user).values_list("pk", flat=True))
    return render(
        request,
        "accounts/organisations.html",
        {"memberships": selectors.memberships_of(user), "administered": administered},
    )


def _administered_organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_administer_organisation(request.user, organisation):
        raise DjangoPermissionDenied
    return organisation


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an employer's people to its admins, with the invite form."""
    organisation = _administered_organisation(request, pk)
    return _render_organisation(request, organisation, InviteForm())


def _render_organisation(request: HttpRequest, organisation: Organisation, form: InviteForm) -> HttpResponse:
    context = {
        "organisation": organisation,
        "memberships": selectors.organisation_memberships(organisation),
        "form": form,
    }
    return render(request, "accounts/organisation_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def organisation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person to the organisation by e-mail (an invitation when they have no account)."""
    organisation = _administered_organisation(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            membership = services.organisation_invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                invited_by=request.user,  # type: ignore[arg-type]
                role=form.cleaned_data["role"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            if membership.user.is_invited:
                text = _("Invitation envoyée à %(email)s.")
            else:
                text = _("%(email)s fait maintenant partie de l'organisation.")
            messages.success(request, text % {"email": membership.user.email})
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    return _render_organisation(request, organisation, form)


@login_required
@require_POST
def organisation_member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Remove a person from the organisation."""
    organisation = _administered_organisation(request, pk)
    membership = get_object_or_404(OrganisationMembership, pk=membership_pk, organisation=organisation)
    email = membership.user.email
    try:
        services.organisation_member_remove(membership=membership, removed_by=request.user)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(email)s a été retiré(e) de l'organisation.") % {"email": email})
    return redirect("accounts:organisation_detail", pk=organisation.pk)


def _token_manager(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not permissions.places_managed_by(user).exists():
        raise DjangoPermissionDenied
    return user


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List the API tokens of the places the person manages; show a new secret once."""
    user = _token_manager(request)
    form = TokenCreateForm(places=permissions.places_managed_by(user))
    return _render_tokens(request, user, form)


def _render_tokens(request: HttpRequest, user: User, form: TokenCreateForm) -> HttpResponse:
    context = {
        "form": form,
        "tokens": selectors.tokens_visible_to(user),
        "new_secret": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
    }
    response = render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create a token for a managed place; the raw secret is kept in the session for one display."""
    user = _token_manager(request)
    form = TokenCreateForm(request.POST, places=permissions.places_managed_by(user))
    if form.is_valid():
        try:
            token, raw = services.api_token_create(
                place=form.cleaned_data["place"], name=form.cleaned_data["name"], created_by=user
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = {
                "name": token.name,
                "place": token.place.name,
                "raw": raw,
            }
            return redirect("accounts:tokens")
    return _render_tokens(request, user, form)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a token of a managed place."""
    token = get_object_or_404(ApiToken.objects.select_related("place"), pk=pk)
    if not permissions.can_manage_place(request.user, token.place):
        raise DjangoPermissionDenied
    services.api_token_revoke(token=token, revoked_by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("accounts:tokens")
