"""API routes of this app, included under /api/v1/ by tuksuk/urls.py."""

from rest_framework.routers import DefaultRouter

from .views import AccessLogViewSet, ChangeLogViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("audit/access", AccessLogViewSet, basename="audit-access")
router.register("audit/changes", ChangeLogViewSet, basename="audit-change")

urlpatterns = router.urls
