"""Awards (announced after a round's results) and a district's history across the years."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area, PilotDistrict

from .. import services
from ..forms import AwardForm, form_errors
from ..models import Application, Award, Round
from ..ranking import compute_results
from .common import REFUSED, done, get_round


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    awards = Award.objects.visible_to(request.user).select_related("round", "district__parent")
    rounds = []
    if services.can_manage(request.user):
        rounds = [(r, AwardForm(round=r)) for r in Round.objects.filter(status="published")]
    return render(request, "selection/award_list.html", {"awards": awards, "rounds": rounds})


@login_required
@require_POST
def award_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round(request.user, pk)
    if not services.can_manage(request.user):
        raise PermissionDenied
    form = AwardForm(request.POST, round=round)
    if not form.is_valid():
        return done(request, "selection:awards", error=PermissionDenied(form_errors(form)))
    data = form.cleaned_data
    try:
        services.announce_award(round, data["district"], actor=request.user, title=data["title"], rank=data["rank"])
    except REFUSED as exc:
        return done(request, "selection:awards", error=exc)
    return done(request, "selection:awards", ok=_("ประกาศรางวัลแล้ว"))


@login_required
def district_history(request: HttpRequest, code: str) -> HttpResponse:
    """Applications, totals and ranks (published rounds; every round for the ministry), pilot flags and awards."""
    district = get_for_user(
        Area.objects.filter(level=AreaLevel.DISTRICT).select_related("parent"), request.user, code=code
    )
    if not scope_for(request.user).covers(code):
        from django.http import Http404

        raise Http404  # an area above the user's own is navigable, but its district history is not theirs
    national = scope_for(request.user).everything
    applications = (
        Application.objects.visible_to(request.user)
        .filter(district=district)
        .select_related("round")
        .order_by("-round__programme_year", "round__kind", "round__level")
    )
    entries = []
    for application in applications:
        row = None
        if application.is_submitted and (national or application.round.is_published):
            row = next((r for r in compute_results(application.round).rows if r.application.pk == application.pk), None)
        entries.append((application, row))
    return render(
        request,
        "selection/district_history.html",
        {
            "district": district,
            "entries": entries,
            "pilots": PilotDistrict.objects.visible_to(request.user).filter(district=district),
            "awards": Award.objects.visible_to(request.user).filter(district=district).select_related("round"),
        },
    )
