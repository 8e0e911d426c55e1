"""Themes of events: named freely by organisers, followed by people who want to hear of new events."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from coopconnect.accounts.models import User
from coopconnect.events.models import Theme, ThemeSubscription


def themes_from_names(names: Iterable[str]) -> list[Theme]:
    """Return the themes named (created when new), deduplicated by their slug."""
    found: dict[str, Theme] = {}
    for raw in names:
        name = " ".join(str(raw).split())[:80]
        slug = slugify(name)[:60]
        if not slug or slug in found:
            continue
        theme = Theme.objects.filter(slug=slug).first() or Theme.objects.create(slug=slug, name=name)
        found[slug] = theme
    return list(found.values())


@transaction.atomic
def themes_follow(*, person: User, theme_ids: Iterable[int]) -> list[Theme]:
    """Set the themes the person follows (they get an e-mail when a matching event is published)."""
    wanted = list(Theme.objects.filter(pk__in=list(theme_ids)))
    ThemeSubscription.objects.filter(person=person).exclude(theme__in=wanted).delete()
    have = set(ThemeSubscription.objects.filter(person=person).values_list("theme_id", flat=True))
    ThemeSubscription.objects.bulk_create(
        [ThemeSubscription(person=person, theme=t) for t in wanted if t.pk not in have]
    )
    return wanted
