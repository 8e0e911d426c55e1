"""Billing fixtures: the study's places with their tariffs, a timestamp helper, people and employers."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.billing import seed
from coopconnect.bookings.models import Booking
from coopconnect.places.models import Network, Place, Resource, ResourceKind, Typology

PARIS = ZoneInfo("Europe/Paris")


def at(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=PARIS)


def make_place(
    name: str, slug: str, commune, *, network: Network | None = None, host: User | None = None
) -> Place:
    p = Place.objects.create(
        name=name,
        slug=slug,
        typology=Typology.TELECENTRE,
        commune=commune,
        latitude=44.0,
        longitude=5.0,
        carrier_name=f"Porteur {name}",
    )
    if network is not None:
        p.networks.add(network)
    if host is not None:
        p.hosts.add(host)
    return p


def seat(place: Place) -> Resource:
    return Resource.objects.create(
        place=place, kind=ResourceKind.SEAT, name=f"Coworking {place.name}", capacity=6
    )


@pytest.fixture
def murat(pertuis) -> Place:
    p = make_place("Télécentre de Murat", "murat", pertuis)
    seed.configure_murat(p)
    return p


@pytest.fixture
def pomerol(pertuis) -> Place:
    p = make_place("Pomerol", "pomerol", pertuis)
    seed.configure_pomerol(p)
    return p


@pytest.fixture
def boitron(pertuis) -> Place:
    p = make_place("Boitron", "boitron", pertuis)
    seed.configure_boitron(p)
    return p


@pytest.fixture
def soho_solo(db) -> Network:
    n = Network.objects.create(name="Soho Solo Gers", slug="soho-solo")
    seed.configure_gers_network(n)
    return n


@pytest.fixture
def auch(pertuis, soho_solo) -> Place:
    p = make_place("Télécentre d'Auch", "auch", pertuis, network=soho_solo)
    seed.configure_auch(p)
    return p


@pytest.fixture
def reichstett(pertuis) -> Place:
    p = make_place("Télécentre de Reichstett", "reichstett", pertuis)
    seed.configure_reichstett(p)
    return p


@pytest.fixture
def locomotive(pertuis) -> Place:
    p = make_place("La Locomotive", "la-locomotive", pertuis)
    seed.configure_locomotive(p)
    return p


@pytest.fixture
def grid_place(pertuis) -> Place:
    p = make_place("Tiers-lieu de village (plan d'affaires)", "laragne", pertuis)
    seed.configure_business_plan(p)
    return p


@pytest.fixture
def employer(db, member) -> Organisation:
    org = Organisation.objects.create(
        name="Green Ivory",
        billing_email="compta@greenivory.example",
        siren="552100554",
        siret="55210055400013",
        vat_number="FR40552100554",
        address="1 rue du Port",
        postcode="67116",
        city="Reichstett",
        is_business=True,
    )
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.EMPLOYEE)
    return org


@pytest.fixture
def employer_admin(db, employer) -> User:
    u = User.objects.create_user("drh@example.org", "mot-de-passe-drh", first_name="Dora")
    OrganisationMembership.objects.create(organisation=employer, user=u, role=OrganisationRole.ADMIN)
    return u


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IBAN = "FR7630006000011234567890189"


@pytest.fixture
def place_issuer(place):
    from coopconnect.billing.models import Issuer

    return Issuer.objects.create(
        place=place,
        name="Pépinière Bâticom SAS",
        legal_form="SAS au capital de 10 000 €",
        siren="732829320",
        siret="73282932000074",
        vat_number="FR44732829320",
        address="Zone d'activités",
        postcode="84120",
        city="Pertuis",
        iban=IBAN,
        bic="AGRIFRPP",
        payment_terms_days=30,
        number_prefix="BAT",
    )


@pytest.fixture
def network_place(pertuis, network, other_host):
    p = make_place("Tiers-lieu de Cucuron", "cucuron", pertuis, network=network)
    seed.configure_pomerol(p)
    return p


@pytest.fixture
def network_issuer(network):
    from coopconnect.billing.models import Issuer

    return Issuer.objects.create(
        network=network,
        name="Association Réseau Luberon",
        legal_form="Association loi 1901",
        siren="552100554",
        siret="55210055400013",
        vat_exempt=True,
        address="1 place de la Mairie",
        postcode="84160",
        city="Cucuron",
        iban=IBAN,
        payment_terms_days=15,
        number_prefix="RL",
    )


def book(resource, person, start, end, employer=None, seat_number=1, n=[0]):  # noqa: B006 - code counter
    n[0] += 1
    return Booking.objects.create(
        resource=resource,
        person=person,
        start=start,
        end=end,
        employer=employer,
        seat_number=seat_number,
        short_code=f"T{n[0]:06d}",
    )


@pytest.fixture
def november(place, network_place, place_issuer, network_issuer, member, employer):
    """Marie works 3 days at Bâticom (own carrier) and 2 days at Cucuron (invoiced by the network);
    one of the Bâticom days is for her employer."""
    seed.configure_murat(place)  # Bâticom priced like Murat for seats: 20 €/day, VAT 20 %
    bat, cuc = seat(place), seat(network_place)
    with time_machine.travel("2026-10-01 08:00 +0200", tick=False):
        book(bat, member, at(2026, 11, 2, 9), at(2026, 11, 2, 17))
        book(bat, member, at(2026, 11, 3, 9), at(2026, 11, 3, 17))
        book(bat, member, at(2026, 11, 4, 9), at(2026, 11, 4, 17), employer=employer)
        book(cuc, member, at(2026, 11, 12, 9), at(2026, 11, 12, 17))
        book(cuc, member, at(2026, 11, 13, 9), at(2026, 11, 13, 12))
    return bat, cuc
