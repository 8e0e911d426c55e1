from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "coopconnect.bookings"
    label = "bookings"
    verbose_name = _("Réservations")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.bookings import selectors
        from coopconnect.bookings.services import privacy

        register(
            Holder(
                app="bookings",
                export=selectors.personal_data,
                erase=privacy.anonymise_person,
                purge=privacy.purge_expired,
            )
        )
