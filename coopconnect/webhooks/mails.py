"""E-mails about webhook endpoints, in the reader's language."""

from __future__ import annotations

from coopconnect.core.mail import absolute_url, send_to_person
from coopconnect.webhooks.models import Endpoint


def send_endpoint_disabled(*, endpoint_id: int) -> bool:
    """Tell the endpoint's creator it was switched off; return False when there is nobody to tell."""
    endpoint = (
        Endpoint.objects.select_related("created_by", "place", "network").filter(pk=endpoint_id).first()
    )
    if endpoint is None or endpoint.created_by is None or endpoint.is_active:
        return False
    return send_to_person(
        person=endpoint.created_by,
        template="webhooks/mail/disabled",
        context={
            "endpoint": endpoint,
            "owner": endpoint.place or endpoint.network,
            "link": absolute_url(f"/integrations/webhooks/{endpoint.pk}/"),
        },
    )
