"""API routes of this app, included under /api/v1/ by tuksuk/urls.py."""

urlpatterns: list = []
