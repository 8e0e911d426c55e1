"""The demo bookings seed step runs through the services and is safe to run twice."""

import pytest
from django.core.management import call_command

from coopconnect.bookings.models import AccessGrant, Booking, BookingPolicy

pytestmark = pytest.mark.usefixtures("frozen")
STEPS = ["--only", "reference_places", "--only", "demo_users", "--only", "accounts", "--only", "bookings"]


@pytest.mark.django_db
def test_seed_bookings_twice():
    call_command("seed_demo", *STEPS)
    count = Booking.objects.count()
    # 5 open days at Laragne + 3 of 4 weekly afternoons (the 4th, 20/04, is beyond Laragne's 30 days
    # ahead) + a room and a video point at Pertuis + 1 request at Auch waiting for its host = 11.
    assert count == 11
    assert BookingPolicy.objects.count() >= 3
    assert AccessGrant.objects.count() == 1
    call_command("seed_demo", *STEPS)
    assert Booking.objects.count() == count
