"""A project as a printable A4 PDF (for a governor's desk or a meeting file), rendered by WeasyPrint from
``projects/print.html``. The page is self-contained: inline CSS, Thai fonts from the system (Debian's
fonts-thai-tlwg: Garuda, Loma, Norasi), and no network: every URL the renderer might try to fetch is refused."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tuksuk.accounts.scope import get_for_user
from tuksuk.core.pdf import html_to_pdf

from .choices import PartnerNetwork
from .models import Activity, BudgetLine, Project

ZERO_BAHT = Decimal("0.00")
CENT = Decimal("0.01")


def _per_activity(rows, value):  # type: ignore[no-untyped-def]
    grouped = rows.filter(activity=OuterRef("pk")).order_by().values("activity")
    return Subquery(grouped.annotate(value=value).values("value")[:1])


def print_context(project: Project, *, user) -> dict:  # type: ignore[no-untyped-def]
    """What the printed page shows: the project, its activities with money and households, and the totals."""
    activities = list(
        Activity.objects.filter(project=project)
        .annotate(
            planned=_per_activity(BudgetLine.objects.all(), Sum("planned")),
            spent=_per_activity(BudgetLine.objects.all(), Sum("spent")),
            linked=_per_activity(
                Activity.beneficiaries.through.objects.all(), Count("pk", output_field=IntegerField())
            ),
        )
        .prefetch_related("agencies")
        .order_by(F("start_on").asc(nulls_last=True), "id")
    )
    for activity in activities:
        activity.planned = (activity.planned or ZERO_BAHT).quantize(CENT)
        activity.spent = (activity.spent or ZERO_BAHT).quantize(CENT)
        activity.benefited = activity.linked or activity.reached_households or 0
    counted = [a for a in activities if a.status != "cancelled"]
    totals = {
        "planned": sum((a.planned for a in activities), ZERO_BAHT),
        "spent": sum((a.spent for a in activities), ZERO_BAHT),
        "target": sum(a.target_households or 0 for a in activities),
        "benefited": sum(a.benefited for a in activities),
        "percent": round(sum(a.percent_complete for a in counted) / len(counted)) if counted else 0,
    }
    networks = [label for value, label in PartnerNetwork.choices if value in project.partner_networks]
    return {
        "project": project,
        "district": project.district,
        "province": project.district.parent,
        "networks": networks,
        "sdg_goals": list(project.sdg_goals.order_by("number")),
        "indicators": list(project.indicators.order_by("number")),
        "activities": activities,
        "totals": totals,
        "now": timezone.now(),
        "printed_by": user,
    }


def project_pdf(project: Project, *, user) -> bytes:  # type: ignore[no-untyped-def]
    """The project's printable page as PDF bytes, in Thai. Raises Http404 when ``user`` may not see the project
    (out of scope looks exactly like missing)."""
    project = get_for_user(Project.objects.select_related("district__parent"), user, pk=project.pk)
    with translation.override("th"):
        html = render_to_string("projects/print.html", print_context(project, user=user))
    return html_to_pdf(html)
