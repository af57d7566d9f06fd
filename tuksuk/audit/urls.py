from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.AccessLogView.as_view(), name="index"),
    path("changes/", views.ChangeLogView.as_view(), name="changes"),
    path("history/<slug:kind>/<int:pk>/", views.history, name="history"),
]
