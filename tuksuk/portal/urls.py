"""Public pages (/p/): no login."""

from django.urls import path

from . import public_views as views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("province/<str:code>/", views.province, name="province"),
    path("district/<str:code>/", views.district, name="district"),
    path("items/<int:pk>/", views.item, name="item"),
    path("search/", views.search_page, name="search"),
    path("kiosk/", views.kiosk, name="kiosk"),
    path("images/<str:token>.jpg", views.image, name="image"),
    path("beacon/", views.beacon, name="beacon"),
]
