"""Release no-shows after each place's delay and expire waitlist holds (run every 5 minutes)."""

from django.core.management.base import BaseCommand

from coopconnect.bookings.checkin import release_no_shows
from coopconnect.bookings.waitlist import holds_expire


class Command(BaseCommand):
    help = "Libère les réservations sans arrivée après le délai du lieu et fait expirer les propositions."

    def handle(self, *args, **options):
        released = release_no_shows()
        expired = holds_expire()
        self.stdout.write(f"{released} absence(s) libérée(s), {expired} proposition(s) expirée(s).")
