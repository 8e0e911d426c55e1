"""The legal pages (privacy policy, legal notice, accessibility statement) and what they state:
the publisher and host from the settings, the retention periods, the cookies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

# The accessibility statement's date: update it with the statement whenever the pages are re-audited.
ACCESSIBILITY_STATEMENT_DATE = dt.date(2026, 12, 2)
# The pages axe-core checks in a real browser at every test run (WCAG 2.1 A and AA rules).
AUDITED_PAGES_FR = (
    "l'annuaire des lieux (accueil, recherche, page d'un lieu, page d'un réseau)",
    "la connexion, l'inscription et le mot de passe oublié",
    "la recherche de créneaux, la réservation et mes réservations",
    "les tarifs, les factures et les abonnements",
    "les outils pour convaincre (bassin de vie, critères, couverture, implantation, trajets, dossier)",
    "les plans d'affaires et les enquêtes de besoins",
    "l'agenda et la page d'un événement",
    "la communauté (forums, missions)",
    "mon compte, mes données, les mentions légales, la confidentialité et cette déclaration",
)
AUDITED_PAGES_EN = (
    "the directory of places (home, search, a place's page, a network's page)",
    "sign-in, sign-up and forgotten password",
    "the search for free slots, booking and my bookings",
    "tariffs, invoices and subscriptions",
    "the tools to convince (catchment, criteria, coverage, siting, commutes, dossier)",
    "business plans and needs surveys",
    "the agenda and an event's page",
    "the community (forums, missions)",
    "my account, my data, the legal notice, the privacy policy and this statement",
)
# Every cookie the site sets: all strictly necessary, so no consent banner is needed (CNIL guidance).
COOKIES = (
    ("sessionid", "session"),
    ("csrftoken", "csrf"),
    ("django_language", "language"),
    ("messages", "messages"),
)


def legal_context() -> dict[str, Any]:
    """Return what the legal pages show, read from the settings."""
    contact = settings.LEGAL_CONTACT_EMAIL
    return {
        "publisher": settings.LEGAL_PUBLISHER,
        "address": settings.LEGAL_ADDRESS,
        "director": settings.LEGAL_DIRECTOR,
        "registration": settings.LEGAL_REGISTRATION,
        "contact_email": contact,
        "host": settings.LEGAL_HOST,
        "dpo_email": settings.LEGAL_DPO_EMAIL or contact,
        "accessibility_email": settings.ACCESSIBILITY_CONTACT_EMAIL or contact,
        "statement_date": ACCESSIBILITY_STATEMENT_DATE,
        "retention": {
            "unverified_accounts": settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS,
            "waitlist": settings.PRIVACY_WAITLIST_DAYS,
            "access_log": settings.PRIVACY_ACCESS_LOG_DAYS,
            "task_results": settings.PRIVACY_TASK_RESULT_DAYS,
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "invoice_years": 10,
        },
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
    }


def _english() -> bool:
    return (translation.get_language() or "fr").startswith("en")


def _legal_page(request: HttpRequest, name: str, extra: dict[str, Any] | None = None) -> HttpResponse:
    # Legal prose is written once per language rather than cut into hundreds of msgids.
    lang = "en" if _english() else "fr"
    return render(request, f"core/legal/{name}.{lang}.html", {**legal_context(), **(extra or {})})


def privacy_policy(request: HttpRequest) -> HttpResponse:
    """Render the privacy policy: data kept, why, how long, the person's rights, the cookies."""
    return _legal_page(request, "privacy")


def legal_notice(request: HttpRequest) -> HttpResponse:
    """Render the legal notice (mentions légales): publisher, publication director, host, contact."""
    return _legal_page(request, "legal")


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Render the RGAA 4.1 accessibility statement."""
    pages = AUDITED_PAGES_EN if _english() else AUDITED_PAGES_FR
    return _legal_page(request, "accessibility", {"audited_pages": pages})
