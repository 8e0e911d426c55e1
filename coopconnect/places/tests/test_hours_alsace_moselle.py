"""Alsace-Moselle public holidays: Good Friday and 26 December close "PH off" places in 57, 67 and 68.

Reichstett (Bas-Rhin, 67) is the study's reference place there; Bâticom Pertuis (Vaucluse, 84) is the
control with the same kind of hours. Good Friday 2027 is 26 March (Easter Sunday is 28 March);
26 December 2026 is a Saturday, 26 December 2028 a Tuesday.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coopconnect.bookings.selectors import place_day
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.slots import PlaceClosed
from coopconnect.core.seed import SeedContext
from coopconnect.places import hours
from coopconnect.places.hours import (
    department_of,
    describe,
    is_open_at,
    is_open_on,
    open_intervals,
)
from coopconnect.places.models import Place, Resource, ResourceKind
from coopconnect.places.public_holidays import regional_holidays
from coopconnect.places.seed import seed_reference_places
from coopconnect.places.selectors import place_list
from coopconnect.territory.models import Commune, Department, Region

PARIS = hours.PARIS
GOOD_FRIDAY_2027 = dt.date(2027, 3, 26)
ST_STEPHEN_2026 = dt.date(2026, 12, 26)
ST_STEPHEN_2028 = dt.date(2028, 12, 26)


def paris(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def reichstett(place: Place) -> Place:
    # After the Vaucluse control place: the seed then gives its own Bâticom reference a free slug.
    grand_est = Region.objects.create(code="44", name="Grand Est")
    bas_rhin = Department.objects.create(code="67", name="Bas-Rhin", region=grand_est)
    Commune.objects.create(
        insee="67389",
        name="Reichstett",
        search_name="reichstett",
        department=bas_rhin,
        region=grand_est,
        population=4500,
        postcodes="67116",
        latitude=48.6489,
        longitude=7.7547,
    )
    return seed_reference_places(SeedContext())["reichstett"]


class TestCalendar:
    @pytest.mark.parametrize(
        ("year", "good_friday"),
        # Easter Sunday 31/03/2024, 05/04/2026, 28/03/2027 -> Good Friday two days before.
        [(2024, dt.date(2024, 3, 29)), (2026, dt.date(2026, 4, 3)), (2027, dt.date(2027, 3, 26))],
    )
    def test_good_friday_follows_easter(self, year: int, good_friday: dt.date) -> None:
        assert regional_holidays(year, "67") == {good_friday, dt.date(year, 12, 26)}

    @pytest.mark.parametrize("department", ["57", "67", "68"])
    def test_alsace_moselle_has_two_more_days(self, department: str) -> None:
        assert regional_holidays(2027, department) == {GOOD_FRIDAY_2027, dt.date(2027, 12, 26)}

    @pytest.mark.parametrize("department", ["84", "2A", "75", None])
    def test_elsewhere_none(self, department: str | None) -> None:
        assert regional_holidays(2027, department) == frozenset()

    def test_department_comes_from_the_insee_code(self, reichstett: Place, place: Place) -> None:
        assert department_of(reichstett) == "67"
        assert department_of(place) == "84"
        assert department_of(Place(commune_id="97411")) == "974"
        assert department_of(Place()) is None


class TestReichstettHours:
    def test_reference_hours_close_on_public_holidays(self, reichstett: Place) -> None:
        assert reichstett.opening_hours == "Mo-Fr 08:00-18:00; PH off"

    def test_good_friday_2027_closed_in_reichstett_open_in_pertuis(
        self, reichstett: Place, place: Place
    ) -> None:
        dep = department_of(reichstett)
        assert is_open_on(reichstett.opening_hours, GOOD_FRIDAY_2027, department=dep) is False
        assert is_open_at(reichstett.opening_hours, paris(GOOD_FRIDAY_2027, 10), department=dep) is False
        # The Thursday before is an ordinary day there.
        assert is_open_on(reichstett.opening_hours, dt.date(2027, 3, 25), department=dep) is True
        # Same weekday hours in Vaucluse: Good Friday is a working day.
        assert is_open_on(place.opening_hours, GOOD_FRIDAY_2027, department=department_of(place)) is True
        assert is_open_at(place.opening_hours, paris(GOOD_FRIDAY_2027, 10), department="84") is True
        # Without the department the national calendar alone applies (as before).
        assert is_open_on(reichstett.opening_hours, GOOD_FRIDAY_2027) is True

    def test_26_december_2026_is_a_saturday_holiday(self, reichstett: Place, place: Place) -> None:
        # Reichstett's hours do not open on Saturdays; give both places the same Saturday hours.
        saturday_hours = "Mo-Sa 08:00-18:00; PH off"
        assert is_open_on(saturday_hours, ST_STEPHEN_2026, department=department_of(reichstett)) is False
        assert is_open_at(saturday_hours, paris(ST_STEPHEN_2026, 9), department="67") is False
        assert is_open_on(saturday_hours, ST_STEPHEN_2026, department=department_of(place)) is True
        # On a Tuesday (2028) the reference hours themselves close.
        assert is_open_on(reichstett.opening_hours, ST_STEPHEN_2028, department="67") is False
        assert is_open_on(place.opening_hours, ST_STEPHEN_2028, department="84") is True

    def test_week_of_easter_2027_intervals(self, reichstett: Place) -> None:
        # Thu 25 open; Fri 26 Good Friday (67); Sat-Sun closed; Mon 29 Easter Monday (national); Tue 30 open.
        got = open_intervals(
            reichstett.opening_hours,
            paris(dt.date(2027, 3, 25), 0),
            paris(dt.date(2027, 3, 31), 0),
            department="67",
        )
        assert got == [
            (paris(dt.date(2027, 3, 25), 8), paris(dt.date(2027, 3, 25), 18)),
            (paris(dt.date(2027, 3, 30), 8), paris(dt.date(2027, 3, 30), 18)),
        ]

    def test_ph_rules_with_hours_apply_on_regional_days(self) -> None:
        # "PH 10:00-12:00": on 26 December the place keeps its holiday hours, like on Christmas.
        value = 'Mo-Sa 08:00-18:00 "PH dans un commentaire"; PH 10:00-12:00'
        got = open_intervals(value, paris(ST_STEPHEN_2026, 0), paris(ST_STEPHEN_2026, 23), department="68")
        assert got == [(paris(ST_STEPHEN_2026, 10), paris(ST_STEPHEN_2026, 12))]
        assert is_open_on("Mo-Fr 09:00-12:00; Su,PH off", GOOD_FRIDAY_2027, department="57") is False

    def test_plain_french_text_names_the_regional_days(self, reichstett: Place, place: Place) -> None:
        assert describe(reichstett.opening_hours, department="67") == [
            "Lundi au vendredi : 8 h 00 – 18 h 00",
            "Fermé les jours fériés",
            "Jours fériés d'Alsace-Moselle compris : Vendredi saint et 26 décembre",
        ]
        assert describe(reichstett.opening_hours, "en", department="67")[-1] == (
            "Public holidays include the Alsace-Moselle ones: Good Friday and 26 December"
        )
        assert describe(place.opening_hours, department="84") == [
            "Lundi au vendredi : 8 h 30 – 12 h 30, 13 h 30 – 18 h 00",
            "Fermé les jours fériés",
        ]

    def test_place_page_says_closed_on_good_friday(self, client, reichstett: Place, place: Place) -> None:
        with time_machine.travel(paris(GOOD_FRIDAY_2027, 10), tick=False):
            page = client.get(reverse("places:place", args=[reichstett.slug])).content.decode()
            control = client.get(reverse("places:place", args=[place.slug])).content.decode()
        assert "Vendredi saint et 26 décembre" in page
        assert "<strong>Fermé</strong> en ce moment" in page
        assert "Ouvert maintenant" in control
        assert "Vendredi saint" not in control

    def test_directory_open_on_filter(self, reichstett: Place, place: Place) -> None:
        names = {p.name for p in place_list(open_on=GOOD_FRIDAY_2027)}
        assert place.name in names
        assert reichstett.name not in names
        assert reichstett.name in {p.name for p in place_list(open_on=dt.date(2027, 3, 25))}


class TestBookings:
    @pytest.fixture(autouse=True)
    def frozen(self):
        with time_machine.travel(paris(dt.date(2027, 3, 15), 7), tick=False):
            yield

    def test_booking_refused_on_good_friday_in_reichstett_only(
        self, reichstett: Place, seats: Resource, member
    ) -> None:
        seat = reichstett.resources.get(kind=ResourceKind.SEAT)
        with pytest.raises(PlaceClosed, match="Le lieu est fermé le 26/03/2027."):
            booking_create(
                resource=seat,
                person=member,
                start=paris(GOOD_FRIDAY_2027, 9),
                end=paris(GOOD_FRIDAY_2027, 12),
            )
        # The control place in Vaucluse takes the same booking.
        booking = booking_create(
            resource=seats, person=member, start=paris(GOOD_FRIDAY_2027, 9), end=paris(GOOD_FRIDAY_2027, 12)
        )
        assert booking.pk is not None

    def test_free_slots_none_on_good_friday_in_reichstett(self, reichstett: Place, seats: Resource) -> None:
        closed = place_day(reichstett, GOOD_FRIDAY_2027)
        assert closed and all(not s.open for day in closed for s in day.slots)
        assert all(day.free_periods == [] for day in closed)
        open_control = place_day(seats.place, GOOD_FRIDAY_2027)
        assert all(s.open for day in open_control for s in day.slots)
