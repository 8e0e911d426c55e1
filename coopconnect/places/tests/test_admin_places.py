"""Places admin: French validation of hours, coordinators limited to their networks, others refused."""

import pytest

from coopconnect.accounts.models import User
from coopconnect.accounts.seed import coordinator_group_grant
from coopconnect.places.models import Place, ResourceKind

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/places/place/add/"


def change_url(place: Place) -> str:
    return f"/admin/places/place/{place.pk}/change/"


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("admin@example.org", "mot-de-passe-admin")


@pytest.fixture
def staff_coordinator(coordinator: User) -> User:
    coordinator_group_grant(coordinator)
    return coordinator


def place_form(**overrides) -> dict:
    data = {
        "name": "Nouveau lieu", "slug": "nouveau-lieu", "typology": "coworking", "is_published": "on",
        "legal_form": "association", "latitude": "44.3", "longitude": "5.8",
        "opening_hours": "Mo-Fr 09:00-17:00", "access_mode": "staffed",
        "resources-TOTAL_FORMS": "1", "resources-INITIAL_FORMS": "0",
        "resources-MIN_NUM_FORMS": "0", "resources-MAX_NUM_FORMS": "1000",
        "resources-0-kind": ResourceKind.MEETING_ROOM, "resources-0-name": "Salle",
        "resources-0-capacity": "1", "resources-0-layouts": '{"reunion": 18, "conference": 50}',
        "resources-0-is_active": "on",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_superuser_adds_a_place_with_a_room(client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(ADD_URL, place_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    place = Place.objects.get(slug="nouveau-lieu")
    # The room's capacity is its largest layout (50), whatever was typed.
    assert place.resources.get().capacity == 50


def test_coordinates_typed_the_french_way(client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(ADD_URL, place_form(latitude="43,6942", longitude="5,5017"))
    assert response.status_code == 302, response.content.decode()[:3000]
    place = Place.objects.get(slug="nouveau-lieu")
    assert (place.latitude, place.longitude) == (43.6942, 5.5017)
    # Shown back in French on the change page.
    assert 'value="43,6942"' in client.get(change_url(place)).content.decode()


def test_invalid_hours_are_shown_in_french(client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(ADD_URL, place_form(opening_hours="lundi 9h-12h"))
    assert response.status_code == 200
    assert "Horaires invalides : « lundi 9h-12h »" in response.content.decode()
    assert not Place.objects.filter(slug="nouveau-lieu").exists()


def test_popup_without_dates_is_refused(client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(ADD_URL, place_form(typology="popup"))
    assert response.status_code == 200
    assert "Un tiers-lieu éphémère a une date de début." in response.content.decode()


def test_hours_in_words_on_the_change_page(client, admin_user, place) -> None:
    client.force_login(admin_user)
    body = client.get(change_url(place)).content.decode()
    assert "Lundi au vendredi : 8 h 30 – 12 h 30, 13 h 30 – 18 h 00<br>Fermé les jours fériés<br>" in body


def test_coordinator_sees_only_their_networks_places(client, staff_coordinator, place, other_place) -> None:
    client.force_login(staff_coordinator)
    listing = client.get("/admin/places/place/").content.decode()
    assert place.name in listing and other_place.name not in listing
    assert client.get(change_url(place)).status_code == 200
    # Another network's place is out of reach: the admin answers as if it did not exist.
    assert client.get(change_url(other_place)).status_code == 302
    other_place.resources.create(kind=ResourceKind.SEAT, name="Poste voisin", capacity=2)
    place.resources.create(kind=ResourceKind.SEAT, name="Poste maison", capacity=2)
    resources = client.get("/admin/places/resource/").content.decode()
    assert "Poste maison" in resources and "Poste voisin" not in resources


def test_coordinator_new_place_must_be_in_their_network(client, staff_coordinator, network) -> None:
    client.force_login(staff_coordinator)
    response = client.post(ADD_URL, place_form())
    assert response.status_code == 200
    assert not Place.objects.filter(slug="nouveau-lieu").exists()
    response = client.post(ADD_URL, place_form(networks=[network.pk]))
    assert response.status_code == 302
    assert list(Place.objects.get(slug="nouveau-lieu").networks.all()) == [network]


def test_coordinator_cannot_edit_the_bouquet(client, staff_coordinator) -> None:
    client.force_login(staff_coordinator)
    assert client.get("/admin/places/service/").status_code == 200
    assert client.post("/admin/places/service/wifi/change/", {"label": "x", "position": 1}).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "other_host", "host", "coordinator"])
def test_people_without_admin_rights_are_refused(client, request, who, place) -> None:
    # The conftest coordinator is not staff until granted the coordinators' group.
    client.force_login(request.getfixturevalue(who))
    response = client.get(change_url(place))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def host_choices(response) -> set[str]:
    return {user.email for user in response.context["adminform"].form.fields["hosts"].queryset}


def test_coordinator_host_picker_lists_only_people_of_their_networks(
    client, staff_coordinator, place, other_place, seats, member, outsider, other_host
) -> None:
    import datetime as dt

    from coopconnect.bookings.models import Booking

    start = dt.datetime(2027, 3, 16, 9, tzinfo=dt.UTC)
    Booking.objects.create(
        resource=seats, person=member, start=start, end=start + dt.timedelta(hours=3), short_code="ADM1"
    )
    client.force_login(staff_coordinator)
    response = client.get(change_url(place))
    assert response.status_code == 200
    # The place's host and a member who booked there; not the neighbour network's host nor a stranger.
    assert host_choices(response) == {"hote@example.org", "membre@example.org"}
    page = response.content.decode()
    assert "intrus@example.org" not in page and "autre-hote@example.org" not in page


def test_coordinator_adds_a_host_by_exact_email(client, staff_coordinator, place, host, outsider) -> None:
    client.force_login(staff_coordinator)
    data = place_form(name=place.name, slug=place.slug, networks=[place.networks.get().pk], hosts=[host.pk])
    data["resources-MAX_NUM_FORMS"], data["resources-TOTAL_FORMS"] = "1000", "0"
    response = client.post(change_url(place), {**data, "add_host_email": "personne@example.org"})
    assert response.status_code == 200
    assert "Aucun compte n&#x27;a cette adresse e-mail." in response.content.decode()
    response = client.post(change_url(place), {**data, "add_host_email": "INTRUS@example.org"})
    assert response.status_code == 302
    assert set(place.hosts.values_list("email", flat=True)) == {"hote@example.org", "intrus@example.org"}
    # A host picked outside the list is refused (the e-mail field is the only way in).
    response = client.post(
        change_url(place), {**data, "hosts": [host.pk, User.objects.get(email="coord@example.org").pk]}
    )
    assert response.status_code == 200
    assert "coord@example.org" not in set(place.hosts.values_list("email", flat=True))


def test_superuser_host_picker_lists_everyone(client, admin_user, place, outsider) -> None:
    client.force_login(admin_user)
    response = client.get(change_url(place))
    assert {"hote@example.org", "intrus@example.org", "admin@example.org"} <= host_choices(response)
