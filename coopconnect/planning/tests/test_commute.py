"""Commute savings: the worked example, video versus trip (Bâticom), real bookings, page and API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.core.errors import DomainError
from coopconnect.planning.commute.bookings import network_booking_savings
from coopconnect.planning.commute.break_even import BATICOM_SESSION_PRICE, video_versus_trip
from coopconnect.planning.commute.params import CommuteParams
from coopconnect.planning.commute.savings import commute_savings, trip_between

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_member_worked_example_pertuis_to_marseille(luberon, place):
    # Pertuis -> Marseille (estimate): 54.58 km, 43.37 min one way; Pertuis -> Bâticom place: 0.165 km,
    # 1.33 min. 2 days a week × 47 weeks = 94 days.
    # km = 2 × (54.58101 − 0.16470) × 94 = 10 230.27 km; € = 10 230.27 × 0.50 = 5 115.13 €;
    # CO₂ = 10 230.27 × 0.218 = 2 230.2 kg; hours = 2 × (43.370 − 1.329) × 94 / 60 = 131.7 h.
    s = commute_savings(home=luberon["84089"], work=luberon["13055"], days_per_week=2)
    assert s.place_name == "Bâticom Pertuis"
    assert s.days_per_year == 94
    assert s.home_to_work.km == pytest.approx(54.5810, abs=1e-3)
    assert round(s.km_per_year) == 10230
    assert s.euros_per_year == Decimal("5115.13")
    assert s.kg_co2e_per_year == Decimal("2230.2")
    assert s.hours_per_year == pytest.approx(131.7, abs=0.05)
    assert s.warnings == []


def test_parameters_are_editable_and_documented(luberon, place):
    params = CommuteParams(
        cost_per_km=Decimal("0.60"), kg_co2e_per_km=Decimal("0.1"), working_weeks=40, speed_kmh=60
    )
    s = commute_savings(home=luberon["84089"], work=luberon["13055"], days_per_week=1, params=params)
    # 40 days; km = 2 × 54.41631 × 40 = 4 353.30; × 0.60 €/km = 2 611.98 €; at 60 km/h, 1 km = 1 minute.
    assert s.euros_per_year == Decimal("2611.98")
    assert s.hours_per_year == pytest.approx(2 * (54.5810 - 0.1647) * 40 / 60, abs=0.01)
    sources = {p.name: p.source for p in params.documented()}
    assert "ADEME Base Carbone" in sources["kg_co2e_per_km"]
    assert "100 km" in sources["cost_per_km"]


def test_place_farther_than_work_is_a_cost_with_a_warning(luberon):
    apt = make_place("Tiers-lieu d'Apt", luberon["84003"])
    s = commute_savings(home=luberon["84089"], work=luberon["84133"], days_per_week=1, place=apt)
    assert s.km_per_year < 0 and "plus loin que le lieu de travail" in s.warnings[0]


def test_no_place_reachable_and_bad_days(luberon):
    with pytest.raises(DomainError) as exc:
        commute_savings(home=luberon["84089"], work=luberon["13055"], days_per_week=2)
    assert "Aucun tiers-lieu publié" in exc.value.message
    with pytest.raises(DomainError) as exc:
        commute_savings(home=luberon["84089"], work=luberon["13055"], days_per_week=0)
    assert "days_per_week" in exc.value.errors
    with pytest.raises(DomainError) as exc:
        commute_savings(
            home=luberon["84089"],
            work=luberon["13055"],
            days_per_week=1,
            params=CommuteParams(cost_per_km=Decimal("-1"), working_weeks=60),
        )
    assert set(exc.value.errors) == {"cost_per_km", "working_weeks"}


def test_study_rule_of_thumb_100_km_cost_50_euros():
    # "Un déplacement de 100 km en voiture coûte au minimum 50 €": 50 km there and back at 0.50 €/km.
    assert video_versus_trip(session_price=Decimal(0), km_one_way=50).trip_cost == Decimal("50.00")


def test_baticom_video_session_against_pertuis_marseille(luberon):
    # Session 49 € + 49 € = 98 €. Trip: 2 × 54.58 km × 0.50 €/km = 54.58 € (the study says about 60 €).
    # Break-even: 98 € ÷ (2 × 0.50 €/km) = 98 km one way (the study rounds to "more than 90 km").
    km = trip_between((43.6942, 5.5017), (43.2965, 5.3698)).km
    v = video_versus_trip(session_price=BATICOM_SESSION_PRICE, km_one_way=km)
    assert v.trip_cost == Decimal("54.58") and not v.video_cheaper
    assert v.break_even_km_one_way == pytest.approx(98.0)
    # Two people travelling: 2 × 54.5810 × 0.50 × 2 = 109.16 € > 98 €, break-even 49 km; tolls of
    # 18 € lower it to 40 km.
    v2 = video_versus_trip(session_price=BATICOM_SESSION_PRICE, km_one_way=km, travellers=2)
    assert v2.trip_cost == Decimal("109.16") and v2.video_cheaper and v2.break_even_km_one_way == 49
    v3 = video_versus_trip(
        session_price=BATICOM_SESSION_PRICE, km_one_way=km, travellers=2, tolls=Decimal(18)
    )
    assert v3.break_even_km_one_way == 40
    with pytest.raises(DomainError) as exc:
        video_versus_trip(session_price=Decimal(-1), km_one_way=-3, travellers=0)
    assert set(exc.value.errors) == {"session_price", "km_one_way", "travellers"}


def test_savings_from_real_bookings(luberon, place, seats, network, member, outsider):
    member.home_commune = luberon["84089"]
    member.save()
    day = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    codes = iter(range(100))

    def book(person, d, status=BookingStatus.CONFIRMED, hours=(9, 17)):
        n = next(codes)
        # Each on its own seat of the pool: PostgreSQL refuses two overlapping bookings of one seat.
        return Booking.objects.create(
            resource=seats,
            person=person,
            status=status,
            seat_number=n + 1,
            short_code=f"T{n}",
            start=d.replace(hour=hours[0]),
            end=d.replace(hour=hours[1]),
        )

    book(member, day)
    book(member, day, hours=(17, 18))  # same day: still one commute avoided
    book(member, day.replace(day=3), status=BookingStatus.CHECKED_IN)
    book(member, day.replace(day=4), status=BookingStatus.CANCELLED)
    book(outsider, day)  # no home commune: skipped and counted
    result = network_booking_savings(
        network=network,
        start=datetime(2026, 3, 1, tzinfo=PARIS),
        end=datetime(2026, 4, 1, tzinfo=PARIS),
        work_commune_of={member.pk: luberon["13055"]},
    )
    # 2 days × 2 × (54.5810 − 0.1647) km = 217.67 km; × 0.50 = 108.83 €.
    assert (result.people, result.person_days) == (1, 2)
    assert result.km == pytest.approx(217.67, abs=0.01)
    assert result.euros == Decimal("108.83")
    assert result.skipped_reasons == {"commune de résidence non renseignée": 1}
    by_place = network_booking_savings(
        place=place, start=day, end=day.replace(day=5), work_commune_of=lambda person: None
    )
    assert by_place.people == 0 and by_place.skipped_reasons == {
        "commune de travail non renseignée": 1,
        "commune de résidence non renseignée": 1,
    }


def test_savings_use_each_persons_work_commune_first(luberon, place, seats, network, member, outsider):
    # member: home Pertuis, own work commune Marseille; outsider: home Pertuis, no work commune of their
    # own, so the fallback mapping (Marseille too) is used. One booked day each.
    for person in (member, outsider):
        person.home_commune = luberon["84089"]
    member.work_commune = luberon["13055"]
    member.save()
    outsider.save()
    day = datetime(2026, 3, 2, 9, tzinfo=PARIS)
    for i, person in enumerate((member, outsider)):
        Booking.objects.create(
            resource=seats,
            person=person,
            status=BookingStatus.CONFIRMED,
            seat_number=i + 1,
            short_code=f"W{i}",
            start=day,
            end=day.replace(hour=17),
        )
    period = {"start": datetime(2026, 3, 1, tzinfo=PARIS), "end": datetime(2026, 4, 1, tzinfo=PARIS)}
    # The fallback says Pertuis for the member (0 km saved) but their own field wins.
    result = network_booking_savings(
        network=network,
        work_commune_of={member.pk: luberon["84089"], outsider.pk: luberon["13055"]},
        **period,
    )
    # 2 person-days × 2 × (54.5810 − 0.1647) km = 217.67 km; × 0.50 = 108.83 €.
    assert (result.people, result.person_days) == (2, 2)
    assert result.km == pytest.approx(217.67, abs=0.01)
    assert result.euros == Decimal("108.83")
    # Without a fallback only the member counts: 1 × 2 × 54.4163 = 108.83 km; × 0.50 = 54.42 €.
    own_only = network_booking_savings(network=network, **period)
    assert (own_only.people, own_only.person_days) == (1, 1)
    assert own_only.euros == Decimal("54.42")
    assert own_only.skipped_reasons == {"commune de travail non renseignée": 1}


def test_commute_api(client, luberon, place):
    r = client.post(
        "/api/v1/commute-savings",
        {
            "member": {"home": "84089", "work": "Marseille", "days_per_week": 2},
            "video": {"origin": "Pertuis", "destination": "13055"},
        },
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["member"]["euros_per_year"] == "5115.13"
    assert body["video"]["trip_cost"] == "54.58" and body["video"]["break_even_km_one_way"] == 98.0
    assert {p["name"] for p in body["parameters"]} >= {"cost_per_km", "kg_co2e_per_km", "working_weeks"}


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({}, 400, "member"),
        ({"member": {"home": "Atlantis", "work": "13055", "days_per_week": 2}}, 400, "member.home"),
        ({"member": {"home": "84089", "work": "13055", "days_per_week": 9}}, 400, "member.days_per_week"),
        (
            {"member": {"home": "84089", "work": "13055", "days_per_week": 1, "place_id": 999999}},
            400,
            "member.place_id",
        ),
        ({"video": {"session_price": -3, "km_one_way": 10}}, 400, "video.session_price"),
        ({"video": {"session_price": 98}}, 400, "video.km_one_way"),
        ({"video": {"km_one_way": 10}, "parameters": {"working_weeks": 0}}, 400, "working_weeks"),
        ({"member": {"home": "84089"}}, 422, "member.work"),
    ],
)
def test_commute_api_bad_input(client, luberon, place, payload, status, field):
    r = client.post("/api/v1/commute-savings", payload, content_type="application/json")
    assert r.status_code == status, r.content
    assert field in r.json()["errors"]


def test_commute_page_default_shows_the_baticom_example(client, luberon):
    r = client.get("/territoire/trajets/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Bâticom" in html and "54,58" in html and "98" in html


def test_commute_page_member(client, luberon, place, outsider, other_host):
    params = {"home": "Pertuis", "work": "Marseille", "days_per_week": "2", "cost_per_km": "0.50"}
    r = client.get("/territoire/trajets/", params)
    assert r.status_code == 200
    html = r.content.decode()
    assert "5\xa0115,13" in html or "5\u202f115,13" in html
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/trajets/", params).status_code == 200


def test_commute_page_errors_in_french(client, luberon):
    r = client.get("/territoire/trajets/", {"home": "Atlantis", "work": "", "days_per_week": "9"})
    assert r.status_code == 200
    html = r.content.decode()
    assert (
        "Commune inconnue" in html
        and "Ce champ est obligatoire" in html
        and "inférieure ou égale à 7" in html
    )
    r = client.get("/territoire/trajets/", {"visio-session_price": "-5", "visio-travellers": "1"})
    assert r.status_code == 200
    assert "supérieure ou égale à 0" in r.content.decode()
