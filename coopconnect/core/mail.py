"""The one way Coop-connect writes an e-mail: templates rendered in the reader's language.

A mail ``<app>/mail/<name>`` is three templates:

- ``<app>/mail/<name>_subject.txt``: the subject (one line; white space is folded);
- ``<app>/mail/<name>.txt``: the plain-text part;
- ``<app>/mail/<name>.html`` (optional): the HTML part. Without it, the text part is laid out in
  ``core/mail/layout.html`` (paragraphs, links made clickable), so every mail has both parts.

Templates use ``{% translate %}`` like pages, and ``{% load formatting %}`` for amounts and dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Attachment:
    """A file joined to a mail (an .ics, a PDF)."""

    filename: str
    content: bytes
    mimetype: str


def absolute_url(path: str) -> str:
    """Return the public URL of a site path ("/reservations/3/" -> "https://…/reservations/3/")."""
    return settings.SITE_URL.rstrip("/") + path


def render(template: str, context: dict[str, Any], *, lang: str | None = None) -> tuple[str, str, str]:
    """Render a mail's subject, text and HTML parts in ``lang`` (the site's language by default)."""
    with translation.override(lang or settings.LANGUAGE_CODE):
        ctx = {"site_url": settings.SITE_URL.rstrip("/"), **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        text = render_to_string(f"{template}.txt", ctx)
        try:
            html = render_to_string(f"{template}.html", ctx)
        except TemplateDoesNotExist:
            html = render_to_string("core/mail/layout.html", {**ctx, "subject": subject, "text": text})
    return subject, text, html


def send(
    *,
    to: Sequence[str],
    template: str,
    context: dict[str, Any],
    lang: str | None = None,
    attachments: Iterable[Attachment] = (),
    reply_to: Sequence[str] = (),
) -> None:
    """Render ``template`` in ``lang`` and send it to ``to`` (text and HTML parts, attachments joined)."""
    subject, text, html = render(template, context, lang=lang)
    message = EmailMultiAlternatives(subject=subject, body=text, to=list(to), reply_to=list(reply_to))
    message.attach_alternative(html, "text/html")
    for item in attachments:
        message.attach(item.filename, item.content, item.mimetype)
    message.send()


def send_to_person(
    *,
    person: Any,
    template: str,
    context: dict[str, Any],
    attachments: Iterable[Attachment] = (),
    reply_to: Sequence[str] = (),
) -> bool:
    """Send ``template`` to one person in their own language; return False when they have no address."""
    if not getattr(person, "email", ""):
        return False
    send(
        to=[person.email],
        template=template,
        context={"person": person, "user": person, **context},
        lang=getattr(person, "language", "") or None,
        attachments=attachments,
        reply_to=reply_to,
    )
    return True
