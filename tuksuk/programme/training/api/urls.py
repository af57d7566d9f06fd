"""API routes of this app, included under /api/v1/ by tuksuk/urls.py."""

from rest_framework.routers import DefaultRouter

from .views import CourseViewSet, ParticipantViewSet, SessionViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("training/courses", CourseViewSet, basename="training-course")
router.register("training/sessions", SessionViewSet, basename="training-session")
router.register("training/participants", ParticipantViewSet, basename="training-participant")

urlpatterns = router.urls
