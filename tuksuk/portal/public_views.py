"""The public showcase site (/p/): no login, no cookies, cacheable, built only from the publication model.

Every page here reads only ``PublicItem`` (published), ``PublicImage`` (published copies), ``PublicFigure`` (the
snapshot, through ``suppression``), and reference data (areas, pilot districts, categories, indicators, SDGs).
Nothing here touches ``request.user`` or the session, so no response sets a cookie or varies on one.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from tuksuk.areas.choices import AreaLevel, PilotLevel
from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.cases.choices import DONE_STATUSES
from tuksuk.core.thai import is_digits
from tuksuk.indicators.models import Category, Indicator, SdgGoal

from . import counting, page_cache, search
from .choices import ItemKind, ItemStatus, ShareChannel
from .figures import PROJECT_VALUE, PROJECTS, figures_for
from .models import PublicImage, PublicItem
from .suppression import shown
from .video import embed_url

PAGE_MAX_AGE = 60  # seconds: short, so an unpublished item leaves every cache within a minute
IMAGE_MAX_AGE = 7 * 24 * 3600  # a published copy's name changes on every publication
SEARCH_PAGE = 20
HIGHLIGHTS = 6
KIOSK_SECONDS = 12


def public_page(view):  # type: ignore[no-untyped-def]
    """GET only, ``Cache-Control: public, max-age=60``, rendered once per change (``page_cache``)."""

    @require_GET
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = page_cache.cached(request, lambda: view(request, *args, **kwargs), PAGE_MAX_AGE)
        patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
        return response

    return wrapper


def published_items():  # type: ignore[no-untyped-def]
    """The only items a public page may show. Reads nothing from the items' internal sources."""
    images = PublicImage.objects.filter(public_token__isnull=False).order_by("position", "id")
    return (
        PublicItem.objects.published()
        .select_related("district__parent", "category")
        .prefetch_related(Prefetch("images", queryset=images, to_attr="public_images"), "sdg_goals", "indicators")
        .order_by("-featured", "-published_at", "-id")
    )


def _pilots(year: int | None = None):  # type: ignore[no-untyped-def]
    # Which districts are pilots is public: not scoped by user.
    return (
        PilotDistrict.objects.filter(programme_year=year or settings.TUKSUK_PROGRAMME_YEAR)
        .select_related("district__parent")
        .order_by("level", "district__code")
    )


def _figure_context(figures) -> dict:  # type: ignore[no-untyped-def]
    """Figures by category (with their indicators) and by SDG, suppressed, plus chart data."""
    from tuksuk.reports import tallies

    categories = list(Category.objects.all())
    indicators = list(Indicator.objects.all())
    by_category = [
        {
            "category": c,
            "value": figures.public(tallies.CATEGORY, str(c.number)),
            "indicators": [
                (i, figures.public(tallies.INDICATOR, str(i.number))) for i in indicators if i.category_id == c.number
            ],
        }
        for c in categories
    ]
    goals = list(SdgGoal.objects.all())
    by_sdg = [
        (g, figures.public(tallies.SDG, str(g.number)), figures.public(tallies.SDG_DONE, str(g.number))) for g in goals
    ]
    chart = {
        "categories": [c.name for c in categories],
        "category_values": [figures.chart(tallies.CATEGORY, str(c.number)) for c in categories],
        "sdgs": [f"SDG {g.number}" for g in goals],
        "sdg_values": [figures.chart(tallies.SDG, str(g.number)) for g in goals],
        "sdg_done": [figures.chart(tallies.SDG_DONE, str(g.number)) for g in goals],
        "labels": {"stories": _("เรื่องราว"), "done": _("แก้ไขแล้ว"), "suppressed": _("น้อยกว่า 5")},
    }
    done = sum(figures.exact(tallies.STATUS, s) for s in DONE_STATUSES)
    headline = {
        "stories": figures.public_total(tallies.STATUS),
        "done": shown(done, figures.level),
        "households": figures.public(tallies.HOUSEHOLDS),
        "lifted": figures.public(tallies.LIFTED),
        "projects": figures.public(PROJECTS),
        "project_value": figures.public(PROJECT_VALUE),
    }
    return {"figures": figures, "by_category": by_category, "by_sdg": by_sdg, "chart_data": chart, "headline": headline}


@public_page
def home(request: HttpRequest) -> HttpResponse:
    figures = figures_for("")
    pilots = list(_pilots())
    context = {
        **_figure_context(figures),
        "highlights": list(published_items()[:HIGHLIGHTS]),
        "pilots": [p for p in pilots if p.level == PilotLevel.PROVINCE],
        "group_pilots": [p for p in pilots if p.level == PilotLevel.GROUP],
        "provinces": Area.objects.filter(level=AreaLevel.PROVINCE, code__in={p.district.parent_id for p in pilots}),
        "count_target": "page:home",
    }
    return render(request, "portal/home.html", context)


def _area(code: str, level: str) -> Area:
    if not is_digits(code):
        raise Http404
    area = Area.objects.filter(code=code, level=level).select_related("parent").first()
    if area is None:
        raise Http404
    return area


