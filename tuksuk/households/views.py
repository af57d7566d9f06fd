"""Household pages: find, register (with duplicate checks), view, add members, merge duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.audit.choices import AccessAction
from tuksuk.audit.services import log_access
from tuksuk.core.errors import user_message
from tuksuk.core.views import ScopedListView

from . import services
from .choices import VULNERABLE_FLAGS
from .forms import HouseholdEditForm, HouseholdForm, MemberForm, MergeForm
from .models import Household


def _member_data(data: dict, is_head: bool) -> services.MemberData:
    return services.MemberData(
        full_name=data["full_name"],
        sex=data["sex"],
        birth_date=data.get("birth_date"),
        is_head=is_head,
        citizen_id=data.get("citizen_id", ""),
        flags={flag: data.get(flag, False) for flag in VULNERABLE_FLAGS},
    )


def writable_villages(user):  # type: ignore[no-untyped-def]
    return Area.objects.writable_by(user).filter(level=AreaLevel.VILLAGE).select_related("parent").order_by("code")


def get_household(user, house_code: str) -> Household:  # type: ignore[no-untyped-def]
    return get_for_user(
        Household.objects.select_related("village__parent__parent", "merged_into"), user, house_code=house_code
    )


class HouseholdListView(ScopedListView):
    model = Household
    template_name = "households/list.html"
    paginate_by = 30

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return Household.objects.active().select_related("village__parent")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        rows = super().get_queryset()
        q = self.request.GET.get("q", "").strip()
        if q:
            rows = rows.search(q)
        area = self.request.GET.get("area", "").strip()
        if area:
            rows = rows.filter(village__code__startswith=area)
        return rows.order_by("village", "house_code")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return super().get_context_data(q=self.request.GET.get("q", ""), **kwargs)


@login_required
def household_new(request: HttpRequest) -> HttpResponse:
    villages = writable_villages(request.user)
    if not scope_for(request.user).can_write:
        raise PermissionDenied
    form = HouseholdForm(request.POST or None, villages=villages, initial={"village": request.GET.get("village")})
    duplicates: list[Household] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = services.register_household(
                actor=request.user,
                village_code=data["village"].code,
                house_code=data["house_code"],
                head_name=data["full_name"],
                house_no=data["house_no"],
                member_count=data["member_count"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                members=[_member_data(data, True)],
            )
        except services.DuplicateHousehold as exc:
            duplicates = [h for h in exc.matches if Household.objects.visible_to(request.user).filter(pk=h.pk).exists()]
            form.add_error(None, exc.messages[0])
            if len(duplicates) < len(exc.matches):
                form.add_error(None, _("ครัวเรือนที่ซ้ำบางรายการอยู่นอกพื้นที่ของคุณ กรุณาติดต่ออำเภอที่รับผิดชอบ"))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("ลงทะเบียนครัวเรือน %(code)s แล้ว") % {"code": household.house_code})
            return redirect("households:detail", house_code=household.house_code)
    return render(request, "households/new.html", {"form": form, "duplicates": duplicates})


@login_required
def household_detail(request: HttpRequest, house_code: str) -> HttpResponse:
    household = get_household(request.user, house_code)
    log_access(request, AccessAction.VIEW, obj=household)
    stories = household.stories.visible_to(request.user).select_related("category").prefetch_related("indicators")
    members = list(household.members.all())
    for member in members:
        member.shown_citizen_id = member.citizen_id_for(request.user)  # type: ignore[attr-defined]
    return render(
        request,
        "households/detail.html",
        {
            "household": household,
            "members": members,
            "stories": stories,
            "events": household.events.select_related("actor").order_by("-at")[:50],
            "member_form": MemberForm(),
            "merge_form": MergeForm(),
            "can_write": scope_for(request.user).can_write_in(household.village_id),
            "can_merge": bool(scope_for(request.user).roles & services.MERGE_ROLES),
        },
    )


@login_required
@require_POST
def member_add(request: HttpRequest, house_code: str) -> HttpResponse:
    household = get_household(request.user, house_code)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.add_member(
                household, _member_data(form.cleaned_data, form.cleaned_data["is_head"]), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("เพิ่มสมาชิกแล้ว"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("households:detail", house_code=house_code)


@login_required
@require_POST
def household_merge(request: HttpRequest, house_code: str) -> HttpResponse:
    """Merge this (duplicate) household into the one named in the form."""
    duplicate = get_household(request.user, house_code)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุรหัสบ้านที่จะเก็บไว้และเหตุผล"))
        return redirect("households:detail", house_code=house_code)
    try:
        keep = get_household(request.user, form.cleaned_data["keep"].strip())
    except Http404:
        messages.error(request, _("ไม่พบครัวเรือนรหัส %(code)s ในพื้นที่ของคุณ") % {"code": form.cleaned_data["keep"]})
        return redirect("households:detail", house_code=house_code)
    try:
        services.merge_households(duplicate, keep, actor=request.user, note=form.cleaned_data["note"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, user_message(exc))
        return redirect("households:detail", house_code=house_code)
    messages.success(
        request, _("รวมครัวเรือน %(dup)s เข้ากับ %(keep)s แล้ว") % {"dup": duplicate.house_code, "keep": keep.house_code}
    )
    return redirect("households:detail", house_code=keep.house_code)


@login_required
def household_edit(request: HttpRequest, house_code: str) -> HttpResponse:
    household = get_household(request.user, house_code)
    scope = scope_for(request.user)
    if not scope.can_write_in(household.village_id) or household.merged_into_id:
        raise PermissionDenied
    initial = {
        "village": household.village_id,
        "house_no": household.house_no,
        "head_name": household.head_name,
        "member_count": household.member_count,
        "latitude": household.latitude,
        "longitude": household.longitude,
    }
    form = HouseholdEditForm(request.POST or None, villages=writable_villages(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in ("house_no", "head_name", "member_count", "latitude", "longitude")
            if data[name] != initial[name]
        }
        if data["village"].code != household.village_id:
            changes["village_code"] = data["village"].code
        try:
            if changes:
                services.update_household(household, actor=request.user, **changes)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changes else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("households:detail", house_code=house_code)
    return render(request, "households/edit.html", {"form": form, "household": household})
