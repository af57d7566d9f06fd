"""Evidence uploads: one test per rule of tuksuk/cases/media.py."""

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.cases.choices import StoryEventKind
from tuksuk.cases.media import (
    UploadRejected,
    attach_evidence,
    before_after_pairs,
    inspect_upload,
    make_thumbnail,
    strip_metadata,
)
from tuksuk.cases.models import Evidence, StoryEvent
from tuksuk.cases.services import assign_agency, record_action, record_story
from tuksuk.core.testing import make_user
from tuksuk.households.services import register_household
from tuksuk.indicators.models import Category

pytestmark = pytest.mark.django_db

NOT_ACCEPTED = "รับเฉพาะไฟล์ภาพ (JPEG, PNG, WEBP) หรือวิดีโอ (MP4, MOV, WEBM)"
GPS = {1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)}
FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 2000


def image_bytes(fmt="JPEG", size=(64, 48), mode="RGB", gps=False, orientation=None, **params) -> bytes:
    image = Image.new(mode, size, "red" if mode == "RGB" else 128)
    exif = Image.Exif()
    if gps:
        exif[0x8825] = GPS
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, fmt, exif=exif, **params)
    return out.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_declaring(width: int, height: int) -> bytes:
    """A 1×1 PNG whose IHDR claims ``width``×``height`` (CRC fixed): a decompression bomb's header."""
    data = bytearray(image_bytes("PNG", (1, 1), "L"))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def gps_of(data: bytes) -> dict:
    return dict(opened(data).getexif().get_ifd(0x8825))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def pakthor():
    """District team of อำเภอปากท่อ (7008)."""
    return make_user("district_team", "7008")


@pytest.fixture
def story(pakthor):
    Area.objects.get_or_create(
        code="70080501", defaults={"level": "village", "parent_id": "700805", "name_th": "บ้านทดสอบ"}
    )
    household = register_household(
        actor=pakthor, village_code="70080501", house_code="70080123451", head_name="นางเอื้อง ใจดี"
    )
    return record_story(household, actor=pakthor, category=Category.objects.get(pk=1))


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


# --- inspect_upload ------------------------------------------------------------------------------------------------


def test_gps_exif_fixture_round_trips():
    assert gps_of(image_bytes(gps=True)) == GPS


def test_jpeg_with_gps_is_an_image_with_location():
    found = inspect_upload(upload(image_bytes(gps=True)))
    assert (found.media_type, found.content_type, found.extension) == ("image", "image/jpeg", "jpg")
    assert (found.width, found.height) == (64, 48)
    assert found.has_location is True


def test_jpeg_without_gps_has_no_location():
    assert inspect_upload(upload(image_bytes())).has_location is False


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"), [("PNG", "image/png", "png"), ("WEBP", "image/webp", "webp")]
)
def test_png_and_webp_are_accepted_and_their_gps_seen(fmt, content_type, extension):
    found = inspect_upload(upload(image_bytes(fmt, gps=True), name="x.bin", content_type="application/octet-stream"))
    assert (found.media_type, found.content_type, found.extension, found.has_location) == (
        "image",
        content_type,
        extension,
        True,
    )


def test_type_comes_from_the_content_not_the_name():
    found = inspect_upload(upload(image_bytes("PNG"), name="photo.jpg", content_type="image/jpeg"))
    assert (found.content_type, found.extension) == ("image/png", "png")


def test_text_file_renamed_jpg_is_rejected():
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(upload("ไม่ใช่รูปภาพ".encode() * 50, name="photo.jpg", content_type="image/jpeg"))
    assert caught.value.message == NOT_ACCEPTED
    assert str(caught.value) == NOT_ACCEPTED


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_rejected(fmt):
    with pytest.raises(UploadRejected, match=r"รับเฉพาะไฟล์ภาพ"):
        inspect_upload(upload(image_bytes(fmt)))


