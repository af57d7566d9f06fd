"""What a knowledge-base file may be, decided from its content (never its name or the browser's content type).

- PDF: starts with ``%PDF-``.
- Office Open XML (.docx, .xlsx, .pptx): a ZIP whose directory holds ``[Content_Types].xml`` and ``word/``, ``xl/``
  or ``ppt/``. Macro-enabled files (with ``vbaProject.bin``) are refused. Only the ZIP directory is read; nothing
  is decompressed.
- OpenDocument (.odt, .ods, .odp): a ZIP whose ``mimetype`` entry (stored first, uncompressed) names the type.
- Legacy Office (.doc, .xls, .ppt): the OLE2 compound-file signature; the extension comes from the file name only
  when it is one of those three (the container alone does not say which).
- Videos: as ``tuksuk.cases.media`` decides for evidence (MP4, MOV, WEBM…) within ``TUKSUK_MAX_VIDEO_MB``.

An empty file is refused; documents are limited to ``TUKSUK_MAX_DOCUMENT_MB`` (default 25 MB). Refusals raise
``UploadRejected`` with a Thai message. Files are served only through ``views.knowledge.item_file`` (logged in,
item visible to the user).
"""

from __future__ import annotations

import os
import re
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from tuksuk.cases.media import HEAD_BYTES, UploadRejected, inspect_upload, sniff_video

DEFAULT_MAX_DOCUMENT_MB = 25
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OLE2_TYPES = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
SAFE_NAME = re.compile(r"[^\w.\- ()\u0E00-\u0E7F]+")

__all__ = ["Accepted", "UploadRejected", "inspect_document", "max_document_mb", "stored_name"]


@dataclass(frozen=True)
class Accepted:
    content_type: str
    extension: str
    size: int
    is_video: bool = False


def max_document_mb() -> int:
    return int(getattr(settings, "TUKSUK_MAX_DOCUMENT_MB", DEFAULT_MAX_DOCUMENT_MB))


def _not_accepted() -> UploadRejected:
    return UploadRejected(_("รับเฉพาะเอกสาร PDF, Word, Excel, PowerPoint, OpenDocument หรือวิดีโอ (MP4, MOV, WEBM)"))


def _size_of(handle: Any) -> int:
    size = getattr(handle, "size", None)
    if size is None:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
    handle.seek(0)
    return int(size)


def _zip_type(handle: Any) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError):
        raise UploadRejected(_("ไฟล์เสียหรือไม่สมบูรณ์ กรุณาเลือกไฟล์ใหม่")) from None
    finally:
        handle.seek(0)
    if mimetype in ODF:
        return mimetype.decode(), ODF[mimetype]
    if "[Content_Types].xml" in names:
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise UploadRejected(_("ไม่รับไฟล์ Office ที่มีมาโคร กรุณาบันทึกเป็นไฟล์ที่ไม่มีมาโคร (.docx .xlsx .pptx)"))
        for prefix, found in OOXML.items():
            if any(name.startswith(prefix) for name in names):
                return found
    raise _not_accepted()


def _check_document_size(size: int) -> None:
    if size > max_document_mb() * 1024 * 1024:
        raise UploadRejected(_("ไฟล์เอกสารใหญ่เกินไป (ไม่เกิน %(mb)s MB)") % {"mb": max_document_mb()})


def inspect_document(uploaded_file: Any) -> Accepted:
    """Decide from the content what ``uploaded_file`` is; ``UploadRejected`` unless an accepted document or video
    within the limits. Leaves the file rewound."""
    size = _size_of(uploaded_file)
    if size == 0:
        raise UploadRejected(_("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่"))
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    if sniff_video(head):
        inspected = inspect_upload(uploaded_file)  # the evidence rules and TUKSUK_MAX_VIDEO_MB
        return Accepted(inspected.content_type, inspected.extension, size, is_video=True)
    if head.startswith(b"%PDF-"):
        _check_document_size(size)
        return Accepted("application/pdf", "pdf", size)
    if head.startswith(OLE2_MAGIC):
        _check_document_size(size)
        extension = (getattr(uploaded_file, "name", "") or "").rsplit(".", 1)[-1].lower()
        if extension not in OLE2_TYPES:
            raise _not_accepted()
        return Accepted(OLE2_TYPES[extension], extension, size)
    if head.startswith(b"PK\x03\x04"):
        _check_document_size(size)
        content_type, extension = _zip_type(uploaded_file)
        return Accepted(content_type, extension, size)
    raise _not_accepted()


def stored_name(original: str, extension: str) -> tuple[str, str]:
    """A fresh random token for the stored file, and the name the user downloads it under (the original name,
    cleaned, ending in the extension the content showed)."""
    token = secrets.token_hex(16)
    base = SAFE_NAME.sub("_", os.path.basename(original or "")).strip(" ._")[:150]
    base = base.rsplit(".", 1)[0] if "." in base else base
    return token, f"{base or 'file'}.{extension}"
