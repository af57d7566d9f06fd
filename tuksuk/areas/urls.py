from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.area_tree, name="tree"),
    path("search/", views.AreaSearchView.as_view(), name="search"),
    path("pilots/", views.PilotDistrictListView.as_view(), name="pilots"),
    path("<str:code>/", views.area_detail, name="detail"),
]
