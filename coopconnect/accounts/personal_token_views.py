"""The account page of a person's own API tokens: create (shown once), list, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.accounts import selectors, services
from coopconnect.accounts.forms import PersonalTokenForm
from coopconnect.accounts.models import PersonalToken, User
from coopconnect.accounts.oauth.selectors import apps_with_access
from coopconnect.accounts.oauth.services import oauth_access_revoke
from coopconnect.accounts.scopes import SCOPE_LABELS
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors

NEW_PERSONAL_TOKEN_SESSION_KEY = "accounts_new_personal_token"


def _render(request: HttpRequest, form: PersonalTokenForm) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    tokens = list(selectors.personal_tokens_of(user))
    for token in tokens:
        token.scope_labels = [SCOPE_LABELS[s] for s in token.scopes if s in SCOPE_LABELS]  # type: ignore[attr-defined]
    context = {
        "form": form,
        "tokens": tokens,
        "new_secret": request.session.pop(NEW_PERSONAL_TOKEN_SESSION_KEY, None),
        "apps": apps_with_access(user),
    }
    response = render(request, "accounts/personal_tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def personal_tokens(request: HttpRequest) -> HttpResponse:
    """List the person's tokens; show a new token's value once."""
    return _render(request, PersonalTokenForm())


@login_required
@require_POST
def personal_token_create(request: HttpRequest) -> HttpResponse:
    """Create a token; its value is kept in the session for one display, then only its hash remains."""
    form = PersonalTokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = services.personal_token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            request.session[NEW_PERSONAL_TOKEN_SESSION_KEY] = {"name": token.name, "raw": raw}
            return redirect("accounts:personal_tokens")
    return _render(request, form)


@login_required
@require_POST
def personal_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the person's tokens (another person's token is not found)."""
    token = PersonalToken.objects.filter(pk=pk, user=request.user).first()  # type: ignore[misc]
    if token is None:
        raise Http404
    services.personal_token_revoke(token=token, revoked_by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("accounts:personal_tokens")


@login_required
@require_POST
def oauth_access_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a third-party app's access to the person's account."""
    user: User = request.user  # type: ignore[assignment]
    application = apps_with_access(user).filter(pk=pk).first()
    if application is None:
        raise Http404
    oauth_access_revoke(user=user, application=application)
    messages.success(
        request, _("L'application « %(name)s » n'a plus accès à votre compte.") % {"name": application.name}
    )
    return redirect("accounts:personal_tokens")
