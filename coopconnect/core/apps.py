from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coopconnect.core"
    label = "core"
