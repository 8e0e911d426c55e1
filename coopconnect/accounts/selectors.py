"""Reads about people, organisations and API tokens."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coopconnect.accounts.models import ApiToken, Organisation, OrganisationMembership, PersonalToken, User
from coopconnect.core.errors import DomainError
from coopconnect.core.permissions import places_managed_by
from coopconnect.territory.models import Commune
from coopconnect.territory.selectors import resolve_commune


def commune_label(commune: Commune | None) -> str:
    """Return how a commune is shown and can be typed back: "Pertuis (84)"."""
    if commune is None:
        return ""
    return f"{commune.name} ({commune.department_id})"


def home_commune_from_text(text: str, *, field: str = "home_commune") -> Commune | None:
    """Return the commune meant by what the person typed, None when empty; raise DomainError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    match, suggestions = resolve_commune(text)
    if match is not None:
        return match
    if suggestions:
        names = ", ".join(commune_label(c) for c in suggestions)
        message = _("Plusieurs communes correspondent : précisez, par exemple %(names)s.") % {"names": names}
    else:
        message = _("Aucune commune ne correspond à « %(text)s ».") % {"text": text}
    raise DomainError(message, errors={field: [message]})


def organisation_memberships(organisation: Organisation) -> QuerySet[OrganisationMembership]:
    """Return the organisation's memberships, admins first, then by e-mail."""
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def memberships_of(user: User) -> QuerySet[OrganisationMembership]:
    """Return the person's memberships with their organisations."""
    return user.organisation_memberships.select_related("organisation").order_by("organisation__name")


def tokens_visible_to(user: User) -> QuerySet[ApiToken]:
    """Return the API tokens of the places the user manages."""
    return (
        ApiToken.objects.filter(place__in=places_managed_by(user))
        .select_related("place", "created_by")
        .order_by("place__name", "revoked_at", "-created_at")
    )


def personal_tokens_of(user: User) -> QuerySet[PersonalToken]:
    """Return the person's own API tokens, live ones first, newest first."""
    return PersonalToken.objects.filter(user=user).order_by("revoked_at", "-created_at")
