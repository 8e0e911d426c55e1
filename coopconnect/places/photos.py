"""Place photos: an upload checked, turned upright, resized to two widths and encoded as WebP.

Pure image work (no database): :func:`prepare` gives the bytes the service stores. Two widths so a
phone on a slow line loads the small one (``srcset``): about 25 KB instead of a camera's 4 MB.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

LARGE = 960  # px wide: the place page on a computer
SMALL = 480  # px wide: phones, directory cards
QUALITY = 72
MAX_BYTES = 10 * 2**20
MAX_PIXELS = 40_000_000  # a 40-megapixel camera; beyond, a decompression bomb more likely than a photo
FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class PreparedPhoto:
    """The two WebP encodings of one photo, their size and a short hash for the file names."""

    large: bytes
    small: bytes
    width: int
    height: int
    digest: str


def _webp(image: Image.Image, width: int) -> tuple[bytes, tuple[int, int]]:
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "WEBP", quality=QUALITY, method=4)
    return out.getvalue(), image.size


def prepare(data: bytes) -> PreparedPhoto:
    """Check an uploaded photo (JPEG, PNG or WebP) and encode it; a French ValidationError otherwise."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Photo trop lourde : 10 Mo au plus."), code="too_big")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, pixels = probe.format, probe.width * probe.height
            probe.verify()
        if kind not in FORMATS:
            raise ValidationError(
                _("Format non accepté : envoyez une photo JPEG, PNG ou WebP."), code="format"
            )
        if pixels > MAX_PIXELS:
            raise ValidationError(_("Image trop grande : 40 millions de pixels au plus."), code="too_big")
        with Image.open(io.BytesIO(data)) as img:
            upright = ImageOps.exif_transpose(img).convert("RGB")  # phones store the rotation apart
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Ce fichier n'est pas une image lisible."), code="invalid") from exc
    large, (width, height) = _webp(upright, LARGE)
    small, _size = _webp(upright, SMALL)
    return PreparedPhoto(large, small, width, height, hashlib.sha256(large).hexdigest()[:12])
