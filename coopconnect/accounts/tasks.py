"""Mails the accounts services queue (django.tasks): each task only calls ``accounts.mails``."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from coopconnect.accounts import mails


@task
def send_verification_email(user_id: int, url: str, days: int) -> bool:
    """Mail the person the link verifying their address."""
    return mails.send_verification_email(user_id=user_id, url=url, days=days)


@task
def send_membership_email(
    person_id: int, organisation_id: int, invited_by_id: int, url: str, invitation: bool
) -> bool:
    """Tell a person they were added to an organisation (an invitation, or a note)."""
    return mails.send_membership_email(
        person_id=person_id,
        organisation_id=organisation_id,
        invited_by_id=invited_by_id,
        url=url,
        invitation=invitation,
    )


@task
def send_account_exists_email(user_id: int, login_url: str, reset_url: str, invitation_url: str) -> bool:
    """Tell the owner of an address that someone tried to sign up with it."""
    return mails.send_account_exists_email(
        user_id=user_id, login_url=login_url, reset_url=reset_url, invitation_url=invitation_url
    )


@task
def send_password_reset(user_id: int, to_email: str, context: dict[str, Any]) -> None:
    """Mail the password-reset link."""
    mails.send_password_reset(user_id=user_id, to_email=to_email, context=context)
