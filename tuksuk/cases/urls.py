from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.StoryListView.as_view(), name="list"),
    path("import/", views.story_import, name="import"),
    path("new/<str:house_code>/", views.story_new, name="new"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/edit/", views.story_edit, name="edit"),
    path("<int:pk>/status/", views.story_status, name="status"),
    path("<int:pk>/assign/", views.story_assign, name="assign"),
    path("<int:pk>/actions/", views.story_action, name="action"),
    path("<int:pk>/evidence/", views.story_evidence, name="evidence"),
    path("evidence/<str:token>/", views.evidence_file, name="evidence-file"),
    path("evidence/<str:token>/thumb/", views.evidence_file, {"variant": "thumb"}, name="evidence-thumb"),
]
