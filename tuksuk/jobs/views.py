from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tuksuk.accounts.scope import get_for_user
from tuksuk.core.views import ScopedListView

from .models import Job


class JobListView(ScopedListView):
    model = Job
    template_name = "jobs/list.html"
    paginate_by = 25


@login_required
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    """The job's page; htmx polls the status part every second until the job ends."""
    job = get_for_user(Job.objects.all(), request.user, pk=pk)
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, pk: str) -> FileResponse:
    job = get_for_user(Job.objects.all(), request.user, pk=pk)
    if not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_file.name.rsplit("/", 1)[-1]
    )
