"""Opening hours: validation in French, plain-language text, open at/on, open intervals (Paris time)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from coopconnect.places.hours import describe, is_open_at, is_open_on, open_intervals, validate_opening_hours

PARIS = ZoneInfo("Europe/Paris")
# The Laragne relay as the study describes it: "journée continue (ou presque) entre 8h00 et 12h00
# puis 12h30 et 16h30", on weekdays, closed on public holidays.
LARAGNE = "Mo-Fr 08:00-12:00,12:30-16:30; PH off"


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


class TestValidate:
    @pytest.mark.parametrize("value", ["", "24/7", LARAGNE, "Mo-Fr 08:00-18:00; Sa 09:00-12:00; Su,PH off"])
    def test_valid(self, value: str) -> None:
        validate_opening_hours(value)

    def test_invalid_gives_french_message_with_position(self) -> None:
        with pytest.raises(ValidationError) as exc:
            validate_opening_hours("lundi 9h-12h")
        message = exc.value.messages[0]
        assert message.startswith(
            "Horaires invalides : « lundi 9h-12h » n'est pas compris (erreur vers le caractère 1)"
        )
        assert "Mo-Fr 08:30-12:00,13:30-18:00; PH off" in message
        assert exc.value.code == "invalid_opening_hours"

    def test_impossible_hour_is_invalid(self) -> None:
        with pytest.raises(ValidationError):
            validate_opening_hours("Mo-Fr 25:00-26:00x")


class TestDescribe:
    def test_laragne_in_french(self) -> None:
        assert describe(LARAGNE) == [
            "Lundi au vendredi : 8 h 00 – 12 h 00, 12 h 30 – 16 h 30",
            "Fermé les jours fériés",
        ]

    def test_laragne_in_english(self) -> None:
        assert describe(LARAGNE, lang="en") == [
            "Monday to Friday: 8:00–12:00, 12:30–16:30",
            "Closed on public holidays",
        ]

    def test_lists_weekends_and_closed_days(self) -> None:
        assert describe("Mo,Tu,Th 09:00-12:00; We 14:00-17:00; Sa 09:00-12:00; Su,PH off") == [
            # The library's normalization groups the days sharing the same hours.
            "Lundi, mardi, jeudi et samedi : 9 h 00 – 12 h 00",
            "Mercredi : 14 h 00 – 17 h 00",
            "Fermé le dimanche et les jours fériés",
        ]

    def test_always_open_and_every_day(self) -> None:
        assert describe("24/7") == ["Ouvert 24 h/24, 7 j/7"]
        assert describe("Mo-Su 08:00-20:00") == ["Tous les jours : 8 h 00 – 20 h 00"]

    def test_months_and_comment(self) -> None:
        # "Jul-Aug off" is normalized by the library into the months when the place is open.
        assert describe('Tu-Sa 09:00-12:00 "sur rendez-vous"; Aug off') == [
            "De janvier à juillet et de septembre à décembre, mardi au samedi : "
            "9 h 00 – 12 h 00 (sur rendez-vous)"
        ]

    def test_unsupported_syntax_falls_back_to_raw_text(self) -> None:
        assert describe("week 1-53/2 Fr 09:00-12:00") == [
            "Horaires (syntaxe OpenStreetMap) : week 1-53/2 Fr 09:00-12:00"
        ]

    def test_empty(self) -> None:
        assert describe("") == []


class TestOpenAt:
    def test_laragne_open_tuesday_morning_closed_at_lunch(self) -> None:
        # Tuesday 15 September 2026.
        assert is_open_at(LARAGNE, paris(2026, 9, 15, 9, 0)) is True
        assert is_open_at(LARAGNE, paris(2026, 9, 15, 12, 15)) is False
        assert is_open_at(LARAGNE, paris(2026, 9, 15, 12, 30)) is True
        assert is_open_at(LARAGNE, paris(2026, 9, 15, 16, 30)) is False

    def test_bastille_day_is_a_public_holiday(self) -> None:
        # 14 July 2026 is a Tuesday; "PH off" must close it with the French calendar.
        assert is_open_at(LARAGNE, paris(2026, 7, 14, 10, 0)) is False
        assert is_open_on(LARAGNE, date(2026, 7, 14)) is False
        assert is_open_on(LARAGNE, date(2026, 7, 15)) is True

    def test_utc_datetimes_are_converted_to_paris_time(self) -> None:
        # 07:00 UTC in summer is 09:00 in Paris (open); 10:15 UTC is 12:15 (lunch break).
        assert is_open_at(LARAGNE, datetime(2026, 9, 15, 7, 0, tzinfo=UTC)) is True
        assert is_open_at(LARAGNE, datetime(2026, 9, 15, 10, 15, tzinfo=UTC)) is False

    def test_naive_datetime_is_paris_wall_clock(self) -> None:
        assert is_open_at(LARAGNE, datetime(2026, 9, 15, 7, 45)) is False
        assert is_open_at(LARAGNE, datetime(2026, 9, 15, 8, 15)) is True

    def test_unknown_or_empty_gives_none(self) -> None:
        assert is_open_at("", paris(2026, 9, 15, 9, 0)) is None
        assert is_open_at("Mo-Fr 09:00-12:00 unknown", paris(2026, 9, 15, 9, 0)) is None
        assert is_open_on("", date(2026, 9, 15)) is None
        assert is_open_on("not hours", date(2026, 9, 15)) is None

    def test_saturday_closed(self) -> None:
        assert is_open_on(LARAGNE, date(2026, 9, 19)) is False


class TestOpenIntervals:
    def test_week_with_a_holiday(self) -> None:
        # Monday 13 to Wednesday 15 July 2026: Monday two periods, Tuesday 14 July closed, Wednesday two.
        got = open_intervals(LARAGNE, paris(2026, 7, 13, 0, 0), paris(2026, 7, 16, 0, 0))
        assert got == [
            (paris(2026, 7, 13, 8, 0), paris(2026, 7, 13, 12, 0)),
            (paris(2026, 7, 13, 12, 30), paris(2026, 7, 13, 16, 30)),
            (paris(2026, 7, 15, 8, 0), paris(2026, 7, 15, 12, 0)),
            (paris(2026, 7, 15, 12, 30), paris(2026, 7, 15, 16, 30)),
        ]
        assert all(a.tzinfo is not None and b.tzinfo is not None for a, b in got)

    def test_clipped_to_the_window(self) -> None:
        got = open_intervals(LARAGNE, paris(2026, 9, 15, 10, 0), paris(2026, 9, 15, 14, 0))
        assert got == [
            (paris(2026, 9, 15, 10, 0), paris(2026, 9, 15, 12, 0)),
            (paris(2026, 9, 15, 12, 30), paris(2026, 9, 15, 14, 0)),
        ]

    def test_always_open_is_one_interval(self) -> None:
        got = open_intervals("24/7", paris(2026, 10, 24, 0, 0), paris(2026, 10, 26, 0, 0))
        assert got == [(paris(2026, 10, 24, 0, 0), paris(2026, 10, 26, 0, 0))]

    def test_adjacent_periods_with_different_comments_are_merged(self) -> None:
        # "," adds a rule for the same day (";" would replace Monday's first rule).
        value = 'Mo 08:00-12:00 "accueil", Mo 12:00-14:00 "libre-service"'
        got = open_intervals(value, paris(2026, 9, 14, 0, 0), paris(2026, 9, 15, 0, 0))
        assert got == [(paris(2026, 9, 14, 8, 0), paris(2026, 9, 14, 14, 0))]

    def test_utc_window_gives_paris_results(self) -> None:
        # 05:00-10:00 UTC is 07:00-12:00 Paris (summer time): the morning period 08:00-12:00 only.
        got = open_intervals(
            LARAGNE, datetime(2026, 9, 15, 5, tzinfo=UTC), datetime(2026, 9, 15, 10, tzinfo=UTC)
        )
        assert got == [(paris(2026, 9, 15, 8, 0), paris(2026, 9, 15, 12, 0))]
        assert got[0][0].tzinfo == PARIS

    def test_empty_hours_or_empty_window(self) -> None:
        assert open_intervals("", paris(2026, 9, 15, 0, 0), paris(2026, 9, 16, 0, 0)) == []
        assert open_intervals(LARAGNE, paris(2026, 9, 16, 0, 0), paris(2026, 9, 15, 0, 0)) == []
