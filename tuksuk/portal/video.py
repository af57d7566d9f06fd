"""Video links of public items: YouTube and Facebook only, shown through their privacy-friendly embed players."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"})
FACEBOOK_HOSTS = frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "fb.watch"})
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def _youtube_id(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.hostname == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
        candidate = parts.path.split("/")[2] if len(parts.path.split("/")) > 2 else ""
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate) else None


def validate_video_url(url: str) -> str:
    """The link, trimmed, if it is an https YouTube or Facebook video link; ``ValidationError`` otherwise."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or parts.username or parts.password or parts.port not in (None, 443):
        raise ValidationError({"video_url": _("ลิงก์วิดีโอต้องขึ้นต้นด้วย https:// ของ YouTube หรือ Facebook")})
    if host in YOUTUBE_HOSTS and _youtube_id(url):
        return url
    if host in FACEBOOK_HOSTS and parts.path not in ("", "/"):
        return url
    raise ValidationError({"video_url": _("รับเฉพาะลิงก์วิดีโอจาก YouTube หรือ Facebook")})


def embed_url(url: str) -> str:
    """The address of the embedded player for a validated link ("" when there is none)."""
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(url)
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if video_id else ""
    if host in FACEBOOK_HOSTS:
        return f"https://www.facebook.com/plugins/video.php?href={quote(url, safe='')}&show_text=false"
    return ""
