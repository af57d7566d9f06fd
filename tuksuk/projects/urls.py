from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("new/", views.project_new, name="new"),
    path("import/", views.project_import, name="import"),
    path("export/", views.project_export, name="export"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/pdf/", views.project_pdf, name="pdf"),
    path("<int:pk>/activities/", views.activity_add, name="activity-add"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("media/<str:token>/", views.media_file, name="media"),
    path("media/<str:token>/thumb/", views.media_file, {"variant": "thumb"}, name="media-thumb"),
]
