"""Standard Webhooks signatures (https://www.standardwebhooks.com/), with the PyPI ``standardwebhooks``.

Each attempt is signed anew with its own timestamp: a receiver refuses a timestamp more than five
minutes away from its clock, so a retry or a replay hours later must not carry the first one.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """Return a fresh signing secret in the spec's form (``whsec_`` + base64 of 24 random bytes)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def signed_headers(*, secret: str, msg_id: str, at: dt.datetime, body: str) -> dict[str, str]:
    """Return the ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` headers of a body."""
    # The library reads the timestamp as UTC whatever its zone says: hand it a UTC one.
    utc = at.astimezone(dt.UTC)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(utc.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id=msg_id, timestamp=utc, data=body),
    }
