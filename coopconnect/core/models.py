"""Shared model bits."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """A model that records when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AbuseCounter(models.Model):
    """One window's count of an abuse limit (``core.counters.CounterCache``): a key, a count, an end.

    ``expires`` is in seconds since the epoch: the one statement per operation compares integers,
    the same on SQLite and PostgreSQL.
    """

    key = models.CharField(max_length=255, primary_key=True)
    value = models.BigIntegerField()
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        db_table = "coopconnect_abuse_counters"
        verbose_name = _("compteur anti-abus")
        verbose_name_plural = _("compteurs anti-abus")

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
