"""Issue #8: hostile uploads through the real upload views (the story page's evidence form, the stories API and
the activity progress API). ``tuksuk/cases/tests/test_media.py`` covers the type sniffing, size limits and header
bombs of ``media.inspect_upload`` itself; these prove the views answer them with a Thai message, write nothing,
never 500, never echo a file name unescaped, and serve what they keep with its sniffed type and ``nosniff``."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tuksuk.cases.models import Evidence
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place, jpeg
from tuksuk.projects.models import ProgressUpdate

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

NOT_ACCEPTED = "รับเฉพาะไฟล์ภาพ"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def place():  # type: ignore[no-untyped-def]
    return build_place("5703", "570301")


@pytest.fixture
def team():  # type: ignore[no-untyped-def]
    return make_user("district_team", "5703")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(side: int) -> bytes:
    """A real PNG of ``side``×``side`` black 1-bit pixels: a few KB that would decode to side² pixels."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>fetch('/api/v1/me/')</script></body></html>"
REFUSED = {
    "bomb.png": (png_bomb(9000), "image/png"),  # 81 megapixels, over the 64 MP limit
    "photo.svg": (SVG, "image/svg+xml"),
    "photo.jpg (svg)": (SVG, "image/jpeg"),
    "photo.jpg (html)": (HTML, "image/jpeg"),
    "photo.png (html with a PNG signature)": (b"\x89PNG\r\n\x1a\n" + HTML, "image/png"),
    "photo.jpg (html with a JPEG signature)": (b"\xff\xd8\xff\xe0" + HTML, "image/jpeg"),
    "photo.gif": (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
        b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
        "image/gif",
    ),
    "report.pdf.jpg": (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"),
    "empty.jpg": (b"", "image/jpeg"),
    "truncated.jpg": (jpeg_bytes()[:60], "image/jpeg"),
    "zip.jpg": (b"PK\x03\x04" + b"\x00" * 200, "image/jpeg"),
}


def upload(label: str) -> SimpleUploadedFile:
    data, content_type = REFUSED[label]
    return SimpleUploadedFile(label.split(" ")[0], data, content_type=content_type)


@pytest.mark.parametrize("label", sorted(REFUSED))
def test_story_page_refuses_with_a_thai_message_and_writes_nothing(client_for, team, place, label):
    before = Evidence.objects.count()
    response = client_for(team).post(
        reverse("cases:evidence", kwargs={"pk": place.story.pk}),
        {"phase": "before", "caption": "", "files": [upload(label)]},
        follow=True,
    )
    assert response.status_code == 200
    assert Evidence.objects.count() == before
    text = response.content.decode()
    assert "กรุณาเลือกไฟล์" in text or NOT_ACCEPTED in text or "ไฟล์" in text


@pytest.mark.parametrize("label", sorted(REFUSED))
def test_stories_api_refuses_with_a_json_thai_message_and_writes_nothing(api_for, team, place, label):
    before = Evidence.objects.count()
    response = api_for(team).post(
        f"/api/v1/stories/{place.story.pk}/evidence/", {"file": upload(label), "phase": "before"}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    assert body["errors"]["file"]
    assert Evidence.objects.count() == before


@pytest.mark.parametrize("label", sorted(REFUSED))
def test_progress_api_refuses_and_writes_nothing(api_for, team, place, label):
    before = ProgressUpdate.objects.count()
    response = api_for(team).post(
        f"/api/v1/activities/{place.activity.pk}/updates/",
        {"who": "ทีม", "what": "ขุดสระ", "where": "หมู่ 1", "when": "2022-09-01", "files": [upload(label)]},
        format="multipart",
    )
    assert response.status_code == 400, response.content
    assert response.json()["message"]
    assert ProgressUpdate.objects.count() == before


def test_a_file_name_with_markup_is_shown_escaped(client_for, team, place):
    name = '<img src=x onerror="alert(1)">.jpg'
    response = client_for(team).post(
        reverse("cases:evidence", kwargs={"pk": place.story.pk}),
        {"phase": "before", "files": [SimpleUploadedFile(name, HTML, content_type="image/jpeg")]},
        follow=True,
    )
    text = response.content.decode()
    assert '<img src=x onerror="alert(1)">' not in text
    assert "&lt;img src=x onerror=" in text


def test_a_polyglot_jpeg_is_kept_but_only_ever_served_as_a_jpeg(client_for, api_for, team, place):
    """A valid JPEG with an HTML page (and a ZIP) appended is a JPEG to every decoder: it may be kept, byte for
    byte, but is served as image/jpeg with nosniff, so no browser runs the HTML."""
    polyglot = jpeg_bytes() + HTML + b"PK\x05\x06" + b"\x00" * 18
    response = api_for(team).post(
        f"/api/v1/stories/{place.story.pk}/evidence/",
        {"file": SimpleUploadedFile("x.html", polyglot, content_type="text/html"), "phase": "after"},
        format="multipart",
    )
    if response.status_code == 400:
        return  # refusing it is fine too
    assert response.status_code == 201
    evidence = Evidence.objects.get(token=response.json()["token"])
    assert evidence.content_type == "image/jpeg"
    assert not evidence.file.name.endswith((".html", ".htm"))
    served = client_for(team).get(reverse("cases:evidence-file", kwargs={"token": evidence.token}))
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_path_in_the_file_name_stays_inside_the_media_folder(api_for, team, place, media_root):
    response = api_for(team).post(
        f"/api/v1/stories/{place.story.pk}/evidence/",
        {"file": SimpleUploadedFile("../../../../etc/cron.d/x.jpg", jpeg_bytes(), content_type="image/jpeg")},
        format="multipart",
    )
    assert response.status_code == 201
    evidence = Evidence.objects.get(token=response.json()["token"])
    assert ".." not in evidence.file.name
    assert evidence.file.path.startswith(str(media_root))


def test_a_very_long_file_name_is_not_a_server_error(api_for, team, place):
    response = api_for(team).post(
        f"/api/v1/stories/{place.story.pk}/evidence/",
        {"file": SimpleUploadedFile("ก" * 600 + ".jpg", jpeg_bytes(), content_type="image/jpeg")},
        format="multipart",
    )
    assert response.status_code in (201, 400)


def test_over_the_size_limit_through_the_api(api_for, team, place, settings):
    settings.TUKSUK_MAX_IMAGE_MB = 0
    before = Evidence.objects.count()
    response = api_for(team).post(f"/api/v1/stories/{place.story.pk}/evidence/", {"file": jpeg()}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"]["file"]
    assert Evidence.objects.count() == before


def test_a_body_over_the_request_limit_is_a_clean_refusal(api_for, team, place, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = api_for(team).post(
        f"/api/v1/stories/{place.story.pk}/evidence/",
        {"file": jpeg(), "caption": "ก" * 5000},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["message"]
