from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from tuksuk.accounts.api.views import MeView, TokenView
from tuksuk.areas.api.views import AreaViewSet, PilotDistrictViewSet
from tuksuk.cases.api.views import StoryViewSet
from tuksuk.core import pages
from tuksuk.households.api.views import HouseholdViewSet
from tuksuk.jobs.api.views import JobViewSet
from tuksuk.projects.api.views import ActivityViewSet, ProjectViewSet
from tuksuk.reports.api.views import DashboardView, MapAreasView, MapHouseholdsView, ReportView

admin.site.site_header = _("ทุกข์-สุข · ผู้ดูแลระบบ")
admin.site.site_title = _("ทุกข์-สุข")
admin.site.index_title = _("จัดการข้อมูลอ้างอิงและผู้ใช้")

router = DefaultRouter()
router.include_root_view = False
router.register("areas", AreaViewSet, basename="area")
router.register("pilot-districts", PilotDistrictViewSet, basename="pilot-district")
router.register("jobs", JobViewSet, basename="job")
router.register("households", HouseholdViewSet, basename="household")
router.register("stories", StoryViewSet, basename="story")
router.register("projects", ProjectViewSet, basename="project")
router.register("activities", ActivityViewSet, basename="activity")

api_urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("reports/<slug:name>/", ReportView.as_view(), name="api-report"),
    path("dashboard/", DashboardView.as_view(), name="api-dashboard"),
    path("map/households/", MapHouseholdsView.as_view(), name="api-map-households"),
    path("map/areas/", MapAreasView.as_view(), name="api-map-areas"),
    path("", include("tuksuk.programme.selection.api.urls")),
    path("", include("tuksuk.programme.training.api.urls")),
    path("", include("tuksuk.programme.learning.api.urls")),
    path("", include("tuksuk.audit.api.urls")),
    path("public/", include("tuksuk.portal.api.urls")),
    *router.urls,
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("healthz/", pages.health, name="health"),
    path("accounts/", include("tuksuk.accounts.urls")),
    path("areas/", include("tuksuk.areas.urls")),
    path("households/", include("tuksuk.households.urls")),
    path("stories/", include("tuksuk.cases.urls")),
    path("projects/", include("tuksuk.projects.urls")),
    path("reports/", include("tuksuk.reports.urls")),
    path("jobs/", include("tuksuk.jobs.urls")),
    path("programme/selection/", include("tuksuk.programme.selection.urls")),
    path("programme/training/", include("tuksuk.programme.training.urls")),
    path("programme/learning/", include("tuksuk.programme.learning.urls")),
    path("audit/", include("tuksuk.audit.urls")),
    path("publish/", include("tuksuk.portal.urls_internal")),
    path("privacy/", include("tuksuk.privacy.urls")),
    path("governance/", include("tuksuk.governance.urls")),
    path("p/", include("tuksuk.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_urlpatterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

handler404 = "tuksuk.core.errors.not_found"
handler500 = "tuksuk.core.errors.server_error"
handler403 = "tuksuk.core.errors.forbidden"
handler400 = "tuksuk.core.errors.bad_request"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
