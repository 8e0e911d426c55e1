"""Every page and API operation refuses whoever has no business there (anonymous, outsider, other_host).

The routes are discovered, not listed by hand: a new view is swept automatically, and a new view with
parameters fails ``test_every_page_route_is_classified`` until it is classified in
``coopconnect/core/testing/routes/``. Holes found in views owned by others are listed in
``KNOWN_HOLES`` as strict xfails: they stay visible, and the suite tells when they get fixed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, path, reverse

from coopconnect.core.testing import routes
from coopconnect.core.testing.routes import ANONYMOUS, PLACE_TOKEN, Access
from coopconnect.core.testing.world import World

pytestmark = pytest.mark.usefixtures("_fast_passwords")

HOW_TO_CLASSIFY = (
    "Classify it in coopconnect/core/testing/routes/: PAGES['<name>'] of its app group in pages/ (or "
    "API['<METHOD> <path>'] in api.py) = "
    "public('one-line reason') if anyone may open it, signed_in() if any signed-in person may, or "
    "owned(lambda w: {<url kwargs from the World>}, owner='host'|'member'|'coordinator') if it is about "
    "an object of `place`; objects come from coopconnect/core/testing/world.py (add yours there)."
)

# (route or operation, method, who got in) -> what the hole is. Strict: fixing the view fails the xfail,
# then delete the entry.
KNOWN_HOLES: dict[tuple[str, str, str], str] = {}


def client_for(who: str, world: World) -> Client:
    client = Client()
    if who != ANONYMOUS:
        client.force_login(world.users[who])
    return client


def is_login_redirect(response: Any) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (301, 302) and (
        location.startswith(reverse("accounts:login")) or location.startswith("/admin/login/")
    )


def is_refused(response: Any, who: str) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    return who == ANONYMOUS and is_login_redirect(response)


def _mark(key: tuple[str, str, str]) -> list[Any]:
    hole = KNOWN_HOLES.get(key)
    return [pytest.mark.xfail(strict=True, reason=f"KNOWN HOLE: {hole}")] if hole else []


def _page_cases() -> tuple[list[Any], list[Any]]:
    refusals, owners = [], []
    for route in routes.page_routes():
        if route.is_admin:
            continue
        access = routes.classify(route)
        if access is None:
            continue
        for who in access.refused:
            for method in ("GET", "POST"):
                key = (route.name, method, who)
                refusals.append(pytest.param(route.name, method, who, id="-".join(key), marks=_mark(key)))
        if access.owner:
            owners.append(pytest.param(route.name, id=route.name))
    return refusals, owners


PAGE_REFUSALS, PAGE_OWNERS = _page_cases()
ROUTES_BY_NAME = {r.name: r for r in routes.page_routes()}


def page_url(name: str, world: World) -> str:
    access = routes.classify(ROUTES_BY_NAME[name])
    assert access is not None
    return reverse(name, kwargs=access.params(world) if access.params else None)


def test_every_page_route_is_classified():
    unclassified = [
        f"{r.name}  ({r.pattern}, parameters {', '.join(r.params)})"
        for r in routes.page_routes()
        if not r.is_admin and routes.classify(r) is None
    ]
    assert not unclassified, (
        "These URL patterns have parameters the sweep cannot resolve, so nobody checks who may open "
        "them:\n  " + "\n  ".join(unclassified) + "\n" + HOW_TO_CLASSIFY
    )


def test_classification_has_no_stale_entries():
    names = {r.name for r in routes.page_routes()}
    stale = sorted(set(routes.PAGES) - names)
    operations = {f"{m} {p}" for m, p, _op in routes.api_operations()}
    stale_api = sorted(set(routes.API) - operations)
    assert not stale and not stale_api, (
        f"Classified but gone (renamed or removed?): {stale + stale_api}; "
        "update coopconnect/core/testing/routes/"
    )


@pytest.mark.parametrize(("name", "method", "who"), PAGE_REFUSALS)
def test_page_refuses(name: str, method: str, who: str, world: World):
    url = page_url(name, world)
    client = client_for(who, world)
    access = routes.classify(ROUTES_BY_NAME[name])
    data = access.body(world) if access and access.body else {}
    response = client.get(url) if method == "GET" else client.post(url, data)
    assert is_refused(response, who), (
        f"HOLE: {who} got {response.status_code} on {method} {url} ({name}); expected "
        f"{'a redirect to the login page or ' if who == ANONYMOUS else ''}403/404.\n"
        "If the page is public on purpose, say so in coopconnect/core/testing/routes/ "
        "with public('reason')."
    )


@pytest.mark.parametrize("name", PAGE_OWNERS)
def test_page_admits_its_owner(name: str, world: World):
    """The rightful user gets in: proves the sweep's parameters point to real objects."""
    access = routes.classify(ROUTES_BY_NAME[name])
    assert access is not None and access.owner
    url = page_url(name, world)
    client = client_for(access.owner, world)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, access.body(world) if access.body else {})
    assert not is_refused(response, access.owner) and not is_login_redirect(response), (
        f"{access.owner} was refused ({response.status_code}) on {url} ({name}): the sweep's parameters "
        "or owner are wrong. " + HOW_TO_CLASSIFY
    )
    assert response.status_code < 500, f"{access.owner} got {response.status_code} on {url}"


