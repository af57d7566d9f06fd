from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("privacy-notice/", views.privacy_notice, name="privacy-notice"),
    path("ropa/", views.ropa_page, name="ropa"),
    path("breaches/", views.breach_list, name="breaches"),
    path("breaches/new/", views.breach_new, name="breach-new"),
    path("breaches/<int:pk>/", views.breach_detail, name="breach"),
    path("breaches/<int:pk>/edit/", views.breach_edit, name="breach-edit"),
    path("breaches/<int:pk>/notify/", views.breach_notify, name="breach-notify"),
    path("breaches/<int:pk>/notify-subjects/", views.breach_notify_subjects, name="breach-notify-subjects"),
    path("breaches/<int:pk>/no-notification/", views.breach_no_notification, name="breach-no-notification"),
    path("breaches/<int:pk>/close/", views.breach_close, name="breach-close"),
    path("breaches/<int:pk>/note/", views.breach_note, name="breach-note"),
    path("breaches/<int:pk>/print/", views.breach_print, name="breach-print"),
]
