"""Release no-shows after each place's delay and expire waitlist holds (run every 5 minutes)."""

from django.core.management.base import BaseCommand

from coopconnect.bookings.jobs import release_no_shows_job


class Command(BaseCommand):
    help = "Libère les réservations sans arrivée après le délai du lieu et fait expirer les propositions."

    def handle(self, *args, **options):
        released, expired = release_no_shows_job.call()
        self.stdout.write(f"{released} absence(s) libérée(s), {expired} proposition(s) expirée(s).")
