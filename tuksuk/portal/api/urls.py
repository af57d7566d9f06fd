"""Public API routes (no login), included under /api/v1/public/ by tuksuk/urls.py."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import PublicFiguresView, PublicItemViewSet, PublicPilotViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("items", PublicItemViewSet, basename="portal-item")
router.register("pilot-districts", PublicPilotViewSet, basename="portal-pilot")

urlpatterns = [
    path("figures/", PublicFiguresView.as_view(), name="portal-figures"),
    *router.urls,
]
