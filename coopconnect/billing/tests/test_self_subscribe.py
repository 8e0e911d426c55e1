"""Self-service subscription: a person subscribes themself to a plan, by page and by API."""

import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from coopconnect.billing import seed
from coopconnect.billing.models import Subscription, Tariff

pytestmark = pytest.mark.django_db

TODAY = "2026-03-02 10:00 +01:00"


@pytest.fixture
def traveller():
    with time_machine.travel(TODAY, tick=False) as t:
        yield t


@pytest.fixture
def monthly(traveller, place) -> Tariff:
    seed.configure_murat(place)
    return Tariff.objects.get(place=place, code="murat-mois-2j")


def _url(place) -> str:
    return reverse("billing:subscribe", kwargs={"slug": place.slug})


def _post_api(client, data):
    return client.post("/api/v1/subscriptions", data=json.dumps(data), content_type="application/json")


def test_tariffs_page_links_to_self_subscribe(client, place, monthly):
    response = client.get(reverse("billing:tariffs", kwargs={"slug": place.slug}))
    assert _url(place) in response.content.decode()


def test_page_lists_only_plans_and_memberships(client, member, place, monthly):
    client.force_login(member)
    response = client.get(_url(place))
    assert response.status_code == 200
    html = response.content.decode()
    # the monthly plan is offered; per-use rates (half-day 10 €, day 20 €, week 80 €) are not
    assert "Abonnement 1 ou 2 jours par semaine" in html
    assert "Demi-journée" not in html
    assert list(response.context["form"].fields["tariff"].queryset) == [monthly]
    assert "employer" not in response.context["form"].fields  # member administers no organisation


def test_member_subscribes_by_page(client, member, place, monthly):
    client.force_login(member)
    response = client.post(_url(place), {"tariff": monthly.pk, "start": "2026-03-16"}, follow=True)
    assert response.status_code == 200
    sub = Subscription.objects.get(person=member)
    # 16 March + 1 month commitment: the subscription carries the tariff and the start date asked for
    assert sub.tariff == monthly and sub.start == date(2026, 3, 16) and sub.employer is None
    assert "Vous êtes abonné(e) à « Abonnement 1 ou 2 jours par semaine » à partir du 16/03/2026." in (
        response.content.decode()
    )


def test_start_in_the_past_is_refused_in_french_and_nothing_written(client, member, place, monthly):
    client.force_login(member)
    # today is 2 March 2026: 1 March is yesterday
    response = client.post(_url(place), {"tariff": monthly.pk, "start": "2026-03-01"})
    assert response.status_code == 400
    assert "Un abonnement ne peut pas commencer dans le passé." in response.content.decode()
    assert not Subscription.objects.exists()


def test_anonymous_is_sent_to_login(client, place, monthly):
    response = client.post(_url(place), {"tariff": monthly.pk, "start": "2026-03-16"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Subscription.objects.exists()


def test_unverified_person_is_refused(client, member, place, monthly):
    member.email_verified = False
    member.save(update_fields=["email_verified"])
    client.force_login(member)
    get = client.get(_url(place))
    assert "Confirmez votre adresse e-mail avant de vous abonner." in get.content.decode()
    response = client.post(_url(place), {"tariff": monthly.pk, "start": "2026-03-16"})
    assert response.status_code == 403
    api = _post_api(client, {"tariff_id": monthly.pk, "start": "2026-03-16"})
    assert api.status_code == 403
    assert not Subscription.objects.exists()


def test_strangers_subscribe_only_themselves(client, outsider, other_host, member, place, monthly):
    # outsider and other_host are ordinary signed-in people here: whatever they do concerns them only
    for who in (outsider, other_host):
        client.force_login(who)
        assert _post_api(client, {"tariff_id": monthly.pk, "start": "2026-03-16"}).status_code == 201
        assert [s["tariff_id"] for s in client.get("/api/v1/subscriptions").json()] == [monthly.pk]
    assert not Subscription.objects.filter(person=member).exists()


def test_member_subscribes_by_api(client, member, place, monthly):
    client.force_login(member)
    response = _post_api(client, {"tariff_id": monthly.pk, "start": "2026-03-16"})
    assert response.status_code == 201, response.content
    body = response.json()
    sub = Subscription.objects.get(person=member)
    assert body["id"] == sub.pk
    assert body["tariff_id"] == monthly.pk and body["tariff"] == "Abonnement 1 ou 2 jours par semaine"
    assert body["start"] == "2026-03-16" and body["end"] == (str(sub.end) if sub.end else None)
    mine = client.get("/api/v1/subscriptions").json()
    assert [s["id"] for s in mine] == [sub.pk]


def test_api_errors(client, member, place, monthly):
    client.force_login(member)
    past = _post_api(client, {"tariff_id": monthly.pk, "start": "2026-03-01"})
    assert past.status_code == 400
    assert past.json()["errors"]["start"] == ["Un abonnement ne peut pas commencer dans le passé."]
    per_use = Tariff.objects.get(place=place, code="murat-journee")
    assert _post_api(client, {"tariff_id": per_use.pk, "start": "2026-03-16"}).status_code == 404
    assert _post_api(client, {"tariff_id": monthly.pk, "start": "pas une date"}).status_code == 422
    assert not Subscription.objects.exists()


def test_api_anonymous_refused(client, monthly):
    assert _post_api(client, {"tariff_id": monthly.pk, "start": "2026-03-16"}).status_code == 401
    assert client.get("/api/v1/subscriptions").status_code == 401
    assert not Subscription.objects.exists()


def test_employer_admin_may_have_it_paid_by_their_employer(client, employer_admin, employer, place, monthly):
    employer_admin.email_verified = True
    employer_admin.save(update_fields=["email_verified"])
    client.force_login(employer_admin)
    assert "employer" in client.get(_url(place)).context["form"].fields
    response = client.post(
        _url(place), {"tariff": monthly.pk, "start": "2026-03-16", "employer": employer.pk}
    )
    assert response.status_code == 302
    assert Subscription.objects.get(person=employer_admin).employer == employer
