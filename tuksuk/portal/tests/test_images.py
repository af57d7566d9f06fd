"""Published photos carry no EXIF (no GPS, no camera) and are blurred where the approver drew boxes."""

import io

import pytest
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat

from tuksuk.portal import images

from .conftest import exif_jpeg

pytestmark = pytest.mark.django_db


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_published_copy_has_no_exif_gps_or_camera_data():
    original = exif_jpeg().read()
    assert _opened(original).getexif().get_ifd(0x8825)  # the original does carry GPS
    data, _w, _h = images.public_copy(original, [])
    copy = _opened(data)
    assert copy.format == "JPEG"
    assert not copy.getexif()
    assert "exif" not in copy.info
    assert "icc_profile" not in copy.info
    assert "xmp" not in copy.info
    assert b"TukPhone" not in data
    assert b"Exif" not in data


def test_blur_changes_the_pixels_inside_the_box_only():
    original = exif_jpeg(size=(400, 300)).read()
    plain, _w, _h = images.public_copy(original, [])
    blurred, _w, _h = images.public_copy(original, [[0.25, 0.25, 0.75, 0.75]])
    plain_img, blurred_img = _opened(plain).convert("L"), _opened(blurred).convert("L")
    inside, outside = (120, 95, 280, 205), (0, 0, 80, 60)
    # Noise inside the box is smoothed away (its spread collapses); outside it is untouched.
    assert ImageStat.Stat(blurred_img.crop(inside)).stddev[0] < ImageStat.Stat(plain_img.crop(inside)).stddev[0] / 4
    difference = ImageChops.difference(plain_img.crop(outside), blurred_img.crop(outside))
    assert difference.getextrema()[1] < 16


def test_large_photos_are_resized():
    _data, width, height = images.public_copy(exif_jpeg(size=(3200, 1000), pattern=False).read(), [])
    assert (width, height) == (images.MAX_SIDE, 500)


@pytest.mark.parametrize(
    "boxes",
    [[[0, 0, 2, 1]], [[0, 0, 1]], "x", [["a", 0, 1, 1]], [[float("nan"), 0, 1, 1]], [[0, 0, 0.5, 0.5]] * 31],
)
def test_bad_blur_boxes_are_refused(boxes):
    with pytest.raises(ValueError, match="กรอบ"):
        images.clean_boxes(boxes)


def test_served_image_has_no_exif_and_long_public_cache(client, world):
    image = world.published.images.first()
    response = client.get(reverse("portal:image", kwargs={"token": image.public_token}))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert not _opened(data).getexif()
    assert "public" in response["Cache-Control"]
    assert "max-age=604800" in response["Cache-Control"]
    assert not response.cookies


def test_approver_blur_is_applied_on_approval(client_for, world, django_capture_on_commit_callbacks):
    from tuksuk.portal import services

    from .conftest import make_item

    item = make_item("5703", world.team, "ภาพเบลอ")
    services.add_image(item, exif_jpeg(size=(400, 300)), actor=world.team, phase="before")
    services.propose(item, actor=world.team)
    image = item.images.get()
    response = client_for(world.chief).post(
        reverse("portal_admin:blur", kwargs={"pk": image.pk}), {"boxes": "[[0.25, 0.25, 0.75, 0.75]]"}
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.blur_boxes == [[0.25, 0.25, 0.75, 0.75]]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(item, actor=world.chief)
    image.refresh_from_db()
    with image.published.open("rb") as handle:
        published = _opened(handle.read()).convert("L")
    with image.file.open("rb") as handle:
        original, _w, _h = images.public_copy(handle.read(), [])
    plain = _opened(original).convert("L")
    inside = (120, 95, 280, 205)
    assert ImageStat.Stat(published.crop(inside)).stddev[0] < ImageStat.Stat(plain.crop(inside)).stddev[0] / 4


def test_videos_are_refused_as_photos(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tuksuk.cases.media import UploadRejected
    from tuksuk.portal import services

    from .conftest import make_item

    item = make_item("5703", world.team, "วิดีโอ")
    mp4 = SimpleUploadedFile("v.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100, content_type="video/mp4")
    with pytest.raises(UploadRejected):
        services.add_image(item, mp4, actor=world.team)
    assert not item.images.exists()