def _admin_urls() -> list[str]:
    urls = []
    for route in routes.page_routes():
        if not route.is_admin or route.name in routes.ADMIN_PUBLIC:
            continue
        kwargs = {p: routes.ADMIN_PARAM_VALUES.get(p, "1") for p in route.params}
        try:
            urls.append(reverse(route.name, kwargs=kwargs or None))
        except NoReverseMatch:
            urls.append("/" + route.pattern.replace("^", "").replace("$", "").replace("(?P<url>.*)", "x"))
    return urls


@pytest.mark.parametrize("who", [ANONYMOUS, "outsider", "other_host", "member"])
def test_admin_refuses_non_staff(who: str, world: World):
    client = client_for(who, world)
    got_in = []
    urls = _admin_urls()
    assert len(urls) > 20, "the admin routes were not found"
    for url in urls:
        for method in ("GET", "POST"):
            response = client.get(url) if method == "GET" else client.post(url, {})
            if not (is_login_redirect(response) or response.status_code in (403, 404, 405)):
                got_in.append(f"{method} {url} -> {response.status_code}")
    assert not got_in, f"{who} got into the admin:\n  " + "\n  ".join(got_in)


# API operations, from the OpenAPI schema.
OPERATIONS = {f"{m} {p}": op for m, p, op in routes.api_operations()}


def _api_cases() -> tuple[list[Any], list[Any]]:
    refusals, owners = [], []
    for key in OPERATIONS:
        access = routes.API.get(key)
        if access is None:
            continue
        method = key.split()[0]
        for who in access.refused:
            hole = (key, method, who)
            refusals.append(pytest.param(key, who, id=f"{key}-{who}", marks=_mark(hole)))
        if access.owner:
            owners.append(pytest.param(key, id=key))
    return refusals, owners


API_REFUSALS, API_OWNERS = _api_cases()


def test_every_api_operation_is_classified():
    unclassified = sorted(set(OPERATIONS) - set(routes.API))
    assert not unclassified, (
        "These API operations are not classified, so nobody checks who may call them:\n  "
        + "\n  ".join(unclassified)
        + "\n"
        + HOW_TO_CLASSIFY
    )


def call_api(client: Client, key: str, access: Access, world: World, **extra: Any) -> Any:
    method, path = key.split(" ", 1)
    if access.params:
        path = path.format(**access.params(world))
    body = access.body(world) if access.body else {}
    if method == "GET":
        return client.get(path, **extra)
    return client.generic(
        method, path, data=__import__("json").dumps(body), content_type="application/json", **extra
    )


@pytest.mark.parametrize(("key", "who"), API_REFUSALS)
def test_api_refuses(key: str, who: str, world: World):
    access = routes.API[key]
    response = call_api(client_for(who, world), key, access, world)
    assert response.status_code in (401, 403, 404), (
        f"HOLE: {who} got {response.status_code} on {key}: {response.content[:300]!r}.\n"
        "If the operation is public on purpose, classify it with public('reason')."
    )


@pytest.mark.parametrize("key", API_OWNERS)
def test_api_admits_its_owner(key: str, world: World):
    access = routes.API[key]
    if access.owner == PLACE_TOKEN:
        response = call_api(Client(), key, access, world, HTTP_AUTHORIZATION=f"Bearer {world.token_secret}")
    else:
        response = call_api(client_for(access.owner, world), key, access, world)
    assert response.status_code not in (401, 403, 404), (
        f"{access.owner} was refused ({response.status_code}) on {key}: {response.content[:300]!r}"
    )
    assert response.status_code < 500


# Forms that take an object in their data rather than in the URL: the sweep above cannot see those.
# Each case is tried by strangers (nothing must happen) and by its rightful user (it must work, which
# proves the attempt is not refused for an unrelated reason).


def _checkin(who: str, w: World) -> None:
    import time_machine

    with time_machine.travel(w.booking.start + dt.timedelta(minutes=5), tick=False):
        client_for(who, w).post(reverse("bookings:checkin"), {"code": w.booking.short_code})


def _checked_in(w: World) -> bool:
    w.booking.refresh_from_db()
    return w.booking.checked_in_at is not None


def _token_for_place(who: str, w: World) -> None:
    client_for(who, w).post(reverse("accounts:token_create"), {"place": w.place.pk, "name": "Imprimante"})


def _place_tokens(w: World) -> bool:
    from coopconnect.accounts.models import ApiToken

    return ApiToken.objects.filter(place=w.place).count() > 1  # the world already holds one


