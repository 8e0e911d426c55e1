"""The shared cache's counter: atomic, and a window keeps its end."""

import time_machine
from django.core.cache import cache


def test_incr_keeps_the_expiry_of_the_window(db):
    with time_machine.travel("2027-03-15 09:00 +01:00", tick=False):
        assert cache.add("rl:test", 1, 3600)
        assert cache.incr("rl:test") == 2
    # Django's own incr would have rewritten the entry with the default 5-minute timeout.
    with time_machine.travel("2027-03-15 09:30 +01:00", tick=False):
        assert cache.incr("rl:test") == 3
    with time_machine.travel("2027-03-15 10:01 +01:00", tick=False):
        assert cache.get("rl:test") is None