@public_page
def province(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code, AreaLevel.PROVINCE)
    pilot_codes = set(_pilots().filter(district__parent=area).values_list("district_id", flat=True))
    districts = Area.objects.filter(parent=area, level=AreaLevel.DISTRICT).order_by("code")
    context = {
        **_figure_context(figures_for(area.code)),
        "area": area,
        "districts": [(d, d.code in pilot_codes) for d in districts],
        "items": list(published_items().filter(district__parent=area)[:HIGHLIGHTS]),
        "count_target": f"page:province:{area.code}",
    }
    return render(request, "portal/province.html", context)


@public_page
def district(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code, AreaLevel.DISTRICT)
    context = {
        **_figure_context(figures_for(area.code)),
        "area": area,
        "pilot_flags": list(PilotDistrict.objects.filter(district=area).order_by("-programme_year")),
        "items": list(published_items().filter(district=area)[:50]),
        "count_target": f"page:district:{area.code}",
    }
    return render(request, "portal/district.html", context)


def _pairs(images: list[PublicImage]) -> tuple[list[tuple], list[PublicImage]]:
    from itertools import zip_longest

    before = [i for i in images if i.phase == "before"]
    after = [i for i in images if i.phase == "after"]
    return list(zip_longest(before, after)), [i for i in images if i.phase not in ("before", "after")]


@public_page
def item(request: HttpRequest, pk: int) -> HttpResponse:
    # The status is checked on every request: an unpublished item is gone at once (404, like one never published).
    found = published_items().filter(pk=pk).first()
    if found is None:
        raise Http404
    pairs, others = _pairs(found.public_images)
    views, shares = counting.target_counts(found.count_key)
    context = {
        "item": found,
        "pairs": pairs,
        "others": others,
        "video_embed": embed_url(found.video_url),
        "views": views,
        "shares": shares,
        "count_target": found.count_key,
        "related": list(published_items().filter(district=found.district).exclude(pk=found.pk)[:3]),
    }
    return render(request, "portal/item.html", context)


@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    kind = request.GET.get("kind") or ""
    results = PublicItem.objects.none()
    if query:
        condition = search.query_filter(query)
        if condition is not None:
            results = published_items().filter(condition)
    if kind in ItemKind.values:
        results = results.filter(kind=kind)
    page = Paginator(results, SEARCH_PAGE).get_page(request.GET.get("page"))
    context = {"query": query, "kind": kind, "kinds": ItemKind.choices, "page": page, "count_target": "page:search"}
    return render(request, "portal/search.html", context)


@public_page
def kiosk(request: HttpRequest) -> HttpResponse:
    """The exhibition screen; ``?seconds=N`` (5–300) sets how long each slide stays (default 12)."""
    figures = figures_for("")
    slides = list(published_items().filter(featured=True)[:20]) or list(published_items()[:12])
    seconds = request.GET.get("seconds", "")
    seconds = int(seconds) if is_digits(seconds) and len(seconds) <= 3 else KIOSK_SECONDS
    context = {
        **_figure_context(figures),
        "slides": slides,
        "count_target": "page:kiosk",
        "interval_ms": min(max(seconds, 5), 300) * 1000,
    }
    return render(request, "portal/kiosk.html", context)


@require_GET
def image(request: HttpRequest, token: str) -> FileResponse:
    """A published photo copy (no metadata, blurred as approved). 404 unless its item is published now."""
    if len(token) != 32 or not all(ch in "0123456789abcdef" for ch in token):
        raise Http404
    found = PublicImage.objects.filter(public_token=token, item__status=ItemStatus.PUBLISHED).first()
    if found is None or not found.published:
        raise Http404
    response = FileResponse(found.published.open("rb"), content_type="image/jpeg")
    patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@csrf_exempt
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    """Count one view or share: ``target`` (a page or item), ``kind`` (view/share), ``channel`` (shares).
    No cookie, no CSRF token, nothing about the visitor is kept. Bots get 204 and are not counted."""
    target, kind = request.POST.get("target", ""), request.POST.get("kind", "")
    channel = request.POST.get("channel", "")
    if kind not in (counting.VIEW, counting.SHARE) or (kind == counting.SHARE and channel not in ShareChannel.values):
        return HttpResponseBadRequest(_("คำขอไม่ถูกต้อง"), content_type="text/plain; charset=utf-8")
    area_code = counting.target_area(target)
    if area_code is None:
        return HttpResponseBadRequest(_("คำขอไม่ถูกต้อง"), content_type="text/plain; charset=utf-8")
    if not counting.is_bot(request.headers.get("User-Agent", "")):
        if kind == counting.VIEW:
            counting.count_view(target, area_code)
        else:
            counting.count_share(target, area_code, channel)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def not_found(request: HttpRequest, exception=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The 404 page of the portal deployment (the staff site's error page links to staff pages)."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"message": _("ไม่พบข้อมูล")}, status=404)
    return render(request, "portal/error.html", {"title": _("ไม่พบข้อมูล")}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/error.html", {"title": _("เกิดข้อผิดพลาดภายในระบบ")}, status=500)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    return render(request, "portal/error.html", {"title": _("คำขอไม่ถูกต้อง")}, status=400)


def root(request: HttpRequest) -> HttpResponse:
    """The portal deployment's "/" goes to the public home page."""
    from django.shortcuts import redirect

    return redirect("portal:home")
