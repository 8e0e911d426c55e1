"""E-mails about accounts: address verification, a sign-up with a known address, invitations,
organisation membership, password reset.

Each mail is the templates ``accounts/mail/<name>`` rendered by :mod:`coopconnect.core.mail` in the
person's own language, with a text and an HTML part.
"""

from __future__ import annotations

from typing import Any

from coopconnect.accounts.models import Organisation, User
from coopconnect.core.mail import send, send_to_person


def send_verification_email(*, user_id: int, url: str, days: int) -> bool:
    """Mail the person the link verifying their address, valid ``days`` days."""
    user = User.objects.get(pk=user_id)
    return send_to_person(
        person=user, template="accounts/mail/verify_email", context={"url": url, "days": days}
    )


def send_membership_email(
    *, person_id: int, organisation_id: int, invited_by_id: int, url: str, invitation: bool
) -> bool:
    """Tell a person they were added to an organisation: an invitation to activate a new account, or a
    note to someone who already has one."""
    person = User.objects.get(pk=person_id)
    template = "accounts/mail/invitation" if invitation else "accounts/mail/added_to_organisation"
    context = {
        "organisation": Organisation.objects.get(pk=organisation_id),
        "invited_by": User.objects.get(pk=invited_by_id),
        "url": url,
    }
    return send_to_person(person=person, template=template, context=context)


def send_account_exists_email(*, user_id: int, login_url: str, reset_url: str, invitation_url: str) -> bool:
    """Tell the owner of an address that a sign-up was tried with it: how to sign in, or the invitation
    link when the account is still an invitation. The sign-up page answered as for a free address."""
    user = User.objects.get(pk=user_id)
    context = {"login_url": login_url, "reset_url": reset_url, "invitation_url": invitation_url}
    return send_to_person(person=user, template="accounts/mail/account_exists", context=context)


def send_password_reset(*, user_id: int, to_email: str, context: dict[str, Any]) -> None:
    """Mail the password-reset link Django's reset form prepared (``context``: uid, token, domain...)."""
    user = User.objects.get(pk=user_id)
    send(
        to=[to_email],
        template="accounts/mail/password_reset",
        context={**context, "user": user},
        lang=user.language or None,
    )
