"""Results: totals and ranks per unit, ties and their decisions, what is missing; CSV/XLSX; publishing.

Before publication only ministry roles see the ranking. After it, everyone who sees the round sees the selected
districts and the rows of the applications they may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import scope_for

from .. import services
from ..exports import results_csv, results_xlsx
from ..models import Application
from ..ranking import compute_results
from .common import REFUSED, done, get_round


def visible_results(user, round):  # type: ignore[no-untyped-def]
    """The results and the rows this user may see of them (404 before publication for non-ministry users)."""
    national = scope_for(user).everything
    if not (national or round.is_published):
        raise Http404
    results = compute_results(round)
    if not national:
        mine = set(Application.objects.visible_to(user).filter(round=round).values_list("pk", flat=True))
        results.rows = [r for r in results.rows if r.application.pk in mine or r.selected]
        results.ties = []
    return results


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round(request.user, pk)
    results = visible_results(request.user, round)
    if request.GET.get("format") == "csv":
        return results_csv(results)
    if request.GET.get("format") == "xlsx":
        return results_xlsx(results)
    manage = services.can_manage(request.user)
    return render(
        request,
        "selection/results.html",
        {
            "round": round,
            "results": results,
            "manage": manage and not round.is_published,
            "problems": results.problems() if scope_for(request.user).everything else [],
        },
    )


@login_required
@require_POST
def tie_break(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round(request.user, pk)
    if not services.can_manage(request.user):
        raise PermissionDenied
    order = [int(v) for v in request.POST.getlist("order") if v.isdigit()]
    try:
        services.record_tie_break(
            round, request.POST.get("key", ""), order, request.POST.get("reason", ""), actor=request.user
        )
    except REFUSED as exc:
        return done(request, "selection:results", pk, error=exc)
    return done(request, "selection:results", pk, ok=_("บันทึกการตัดสินกรณีคะแนนเท่ากันแล้ว"))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round(request.user, pk)
    if not services.can_manage(request.user):
        raise PermissionDenied
    try:
        pilots = services.publish_round(round, actor=request.user)
    except REFUSED as exc:
        return done(request, "selection:results", pk, error=exc)
    return done(request, "selection:results", pk, ok=_("ประกาศผลแล้ว อำเภอนำร่อง %(n)d อำเภอ") % {"n": len(pilots)})
