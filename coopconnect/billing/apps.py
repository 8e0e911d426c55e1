from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "coopconnect.billing"
    label = "billing"
    verbose_name = _("Facturation")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.billing import selectors
        from coopconnect.billing.services import privacy

        register(Holder(app="billing", export=selectors.personal_data, erase=privacy.anonymise_person))
