"""Who may open every page and API operation of the project: the classification the sweeps check.

Every URL pattern (``django.urls.get_resolver()``, walked recursively) and every operation of the
OpenAPI schema is classified in this package:

* ``public(reason)``: anyone, anonymous included (a one-line reason says why);
* ``signed_in(...)``: any signed-in person (self-service or their own data); anonymous is refused;
* ``owned(params, owner=...)``: about an object of ``place``'s side of the fixture world; anonymous,
  ``outsider`` and ``other_host`` are refused, ``owner`` gets in (which proves the parameters point
  to real objects rather than to a 404 for everybody).

A page without parameters that is not listed is taken as ``signed_in`` (any member gets in,
anonymous is refused); a page with parameters that is not listed cannot be swept and fails the
suite until it is classified in ``pages/``. ``params`` are functions of :class:`World` returning the
keyword arguments of ``reverse()`` (pages) or of the OpenAPI path (API).

Pages are classified by app group in ``pages/`` (``platform``, ``bookings``, ``convince``,
``community``), API operations in ``api``; ``access`` holds the vocabulary and the walkers, ``params``
the positions of the fixture world's objects in URLs.
"""

from coopconnect.core.testing.routes.access import (
    ANONYMOUS,
    PLACE_TOKEN,
    SECRET_LINK,
    STRANGERS,
    TERRITORY_TOOL,
    Access,
    Params,
    Route,
    api_operations,
    iter_routes,
    owned,
    page_routes,
    public,
    signed_in,
)
from coopconnect.core.testing.routes.api import API
from coopconnect.core.testing.routes.pages import ADMIN_PARAM_VALUES, ADMIN_PUBLIC, PAGES, classify

__all__ = [
    "ADMIN_PARAM_VALUES",
    "ADMIN_PUBLIC",
    "ANONYMOUS",
    "API",
    "PAGES",
    "PLACE_TOKEN",
    "SECRET_LINK",
    "STRANGERS",
    "TERRITORY_TOOL",
    "Access",
    "Params",
    "Route",
    "api_operations",
    "classify",
    "iter_routes",
    "owned",
    "page_routes",
    "public",
    "signed_in",
]
