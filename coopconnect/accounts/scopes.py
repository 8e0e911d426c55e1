"""What a personal API token or a third-party app's access token may do: its scopes.

Personal tokens (``accounts/personal_tokens.py``) and OAuth2 access tokens (django-oauth-toolkit)
share these scopes. Every API operation open to a person's session is classified here by its
operation id; an operation not listed refuses tokens (403): only the session opens it.
Imported by the settings: no models here.
"""

from django.utils.translation import gettext_lazy as _

READ_BOOKINGS = "bookings:read"
BOOK = "bookings:write"
INVOICES = "invoices:read"
# Any valid token: who the token acts for.
IDENTITY = ""

SCOPE_LABELS = {
    READ_BOOKINGS: _("Voir mes réservations"),
    BOOK: _("Réserver et annuler en mon nom"),
    INVOICES: _("Voir mes factures"),
}

# Operation id (``<app>_<function>``, config/api.py) -> the scope a token needs.
OPERATION_SCOPES = {
    "accounts_me": IDENTITY,
    "bookings_my_bookings": READ_BOOKINGS,
    "bookings_get_booking": READ_BOOKINGS,
    "bookings_my_waitlist": READ_BOOKINGS,
    "billing_quote_create": READ_BOOKINGS,
    "bookings_create_booking": BOOK,
    "bookings_cancel_booking": BOOK,
    "bookings_create_series": BOOK,
    "bookings_change_booking": BOOK,
    "bookings_join_waitlist": BOOK,
    "bookings_leave_waitlist": BOOK,
    "bookings_claim_hold": BOOK,
    "billing_invoice_list": INVOICES,
    "billing_invoice_detail": INVOICES,
    "billing_invoice_pdf": INVOICES,
    "billing_balance": INVOICES,
    "billing_subscription_list": INVOICES,
}


def clean_scopes(scopes: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Return the known scopes among ``scopes``, in a stable order."""
    return [s for s in SCOPE_LABELS if s in set(scopes)]
