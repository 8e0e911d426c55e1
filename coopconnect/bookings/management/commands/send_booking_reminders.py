"""Queue the reminder e-mails of tomorrow's bookings (run once a day, e.g. at 17:00)."""

from django.core.management.base import BaseCommand

from coopconnect.bookings.notifications import send_reminders


class Command(BaseCommand):
    help = "Envoie (via la file de tâches) le rappel des réservations du lendemain."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} rappel(s) mis en file.")
