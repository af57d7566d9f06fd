"""Public API routes (no login), included under /api/v1/public/ by tuksuk/urls.py."""

urlpatterns: list = []
