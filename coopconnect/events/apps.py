from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "coopconnect.events"
    label = "events"
    verbose_name = _("Animations et formations")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.events import selectors
        from coopconnect.events.services import privacy

        register(Holder(app="events", export=selectors.personal_data, erase=privacy.anonymise_person))
