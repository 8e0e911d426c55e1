"""Images made on the spot for tests: a photo-like gradient in any size and format."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image


def sample_photo(
    width: int = 600, height: int = 400, fmt: str = "JPEG", *, exif_rotated: bool = False
) -> bytes:
    """A smooth gradient (left red, bottom blue) encoded as ``fmt``; with ``exif_rotated``, a JPEG
    whose EXIF says "turn 90°" as phones write it."""
    img = Image.new("RGB", (width, height))
    img.putdata(
        [
            (255 * x // max(1, width - 1), 120, 255 * y // max(1, height - 1))
            for y in range(height)
            for x in range(width)
        ]
    )
    out = io.BytesIO()
    if exif_rotated:
        exif = Image.Exif()
        exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
        img.save(out, "JPEG", exif=exif)
    else:
        img.save(out, fmt)
    return out.getvalue()


def store_sample_photo(place: Any) -> None:
    """Give a place a stored photo in its two widths (what ``places.services.place_set_photo`` writes)."""
    from django.core.files.base import ContentFile

    from coopconnect.places.photos import prepare

    prepared = prepare(sample_photo(300, 200))
    place.photo.save(f"{place.slug}-balayage.webp", ContentFile(prepared.large), save=False)
    place.photo_small.save(f"{place.slug}-balayage-480.webp", ContentFile(prepared.small), save=False)
    place.save()
