"""Public holidays of a department: national days, plus those of Alsace-Moselle and overseas departments."""

import datetime as dt

import pytest

from coopconnect.places.hours import describe, is_open_on
from coopconnect.places.public_holidays import (
    calendar,
    regional_holiday_names,
    regional_holidays,
    subdivision_of,
)

WEEKDAYS = "Mo-Su 08:00-18:00; PH off"


@pytest.mark.parametrize(
    ("department", "subdivision"),
    [("57", "57"), ("67", "6AE"), ("68", "6AE"), ("971", "971"), ("974", "974"), ("84", None), (None, None)],
)
def test_department_to_subdivision(department: str | None, subdivision: str | None) -> None:
    assert subdivision_of(department) == subdivision


def test_national_calendar_has_the_eleven_days() -> None:
    days = calendar(2027)
    assert len(days) == 11
    assert days[dt.date(2027, 7, 14)] == "Fête nationale"
    assert dt.date(2027, 3, 26) not in days  # no Good Friday outside Alsace-Moselle


@pytest.mark.parametrize(
    ("department", "day"),
    [
        ("971", dt.date(2027, 5, 27)),  # Guadeloupe: abolition of slavery on 27 May
        ("972", dt.date(2027, 5, 22)),  # Martinique: 22 May
        ("973", dt.date(2027, 6, 10)),  # Guyane: 10 June
        ("974", dt.date(2027, 12, 20)),  # La Réunion: 20 December
        ("976", dt.date(2027, 4, 27)),  # Mayotte: 27 April
    ],
)
def test_overseas_departments_mark_the_abolition_of_slavery(department: str, day: dt.date) -> None:
    assert day in regional_holidays(2027, department)
    assert is_open_on(WEEKDAYS, day, department=department) is False
    assert is_open_on(WEEKDAYS, day, department="84") is True


def test_martinique_also_closes_on_good_friday_but_not_on_26_december() -> None:
    assert regional_holidays(2027, "972") == {
        dt.date(2027, 3, 26),  # Vendredi saint
        dt.date(2027, 5, 22),  # Abolition de l'esclavage
        dt.date(2027, 7, 21),  # Fête de Victor Schoelcher
    }


def test_a_plain_department_has_no_good_friday() -> None:
    good_friday = dt.date(2027, 3, 26)
    assert regional_holidays(2027, "84") == frozenset()
    assert is_open_on(WEEKDAYS, good_friday, department="84") is True
    assert is_open_on(WEEKDAYS, good_friday, department="67") is False


def test_the_calendars_are_built_once_per_year() -> None:
    calendar.cache_clear()
    for _ in range(3):
        regional_holidays.cache_clear()
        regional_holidays(2031, "974")
    # National and Réunion calendars of 2031: two builds, then read from the cache.
    assert calendar.cache_info().misses == 2
    assert calendar.cache_info().hits == 4


def test_local_days_are_named_in_the_readers_language() -> None:
    assert regional_holiday_names(2027, "974") == ["Abolition de l'esclavage"]
    assert regional_holiday_names(2027, "974", "en") == ["Abolition of Slavery"]
    assert (
        describe(WEEKDAYS, department="974")[-1] == "Jours fériés locaux compris : Abolition de l'esclavage"
    )
    assert describe(WEEKDAYS, "en", department="974")[-1] == (
        "Public holidays include the local ones: Abolition of Slavery"
    )
    assert describe(WEEKDAYS, department="84")[-1] != "Jours fériés locaux compris : "
