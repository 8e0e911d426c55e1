"""A Réunion place is open by Réunion's clock, not by Paris's."""

import datetime as dt

import pytest
import time_machine

from coopconnect.places import hours
from coopconnect.territory.models import Commune, Department, Region


def test_reunion_place_open_at_ten_local():
    # 06:00 UTC on a Monday of June = 10:00 in Réunion (UTC+4) = 08:00 in Paris.
    when = dt.datetime(2027, 6, 14, 6, 0, tzinfo=dt.UTC)
    assert hours.is_open_at("Mo-Fr 08:00-18:00", when, department="974") is True
    # Paris time would say 08:00 too... the evening shows the difference: 15:00 UTC = 19:00 local.
    evening = dt.datetime(2027, 6, 14, 15, 0, tzinfo=dt.UTC)
    assert hours.is_open_at("Mo-Fr 08:00-18:00", evening, department="974") is False
    assert hours.is_open_at("Mo-Fr 08:00-18:00", evening, department="84") is True
    # 04:30 UTC = 08:30 in Réunion (open), 06:30 in Paris (closed).
    early = dt.datetime(2027, 6, 14, 4, 30, tzinfo=dt.UTC)
    assert hours.is_open_at("Mo-Fr 08:00-18:00", early, department="974") is True
    assert hours.is_open_at("Mo-Fr 08:00-18:00", early, department="13") is False


@pytest.mark.django_db
def test_open_intervals_of_a_reunion_place_are_in_its_zone(place):
    reunion = Region.objects.create(code="04", name="La Réunion")
    dep = Department.objects.create(code="974", name="La Réunion", region=reunion)
    Commune.objects.create(
        insee="97411",
        name="Saint-Denis",
        search_name="saint denis",
        department=dep,
        region=reunion,
        latitude=-20.8789,
        longitude=55.4481,
    )
    place.commune_id = "97411"
    place.opening_hours = "Mo-Su 08:00-18:00"
    with time_machine.travel(dt.datetime(2027, 6, 14, 6, 0, tzinfo=dt.UTC), tick=False):
        assert hours.is_open_at(
            place.opening_hours, dt.datetime.now(dt.UTC), department=hours.department_of(place)
        )
    ((start, end),) = hours.day_open_intervals(place.opening_hours, dt.date(2027, 6, 14), department="974")
    assert start.utcoffset() == dt.timedelta(hours=4) and (start.hour, end.hour) == (8, 18)
