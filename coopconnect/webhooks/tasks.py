"""Background work of the webhooks (django.tasks): the deliveries and the mail about an endpoint.

A failed try is tried again later by the task itself (``run_after``), once ``sending`` has recorded
it: the service only says when.
"""

from __future__ import annotations

from django.tasks import task

from coopconnect.webhooks import mails, sending


@task
def deliver_webhook(delivery_id: int) -> None:
    """Try once to deliver a webhook; queue the next try, or tell the owner it was switched off."""
    result = sending.delivery_attempt(delivery_id=delivery_id)
    # The immediate backend (some test settings) cannot wait: the delivery then stays "retrying".
    if result.retry_at is not None and deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=result.retry_at).enqueue(delivery_id)
    if result.endpoint_disabled:
        mails.send_endpoint_disabled(endpoint_id=result.endpoint_id)
