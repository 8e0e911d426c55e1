"""Queue the reminder e-mails of tomorrow's bookings (run once a day, e.g. at 17:00)."""

from django.core.management.base import BaseCommand

from coopconnect.bookings.jobs import send_reminders_job


class Command(BaseCommand):
    help = "Envoie (via la file de tâches) le rappel des réservations du lendemain."

    def handle(self, *args, **options):
        count = send_reminders_job.call()
        self.stdout.write(f"{count} rappel(s) mis en file.")
