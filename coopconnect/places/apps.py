from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "coopconnect.places"
    label = "places"
    verbose_name = _("Lieux")

    def ready(self) -> None:
        from coopconnect.places.bouquet import ensure_bouquet

        # Reference data, not business logic: restored after a flush like Django's content types.
        post_migrate.connect(ensure_bouquet, sender=self, dispatch_uid="places_ensure_bouquet")
