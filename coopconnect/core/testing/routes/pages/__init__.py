"""Who may open every page: the classification of the page routes, by app group."""

from __future__ import annotations

from coopconnect.core.testing.routes.access import Access, Route, signed_in
from coopconnect.core.testing.routes.pages import bookings, community, convince, integrations, platform
from coopconnect.core.testing.routes.pages.platform import ADMIN_PARAM_VALUES, ADMIN_PUBLIC

PAGES: dict[str, Access] = {
    **platform.PAGES,
    **bookings.PAGES,
    **convince.PAGES,
    **community.PAGES,
    **integrations.PAGES,
}

__all__ = ["ADMIN_PARAM_VALUES", "ADMIN_PUBLIC", "PAGES", "classify"]


def classify(route: Route) -> Access | None:
    """Return the access rule of a page route, None when it cannot be swept (unclassified)."""
    if route.name in PAGES:
        return PAGES[route.name]
    if not route.params:
        return signed_in()
    return None
