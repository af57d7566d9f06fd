"""Evidence photos and videos: what an upload must be, and what is kept of it.

Rules
1. The type comes from the file's content, never from its name or the browser's content type.
   - Images are opened with Pillow and must be JPEG, PNG or WEBP (``verify()``, then reopened and decoded, so
     a truncated or corrupt file is refused before anything is stored). GIF, HEIF, SVG, TIFF… are refused.
   - Videos are recognised by their magic bytes: an ISO-BMFF ``ftyp`` box at offset 4 with a known brand
     (MP4, MOV, 3GP, M4V) or an EBML header (``1A 45 DF A3``) whose DocType is ``webm`` or ``matroska``.
     Only the container signature is checked: videos are stored as they are and never decoded on the server.
   - Anything else is refused with ``UploadRejected`` and a Thai message for the user.
2. An empty file is refused. Size limits are read from the settings at call time: ``TUKSUK_MAX_IMAGE_MB`` for
   images, ``TUKSUK_MAX_VIDEO_MB`` for videos.
3. Image bombs: an image of more than ``TUKSUK_MAX_IMAGE_PIXELS`` pixels (default 64 megapixels, above the
   48/50-megapixel phone cameras) is refused from its header alone, before any decoding; Pillow's own
   DecompressionBombWarning/Error never reach the caller.
4. The original file is kept byte for byte, GPS included (``has_location`` records that it has GPS EXIF). It is
   for internal use only and served through a scoped view.
5. Every copy made from an image — the thumbnail (``make_thumbnail``) and any public or published copy
   (``strip_metadata``) — is re-encoded with the EXIF orientation applied to the pixels and without any metadata:
   no EXIF (so no GPS), no XMP, no ICC profile, no comments.
6. Videos get no thumbnail (``Evidence.thumbnail`` stays empty): the server never decodes video.
7. ``attach_evidence`` checks the actor's write scope on the story's area (agency staff: on stories assigned to
   their agency) before it reads the file, validates the upload, then stores the file, the thumbnail, the
   ``Evidence`` row and the story event in one transaction. Nothing is written for a refused upload.
"""

from __future__ import annotations

import io
import itertools
import os
import secrets
import struct
import warnings
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tuksuk.accounts.scope import require_write

from .choices import EvidencePhase, MediaType, StoryEventKind
from .models import Action, Evidence, Story

# Pillow format name -> (content type, extension) of the accepted images.
IMAGE_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
# ISO-BMFF major brands (bytes 8-12 of the file) -> (content type, extension). HEIF/AVIF brands are not here.
FTYP_BRANDS: dict[bytes, tuple[str, str]] = {
    **dict.fromkeys(
        (b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"mmp4", b"MSNV"),
        ("video/mp4", "mp4"),
    ),
    b"qt  ": ("video/quicktime", "mov"),
    **dict.fromkeys((b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3gs7", b"3ge6", b"3ge7", b"3gg6"), ("video/3gpp", "3gp")),
    **dict.fromkeys((b"3g2a", b"3g2b", b"3g2c"), ("video/3gpp2", "3g2")),
    **dict.fromkeys((b"M4V ", b"M4VH", b"M4VP"), ("video/x-m4v", "m4v")),
}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPES: dict[bytes, tuple[str, str]] = {
    b"webm": ("video/webm", "webm"),
    b"matroska": ("video/x-matroska", "mkv"),
}
HEAD_BYTES = 4096  # enough for the ftyp box and the EBML header
DEFAULT_MAX_IMAGE_PIXELS = 64_000_000
THUMBNAIL_QUALITY = 82
PUBLIC_QUALITY = 90

# Everything Pillow's parsers are known to raise on a broken file.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError, TypeError)
_GPS_IFD = 0x8825  # EXIF tag 34853, GPSInfo


class UploadRejected(ValueError):
    """An upload refused; ``message`` is in Thai, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Inspected:
    """What an accepted upload turned out to be."""

    media_type: str  # MediaType
    content_type: str
    extension: str  # without the dot, e.g. "jpg"
    size: int  # bytes
    has_location: bool = False
    width: int | None = None  # images only (as stored, before EXIF orientation)
    height: int | None = None


def _not_accepted() -> UploadRejected:
    return UploadRejected(_("รับเฉพาะไฟล์ภาพ (JPEG, PNG, WEBP) หรือวิดีโอ (MP4, MOV, WEBM)"))


def _corrupt() -> UploadRejected:
    return UploadRejected(_("ไฟล์ภาพเสียหรือไม่สมบูรณ์ กรุณาถ่ายภาพหรือเลือกไฟล์ใหม่"))


def _max_pixels() -> int:
    return int(getattr(settings, "TUKSUK_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))


def _too_many_pixels() -> UploadRejected:
    megapixels = f"{_max_pixels() / 1_000_000:g}"
    return UploadRejected(_("ภาพมีความละเอียดสูงเกินไป (ไม่เกิน %(mp)s ล้านพิกเซล) กรุณาลดขนาดภาพก่อนส่ง") % {"mp": megapixels})


def _check_size(size: int, media_type: str) -> None:
    if media_type == MediaType.IMAGE:
        limit_mb = settings.TUKSUK_MAX_IMAGE_MB
        message = _("ไฟล์ภาพใหญ่เกินไป (ไม่เกิน %(mb)s MB)")
    else:
        limit_mb = settings.TUKSUK_MAX_VIDEO_MB
        message = _("ไฟล์วิดีโอใหญ่เกินไป (ไม่เกิน %(mb)s MB)")
    if size > limit_mb * 1024 * 1024:
        raise UploadRejected(message % {"mb": limit_mb})


def _size_of(handle: Any) -> int:
    size = getattr(handle, "size", None)
    if size is None:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
    handle.seek(0)
    return int(size)


def sniff_video(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) when ``head`` starts a video container we accept."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return FTYP_BRANDS.get(head[8:12])
    if head.startswith(EBML_MAGIC):
        return EBML_DOCTYPES.get(_ebml_doctype(head[:64]))
    return None


def _ebml_doctype(header: bytes) -> bytes:
    """The DocType (element 0x4282) of an EBML header, when written with a one-byte size as encoders do."""
    at = header.find(b"\x42\x82")
    if at < 0 or at + 3 > len(header) or not header[at + 2] & 0x80:
        return b""
    length = header[at + 2] & 0x7F
    return header[at + 3 : at + 3 + length].rstrip(b"\x00")


def _open_image(source: IO[bytes]) -> Image.Image:
    """Open an accepted image format lazily (header only), refusing bombs before any pixel is decoded."""
    source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source, formats=tuple(IMAGE_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except UnidentifiedImageError as exc:
        raise _not_accepted() from exc
    except _DECODE_ERRORS as exc:
        raise _corrupt() from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise _corrupt()
    if width * height > _max_pixels():
        raise _too_many_pixels()
    return image


def _decoded(source: IO[bytes], draft_side: int | None = None) -> Image.Image:
    """The image opened and decoded (a JPEG at reduced scale when ``draft_side`` is given)."""
    image = _open_image(source)
    try:
        if draft_side and image.format == "JPEG":
            image.draft("RGB", (draft_side, draft_side))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except _DECODE_ERRORS as exc:
        raise _corrupt() from exc
    return image


def _has_gps(image: Image.Image) -> bool:
    try:
        return bool(image.getexif().get_ifd(_GPS_IFD))
    except _DECODE_ERRORS:
        # Unreadable EXIF: say "has a location" so nobody treats the original as safe to publish.
        return True


def inspect_upload(uploaded_file: Any) -> Inspected:
    """Decide from the content what ``uploaded_file`` is, and refuse it (``UploadRejected``) unless it is an
    accepted image or video within the limits. Reads the file; leaves it rewound."""
    size = _size_of(uploaded_file)
    if size == 0:
        raise UploadRejected(_("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่"))
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    video = sniff_video(head)
    if video:
        _check_size(size, MediaType.VIDEO)
        return Inspected(MediaType.VIDEO, video[0], video[1], size)

    image = _open_image(uploaded_file)
    content_type, extension = IMAGE_FORMATS[image.format or ""]
    _check_size(size, MediaType.IMAGE)
    width, height = image.size
    try:
        image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except _DECODE_ERRORS as exc:
        raise _corrupt() from exc
    # verify() leaves the image unusable: reopen and decode it (JPEGs at thumbnail scale, cheaply).
    image = _decoded(uploaded_file, draft_side=512)
    has_location = _has_gps(image)
    uploaded_file.seek(0)
    return Inspected(MediaType.IMAGE, content_type, extension, size, has_location, width, height)


def _as_stream(source: Any) -> tuple[IO[bytes], bool]:
    """A seekable binary stream for a path, bytes or a file object; and whether we opened it (so must close)."""
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source)), True
    if isinstance(source, str | os.PathLike):
        return open(source, "rb"), True  # closed by make_thumbnail
    return source, False


def _upright_clean(image: Image.Image) -> Image.Image:
    """A copy with the EXIF orientation applied to the pixels and no metadata but PNG transparency."""
    upright = ImageOps.exif_transpose(image)  # a new image (the original stays as it is)
    upright.info = {"transparency": upright.info["transparency"]} if "transparency" in upright.info else {}
    return upright


def _to_rgb(image: Image.Image) -> Image.Image:
    """RGB for a JPEG: transparent parts on white, CMYK and greyscale converted."""
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def make_thumbnail(uploaded_file_or_path: Any, max_side: int = 480) -> ContentFile:
    """A JPEG thumbnail (longest side ``max_side``), upright, RGB, with no metadata at all.

    Images only: videos have no thumbnail (``attach_evidence`` leaves ``Evidence.thumbnail`` empty for them).
    Accepts an uploaded file, a path or bytes. Raises ``UploadRejected`` when the image cannot be decoded."""
    stream, opened = _as_stream(uploaded_file_or_path)
    try:
        image = _decoded(stream, draft_side=max_side)
        try:
            thumb = _to_rgb(_upright_clean(image))
            thumb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            thumb.save(out, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True, exif=b"")
        except _DECODE_ERRORS as exc:
            raise _corrupt() from exc
    finally:
        if opened:
            stream.close()
        else:
            stream.seek(0)
    return ContentFile(out.getvalue(), name="thumbnail.jpg")


def strip_metadata(image_bytes: bytes) -> bytes:
    """The image re-encoded in its own format (JPEG, PNG or WEBP), upright, without EXIF (so no GPS), XMP, ICC
    profile or comments. For public and published copies; the original evidence file keeps its metadata."""
    image = _decoded(io.BytesIO(image_bytes))
    fmt = image.format or "JPEG"
    try:
        clean = _upright_clean(image)
        out = io.BytesIO()
        if fmt == "JPEG":
            if clean.mode not in ("RGB", "L", "CMYK"):
                clean = _to_rgb(clean)
            clean.save(out, "JPEG", quality=PUBLIC_QUALITY, optimize=True, exif=b"")
        elif fmt == "WEBP":
            clean.save(out, "WEBP", quality=PUBLIC_QUALITY, exif=b"", xmp=b"", icc_profile=b"")
        else:
            clean.save(out, "PNG", optimize=True)
    except _DECODE_ERRORS as exc:
        raise _corrupt() from exc
    return out.getvalue()


@transaction.atomic
def store_upload(item, uploaded_file: Any, *, exclude: list[str] | None = None, then=None):  # type: ignore[no-untyped-def]
    """Check an upload (``UploadRejected`` when it is not a photo or video we accept), then save it on ``item``
    (an Evidence or a project progress photo): the original as it came, a metadata-free thumbnail for images,
    and the row, then ``then(item)`` (e.g. the event). If anything fails, the files written are removed again (the
    row rolls back with the transaction, files would not)."""
    inspected = inspect_upload(uploaded_file)
    thumbnail = make_thumbnail(uploaded_file) if inspected.media_type == MediaType.IMAGE else None
    item.token = secrets.token_hex(16)
    item.media_type, item.content_type, item.size = inspected.media_type, inspected.content_type, inspected.size
    item.has_location = inspected.has_location
    item.full_clean(exclude=[*(exclude or []), "file", "thumbnail"])
    stored: list[str] = []
    try:
        uploaded_file.seek(0)
        item.file.save(f"{item.token}.{inspected.extension}", uploaded_file, save=False)
        stored.append(item.file.name)
        if thumbnail is not None:
            item.thumbnail.save(f"{item.token}.jpg", thumbnail, save=False)
            stored.append(item.thumbnail.name)
        item.save()
        if then is not None:
            then(item)
    except BaseException:
        for name in stored:
            item.file.storage.delete(name)
        raise
    return item


def serve_stored(item, variant: str = "file"):  # type: ignore[no-untyped-def]
    """The response for a stored photo or video, after the caller checked the user may see it."""
    from django.http import FileResponse

    stored = item.thumbnail if variant == "thumb" and item.thumbnail else item.file
    content_type = "image/jpeg" if stored is item.thumbnail else item.content_type
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attach_evidence(
    story: Story,
    uploaded_file: Any,
    *,
    actor,
    phase: str = EvidencePhase.OTHER,
    caption: str = "",  # type: ignore[no-untyped-def]
    action: Action | None = None,
) -> Evidence:
    """Attach a photo or video to a story (or one of its actions). Checks the actor's scope, refuses bad uploads
    (``UploadRejected``), stores the original and a thumbnail, and writes the story's ``evidence`` event."""
    from .services import _agency_of, _event  # services may come to import this module

    require_write(actor, story.area_id, _agency_of(actor, story))
    from tuksuk.privacy.restrictions import ensure_changeable

    ensure_changeable(story.household)
    if action is not None and action.story_id != story.pk:
        raise ValidationError({"action": _("การช่วยเหลือที่เลือกไม่ได้อยู่ในเรื่องนี้")})
    if phase not in EvidencePhase.values:
        raise ValidationError({"phase": _("กรุณาระบุว่าเป็นภาพก่อน หลัง หรือภาพประกอบ")})
    evidence = Evidence(story=story, action=action, phase=phase, caption=caption.strip(), uploaded_by=actor)
    store_upload(
        evidence,
        uploaded_file,
        exclude=["story", "action", "uploaded_by"],
        then=lambda saved: _event(story, StoryEventKind.EVIDENCE, actor, evidence=saved.pk, phase=phase),
    )
    return evidence


def before_after_pairs(story: Story) -> list[tuple[Evidence | None, Evidence | None]]:
    """The story's before/after photos, paired: per action (and once for the story-level photos), the n-th
    "before" with the n-th "after" in upload order; an unmatched one pairs with None. Groups come in the order
    of their first photo."""
    photos = Evidence.objects.filter(
        story=story, media_type=MediaType.IMAGE, phase__in=(EvidencePhase.BEFORE, EvidencePhase.AFTER)
    ).order_by("uploaded_at", "id")
    groups: dict[int | None, tuple[list[Evidence], list[Evidence]]] = {}
    for photo in photos:
        before, after = groups.setdefault(photo.action_id, ([], []))
        (before if photo.phase == EvidencePhase.BEFORE else after).append(photo)
    return [pair for before, after in groups.values() for pair in itertools.zip_longest(before, after)]
