"""The abuse limits' counters: one statement per operation, windows that end, integers only."""

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from coopconnect.core.counters import CounterCache
from coopconnect.core.ratelimit import RateLimited, hit

pytestmark = pytest.mark.django_db


@pytest.fixture
def counters() -> CounterCache:
    return caches["ratelimit"]


def test_add_then_incr_then_the_window_ends(counters):
    with time_machine.travel("2026-12-02 10:00 +0000", tick=False) as clock:
        assert counters.add("w", 1, 60) is True
        assert counters.add("w", 1, 60) is False  # live: left alone
        assert counters.incr("w") == 2 and counters.incr("w", 5) == 7
        assert counters.get("w") == 7
        clock.shift(61)
        assert counters.get("w") is None
        with pytest.raises(ValueError):
            counters.incr("w")
        assert counters.add("w", 1, 60) is True  # an expired window is replaced
        assert counters.get("w") == 1


def test_set_touch_delete_clear(counters):
    counters.set("a", 3, 60)
    assert counters.get("a") == 3 and counters.touch("a", 120) and counters.has_key("a")
    assert counters.delete("a") and not counters.delete("a")
    counters.set("b", 1)
    counters.clear()
    assert counters.get("b", "none") == "none"
    with pytest.raises(TypeError):
        counters.set("c", "not a count")


def test_a_limited_request_costs_one_or_two_statements_per_window(settings):
    settings.RATE_LIMITS = {"api_write": (("client", "3/m"), ("client", "100/d"))}
    request = RequestFactory().post("/api/v1/bookings", REMOTE_ADDR="203.0.113.9")
    request.auth = type("Token", (), {"pk": 7})()
    with CaptureQueriesContext(connection) as first:
        hit(request, "api_write")
    with CaptureQueriesContext(connection) as second:
        hit(request, "api_write")
    assert len(first) <= 3  # two inserts (and a rare clean-up of ended windows)
    assert len(second) <= 5  # per window: the add that changes nothing, the increment
    assert not any("COUNT(" in q["sql"].upper() for q in [*first.captured_queries, *second.captured_queries])
    hit(request, "api_write")
    with pytest.raises(RateLimited):
        hit(request, "api_write")
