"""Publishing pages (/publish/, login): propose items, review and approve them, blur photos, read the counts.

Every list starts from ``visible_to(user)``; every object comes from ``get_for_user`` (404 out of scope); every
change goes through ``services`` (which checks who may do it in the item's district).
"""

from __future__ import annotations

import csv
import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.models import Area
from tuksuk.cases.media import UploadRejected
from tuksuk.core.errors import user_message
from tuksuk.core.thai import is_digits, parse_date

from . import counting, services
from .choices import EDITABLE, ItemStatus
from .forms import ImageForm, ItemFilterForm, NoteForm, PublicItemForm
from .models import PublicImage, PublicItem, ViewCount

ITEM_FORM_FIELDS = services.ITEM_FIELDS


def get_item(user, pk: int) -> PublicItem:  # type: ignore[no-untyped-def]
    return get_for_user(PublicItem.objects.select_related("district__parent", "category"), user, pk=pk)


def get_image(user, pk: int) -> PublicImage:  # type: ignore[no-untyped-def]
    return get_for_user(PublicImage.objects.select_related("item__district"), user, pk=pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The items of the user's districts with their status and counts; CSV with ``?format=csv``."""
    items = PublicItem.objects.visible_to(request.user).select_related("district__parent")
    form = ItemFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        items = items.filter(status=form.cleaned_data["status"])
    items = items.order_by("-updated_at", "-id")
    if request.GET.get("format") == "csv":
        return _items_csv(items)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    counts = counting.item_counts(page.object_list)
    waiting = PublicItem.objects.visible_to(request.user).filter(status=ItemStatus.PROPOSED)
    context = {
        "page": page,
        "rows": [(item, *counts[item.pk]) for item in page.object_list],
        "form": form,
        "can_propose": bool(services.proposable_districts(request.user)),
        "waiting": [
            item for item in waiting.select_related("district") if services.can_approve(request.user, item.district_id)
        ],
        "is_ministry_admin": Role.MINISTRY_ADMIN in scope_for(request.user).roles,
    }
    return render(request, "portal/publish/index.html", context)


def _items_csv(items) -> HttpResponse:  # type: ignore[no-untyped-def]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tuksuk-public-items.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["id", "district", "district_name", "kind", "title", "status", "published_at", "views", "shares"])
    rows = list(items)
    counts = counting.item_counts(rows)
    for item in rows:
        writer.writerow(
            [
                item.pk,
                item.district_id,
                item.district.name_th,
                item.kind,
                item.title,
                item.status,
                timezone.localtime(item.published_at).isoformat(timespec="minutes") if item.published_at else "",
                *counts[item.pk],
            ]
        )
    return response


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    try:
        start = parse_date(request.GET.get("start", "")) if request.GET.get("start") else today - dt.timedelta(days=364)
        end = parse_date(request.GET.get("end", "")) if request.GET.get("end") else today
    except ValueError:
        start, end = today - dt.timedelta(days=364), today
    return (start, end) if start <= end else (end, start)


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    """Views and shares per district of the user's areas over a period (a scoring input); CSV with ``?format=csv``."""
    start, end = _period(request)
    visible = ViewCount.objects.visible_to(request.user).exclude(area_code="")
    codes = set(visible.filter(area_code__regex=r"^[0-9]{4}$").values_list("area_code", flat=True).distinct())
    codes |= set(PublicItem.objects.visible_to(request.user).values_list("district_id", flat=True).distinct())
    districts = {a.code: a for a in Area.objects.filter(code__in=codes).select_related("parent")}
    results = list(counting.communication_counts_of(sorted(districts), start, end).values())
    published = dict(
        PublicItem.objects.visible_to(request.user)
        .published()
        .values_list("district_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [(districts[r.district_code], r, published.get(r.district_code, 0)) for r in results]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="tuksuk-public-counts.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            ["district", "name_th", "start", "end", "published_items", "views", "shares", "line", "facebook", "copy"]
        )
        for area, r, n in rows:
            by = r.shares_by_channel
            writer.writerow(
                [
                    area.code,
                    area.name_th,
                    start,
                    end,
                    n,
                    r.views,
                    r.shares,
                    by.get("line", 0),
                    by.get("facebook", 0),
                    by.get("copy", 0),
                ]
            )
        return response
    return render(request, "portal/publish/counts.html", {"rows": rows, "start": start, "end": end})


def _form_values(data: dict) -> dict:
    return {name: data.get(name) if data.get(name) is not None else "" for name in ITEM_FORM_FIELDS} | {
        "when": data.get("when"),
        "category": data.get("category"),
    }


def _source(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The internal record (?story= or ?update=) to start from, if the user may see it."""
    from tuksuk.cases.models import Story
    from tuksuk.projects.models import ProgressUpdate

    story_pk, update_pk = request.GET.get("story", ""), request.GET.get("update", "")
    if is_digits(story_pk):
        story = get_for_user(Story.objects.select_related("category", "area"), request.user, pk=int(story_pk))
        return story, None, services.prefill_from_story(story), story.area_id[:4]
    if is_digits(update_pk):
        update = get_for_user(
            ProgressUpdate.objects.select_related("activity__project"), request.user, pk=int(update_pk)
        )
        return None, update, services.prefill_from_update(update), update.activity.project.district_id
    return None, None, {}, None


@login_required
def new(request: HttpRequest) -> HttpResponse:
    districts = services.proposable_districts(request.user)
    if not districts:
        raise PermissionDenied
    story, update, initial, district = _source(request)
    if district:
        initial["district"] = district
    elif len(districts) == 1:
        initial["district"] = districts[0].code
    form = PublicItemForm(request.POST or None, districts=districts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.create_item(
                actor=request.user,
                district_code=data["district"],
                indicators=data["indicators"],
                sdg_goals=data["sdg_goals"],
                source_story=story,
                source_update=update,
                **_form_values(data),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกร่างแล้ว เพิ่มภาพแล้วส่งให้นายอำเภออนุมัติได้"))
            return redirect("portal_admin:detail", pk=item.pk)
    return render(request, "portal/publish/form.html", {"form": form, "source": story or update})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request.user, pk)
    if not services.can_propose(request.user, item.district_id) or item.status not in EDITABLE:
        raise PermissionDenied
    initial = {name: getattr(item, name) for name in ITEM_FORM_FIELDS}
    initial |= {"indicators": list(item.indicators.all()), "sdg_goals": list(item.sdg_goals.all())}
    form = PublicItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_item(
                item,
                actor=request.user,
                indicators=data["indicators"],
                sdg_goals=data["sdg_goals"],
                **_form_values(data),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("portal_admin:detail", pk=pk)
    return render(request, "portal/publish/form.html", {"form": form, "item": item})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request.user, pk)
    editable = item.status in EDITABLE and services.can_propose(request.user, item.district_id)
    views, shares = counting.target_counts(item.count_key)
    context = {
        "item": item,
        "images": list(item.images.all()),
        "events": item.events.select_related("actor").order_by("-at", "-id"),
        "editable": editable,
        "can_propose": services.can_propose(request.user, item.district_id),
        "can_approve": services.can_approve(request.user, item.district_id),
        "source_photos": services.source_photos(item, request.user) if editable else [],
        "image_form": ImageForm(),
        "note_form": NoteForm(),
        "views": views,
        "shares": shares,
    }
    return render(request, "portal/publish/detail.html", context)


ACTIONS = {
    "propose": (services.propose, _("ส่งให้อนุมัติแล้ว")),
    "approve": (services.approve, _("อนุมัติและเผยแพร่แล้ว")),
    "reject": (services.reject, _("บันทึกว่าไม่อนุมัติแล้ว")),
    "unpublish": (services.unpublish, _("ยกเลิกการเผยแพร่แล้ว เรื่องนี้ไม่แสดงต่อสาธารณะตั้งแต่บัดนี้")),
}


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = get_item(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    function, done = ACTIONS[action]
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        function(item, actor=request.user, note=note)  # PermissionDenied: 403
    except (ValidationError, UploadRejected) as exc:
        messages.error(request, user_message(exc))
    else:
        messages.success(request, str(done))
    return redirect("portal_admin:detail", pk=pk)


@login_required
@require_POST
def feature(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request.user, pk)
    services.set_featured(item, request.POST.get("featured") == "1", actor=request.user)  # PermissionDenied: 403
    return redirect("portal_admin:detail", pk=pk)


@login_required
@require_POST
def image_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("กรุณาเลือกภาพ"))
        data = form.cleaned_data
        if data["source"]:
            services.add_source_photo(item, data["source"], actor=request.user)
        elif data["file"]:
            services.add_image(item, data["file"], actor=request.user, phase=data["phase"], caption=data["caption"])
        else:
            raise ValidationError(_("กรุณาเลือกภาพ"))
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    except UploadRejected as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("เพิ่มภาพแล้ว ภาพที่เผยแพร่จะถูกลบข้อมูลพิกัดและกล้องออก"))
    return redirect("portal_admin:detail", pk=pk)


@login_required
@require_POST
def image_remove(request: HttpRequest, pk: int) -> HttpResponse:
    image = get_image(request.user, pk)
    try:
        services.remove_image(image, actor=request.user)
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    else:
        messages.success(request, _("ลบภาพแล้ว"))
    return redirect("portal_admin:detail", pk=image.item_id)


@login_required
def blur(request: HttpRequest, pk: int) -> HttpResponse:
    """The blur editor: draw boxes over faces and house numbers; the server blurs them when the item is approved."""
    image = get_image(request.user, pk)
    item = image.item
    if request.method == "POST":
        try:
            boxes = json.loads(request.POST.get("boxes") or "[]")
            services.set_blur(image, boxes, actor=request.user)
        except json.JSONDecodeError:
            messages.error(request, _("ข้อมูลกรอบไม่ถูกต้อง"))
        except ValidationError as exc:
            messages.error(request, user_message(exc))
        else:
            messages.success(request, _("บันทึกบริเวณที่เบลอแล้ว %(n)d กรอบ") % {"n": len(image.blur_boxes)})
            return redirect("portal_admin:detail", pk=item.pk)
    can_edit = (item.status == ItemStatus.PROPOSED and services.can_approve(request.user, item.district_id)) or (
        item.status in EDITABLE and services.can_propose(request.user, item.district_id)
    )
    return render(request, "portal/publish/blur.html", {"image": image, "item": item, "can_edit": can_edit})


@login_required
def image_file(request: HttpRequest, pk: int, variant: str = "thumb") -> FileResponse:
    """The internal original (or its thumbnail) for the district's staff; the public only ever gets the copy."""
    from tuksuk.cases.media import serve_stored

    return serve_stored(get_image(request.user, pk), variant)


@login_required
@require_POST
def figures_job(request: HttpRequest) -> HttpResponse:
    """A ministry administrator refreshes every public figure (a background job)."""
    from tuksuk.jobs.services import start_job

    from .tasks import publish_figures_job

    if Role.MINISTRY_ADMIN not in scope_for(request.user).roles:
        raise PermissionDenied
    job = start_job(publish_figures_job, _("เผยแพร่ตัวเลขสรุปสู่เว็บไซต์สาธารณะ"), actor=request.user)
    return redirect("jobs:detail", pk=job.pk)
