"""The judging form: every criterion of the round on one phone-friendly page, with the registry's suggestion for
data-driven criteria (accept it or type another figure), a comment each, and the judge's earlier scores."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tuksuk.core.errors import user_message

from .. import services
from ..models import Score
from .common import REFUSED, done, get_application


@login_required
def judge_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request.user, pk)
    if services.assignment_for(request.user, application) is None or not application.is_submitted:
        raise Http404
    round = application.round
    leaves = round.leaf_criteria()
    mine = {s.criterion_id: s for s in Score.objects.filter(application=application, judge=request.user)}
    hints = services.suggestions(round, [application])
    error = ""
    if request.method == "POST":
        entries = []
        for criterion in leaves:
            revision = request.POST.get(f"rev_{criterion.pk}", "")
            entries.append(
                services.ScoreEntry(
                    criterion.pk,
                    request.POST.get(f"points_{criterion.pk}", ""),
                    request.POST.get(f"comment_{criterion.pk}", "")[:5000],
                    int(revision) if revision.isdigit() else None,
                )
            )
        try:
            changed = services.record_scores(application, entries, actor=request.user)
        except REFUSED as exc:
            error = user_message(exc)
        else:
            return done(request, "selection:judge", pk, ok=_("บันทึกคะแนนแล้ว (%(n)d ข้อที่เปลี่ยน)") % {"n": changed})
    rows = [
        {
            "criterion": c,
            "score": mine.get(c.pk),
            "hint": hints.get((application.pk, c.pk)),
            "posted_points": request.POST.get(f"points_{c.pk}") if error else None,
            "posted_comment": request.POST.get(f"comment_{c.pk}") if error else None,
        }
        for c in leaves
    ]
    return render(
        request,
        "selection/judge_form.html",
        {
            "application": application,
            "round": round,
            "rows": rows,
            "error": error,
            "open": round.status == "open",
            "total": sum((s.points for s in mine.values()), 0),
        },
    )