@pytest.mark.parametrize(
    ("head", "content_type", "extension"),
    [
        (b"\x00\x00\x00\x18ftypmp42", "video/mp4", "mp4"),
        (b"\x00\x00\x00\x20ftypisom", "video/mp4", "mp4"),
        (b"\x00\x00\x00\x14ftypqt  ", "video/quicktime", "mov"),
        (b"\x00\x00\x00\x18ftyp3gp4", "video/3gpp", "3gp"),
        (b"\x00\x00\x00\x1cftypM4V ", "video/x-m4v", "m4v"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87\x81\x02", "video/webm", "webm"),
        (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska\x42\x87\x81\x04", "video/x-matroska", "mkv"),
    ],
)
def test_videos_are_recognised_by_magic_bytes(head, content_type, extension):
    found = inspect_upload(upload(head + b"\x00" * 1000, name="clip.txt", content_type="text/plain"))
    assert (found.media_type, found.content_type, found.extension) == ("video", content_type, extension)
    assert found.has_location is False
    assert found.width is None


@pytest.mark.parametrize(
    "head",
    [
        b"\x00\x00\x00\x18ftypheic",  # HEIF photo in an ftyp box
        b"\x00\x00\x00\x18ftypavif",
        b"\x00\x00\x00\x18ftypXXXX",
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84abcd",  # EBML, but not a video DocType
    ],
)
def test_unknown_containers_are_rejected(head):
    with pytest.raises(UploadRejected, match=r"รับเฉพาะไฟล์ภาพ"):
        inspect_upload(upload(head + b"\x00" * 100, name="clip.mp4", content_type="video/mp4"))


@pytest.mark.parametrize("side", [9000, 10000, 20000])  # our own limit, Pillow's warning, Pillow's error
def test_decompression_bombs_are_rejected_with_a_thai_message(side):
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(upload(png_declaring(side, side), name="bomb.png"))
    assert "ล้านพิกเซล" in caught.value.message


def test_pixel_limit_comes_from_settings(settings):
    settings.TUKSUK_MAX_IMAGE_PIXELS = 1000
    with pytest.raises(UploadRejected, match=r"ไม่เกิน 0\.001 ล้านพิกเซล"):
        inspect_upload(upload(image_bytes(size=(40, 40))))


def test_empty_file_is_rejected():
    with pytest.raises(UploadRejected, match=r"ไฟล์ว่างเปล่า"):
        inspect_upload(upload(b""))


def test_truncated_image_is_rejected_as_corrupt():
    data = image_bytes(size=(400, 300))
    with pytest.raises(UploadRejected, match=r"ไฟล์ภาพเสียหรือไม่สมบูรณ์"):
        inspect_upload(upload(data[: len(data) // 2]))


def test_png_with_a_bad_crc_is_rejected_as_corrupt():
    data = bytearray(image_bytes("PNG", (50, 50)))
    data[-20] ^= 0xFF  # inside IDAT
    with pytest.raises(UploadRejected, match=r"ไฟล์ภาพเสียหรือไม่สมบูรณ์"):
        inspect_upload(upload(bytes(data)))


def test_size_limits_come_from_settings_at_call_time(settings):
    settings.TUKSUK_MAX_IMAGE_MB = 0
    with pytest.raises(UploadRejected, match=r"ไฟล์ภาพใหญ่เกินไป \(ไม่เกิน 0 MB\)"):
        inspect_upload(upload(image_bytes()))
    assert inspect_upload(upload(FAKE_MP4)).media_type == "video"  # the video limit is separate
    settings.TUKSUK_MAX_VIDEO_MB = 0
    with pytest.raises(UploadRejected, match=r"ไฟล์วิดีโอใหญ่เกินไป \(ไม่เกิน 0 MB\)"):
        inspect_upload(upload(FAKE_MP4))


def test_inspection_leaves_the_file_rewound():
    file = upload(image_bytes())
    inspect_upload(file)
    assert file.tell() == 0


# --- thumbnails and stripped copies ---------------------------------------------------------------------------------


def test_thumbnail_is_a_small_upright_rgb_jpeg_without_any_metadata():
    source = image_bytes(size=(1200, 600), gps=True, orientation=6, icc_profile=b"fake-icc", comment=b"secret")
    thumb = make_thumbnail(upload(source)).read()
    image = opened(thumb)
    assert (image.format, image.mode) == ("JPEG", "RGB")
    assert image.size == (240, 480)  # rotated by the EXIF orientation, longest side 480
    assert len(image.getexif()) == 0
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(image.info)
    assert b"Exif" not in thumb


def test_thumbnail_from_a_path_and_of_a_transparent_png(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(image_bytes("PNG", size=(100, 50), mode="RGBA"))
    image = opened(make_thumbnail(path, max_side=40).read())
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (40, 20))


def test_thumbnail_of_a_non_image_is_rejected():
    with pytest.raises(UploadRejected):
        make_thumbnail(FAKE_MP4)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_strip_metadata_keeps_the_format_and_drops_exif(fmt):
    source = image_bytes(fmt, size=(60, 20), gps=True, orientation=8)
    assert gps_of(source)
    clean = strip_metadata(source)
    image = opened(clean)
    assert image.format == fmt
    assert image.size == (20, 60)  # orientation applied to the pixels
    assert len(image.getexif()) == 0
    assert not {"exif", "icc_profile", "xmp"} & set(image.info)


# --- attach_evidence --------------------------------------------------------------------------------------------------


def test_attach_a_jpeg_stores_original_and_clean_thumbnail(story, pakthor, media_root):
    evidence = attach_evidence(
        story,
        upload(image_bytes(gps=True), name="../../etc/passwd"),
        actor=pakthor,
        phase="before",
        caption=" บ้านก่อนซ่อม ",
    )
    evidence.refresh_from_db()
    assert (evidence.media_type, evidence.content_type, evidence.phase) == ("image", "image/jpeg", "before")
    assert evidence.has_location is True
    assert evidence.caption == "บ้านก่อนซ่อม"
    assert len(evidence.token) == 32
    assert evidence.uploaded_by == pakthor
    assert evidence.file.name.startswith("evidence/7008/")
    assert evidence.file.name.endswith(f"/{evidence.token}.jpg")  # named by the token, not the upload
    with evidence.file.open("rb") as handle:
        assert gps_of(handle.read()) == GPS  # the original keeps its GPS (internal use only)
    with evidence.thumbnail.open("rb") as handle:
        thumb = handle.read()
    assert len(opened(thumb).getexif()) == 0
    assert b"Exif" not in thumb
    event = StoryEvent.objects.get(story=story, kind=StoryEventKind.EVIDENCE)
    assert event.data == {"evidence": evidence.pk, "phase": "before"}
    assert event.actor == pakthor


def test_attach_an_mp4_stores_a_video_without_thumbnail(story, pakthor, media_root):
    evidence = attach_evidence(story, upload(FAKE_MP4, name="clip.mov", content_type="video/quicktime"), actor=pakthor)
    assert (evidence.media_type, evidence.content_type, evidence.size) == ("video", "video/mp4", len(FAKE_MP4))
    assert evidence.file.name.endswith(".mp4")
    assert not evidence.thumbnail
    assert evidence.phase == "other"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ไฟล์ว่างเปล่า"),
        (png_declaring(20000, 20000), "ล้านพิกเซล"),
        (b"just some text\n" * 10, "รับเฉพาะไฟล์ภาพ"),
    ],
)
def test_rejected_uploads_write_nothing(story, pakthor, media_root, content, message):
    before = Evidence.objects.count(), StoryEvent.objects.count()
    with pytest.raises(UploadRejected, match=message):
        attach_evidence(story, upload(content), actor=pakthor)
    assert (Evidence.objects.count(), StoryEvent.objects.count()) == before
    assert stored_files(media_root) == []


def test_user_of_another_district_may_not_attach(story, media_root):
    chiang_khong = make_user("district_team", "5703")
    with pytest.raises(PermissionDenied):
        attach_evidence(story, upload(image_bytes()), actor=chiang_khong)
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_agency_staff_may_attach_to_a_story_assigned_to_their_agency(story, pakthor, media_root):
    agency = Agency.objects.order_by("code").first()
    staff = make_user("agency_staff", "7008", agency=agency.code)
    with pytest.raises(PermissionDenied):
        attach_evidence(story, upload(image_bytes()), actor=staff)
    assign_agency(story, agency, actor=pakthor)
    assert attach_evidence(story, upload(image_bytes()), actor=staff).uploaded_by == staff


def test_action_must_belong_to_the_story(story, pakthor, media_root):
    other = record_story(story.household, actor=pakthor, category=Category.objects.get(pk=2))
    action = record_action(
        other, actor=pakthor, done_on=dt.date(2025, 1, 10), description="ซ่อมหลังคา", dimension="immediate"
    )
    with pytest.raises(ValidationError) as caught:
        attach_evidence(story, upload(image_bytes()), actor=pakthor, action=action)
    assert "การช่วยเหลือที่เลือกไม่ได้อยู่ในเรื่องนี้" in caught.value.message_dict["action"]
    assert attach_evidence(other, upload(image_bytes()), actor=pakthor, action=action).action == action


def test_unknown_phase_is_refused(story, pakthor, media_root):
    with pytest.raises(ValidationError):
        attach_evidence(story, upload(image_bytes()), actor=pakthor, phase="during")
    assert stored_files(media_root) == []


# --- before/after ---------------------------------------------------------------------------------------------------


def test_before_after_pairs_per_action_and_story_level(story, pakthor, media_root):
    roof = record_action(
        story, actor=pakthor, done_on=dt.date(2025, 1, 10), description="ซ่อมหลังคา", dimension="immediate"
    )
    toilet = record_action(
        story, actor=pakthor, done_on=dt.date(2025, 1, 12), description="สร้างห้องน้ำ", dimension="sustainable"
    )

    def attach(phase, action=None, data=None):
        return attach_evidence(story, upload(data or image_bytes()), actor=pakthor, phase=phase, action=action)

    house_before = attach("before")
    roof_before_1 = attach("before", roof)
    roof_before_2 = attach("before", roof)
    attach("other", roof)  # not a before/after photo
    attach("before", roof, FAKE_MP4)  # videos are not paired
    roof_after_1 = attach("after", roof)
    toilet_after = attach("after", toilet)
    house_after = attach("after")

    assert before_after_pairs(story) == [
        (house_before, house_after),
        (roof_before_1, roof_after_1),
        (roof_before_2, None),
        (None, toilet_after),
    ]


def test_before_after_pairs_of_a_story_without_photos(story):
    assert before_after_pairs(story) == []


def test_files_are_removed_when_the_database_write_fails(story, pakthor, media_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("tuksuk.cases.services._event", broken)
    with pytest.raises(RuntimeError):
        attach_evidence(story, upload(image_bytes()), actor=pakthor)
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []
