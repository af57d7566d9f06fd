"""The published copy of a photo: upright, blurred where the approver drew boxes, resized, JPEG, no metadata.

1. The original (internal) is decoded with its EXIF orientation applied to the pixels, so the boxes drawn on the
   upright thumbnail land on the same place.
2. Each box (``[x0, y0, x1, y1]`` in 0–1 of the width and height) is blurred strongly: pixelated to blocks of
   about a twelfth of the box and then Gaussian-blurred, so faces and house numbers cannot be read or restored.
3. The image is resized to at most ``MAX_SIDE`` pixels on its longest side and saved as a fresh JPEG with no EXIF
   (so no GPS, no camera make/model, no time), no ICC profile, no XMP and no comments.
"""

from __future__ import annotations

import io
import math

from django.utils.translation import gettext as _
from PIL import Image, ImageFilter, ImageOps

from tuksuk.cases.media import UploadRejected

MAX_SIDE = 1600
QUALITY = 85
MAX_BOXES = 30
MIN_BOX = 0.005  # boxes thinner than half a percent are a slip of the finger


def clean_boxes(raw) -> list[list[float]]:  # type: ignore[no-untyped-def]
    """Blur boxes as stored: a list of ``[x0, y0, x1, y1]`` within 0–1, corners sorted. ``ValueError`` otherwise."""
    if not isinstance(raw, list) or len(raw) > MAX_BOXES:
        raise ValueError(_("รายการบริเวณที่เบลอไม่ถูกต้อง (ไม่เกิน %(n)d กรอบ)") % {"n": MAX_BOXES})
    boxes = []
    for box in raw:
        if not isinstance(box, list | tuple) or len(box) != 4:
            raise ValueError(_("กรอบที่เบลอต้องมี 4 ค่า"))
        try:
            x0, y0, x1, y1 = (float(v) for v in box)
        except (TypeError, ValueError) as exc:
            raise ValueError(_("กรอบที่เบลอต้องเป็นตัวเลข")) from exc
        if not all(math.isfinite(v) and 0 <= v <= 1 for v in (x0, y0, x1, y1)):
            raise ValueError(_("กรอบที่เบลอต้องอยู่ภายในภาพ"))
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        if x1 - x0 >= MIN_BOX and y1 - y0 >= MIN_BOX:
            boxes.append([round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4)])
    return boxes


def _blur_region(image: Image.Image, box: tuple[int, int, int, int]) -> None:
    region = image.crop(box)
    width, height = region.size
    block = max(4, min(width, height) // 12)
    small = region.resize((max(1, width // block), max(1, height // block)), Image.Resampling.BILINEAR)
    region = small.resize((width, height), Image.Resampling.NEAREST)
    region = region.filter(ImageFilter.GaussianBlur(radius=max(4, block)))
    image.paste(region, box)


def public_copy(original: bytes, boxes: list[list[float]]) -> tuple[bytes, int, int]:
    """The publishable JPEG of ``original`` with ``boxes`` blurred; and its width and height."""
    try:
        with Image.open(io.BytesIO(original)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
        if image.mode != "RGB":
            if image.mode in ("RGBA", "LA", "PA", "P"):
                rgba = image.convert("RGBA")
                image = Image.new("RGB", rgba.size, (255, 255, 255))
                image.paste(rgba, mask=rgba.getchannel("A"))
            else:
                image = image.convert("RGB")
        image.info = {}
        width, height = image.size
        for x0, y0, x1, y1 in clean_boxes(boxes):
            area = (int(x0 * width), int(y0 * height), max(int(x0 * width) + 1, math.ceil(x1 * width)))
            area += (max(int(y0 * height) + 1, math.ceil(y1 * height)),)
            _blur_region(image, area)  # type: ignore[arg-type]
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True, exif=b"")
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise UploadRejected(_("ไม่สามารถเตรียมภาพนี้เพื่อเผยแพร่ได้ กรุณาลบภาพแล้วเลือกภาพอื่น")) from exc
    return out.getvalue(), image.width, image.height
