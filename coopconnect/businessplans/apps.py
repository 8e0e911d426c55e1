"""Business plans of a third place: charges, income, scenarios, sensitivity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BusinessplansConfig(AppConfig):
    name = "coopconnect.businessplans"
    label = "businessplans"
    verbose_name = _("Plans d'affaires")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.businessplans import selectors

        register(Holder(app="businessplans", export=selectors.personal_data))