def _place_feed(who: str, w: World) -> None:
    client_for(who, w).post(
        reverse("bookings:calendars"), {"action": "create", "kind": "place", "target": w.place.pk}
    )


def _has_place_feed(w: World) -> bool:
    from coopconnect.bookings.models import CalendarFeed

    return CalendarFeed.objects.filter(place=w.place).exists()


def _revoke_feed(who: str, w: World) -> None:
    client_for(who, w).post(reverse("bookings:calendars"), {"action": "revoke", "feed": w.feed.pk})


def _feed_revoked(w: World) -> bool:
    w.feed.refresh_from_db()
    return w.feed.revoked_at is not None


def _book_for_employee(who: str, w: World) -> None:
    import time_machine

    from coopconnect.bookings.slots import PARIS

    # Monday 15 March 2027, 07:00: the next day is an ordinary Tuesday, the place opens at 08:30.
    # Signed in inside the travel: a session opened today would have expired by then.
    with time_machine.travel(dt.datetime(2027, 3, 15, 7, 0, tzinfo=PARIS), tick=False):
        client_for(who, w).post(
            "/api/v1/bookings",
            data=json.dumps(
                {
                    "resource_id": w.seats.pk,
                    "date": "2027-03-16",
                    "slot": "morning",
                    "person_id": w.employee_membership.user_id,
                }
            ),
            content_type="application/json",
        )


def _employee_booked(w: World) -> bool:
    from coopconnect.bookings.models import Booking

    return Booking.objects.filter(person_id=w.employee_membership.user_id).exists()


SMUGGLED = {
    "check in a member's booking by its code": ("host", _checkin, _checked_in),
    "API token for a place one does not manage": ("host", _token_for_place, _place_tokens),
    "calendar feed of a place one does not host": ("host", _place_feed, _has_place_feed),
    "revoke someone else's calendar feed": ("member", _revoke_feed, _feed_revoked),
    "book for another company's employee (API person_id)": ("member", _book_for_employee, _employee_booked),
}


def _smuggled_cases() -> list[Any]:
    cases = []
    for label in SMUGGLED:
        for who in ("outsider", "other_host"):
            key = (label, "POST", who)
            cases.append(pytest.param(label, who, id=f"{label}-{who}", marks=_mark(key)))
    return cases


@pytest.mark.parametrize(("label", "who"), _smuggled_cases())
def test_object_in_form_data_is_refused(label: str, who: str, world: World):
    _owner, attempt, happened = SMUGGLED[label]
    attempt(who, world)
    assert not happened(world), f"HOLE: {who} managed to {label}"


@pytest.mark.parametrize("label", list(SMUGGLED))
def test_object_in_form_data_works_for_its_owner(label: str, world: World):
    owner, attempt, happened = SMUGGLED[label]
    attempt(owner, world)
    assert happened(world), f"{owner} could not {label}: the strangers' case proves nothing"


def _leaky_view(request: Any, pk: int | None = None) -> Any:
    from django.http import HttpResponse

    return HttpResponse("<h1>Secret</h1>")


# A URLconf for the test below only: an unprotected page, with and without a parameter.
urlpatterns = [
    path("fuite/", _leaky_view, name="leaky"),
    path("fuite/<int:pk>/", _leaky_view, name="leaky_object"),
]


def test_sweep_catches_an_unprotected_view(client, settings):
    """What the sweep does with a view someone adds later without protecting it."""
    from django.urls import get_resolver

    settings.ROOT_URLCONF = __name__
    found = {r.name: r for r in routes.iter_routes(get_resolver(__name__))}
    assert routes.classify(found["leaky_object"]) is None  # -> test_every_page_route_is_classified fails
    access = routes.classify(found["leaky"])
    assert access is not None and ANONYMOUS in access.refused
    assert not is_refused(client.get("/fuite/"), ANONYMOUS)  # -> test_page_refuses fails: "HOLE: ..."


def _leak_cases() -> list[Any]:
    cases = []
    for route in routes.page_routes():
        access = routes.classify(route)
        if route.is_admin or access is None or routes.SECRET_LINK in access.reason:
            continue
        if access.params and access.refused:
            continue  # about one object: test_page_refuses already keeps strangers out
        for who in (ANONYMOUS, *routes.STRANGERS) if not access.refused else routes.STRANGERS:
            key = (route.name, "GET", who)
            cases.append(pytest.param(route.name, who, id=f"{route.name}-{who}", marks=_mark(key)))
    return cases


@pytest.mark.parametrize(("name", "who"), _leak_cases())
def test_page_does_not_leak_others_objects(name: str, who: str, world: World):
    """Lists and public pages never show a stranger the private objects of `place`'s people."""
    response = client_for(who, world).get(page_url(name, world))
    if response.status_code != 200:
        return
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    leaked = [label for label, secret in world.secrets.items() if secret and secret in body]
    assert not leaked, f"HOLE: {who} sees {leaked} on {page_url(name, world)} ({name})"
