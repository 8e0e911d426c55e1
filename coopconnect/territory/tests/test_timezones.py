"""Overseas departments keep their own clock."""

import datetime as dt

from coopconnect.territory import timezones


def test_zones_of_departments():
    assert timezones.for_department("974").key == "Indian/Reunion"
    assert timezones.for_department("971").key == "America/Guadeloupe"
    assert timezones.for_department("976").key == "Indian/Mayotte"
    assert timezones.for_department("973").key == "America/Cayenne"
    assert timezones.for_department("84").key == "Europe/Paris"
    assert timezones.for_department("2A").key == "Europe/Paris"
    assert timezones.for_department(None).key == "Europe/Paris"
    assert timezones.for_insee("97411").key == "Indian/Reunion"
    assert timezones.for_insee("98818").key == "Pacific/Noumea"
    assert timezones.for_insee("84089").key == "Europe/Paris"


def test_local_now_in_reunion():
    # 06:00 UTC in June: 08:00 in Paris (summer time), 10:00 in Réunion (UTC+4 all year).
    now = dt.datetime(2027, 6, 14, 6, 0, tzinfo=dt.UTC)
    assert timezones.local_now("974", now).hour == 10
    assert timezones.local_now("84", now).hour == 8
