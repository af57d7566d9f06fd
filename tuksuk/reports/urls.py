from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("league/", views.league, name="league"),
    path("map/", views.area_map, name="map"),
    path("<slug:name>/", views.report_table, name="table"),
]
