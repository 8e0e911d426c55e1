"""``{% place_photo place %}``: a place's photo, two widths in a ``srcset``, loaded lazily."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("places/partials/_photo.html")
def place_photo(place: Any, sizes: str = "(max-width: 40rem) 100vw, 40rem", eager: bool = False) -> dict:
    """The ``<img>`` of a place's photo, or nothing when it has none."""
    from coopconnect.places.exports import photo_ref
    from coopconnect.places.photos import LARGE, SMALL

    ref = photo_ref(place)
    if ref is None:
        return {"src": ""}
    large, small = ref["url"], ref["small_url"]
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
