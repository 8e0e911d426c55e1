"""Place photos: checked, upright, two WebP widths, uploaded by the place's hosts, served lazily."""

import html
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coopconnect.core.testing.images import sample_photo
from coopconnect.places import photos

pytestmark = pytest.mark.django_db


def decoded(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_a_camera_photo_becomes_two_small_webp():
    original = sample_photo(2000, 1500)
    prepared = photos.prepare(original)
    large, small = decoded(prepared.large), decoded(prepared.small)
    assert (large.format, large.size) == ("WEBP", (960, 720))
    assert (small.format, small.size) == ("WEBP", (480, 360))
    assert (prepared.width, prepared.height) == (960, 720)
    assert len(prepared.small) < len(prepared.large) < len(original)


def test_a_phone_photo_is_turned_upright_and_never_enlarged():
    prepared = photos.prepare(sample_photo(600, 400, exif_rotated=True))
    assert decoded(prepared.large).size == (400, 600)  # the EXIF said "turn 90°"
    assert decoded(prepared.small).size == (400, 600)  # narrower than 480 already: kept as is


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"pas une image", "n'est pas une image lisible"),
        (sample_photo(40, 30, "GIF"), "JPEG, PNG ou WebP"),
        (sample_photo(40, 30, "PNG")[:60], "n'est pas une image lisible"),  # cut short
    ],
)
def test_what_is_not_a_photo_is_refused_in_french(data, message):
    with pytest.raises(ValidationError) as exc:
        photos.prepare(data)
    assert message in exc.value.messages[0]


def test_too_many_pixels_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 100 * 100)
    with pytest.raises(ValidationError, match="40 millions de pixels"):
        photos.prepare(sample_photo(120, 100))


def upload(client, place, data: bytes, name: str = "lieu.jpg"):
    return client.post(
        f"/lieux/{place.slug}/photo/", {"photo": SimpleUploadedFile(name, data, content_type="image/jpeg")}
    )


def test_host_uploads_replaces_and_removes(client, host, place):
    client.force_login(host)
    assert upload(client, place, sample_photo(1200, 800)).status_code == 302
    place.refresh_from_db()
    first = [place.photo.name, place.photo_small.name]
    assert all(n.endswith(".webp") for n in first) and (place.photo_width, place.photo_height) == (960, 640)
    assert all(default_storage.exists(n) for n in first)

    page = client.get(f"/lieux/{place.slug}/").content.decode()
    small = first[1].rsplit("/", 1)[-1]
    assert f'src="/lieux/{place.slug}/photos/{small}"' in page
    assert 'loading="lazy"' in page and "480w" in page and "960w" in page
    served = client.get(f"/lieux/{place.slug}/photos/{small}")
    assert served["Content-Type"] == "image/webp" and "immutable" in served["Cache-Control"]
    assert decoded(b"".join(served.streaming_content)).size == (480, 320)

    assert upload(client, place, sample_photo(900, 600)).status_code == 302
    place.refresh_from_db()
    assert place.photo.name not in first  # a new name, so the old URL may stay cached for good
    assert not any(default_storage.exists(n) for n in first)
    kept = [place.photo.name, place.photo_small.name]
    assert client.post(f"/lieux/{place.slug}/photo/", {"action": "remove"}).status_code == 302
    place.refresh_from_db()
    assert not place.photo and place.photo_width is None
    assert not any(default_storage.exists(n) for n in kept)
    assert client.get(f"/lieux/{place.slug}/photos/{kept[1].rsplit('/', 1)[-1]}").status_code == 404


def test_bad_file_shows_french_error_and_keeps_the_photo(client, host, place):
    client.force_login(host)
    upload(client, place, sample_photo(600, 400))
    place.refresh_from_db()
    before = place.photo.name
    response = upload(client, place, b"%PDF-1.7 pas une photo", "facture.pdf")
    assert response.status_code == 400
    assert "n'est pas une image lisible" in html.unescape(response.content.decode())
    place.refresh_from_db()
    assert place.photo.name == before and default_storage.exists(before)


@pytest.mark.parametrize("who", ["other_host", "outsider", "member"])
def test_strangers_cannot_change_the_photo(client, request, place, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/lieux/{place.slug}/photo/").status_code == 403
    assert upload(client, place, sample_photo(60, 40)).status_code == 403
    place.refresh_from_db()
    assert not place.photo


def test_anonymous_is_sent_to_sign_in(client, place):
    response = upload(client, place, sample_photo(60, 40))
    assert response.status_code == 302 and "connexion" in response["Location"]


def test_coordinator_of_the_network_may(client, coordinator, place):
    client.force_login(coordinator)
    assert upload(client, place, sample_photo(60, 40)).status_code == 302


def test_a_file_of_another_place_is_not_served(client, host, place, other_place):
    client.force_login(host)
    upload(client, place, sample_photo(60, 40))
    place.refresh_from_db()
    name = place.photo.name.rsplit("/", 1)[-1]
    assert client.get(f"/lieux/{other_place.slug}/photos/{name}").status_code == 404


def test_the_api_gives_the_photo_paths(client, host, place):
    assert client.get(f"/api/v1/places/{place.pk}").json()["photo"] is None
    client.force_login(host)
    upload(client, place, sample_photo(1200, 900))
    photo = client.get(f"/api/v1/places/{place.pk}").json()["photo"]
    assert (photo["width"], photo["height"]) == (960, 720)
    assert client.get(photo["small_url"])["Content-Type"] == "image/webp"
    assert photo["url"] != photo["small_url"]


def test_a_failed_save_leaves_no_file_behind(host, place, monkeypatch):
    from coopconnect.core.errors import DomainError
    from coopconnect.places import services
    from coopconnect.places.models import Place

    def refuse(self, *args, **kwargs):
        raise DomainError("base indisponible")

    monkeypatch.setattr(Place, "save", refuse)
    with pytest.raises(DomainError):
        services.place_set_photo(place=place, data=sample_photo(80, 60), by=host)
    assert default_storage.listdir("places")[1] == []
