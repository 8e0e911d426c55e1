"""Writes for a person's right to erasure and for the retention periods of personal data."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from oauth2_provider.models import AccessToken, Grant, IDToken, RefreshToken

from coopconnect.accounts.models import ApiToken, User
from coopconnect.accounts.privacy.registry import erasure_order, holders
from coopconnect.core.errors import Conflict, DomainError

ERASED_NAME = "Membre supprimé"
ERASED_EMAIL_DOMAIN = "anonyme.invalid"
# Invoices and the accounting records built on them are kept ten years (Code de commerce,
# art. L123-22); they carry the buyer's identity as it was at issue, which the law requires.
INVOICE_RETENTION_YEARS = 10


def erased_email(person: User) -> str:
    """Return an erased account's placeholder address: unique, in a domain that receives no mail."""
    return f"membre-supprime-{person.pk}@{ERASED_EMAIL_DOMAIN}"


def _sessions_of(person: User, now: dt.datetime) -> list[str]:
    # Sessions store the user id inside their signed payload: they are read to find the person's own.
    keys = []
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if str(session.get_decoded().get("_auth_user_id", "")) == str(person.pk):
            keys.append(session.session_key)
    return keys


def _erase_account(person: User, now: dt.datetime) -> None:
    person.organisation_memberships.all().delete()
    person.hosted_places.clear()
    person.coordinated_networks.clear()
    ApiToken.objects.filter(created_by=person, revoked_at__isnull=True).update(revoked_at=now)
    # The person's own credentials and sign-in links: a provider's sign-in must not reopen the account.
    person.personal_tokens.all().delete()
    SocialAccount.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    for model in (RefreshToken, AccessToken, IDToken, Grant):
        model.objects.filter(user=person).delete()
    Session.objects.filter(session_key__in=_sessions_of(person, now)).delete()
    person.first_name = ERASED_NAME
    person.last_name = ""
    person.email = erased_email(person)
    person.home_commune = None
    person.work_commune = None
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.email_verified = False
    person.email_verified_at = None
    person.erased_at = now
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()


@transaction.atomic
def person_erase(*, person: User, password: str, now: dt.datetime | None = None) -> User:
    """Anonymise the person everywhere, whole or nothing; their invoices stay, as the law requires.

    The account row stays (invoices point to it), deactivated, with an unusable password and a
    placeholder address; every app then removes or anonymises what it holds about the person.
    """
    now = now or timezone.now()
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise Conflict(_("Les données de ce compte sont déjà effacées."))
    if not password or not person.check_password(password):
        message = _("Mot de passe incorrect.")
        raise DomainError(message, errors={"password": [message]})
    for holder in erasure_order():
        if holder.erase is not None:
            holder.erase(person=person)
    _erase_account(person, now)
    return person


def _purge_unverified_accounts(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS)
    stale = User.objects.filter(
        email_verified=False,
        is_active=True,
        is_staff=False,
        is_superuser=False,
        erased_at__isnull=True,
        date_joined__lt=cutoff,
    )
    deleted = 0
    for person in stale.iterator():
        try:
            with transaction.atomic():
                person.delete()
        except ProtectedError:
            # Something lawful still points to the account (an invoice, a booking made by a host).
            continue
        deleted += 1
    return deleted


def _purge_sessions() -> int:
    expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return expired


def _purge_task_results(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.PRIVACY_TASK_RESULT_DAYS)
    deleted, _by_model = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


def expired_data_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete what is past its retention period; return how many rows went, per kind."""
    now = now or timezone.now()
    counts = {
        "unverified_accounts": _purge_unverified_accounts(now),
        "sessions": _purge_sessions(),
        "task_results": _purge_task_results(now),
    }
    for holder in holders():
        if holder.purge is not None:
            with transaction.atomic():
                counts.update(holder.purge(now))
    return counts
