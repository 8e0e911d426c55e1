"""Endpoint pages and API: who may register, read the log and replay; bad input; the SSRF guard."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from coopconnect.webhooks import services
from coopconnect.webhooks.models import Delivery, DeliveryStatus, Endpoint

pytestmark = pytest.mark.django_db
URL = "https://portail.example.org/hooks"


@pytest.fixture
def endpoint(host, place) -> Endpoint:
    return services.endpoint_create(by=host, url=URL, events=["booking.created"], place=place)[0]


@pytest.fixture
def delivery(endpoint) -> Delivery:
    return Delivery.objects.create(
        endpoint=endpoint,
        event_type="booking.created",
        msg_id="msg_1",
        body="{}",
        status=DeliveryStatus.FAILED,
    )


def _api(client, method, path, payload=None):
    return client.generic(
        method, f"/api/v1{path}", data=json.dumps(payload or {}), content_type="application/json"
    )


def test_host_registers_on_the_page_and_sees_the_secret_once(client, host, place):
    client.force_login(host)
    url = reverse("webhooks:place_endpoints", kwargs={"slug": place.slug})
    response = client.post(
        url, {"url": URL, "description": "Serrure", "events": ["booking.created", "checkin"]}
    )
    endpoint = Endpoint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/integrations/webhooks/{endpoint.pk}/"
    assert (endpoint.place, endpoint.events, endpoint.created_by) == (
        place,
        ["booking.created", "checkin"],
        host,
    )
    first = client.get(response["Location"]).content.decode()
    assert endpoint.secret in first and "il ne sera plus jamais affiché" in first
    again = client.get(response["Location"]).content.decode()
    assert endpoint.secret not in again and endpoint.secret_hint in again


def test_coordinator_registers_for_the_network(client, coordinator, network):
    client.force_login(coordinator)
    url = reverse("webhooks:network_endpoints", kwargs={"slug": network.slug})
    assert client.get(url).status_code == 200
    client.post(url, {"url": URL, "events": ["invoice.issued"]})
    assert Endpoint.objects.get().network == network


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"url": "http://portail.example.org/h", "events": ["checkin"]}, "Seules les adresses https://"),
        ({"url": "https://127.0.0.1/h", "events": ["checkin"]}, "réseau privé"),
        ({"url": "https://10.1.2.3/h", "events": ["checkin"]}, "réseau privé"),
        ({"url": "https://[::1]/h", "events": ["checkin"]}, "réseau privé"),
        ({"url": "https://user:pw@portail.example.org/h", "events": ["checkin"]}, "identifiant"),
        ({"url": URL, "events": ["booking.exploded"]}, "Sélectionnez un choix valide"),
        ({"url": "pas une adresse", "events": ["checkin"]}, "Saisissez une URL valide"),
    ],
)
def test_bad_input_is_refused_in_french_on_the_page(client, host, place, data, message):
    client.force_login(host)
    response = client.post(reverse("webhooks:place_endpoints", kwargs={"slug": place.slug}), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "other_host", "other_coordinator", "member"])
def test_strangers_are_refused_everywhere(client, request, who, place, network, endpoint, delivery):
    client.force_login(request.getfixturevalue(who))
    pages = [
        reverse("webhooks:place_endpoints", kwargs={"slug": place.slug}),
        reverse("webhooks:network_endpoints", kwargs={"slug": network.slug}),
        reverse("webhooks:endpoint", kwargs={"pk": endpoint.pk}),
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"url": URL, "events": ["checkin"]}).status_code == 404, url
    action = reverse("webhooks:endpoint_action", kwargs={"pk": endpoint.pk})
    assert client.post(action, {"action": "delete"}).status_code == 404
    assert client.post(reverse("webhooks:replay", kwargs={"pk": delivery.pk})).status_code == 404
    assert _api(client, "GET", "/webhooks/endpoints").json() == []
    assert _api(client, "GET", f"/webhooks/endpoints/{endpoint.pk}").status_code == 404
    assert _api(client, "GET", f"/webhooks/endpoints/{endpoint.pk}/deliveries").status_code == 404
    assert (
        _api(client, "PATCH", f"/webhooks/endpoints/{endpoint.pk}", {"is_active": False}).status_code == 404
    )
    assert _api(client, "POST", f"/webhooks/deliveries/{delivery.pk}/replay").status_code == 404
    assert _api(client, "DELETE", f"/webhooks/endpoints/{endpoint.pk}").status_code == 404
    created = _api(
        client, "POST", "/webhooks/endpoints", {"url": URL, "events": ["checkin"], "place_id": place.pk}
    )
    assert created.status_code == 403
    endpoint.refresh_from_db()
    assert endpoint.is_active and Endpoint.objects.count() == 1
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_anonymous_is_sent_to_login_or_401(client, endpoint):
    response = client.get(reverse("webhooks:endpoint", kwargs={"pk": endpoint.pk}))
    assert response.status_code == 302 and "/compte/" in response["Location"]
    assert _api(client, "GET", "/webhooks/endpoints").status_code == 401


def test_host_reads_the_log_and_replays(client, host, endpoint, delivery, django_capture_on_commit_callbacks):
    client.force_login(host)
    page = client.get(reverse("webhooks:endpoint", kwargs={"pk": endpoint.pk})).content.decode()
    assert "booking.created" in page and "Échec définitif" in page
    response = client.post(reverse("webhooks:replay", kwargs={"pk": delivery.pk}))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING


def test_coordinator_of_the_place_network_manages_its_endpoints(client, coordinator, endpoint):
    client.force_login(coordinator)
    assert client.get(reverse("webhooks:endpoint", kwargs={"pk": endpoint.pk})).status_code == 200


def test_page_actions_switch_off_on_rotate_and_delete(client, host, endpoint):
    client.force_login(host)
    action = reverse("webhooks:endpoint_action", kwargs={"pk": endpoint.pk})
    client.post(action, {"action": "disable"})
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    client.post(action, {"action": "enable"})
    old = endpoint.secret
    response = client.post(action, {"action": "rotate"}, follow=True)
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.secret != old
    assert endpoint.secret in response.content.decode()
    client.post(action, {"action": "delete"})
    assert not Endpoint.objects.exists()


def test_api_lifecycle(client, host, place):
    client.force_login(host)
    created = _api(
        client,
        "POST",
        "/webhooks/endpoints",
        {"url": URL, "events": ["checkin", "checkin"], "place_id": place.pk},
    )
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["events"] == ["checkin"]
    path = f"/webhooks/endpoints/{body['id']}"
    assert "secret" not in _api(client, "GET", path).json()
    assert [e["id"] for e in _api(client, "GET", "/webhooks/endpoints").json()] == [body["id"]]
    changed = _api(
        client, "PATCH", path, {"events": ["access.granted", "access.refused"], "is_active": False}
    )
    assert (
        changed.json()["events"] == ["access.granted", "access.refused"] and not changed.json()["is_active"]
    )
    assert _api(client, "GET", f"{path}/deliveries").json() == []
    rotated = _api(client, "POST", f"{path}/secret").json()["secret"]
    assert rotated != body["secret"] and Endpoint.objects.get().secret == rotated
    assert _api(client, "DELETE", path).status_code == 204
    assert not Endpoint.objects.exists()
    assert [t["type"] for t in _api(client, "GET", "/webhooks/event-types").json()][:2] == [
        "booking.created",
        "booking.changed",
    ]


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"url": "https://192.168.1.10/h", "events": ["checkin"]}, 400, "url"),
        ({"url": URL, "events": ["nope"]}, 400, "events"),
        ({"url": URL, "events": []}, 422, "events"),
        ({"url": URL, "events": ["checkin"], "place_id": 999999}, 404, "place_id"),
        ({"url": URL, "events": ["checkin"], "place_id": None}, 400, "place_id"),
    ],
)
def test_api_bad_input_has_field_errors(client, host, place, payload, status, field):
    client.force_login(host)
    payload = {"place_id": place.pk, **payload}
    response = _api(client, "POST", "/webhooks/endpoints", payload)
    assert response.status_code == status
    assert field in response.json()["errors"]
    assert not Endpoint.objects.exists()


def test_replay_refused_while_endpoint_is_off(client, host, endpoint, delivery):
    client.force_login(host)
    services.endpoint_update(endpoint=endpoint, is_active=False)
    response = _api(client, "POST", f"/webhooks/deliveries/{delivery.pk}/replay")
    assert response.status_code == 409
    assert "désactivé" in response.json()["detail"]
