"""``{% place_photo place %}``: a place's photo, two widths in a ``srcset``, loaded lazily."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


def _url(place: Any, field: Any) -> str:
    return reverse("places:photo", kwargs={"slug": place.slug, "name": field.name.rsplit("/", 1)[-1]})


@register.inclusion_tag("places/partials/_photo.html")
def place_photo(place: Any, sizes: str = "(max-width: 40rem) 100vw, 40rem", eager: bool = False) -> dict:
    """The ``<img>`` of a place's photo, or nothing when it has none."""
    if not place.photo:
        return {"src": ""}
    from coopconnect.places.photos import LARGE, SMALL

    large, small = _url(place, place.photo), _url(place, place.photo_small or place.photo)
    width, height = place.photo_width or LARGE, place.photo_height or round(LARGE * 2 / 3)
    return {
        "src": small,
        "srcset": f"{small} {SMALL}w, {large} {min(width, LARGE)}w",
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": place.name,
        "eager": eager,
    }
