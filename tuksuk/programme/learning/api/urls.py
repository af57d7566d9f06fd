"""API routes of this app, included under /api/v1/ by tuksuk/urls.py."""

from rest_framework.routers import DefaultRouter

from .views import KnowledgeItemViewSet, QuestionnaireViewSet, SessionViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("learning/knowledge", KnowledgeItemViewSet, basename="learning-knowledge")
router.register("learning/questionnaires", QuestionnaireViewSet, basename="learning-questionnaire")
router.register("learning/sessions", SessionViewSet, basename="learning-session")

urlpatterns = router.urls
