"""The missions board (bourse d'échanges): missions posted by people and employers, answers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "coopconnect.missions"
    label = "missions"
    verbose_name = _("Missions")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.missions import selectors, services

        register(Holder(app="missions", export=selectors.personal_data, erase=services.anonymise_person))
