"""API routes of this app, included under /api/v1/ by tuksuk/urls.py."""

from rest_framework.routers import DefaultRouter

from .views import AwardViewSet, RoundViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("selection/rounds", RoundViewSet, basename="selection-round")
router.register("selection/awards", AwardViewSet, basename="selection-award")

urlpatterns = router.urls
