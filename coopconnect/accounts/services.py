"""Writes about people, their organisations and machine API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from coopconnect.accounts import tasks
from coopconnect.accounts.models import (
    ApiToken,
    Organisation,
    OrganisationMembership,
    OrganisationRole,
    PersonalToken,
    User,
)
from coopconnect.accounts.scopes import SCOPE_LABELS
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.mail import absolute_url
from coopconnect.core.permissions import can_administer_organisation, can_manage_place
from coopconnect.core.queue import after_commit
from coopconnect.places.models import Place
from coopconnect.territory.models import Commune

LANGUAGES = ("fr", "en")
VERIFY_SALT = "coopconnect.accounts.verify-email"
VERIFY_MAX_AGE = timedelta(days=7)
TOKEN_PREFIX = "cc"
PERSONAL_TOKEN_PREFIX = "ccp"
# A personal token lives at most a year; the person picks a shorter life.
PERSONAL_TOKEN_MAX_DAYS = 365


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        message = _("Langue inconnue : choisissez le français ou l'anglais.")
        raise DomainError(message, errors={"language": [message]})


def _check_password(password: str, user: User, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(_("Mot de passe trop faible."), errors={field: list(exc.messages)}) from exc


def _normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        message = _("Saisissez une adresse e-mail valide.")
        raise DomainError(message, errors={"email": [message]}) from exc
    return email


def _tell_owner_of_address(user: User) -> None:
    """Mail the owner of an address a sign-up was tried with: how to sign in (or their invitation link)."""
    invitation_url = absolute_url(invitation_path(user)) if user.is_invited else ""
    after_commit(
        tasks.send_account_exists_email,
        user.pk,
        absolute_url(reverse("accounts:login")),
        absolute_url(reverse("accounts:password_reset")),
        invitation_url,
    )


def email_verification_token(user: User) -> str:
    """Return a signed, timestamped token proving the person received mail at their current address."""
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT, compress=True)


def send_verification_email(*, user: User) -> None:
    """Mail the person a link that verifies their address (after the transaction commits)."""
    url = absolute_url(reverse("accounts:verify_email", args=[email_verification_token(user)]))
    after_commit(tasks.send_verification_email, user.pk, url, VERIFY_MAX_AGE.days)


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str = "",
    home_commune: Commune | None = None,
    language: str = "fr",
) -> User | None:
    """Create an account (unverified) and mail the verification link.

    When the address already has an account (or an invitation), nothing is created and its owner is
    mailed instead; None is returned, and callers answer exactly as for a new account, so the sign-up
    form does not tell who is a member.
    """
    email = _normalise_email(email)
    _check_language(language)
    if not first_name.strip():
        message = _("Indiquez votre prénom.")
        raise DomainError(message, errors={"first_name": [message]})
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        home_commune=home_commune,
        language=language,
    )
    _check_password(password, user)
    # Hash first, whatever the address: a known address answering faster would tell it is known.
    user.set_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        _tell_owner_of_address(existing)
        return None
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Two sign-ups for the same address at once: the unique index decides; the other one was
        # mailed its verification link, this one gets the same answer and no second account.
        return None
    send_verification_email(user=user)
    return user


@transaction.atomic
def user_verify_email(*, token: str) -> User:
    """Mark the address of the token's account as verified; refuse expired or forged tokens."""
    invalid = _("Ce lien de vérification n'est pas valide. Demandez-en un nouveau depuis votre compte.")
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as exc:
        message = _("Ce lien de vérification a expiré. Demandez-en un nouveau depuis votre compte.")
        raise DomainError(message, errors={"token": [message]}) from exc
    except signing.BadSignature as exc:
        raise DomainError(invalid, errors={"token": [invalid]}) from exc
    user = User.objects.select_for_update().filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise DomainError(invalid, errors={"token": [invalid]})
    if not user.email_verified:
        user.email_verified = True
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified", "email_verified_at"])
    return user


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    home_commune: Commune | None,
    work_commune: Commune | None,
    language: str,
) -> User:
    """Change the person's name, home and usual work communes, and language."""
    _check_language(language)
    if not first_name.strip():
        message = _("Indiquez votre prénom.")
        raise DomainError(message, errors={"first_name": [message]})
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.home_commune = home_commune
    user.work_commune = work_commune
    user.language = language
    user.save(update_fields=["first_name", "last_name", "home_commune", "work_commune", "language"])
    return user


