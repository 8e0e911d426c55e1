"""Forums of the networks and places: topics, posts, moderation, reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "coopconnect.forums"
    label = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.forums import selectors, services

        register(Holder(app="forums", export=selectors.personal_data, erase=services.anonymise_person))
