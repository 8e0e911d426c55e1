"""Who may open the integration pages: webhook endpoints, their log and replays, the embeddable page."""

from __future__ import annotations

from coopconnect.core.testing.routes.access import Access, owned, public
from coopconnect.core.testing.routes.params import place_slug

PAGES: dict[str, Access] = {
    "webhooks:place_endpoints": owned(place_slug, owner="host"),
    "webhooks:network_endpoints": owned(lambda w: {"slug": w.network.slug}, owner="coordinator"),
    "webhooks:endpoint": owned(lambda w: {"pk": w.webhook_endpoint.pk}, owner="host"),
    "webhooks:endpoint_action": owned(lambda w: {"pk": w.webhook_endpoint.pk}, owner="host"),
    "webhooks:replay": owned(lambda w: {"pk": w.webhook_delivery.pk}, owner="host"),
    "embeds:embed": public("a place's public free slots and tariffs, for other sites to frame", place_slug),
    "embeds:snippet": owned(place_slug, owner="host"),
}