def invitation_path(user: User) -> str:
    """Return the site path where an invited person sets their password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:invitation_accept", args=[uid, default_token_generator.make_token(user)])


@transaction.atomic
def organisation_invite(
    *, organisation: Organisation, email: str, invited_by: User, role: str = OrganisationRole.EMPLOYEE
) -> OrganisationMembership:
    """Add a person to the organisation; without an account, create an inactive one and mail an invite."""
    if not can_administer_organisation(invited_by, organisation):
        raise PermissionDenied(
            _("Seuls les administrateurs de l'organisation peuvent y ajouter des personnes.")
        )
    if role not in OrganisationRole.values:
        message = _("Rôle inconnu.")
        raise DomainError(message, errors={"role": [message]})
    email = _normalise_email(email)
    person = User.objects.filter(email__iexact=email).first()
    if (
        person is not None
        and OrganisationMembership.objects.filter(organisation=organisation, user=person).exists()
    ):
        message = _("Cette personne fait déjà partie de l'organisation.")
        raise Conflict(message, errors={"email": [message]})
    created = person is None
    if person is None:
        person = User(email=email, is_active=False, language=invited_by.language)
        person.set_unusable_password()
    try:
        with transaction.atomic():
            if person.pk is None:
                person.save()
            membership = OrganisationMembership.objects.create(
                organisation=organisation, user=person, role=role
            )
    except IntegrityError as exc:
        message = _("Cette personne fait déjà partie de l'organisation.")
        raise Conflict(message, errors={"email": [message]}) from exc
    invitation = created or person.is_invited
    if invitation:
        url = absolute_url(invitation_path(person))
    else:
        url = absolute_url(reverse("accounts:organisations"))
    after_commit(tasks.send_membership_email, person.pk, organisation.pk, invited_by.pk, url, invitation)
    return membership


@transaction.atomic
def organisation_member_remove(*, membership: OrganisationMembership, removed_by: User) -> None:
    """Remove a person from the organisation, keeping at least one admin."""
    organisation = membership.organisation
    if not can_administer_organisation(removed_by, organisation):
        raise PermissionDenied(
            _("Seuls les administrateurs de l'organisation peuvent en retirer des personnes.")
        )
    admins = OrganisationMembership.objects.select_for_update().filter(
        organisation=organisation, role=OrganisationRole.ADMIN
    )
    if membership.role == OrganisationRole.ADMIN and admins.count() <= 1:
        raise Conflict(_("Impossible de retirer le dernier administrateur de l'organisation."))
    person = membership.user
    membership.delete()
    if person.is_invited and not person.organisation_memberships.exists():
        person.delete()


@transaction.atomic
def invitation_accept(
    *, user: User, token: str, first_name: str, last_name: str, password: str, language: str
) -> User:
    """Activate an invited account: set name, language and password; the mailed link proves the address."""
    if not user.is_invited or not default_token_generator.check_token(user, token):
        message = _("Ce lien d'invitation n'est plus valide. Demandez une nouvelle invitation.")
        raise DomainError(message, errors={"token": [message]})
    _check_language(language)
    if not first_name.strip():
        message = _("Indiquez votre prénom.")
        raise DomainError(message, errors={"first_name": [message]})
    user.first_name, user.last_name, user.language = first_name.strip(), last_name.strip(), language
    _check_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.email_verified = True
    user.email_verified_at = timezone.now()
    user.save()
    return user


def hash_secret(secret: str) -> str:
    """Return the SHA-256 hex digest stored for a token secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, place: Place, name: str, created_by: User | None) -> tuple[ApiToken, str]:
    """Create a token for one place; return it with the raw secret, which is never stored nor shown again."""
    name = (name or "").strip()
    if not name:
        message = _("Donnez un nom au jeton (par exemple « porte d'entrée »).")
        raise DomainError(message, errors={"name": [message]})
    if created_by is not None and not can_manage_place(created_by, place):
        raise PermissionDenied(_("Vous ne gérez pas ce lieu."))
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        place=place, name=name[:100], prefix=prefix, secret_hash=hash_secret(secret), created_by=created_by
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def api_token_revoke(*, token: ApiToken, revoked_by: User | None) -> ApiToken:
    """Revoke a token for good (idempotent)."""
    if revoked_by is not None and not can_manage_place(revoked_by, token.place):
        raise PermissionDenied(_("Vous ne gérez pas ce lieu."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def _new_prefix(model: type[ApiToken] | type[PersonalToken]) -> str:
    prefix = secrets.token_hex(4)
    while model.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    return prefix


@transaction.atomic
def personal_token_create(
    *, user: User, name: str, scopes: list[str], days: int
) -> tuple[PersonalToken, str]:
    """Create a token acting as ``user`` within ``scopes`` for ``days`` days; return it with the raw
    value (``ccp_<prefix>_<secret>``), which is never stored nor shown again."""
    name = (name or "").strip()
    if not name:
        message = _("Donnez un nom au jeton (par exemple « application mobile »).")
        raise DomainError(message, errors={"name": [message]})
    unknown = [s for s in scopes if s not in SCOPE_LABELS]
    if unknown or not scopes:
        message = _("Choisissez au moins une autorisation parmi celles proposées.")
        raise DomainError(message, errors={"scopes": [message]})
    if not 1 <= days <= PERSONAL_TOKEN_MAX_DAYS:
        message = _("Un jeton vit entre 1 et %(max)d jours.") % {"max": PERSONAL_TOKEN_MAX_DAYS}
        raise DomainError(message, errors={"days": [message]})
    if not user.is_active or user.is_erased:
        raise PermissionDenied(_("Ce compte ne peut pas créer de jeton."))
    secret = secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        user=user,
        name=name[:100],
        prefix=_new_prefix(PersonalToken),
        secret_hash=hash_secret(secret),
        scopes=[s for s in SCOPE_LABELS if s in scopes],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, f"{PERSONAL_TOKEN_PREFIX}_{token.prefix}_{secret}"


@transaction.atomic
def personal_token_revoke(*, token: PersonalToken, revoked_by: User) -> PersonalToken:
    """Revoke one of one's own tokens for good (idempotent)."""
    if token.user_id != revoked_by.pk:
        raise PermissionDenied(_("Ce jeton n'est pas le vôtre."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
