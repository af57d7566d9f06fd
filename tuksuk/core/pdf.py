"""Printing to PDF with WeasyPrint: self-contained pages (inline CSS, Thai fonts from Debian's fonts-thai-tlwg:
Garuda, Loma, Norasi) and no network — every URL the renderer might try to fetch is refused."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def load_weasyprint():  # type: ignore[no-untyped-def]
    """Import WeasyPrint (ImportError or OSError when it or its Pango libraries are missing) without letting it change
    Pillow for the whole process: on import it sets ``ImageFile.LOAD_TRUNCATED_IMAGES = True``, which would let
    truncated photo uploads pass the corrupt-image check (``tuksuk.cases.media``)."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint
        import weasyprint.urls
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    weasyprint = load_weasyprint()

    class Offline(weasyprint.urls.URLFetcher):
        """Refuse every fetch: a printed page must not reach the network (or the file system)."""

        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            raise ValueError(f"no external resources in a printed page: {url}")

    return weasyprint.HTML(string=html, base_url=None, url_fetcher=Offline()).write_pdf()


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    """Render ``template`` in Thai (the language of the ministry's printed reports) and answer with the PDF."""
    with translation.override("th"):
        html = render_to_string(template, context)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response
