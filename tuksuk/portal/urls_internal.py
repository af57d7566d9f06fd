"""Publishing pages (/publish/): login required; scoped to the user's districts."""

from django.urls import path

from . import internal_views as views

app_name = "portal_admin"
urlpatterns = [
    path("", views.index, name="index"),
    path("counts/", views.counts, name="counts"),
    path("new/", views.new, name="new"),
    path("figures/", views.figures_job, name="figures"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/propose/", views.change_status, {"action": "propose"}, name="propose"),
    path("<int:pk>/approve/", views.change_status, {"action": "approve"}, name="approve"),
    path("<int:pk>/reject/", views.change_status, {"action": "reject"}, name="reject"),
    path("<int:pk>/unpublish/", views.change_status, {"action": "unpublish"}, name="unpublish"),
    path("<int:pk>/feature/", views.feature, name="feature"),
    path("<int:pk>/images/", views.image_add, name="image-add"),
    path("images/<int:pk>/remove/", views.image_remove, name="image-remove"),
    path("images/<int:pk>/blur/", views.blur, name="blur"),
    path("images/<int:pk>/thumb/", views.image_file, name="image-thumb"),
    path("images/<int:pk>/original/", views.image_file, {"variant": "file"}, name="image-original"),
]
