from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("retention/", views.retention_rules, name="retention"),
    path("new/<str:house_code>/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/do/<str:action>/", views.request_action, name="action"),
    path("<int:pk>/copy.<str:file_format>", views.copy_download, name="download"),
]
