"""A script books with a personal token: the token made on the account page, a real HTTP client
against the running server."""

import re

import requests
import time_machine

from coopconnect.accounts.models import PersonalToken
from coopconnect.accounts.scopes import BOOK, READ_BOOKINGS
from coopconnect.bookings.models import Booking
from coopconnect.bookings.tests.conftest import NOW, TUESDAY


def test_script_books_with_a_personal_token(client, live_server, member, seats):
    with time_machine.travel(NOW, tick=True):
        client.force_login(member)
        created = client.post(
            "/compte/jetons-personnels/nouveau/",
            {"name": "Script de réservation", "scopes": [READ_BOOKINGS, BOOK], "days": "30"},
            follow=True,
        )
        html = created.content.decode()
        raw = re.search(r'value="(ccp_[^"]+)"', html).group(1)
        # Shown once: the next visit shows only the prefix.
        assert raw not in client.get("/compte/jetons-personnels/").content.decode()
        assert PersonalToken.objects.get().secret_hash not in html

        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {raw}"
        booked = api.post(
            f"{live_server.url}/api/v1/bookings",
            json={"resource_id": seats.pk, "date": TUESDAY.isoformat(), "slot": "morning"},
            timeout=30,
        )
        assert booked.status_code == 201, booked.text
        mine = api.get(f"{live_server.url}/api/v1/bookings", timeout=30).json()
        assert [b["id"] for b in mine] == [booked.json()["id"]]
        booking = Booking.objects.get(pk=booked.json()["id"])
        assert (booking.person, booking.resource) == (member, seats)
        assert PersonalToken.objects.get().last_used_at is not None

        # Revoked on the account page: the script is refused at once.
        token = PersonalToken.objects.get()
        client.post(f"/compte/jetons-personnels/{token.pk}/revoquer/")
        refused = api.get(f"{live_server.url}/api/v1/bookings", timeout=30)
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'
