"""The vocabulary of the classification (who is refused, who gets in) and the walkers that list every
page route of the URL configuration and every operation of the OpenAPI schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from coopconnect.core.testing.world import World

Params = Callable[[World], dict[str, Any]]
# The JSON body the rightful user sends (the sweeps send it to everybody; the API examples record it).
Body = Callable[[World], dict[str, Any]]
ANONYMOUS = "anonymous"
STRANGERS = ("outsider", "other_host")
# Machine endpoints: only a place's API token gets in, a browser session never does.
PLACE_TOKEN = "place-token"


@dataclass(frozen=True)
class Access:
    """Who must be refused and who must get in (``owner``, None for public pages)."""

    refused: tuple[str, ...]
    owner: str | None
    params: Params | None = None
    reason: str = ""
    body: Callable[[World], dict[str, Any]] | None = field(default=None, compare=False)


def public(reason: str, params: Params | None = None, *, body: Body | None = None) -> Access:
    return Access(refused=(), owner=None, params=params, reason=reason, body=body)


def signed_in(
    params: Params | None = None,
    *,
    owner: str = "member",
    also_refused: tuple[str, ...] = (),
    reason: str = "",
    body: Body | None = None,
) -> Access:
    return Access(refused=(ANONYMOUS, *also_refused), owner=owner, params=params, reason=reason, body=body)


def owned(
    params: Params | None, *, owner: str, body: Callable[[World], dict[str, Any]] | None = None
) -> Access:
    return Access(refused=(ANONYMOUS, *STRANGERS), owner=owner, params=params, body=body)


SECRET_LINK = "the secret token in the URL is the credential (mailed or shared on purpose)"
TERRITORY_TOOL = "public tool to convince elected officials (issue #5): no account needed"


@dataclass(frozen=True)
class Route:
    """One URL pattern: its reversible name, its path pattern and its parameter names."""

    name: str
    pattern: str
    params: tuple[str, ...]
    is_api_operation: bool

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:") or self.pattern.startswith("admin/")


def _param_names(pattern: Any) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None and hasattr(pattern, "_route"):
        return list(converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def iter_routes(
    resolver: URLResolver | None = None, prefix: str = "", ns: str = "", params=()
) -> Iterator[Route]:
    """Yield every URL pattern of the project, with its namespaced name and all its parameters."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = ns + (f"{p.namespace}:" if p.namespace else "")
            yield from iter_routes(p, prefix + str(p.pattern), sub_ns, (*params, *_param_names(p.pattern)))
        elif isinstance(p, URLPattern):
            name = ns + p.name if p.name else ""
            module = getattr(p.callback, "__module__", "") or ""
            all_params = tuple(
                n for n in (*params, *_param_names(p.pattern)) if n not in (p.default_args or {})
            )
            yield Route(
                name=name or prefix + str(p.pattern),
                pattern=prefix + str(p.pattern),
                params=all_params,
                is_api_operation=module.startswith("ninja.operation"),
            )


def page_routes() -> list[Route]:
    """Every page route (API operations are swept from the OpenAPI schema instead), one per name."""
    seen: dict[str, Route] = {}
    for route in iter_routes():
        if not route.is_api_operation:
            seen.setdefault(route.name, route)
    return list(seen.values())


def api_operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Return (method, path, operation) for every operation of the OpenAPI schema."""
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    ops = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            if method.lower() in ("get", "post", "put", "patch", "delete"):
                ops.append((method.upper(), path, op))
    return ops
