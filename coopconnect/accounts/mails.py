"""E-mails to people, each rendered in the person's own language."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from coopconnect.accounts.models import User


def absolute_url(path: str) -> str:
    """Return the public URL of a site path."""
    return settings.SITE_URL.rstrip("/") + path


def send_to_person(*, user: User, template: str, context: dict[str, Any]) -> None:
    """Send ``accounts/mail/<template>_subject.txt`` and ``<template>.txt`` in the person's language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        ctx = {"user": user, **context}
        subject = " ".join(render_to_string(f"accounts/mail/{template}_subject.txt", ctx).split())
        body = render_to_string(f"accounts/mail/{template}.txt", ctx)
    send_mail(subject, body, None, [user.email])
