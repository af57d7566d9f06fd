"""Knowledge-base files: the type comes from the content, sizes are limited, files reach logged-in readers only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.programme.learning.models import KnowledgeItem
from tuksuk.programme.learning.uploads import UploadRejected, inspect_document

from .helpers import item, mp4, office, pdf

pytestmark = pytest.mark.django_db


def test_documents_and_videos_are_recognised_by_content():
    assert inspect_document(pdf()).content_type == "application/pdf"
    assert inspect_document(office("word/")).extension == "docx"
    assert inspect_document(office("xl/", "budget.xlsx")).extension == "xlsx"
    assert inspect_document(office("ppt/", "slides.pptx")).extension == "pptx"
    assert (
        inspect_document(SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)).extension
        == "doc"
    )
    video = inspect_document(mp4())
    assert video.is_video
    assert video.content_type == "video/mp4"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("fake.pdf", b"just some text pretending to be a PDF"), "รับเฉพาะเอกสาร"),
        (SimpleUploadedFile("empty.pdf", b""), "ไฟล์ว่างเปล่า"),
        (SimpleUploadedFile("broken.docx", b"PK\x03\x04 not really a zip"), "ไฟล์เสีย"),
        (office("word/", "macro.docm", macro=True), "มาโคร"),
        (SimpleUploadedFile("program.exe", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "รับเฉพาะเอกสาร"),
        (SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100), "รับเฉพาะเอกสาร"),
    ],
    ids=["text-named-pdf", "empty", "broken-zip", "macro", "ole-not-office-name", "png-named-pdf"],
)
def test_other_files_are_refused_with_a_thai_message(upload, message):
    with pytest.raises(UploadRejected) as refused:
        inspect_document(upload)
    assert message in refused.value.message


def test_size_limits_for_documents_and_videos(settings):
    settings.TUKSUK_MAX_DOCUMENT_MB = 0
    with pytest.raises(UploadRejected, match="ไม่เกิน 0 MB"):
        inspect_document(pdf())
    settings.TUKSUK_MAX_VIDEO_MB = 0
    with pytest.raises(UploadRejected, match="วิดีโอใหญ่เกินไป"):
        inspect_document(mp4())


def test_a_refused_upload_writes_nothing(client_for, media):
    chief = make_user("district_chief", "5703")
    response = client_for(chief).post(
        reverse("learning:kb-new"),
        {
            "kind": "document",
            "title": "คู่มือ",
            "area": "5703",
            "year": 2565,
            "file": SimpleUploadedFile("x.pdf", b"hello"),
        },
    )
    assert response.status_code == 200
    assert "รับเฉพาะเอกสาร" in response.content.decode()
    assert not KnowledgeItem.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


def test_a_document_needs_a_file_and_a_video_a_link_or_a_video_file(admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="ไฟล์แนบ"):
        item(admin, "คู่มือไม่มีไฟล์", area=None, kind="document")
    with pytest.raises(ValidationError, match="ลิงก์วิดีโอ"):
        item(admin, "วิดีโอไม่มีลิงก์", area=None, kind="video")
    with pytest.raises(ValidationError, match="ไฟล์วิดีโอ"):
        item(admin, "วิดีโอเป็น PDF", area=None, kind="video", upload=pdf())
    assert item(admin, "วิดีโออบรม", area=None, kind="video", upload=mp4()).content_type == "video/mp4"


def test_files_are_served_only_to_logged_in_readers(client, client_for, admin, nobody):
    guide = item(admin, "คู่มือกลาง", area=None, kind="document", upload=pdf("คู่มือ น้ำ.pdf"))
    report = item(admin, "รายงาน", area=None, kind="document", upload=office())
    url = reverse("learning:kb-file", kwargs={"pk": guide.pk})
    assert client.get(url).status_code == 302  # to the login page
    assert client_for(nobody).get(url).status_code == 404
    reader = make_user("field_worker", "900501")
    response = client_for(reader).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    docx = client_for(reader).get(reverse("learning:kb-file", kwargs={"pk": report.pk}))
    assert docx["Content-Disposition"].startswith("attachment")
    assert "report.docx" in docx["Content-Disposition"]


def test_replacing_a_file_removes_the_old_one_after_commit(admin, media, django_capture_on_commit_callbacks):
    from tuksuk.programme.learning import services

    guide = item(admin, "คู่มือ", area=None, kind="document", upload=pdf())
    old = guide.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.update_item(guide, actor=admin, upload=office())
    guide.refresh_from_db()
    assert guide.file_name == "report.docx"
    assert guide.content_type.endswith("wordprocessingml.document")
    assert not __import__("os").path.exists(old)
