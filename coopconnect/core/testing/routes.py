"""Who may open every page and API operation of the project: the classification the sweeps check.

Every URL pattern (``django.urls.get_resolver()``, walked recursively) and every operation of the
OpenAPI schema is classified here:

* ``public(reason)``: anyone, anonymous included (a one-line reason says why);
* ``signed_in(...)``: any signed-in person (self-service or their own data); anonymous is refused;
* ``owned(params, owner=...)``: about an object of ``place``'s side of the fixture world; anonymous,
  ``outsider`` and ``other_host`` are refused, ``owner`` gets in (which proves the parameters point
  to real objects rather than to a 404 for everybody).

A page without parameters that is not listed is taken as ``signed_in`` (any member gets in,
anonymous is refused); a page with parameters that is not listed cannot be swept and fails the
suite until it is classified here. ``params`` are functions of :class:`World` returning the
keyword arguments of ``reverse()`` (pages) or of the OpenAPI path (API).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from coopconnect.core.testing.world import World

Params = Callable[[World], dict[str, Any]]
ANONYMOUS = "anonymous"
STRANGERS = ("outsider", "other_host")


@dataclass(frozen=True)
class Access:
    """Who must be refused and who must get in (``owner``, None for public pages)."""

    refused: tuple[str, ...]
    owner: str | None
    params: Params | None = None
    reason: str = ""
    body: Callable[[World], dict[str, Any]] | None = field(default=None, compare=False)


def public(reason: str, params: Params | None = None) -> Access:
    return Access(refused=(), owner=None, params=params, reason=reason)


def signed_in(
    params: Params | None = None,
    *,
    owner: str = "member",
    also_refused: tuple[str, ...] = (),
    reason: str = "",
) -> Access:
    return Access(refused=(ANONYMOUS, *also_refused), owner=owner, params=params, reason=reason)


def owned(
    params: Params | None, *, owner: str, body: Callable[[World], dict[str, Any]] | None = None
) -> Access:
    return Access(refused=(ANONYMOUS, *STRANGERS), owner=owner, params=params, body=body)


def _place(w: World) -> dict[str, Any]:
    return {"slug": w.place.slug}


def _booking(w: World) -> dict[str, Any]:
    return {"pk": w.booking.pk}


def _invoice(w: World) -> dict[str, Any]:
    return {"pk": w.invoice.pk}


def _plan(w: World) -> dict[str, Any]:
    return {"pk": w.plan.pk}


def _scenario(w: World) -> dict[str, Any]:
    return {"pk": w.plan.pk, "sid": w.scenario.pk}


def _survey(w: World) -> dict[str, Any]:
    return {"pk": w.survey.pk}


def _event(w: World) -> dict[str, Any]:
    return {"pk": w.event.pk}


def _forum(w: World) -> dict[str, Any]:
    return {"pk": w.forum.pk}


def _topic(w: World) -> dict[str, Any]:
    return {"pk": w.topic.pk}


def _post(w: World) -> dict[str, Any]:
    return {"pk": w.post.pk}


def _profile(w: World) -> dict[str, Any]:
    return {"pk": w.skill_profile.pk}


def _mission(w: World) -> dict[str, Any]:
    return {"pk": w.mission.pk}


def _organisation(w: World) -> dict[str, Any]:
    return {"pk": w.organisation.pk}


SECRET_LINK = "the secret token in the URL is the credential (mailed or shared on purpose)"
TERRITORY_TOOL = "public tool to convince elected officials (issue #5): no account needed"

PAGES: dict[str, Access] = {
    # Platform
    "set_language": public("language switch, in every page footer"),
    "healthz": public("load-balancer health check, says nothing but 'ok'"),
    "api:openapi-json": public("API documentation (schema)"),
    "api:openapi-view": public("API documentation (Swagger UI)"),
    "api:api-root": public("API root"),
    # Directory (places)
    "places:home": public("directory home page"),
    "places:search": public("directory search"),
    "places:commune_options": public("commune autocomplete of the public search form"),
    "places:map_points": public("points of the public map"),
    "places:place": public("public page of a place", _place),
    "places:network": public("public page of a network", lambda w: {"slug": w.network.slug}),
    # Accounts
    "accounts:login": public("login"),
    "accounts:logout": public("logout (POST; harmless for anonymous)"),
    "accounts:signup": public("signup"),
    "accounts:signup_done": public("signup confirmation message"),
    "accounts:verify_email": public(SECRET_LINK, lambda w: {"token": w.verify_token}),
    "accounts:password_reset": public("password reset request"),
    "accounts:password_reset_done": public("password reset: mail sent"),
    "accounts:password_reset_confirm": public(SECRET_LINK, lambda w: w.reset_kwargs()),
    "accounts:password_reset_complete": public("password reset: done"),
    "accounts:invitation_accept": public(
        SECRET_LINK, lambda w: {"uidb64": _uid(w.invited), "token": _reset_token(w.invited)}
    ),
    "accounts:resend_verification": signed_in(),
    "accounts:profile": signed_in(),
    "accounts:organisations": signed_in(),
    "accounts:organisation_detail": owned(_organisation, owner="member"),
    "accounts:organisation_invite": owned(_organisation, owner="member"),
    "accounts:organisation_member_remove": owned(
        lambda w: {"pk": w.organisation.pk, "membership_pk": w.employee_membership.pk}, owner="member"
    ),
    "accounts:tokens": signed_in(owner="host", also_refused=("outsider",), reason="managers of a place only"),
    "accounts:token_create": signed_in(owner="host", also_refused=("outsider",), reason="managers only"),
    "accounts:token_revoke": owned(lambda w: {"pk": w.token.pk}, owner="host"),
    # Bookings
    "bookings:find": public("free-slot search across the networks"),
    "bookings:confirm": signed_in(lambda w: {"resource_id": w.seats.pk}, reason="anyone signed in may book"),
    "bookings:waitlist": signed_in(lambda w: {"resource_id": w.seats.pk}, reason="anyone may wait"),
    "bookings:hold": owned(lambda w: {"pk": w.hold.pk}, owner="member"),
    "bookings:waitlist_leave": owned(lambda w: {"pk": w.hold.entry_id}, owner="member"),
    "bookings:mine": signed_in(),
    "bookings:detail": owned(_booking, owner="member"),
    "bookings:cancel": owned(_booking, owner="member"),
    "bookings:modify": owned(_booking, owner="member"),
    "bookings:approve": owned(_booking, owner="host"),
    "bookings:reject": owned(_booking, owner="host"),
    "bookings:checkin": signed_in(reason="a member records their own arrival with their code"),
    "bookings:place_slots": public("public free slots of a place", _place),
    "bookings:host_day": owned(_place, owner="host"),
    "bookings:host_week": owned(_place, owner="host"),
    "bookings:walk_in": owned(_place, owner="host"),
    "bookings:occupancy": owned(lambda w: {"slug": w.network.slug}, owner="coordinator"),
    "bookings:calendars": signed_in(),
    "bookings:feed": public(SECRET_LINK, lambda w: {"token": w.feed.token}),
    # Billing
    "billing:invoices": signed_in(),
    "billing:invoice_detail": owned(_invoice, owner="member"),
    "billing:invoice_pdf": owned(_invoice, owner="member"),
    "billing:payment_add": owned(_invoice, owner="host"),
    "billing:credit_note_add": owned(_invoice, owner="host"),
    "billing:refund_add": owned(_invoice, owner="host"),
    "billing:issuer_invoices": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:issuer_export": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:quote": signed_in(),
    "billing:tariffs": public("public price list of a place", _place),
    "billing:usage": owned(_place, owner="host"),
    "billing:subscribe": signed_in(_place, reason="anyone signed in may subscribe themself"),
    "billing:subscriptions": owned(_place, owner="host"),
    "billing:subscription_action": owned(
        lambda w: {"slug": w.place.slug, "pk": w.subscription.pk}, owner="host"
    ),
    # Business plans
    "businessplans:plan_template": public(TERRITORY_TOOL),
    "businessplans:plan_list": signed_in(),
    "businessplans:plan_detail": owned(_plan, owner="host"),
    "businessplans:plan_edit": owned(_plan, owner="host"),
    "businessplans:plan_share_reset": owned(_plan, owner="host"),
    "businessplans:plan_delete": owned(_plan, owner="host"),
    "businessplans:scenario_edit": owned(_scenario, owner="host"),
    "businessplans:scenario_duplicate": owned(_scenario, owner="host"),
    "businessplans:scenario_delete": owned(_scenario, owner="host"),
    "businessplans:scenario_from_survey": owned(_plan, owner="host", body=lambda w: {"survey": w.survey.pk}),
    "businessplans:plan_shared": public(SECRET_LINK, lambda w: {"token": w.plan.share_token}),
    # Needs surveys
    "surveys:survey_list": signed_in(),
    "surveys:survey_manage": owned(_survey, owner="host"),
    "surveys:survey_status": owned(_survey, owner="host"),
    "surveys:question_add": owned(_survey, owner="host"),
    "surveys:question_save": owned(lambda w: {"pk": w.survey.pk, "qid": w.question.pk}, owner="host"),
    "surveys:question_delete": owned(lambda w: {"pk": w.survey.pk, "qid": w.question.pk}, owner="host"),
    "surveys:survey_results": owned(_survey, owner="host"),
    "surveys:survey_csv": owned(_survey, owner="host"),
    "surveys:survey_qr": owned(_survey, owner="host"),
    "surveys:survey_answer": public(
        "public survey answer form: " + SECRET_LINK, lambda w: {"token": w.survey.public_token}
    ),
    "surveys:survey_thanks": public(
        "thanks page after answering: " + SECRET_LINK, lambda w: {"token": w.survey.public_token}
    ),
    # Territory: dossier and the tool to convince
    "planning:dossier_pick": public(TERRITORY_TOOL),
    "planning:dossier": public(TERRITORY_TOOL, lambda w: {"insee": w.commune.insee}),
    "planning:dossier_pdf": public(TERRITORY_TOOL, lambda w: {"insee": w.commune.insee}),
    "planning:catchment": public(TERRITORY_TOOL),
    "planning:criteria": public(TERRITORY_TOOL),
    "planning:coverage": public(TERRITORY_TOOL),
    "planning:siting": public(TERRITORY_TOOL),
    "planning:commute": public(TERRITORY_TOOL),
    # Events (community life)
    "events:agenda": public("public agenda of the networks' events"),
    "events:popups": public("public list of pop-up third places and their events"),
    "events:detail": public("public page of a published event", _event),
    "events:ics": public("public .ics of a published event", _event),
    "events:place_feed": public("public iCalendar feed of a place's published events", _place),
    "events:network_feed": public(
        "public iCalendar feed of a network's published events", lambda w: {"slug": w.network.slug}
    ),
    "events:register": signed_in(_event, reason="anyone signed in (verified e-mail) may register"),
    "events:unregister": signed_in(_event, reason="one cancels one's own registration"),
    "events:mine": signed_in(),
    "events:themes": signed_in(),
    "events:manage": signed_in(),
    "events:create": signed_in(
        owner="host", also_refused=("outsider",), reason="hosts and coordinators only"
    ),
    "events:edit": owned(_event, owner="host"),
    "events:publish": owned(_event, owner="host"),
    "events:cancel": owned(_event, owner="host"),
    "events:attendees": owned(_event, owner="host"),
    "events:attendees_csv": owned(_event, owner="host"),
    "events:sign_in_sheet": owned(_event, owner="coordinator"),
    # Community: forums, skills, missions board (members of the network only, see core.permissions)
    "forums:home": public("community hub: links; a visitor's forums are listed only when signed in"),
    "forums:forum": owned(_forum, owner="member"),
    "forums:topic_new": owned(_forum, owner="member"),
    "forums:topic": owned(_topic, owner="member"),
    "forums:topic_follow": owned(_topic, owner="member"),
    "forums:topic_moderate": owned(_topic, owner="host", body=lambda w: {"action": "pin"}),
    "forums:post_hide": owned(_post, owner="coordinator"),
    "forums:post_report": owned(_post, owner="host"),
    "forums:post_edit": owned(_post, owner="member"),
    "forums:post_delete": owned(_post, owner="member"),
    "skills:skills": public("skills search: anonymous visitors see only the profiles made public"),
    "skills:profile_edit": signed_in(reason="one's own skills profile"),
    "skills:profile": owned(_profile, owner="host"),
    "skills:contact": owned(_profile, owner="host"),
    "skills:inbox": signed_in(),
    "skills:message": owned(lambda w: {"pk": w.contact.pk}, owner="member"),
    "missions:missions": signed_in(reason="the board shows only the missions of one's networks"),
    "missions:mission_new": signed_in(reason="the form offers only one's networks"),
    "missions:mission": owned(_mission, owner="host"),
    "missions:mission_responses": owned(_mission, owner="member"),
    "missions:mission_edit": owned(_mission, owner="member"),
    "missions:mission_status": owned(_mission, owner="member", body=lambda w: {"status": "open"}),
}

# The Django admin guards every view itself (staff only); these two are its own login and logout.
ADMIN_PUBLIC = {"admin:login", "admin:logout"}
ADMIN_PARAM_VALUES = {"app_label": "accounts", "object_id": "1", "content_type_id": "1", "url": "x"}


def _uid(user: Any) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(user.pk))


def _reset_token(user: Any) -> str:
    from django.contrib.auth.tokens import default_token_generator

    return default_token_generator.make_token(user)


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


def classify(route: Route) -> Access | None:
    """Return the access rule of a page route, None when it cannot be swept (unclassified)."""
    if route.name in PAGES:
        return PAGES[route.name]
    if not route.params:
        return signed_in()
    return None


# API operations, keyed by "METHOD /api/v1/path/{param}" as in the OpenAPI schema.
def _api_booking(w: World) -> dict[str, Any]:
    return {"booking_id": w.booking.pk}


def _api_invoice(w: World) -> dict[str, Any]:
    return {"invoice_id": w.invoice.pk}


PLACE_TOKEN = "place-token"

API: dict[str, Access] = {
    "GET /api/v1/places": public("public directory"),
    "GET /api/v1/places/export.geojson": public("open data export"),
    "GET /api/v1/places/export.csv": public("open data export"),
    "GET /api/v1/places/export/data-inclusion.json": public("open data export (data·inclusion schema)"),
    "GET /api/v1/places/{place_id}": public("public place", lambda w: {"place_id": w.place.pk}),
    "POST /api/v1/business-plans/simulate": public(TERRITORY_TOOL),
    "GET /api/v1/business-plans/template": public(TERRITORY_TOOL),
    "GET /api/v1/territory/catchment": public(TERRITORY_TOOL),
    "POST /api/v1/territory/criteria": public(TERRITORY_TOOL),
    "GET /api/v1/territory/coverage": public(TERRITORY_TOOL),
    "POST /api/v1/territory/siting": public(TERRITORY_TOOL),
    "POST /api/v1/commute-savings": public(TERRITORY_TOOL),
    "GET /api/v1/availability": public("public free-slot search"),
    "POST /api/v1/auth/register": public("signup"),
    "GET /api/v1/me": signed_in(),
    "PATCH /api/v1/me": signed_in(),
    "GET /api/v1/organisations/mine": signed_in(),
    "POST /api/v1/bookings": signed_in(reason="anyone signed in may book"),
    "GET /api/v1/bookings": signed_in(),
    "GET /api/v1/bookings/{booking_id}": owned(_api_booking, owner="member"),
    "DELETE /api/v1/bookings/{booking_id}": owned(_api_booking, owner="member"),
    "PATCH /api/v1/bookings/{booking_id}": owned(
        _api_booking,
        owner="member",
        body=lambda w: {
            "date": str(w.booking.start.date()),
            "slot": "afternoon",
            "resource_id": w.meeting_room.pk,
        },
    ),
    "POST /api/v1/bookings/series": signed_in(reason="anyone signed in may book, for themself"),
    "GET /api/v1/waitlist": signed_in(),
    "POST /api/v1/waitlist": signed_in(reason="anyone signed in may wait for a full slot, for themself"),
    "DELETE /api/v1/waitlist/{entry_id}": owned(lambda w: {"entry_id": w.hold.entry_id}, owner="member"),
    "POST /api/v1/waitlist/{entry_id}/claim": owned(lambda w: {"entry_id": w.hold.entry_id}, owner="member"),
    "POST /api/v1/bookings/{booking_id}/check-in": owned(
        _api_booking, owner="member", body=lambda w: {"code": w.booking.short_code}
    ),
    "POST /api/v1/quotes": signed_in(),
    "GET /api/v1/invoices": signed_in(),
    "GET /api/v1/invoices/{invoice_id}": owned(_api_invoice, owner="member"),
    "GET /api/v1/invoices/{invoice_id}/pdf": owned(_api_invoice, owner="member"),
    "POST /api/v1/invoices/{invoice_id}/payments": owned(
        _api_invoice,
        owner="host",
        body=lambda w: {"amount": "24.00", "method": "transfer", "received_on": str(w.invoice.issue_date)},
    ),
    "POST /api/v1/invoices/{invoice_id}/refunds": owned(
        _api_invoice,
        owner="host",
        body=lambda w: {"amount": "1.00", "method": "transfer", "refunded_on": str(w.invoice.issue_date)},
    ),
    "GET /api/v1/balance": signed_in(),
    "POST /api/v1/subscriptions": signed_in(reason="anyone signed in may subscribe themself"),
    "GET /api/v1/subscriptions": signed_in(),
    "GET /api/v1/events": public("public agenda"),
    "GET /api/v1/events/{event_id}": public("public event", lambda w: {"event_id": w.event.pk}),
    "POST /api/v1/events": owned(
        None,
        owner="host",
        body=lambda w: {
            "place_id": w.place.pk,
            "title": "Atelier prospection",
            "start": (w.event.start + dt.timedelta(days=1)).isoformat(),
            "end": (w.event.start + dt.timedelta(days=1, hours=2)).isoformat(),
        },
    ),
    "PATCH /api/v1/events/{event_id}": owned(
        lambda w: {"event_id": w.event.pk}, owner="host", body=lambda w: {"title": "Nouveau titre"}
    ),
    "POST /api/v1/events/{event_id}/publish": owned(lambda w: {"event_id": w.event.pk}, owner="host"),
    "POST /api/v1/events/{event_id}/cancel": owned(lambda w: {"event_id": w.event.pk}, owner="coordinator"),
    "GET /api/v1/events/{event_id}/attendees": owned(lambda w: {"event_id": w.event.pk}, owner="host"),
    "POST /api/v1/events/{event_id}/attendance": owned(
        lambda w: {"event_id": w.event.pk},
        owner="host",
        body=lambda w: {"registration_ids": [w.registration.pk]},
    ),
    "POST /api/v1/events/{event_id}/registrations": signed_in(
        lambda w: {"event_id": w.event.pk}, owner="outsider", reason="anyone signed in may register"
    ),
    "DELETE /api/v1/events/{event_id}/registrations/me": signed_in(
        lambda w: {"event_id": w.event.pk}, reason="one cancels one's own registration"
    ),
    "GET /api/v1/community/skills": public("skills search: anonymous callers get the public profiles only"),
    "GET /api/v1/missions": signed_in(),
    "POST /api/v1/missions": owned(
        None,
        owner="member",
        body=lambda w: {"network_id": w.network.pk, "title": "Compta", "description": "Aide", "remote": True},
    ),
    "POST /api/v1/missions/{mission_id}/responses": owned(
        lambda w: {"mission_id": w.mission.pk}, owner="coordinator", body=lambda w: {"message": "Disponible."}
    ),
    "GET /api/v1/missions/{mission_id}/responses": owned(
        lambda w: {"mission_id": w.mission.pk}, owner="member"
    ),
    "GET /api/v1/forums/{forum_id}/topics": owned(lambda w: {"forum_id": w.forum.pk}, owner="member"),
    "POST /api/v1/forums/{forum_id}/topics": owned(
        lambda w: {"forum_id": w.forum.pk},
        owner="host",
        body=lambda w: {"title": "Bonjour", "body": "Salut !"},
    ),
    "POST /api/v1/topics/{topic_id}/posts": owned(
        lambda w: {"topic_id": w.topic.pk}, owner="coordinator", body=lambda w: {"body": "Moi aussi."}
    ),
    # Machine endpoints: only a place's API token gets in, a browser session never does.
    "GET /api/v1/tokens/current": Access(refused=(ANONYMOUS, *STRANGERS), owner=PLACE_TOKEN),
    "POST /api/v1/access/verify": Access(
        refused=(ANONYMOUS, *STRANGERS), owner=PLACE_TOKEN, body=lambda w: {"code": w.booking.short_code}
    ),
    "POST /api/v1/usage": Access(refused=(ANONYMOUS, *STRANGERS), owner=PLACE_TOKEN),
}


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
