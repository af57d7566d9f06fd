"""Pages of the training app, included at /programme/training/. Public (no login): ``card`` (a participant's
personal QR link: the card for anyone, a check-in for the course's organiser), ``self-checkin`` (the projected
slot QR) and ``verify`` (certificate verification)."""

from django.urls import path

from . import certificates, checkin, report, views

app_name = "training"
urlpatterns = [
    path("", views.CourseListView.as_view(), name="index"),
    path("new/", views.course_new, name="course-new"),
    path("report/", report.report, name="report"),
    path("<int:pk>/", views.course_detail, name="course"),
    path("<int:pk>/sessions/new/", views.session_new, name="session-new"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant-add"),
    path("<int:pk>/cards/", views.name_cards, name="cards"),
    path("<int:pk>/certificates/issue/", certificates.issue, name="certificates-issue"),
    path("participants/<int:pk>/", views.participant_detail, name="participant"),
    path("participants/<int:pk>/reasons/", views.reason_add, name="reason-add"),
    path("reasons/<int:pk>/decide/", views.reason_decide, name="reason-decide"),
    path("sessions/<int:pk>/attendance/", checkin.attendance_list, name="attendance"),
    path("sessions/<int:pk>/attendance/toggle/", checkin.attendance_toggle, name="attendance-toggle"),
    path("slots/<int:pk>/status/", checkin.slot_status, name="slot-status"),
    path("slots/<int:pk>/qr/", checkin.slot_qr, name="slot-qr"),
    path("certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate-pdf"),
    path("c/<str:token>/", checkin.card, name="card"),
    path("s/<str:token>/", checkin.self_checkin, name="self-checkin"),
    path("verify/", certificates.verify, name="verify"),
]
