"""The Content-Security-Policy: every response carries it, and no template needs inline JavaScript."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tuksuk.core import csp

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(settings.BASE_DIR, "tuksuk").rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def test_pages_and_api_carry_the_policy(client):
    for url in (reverse("login"), reverse("health"), "/api/v1/public/"):
        header = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in header
        assert "frame-ancestors 'none'" in header
        assert "unsafe-inline" not in header.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_template_has_inline_javascript(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "move the script into a static file"
    assert not INLINE_HANDLER.search(text), "use a data-tuksuk-* attribute handled in tuksuk/static/tuksuk/app.js"
    assert "javascript:" not in text


def test_api_docs_load_their_script_from_a_url(admin_client):
    page = admin_client.get(reverse("api-docs")).content.decode()
    assert not INLINE_SCRIPT.search(page)


def test_map_tiles_server_is_allowed_for_images(settings):
    settings.TUKSUK_MAP_TILE_URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    assert "https://*.tile.example.org" in csp.policy().split("img-src")[1].split(";")[0]
    settings.TUKSUK_MAP_TILE_URL = ""
    assert "example.org" not in csp.policy()


def test_operator_may_replace_the_policy(settings):
    settings.TUKSUK_CSP = "default-src 'none'"
    assert csp.policy() == "default-src 'none'"
