from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "coopconnect.payments"
    label = "payments"
    verbose_name = _("Prélèvements et rapprochement bancaire")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.payments import selectors
        from coopconnect.payments.services import privacy

        register(Holder(app="payments", export=selectors.personal_data, erase=privacy.anonymise_person))
