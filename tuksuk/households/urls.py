from django.urls import path

from . import views

app_name = "households"
urlpatterns = [
    path("", views.HouseholdListView.as_view(), name="list"),
    path("new/", views.household_new, name="new"),
    path("<str:house_code>/", views.household_detail, name="detail"),
    path("<str:house_code>/edit/", views.household_edit, name="edit"),
    path("<str:house_code>/members/", views.member_add, name="member-add"),
    path("<str:house_code>/merge/", views.household_merge, name="merge"),
]
