from django.urls import path

from .views import applications, awards, judging, results, rounds

app_name = "selection"
urlpatterns = [
    path("", rounds.round_list, name="index"),
    path("rounds/new/", rounds.round_new, name="round-new"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<int:pk>/open/", rounds.round_open, name="round-open"),
    path("rounds/<int:pk>/template/", rounds.round_template, name="round-template"),
    path("rounds/<int:pk>/enroll/", rounds.round_enroll, name="round-enroll"),
    path("rounds/<int:pk>/criteria/", rounds.criterion_add, name="criterion-add"),
    path("rounds/<int:pk>/judges/", rounds.judge_add, name="judge-add"),
    path("rounds/<int:pk>/judges/<int:judge_pk>/remove/", rounds.judge_remove, name="judge-remove"),
    path("rounds/<int:pk>/apply/", applications.apply, name="apply"),
    path("rounds/<int:pk>/results/", results.results, name="results"),
    path("rounds/<int:pk>/tie-break/", results.tie_break, name="tie-break"),
    path("rounds/<int:pk>/publish/", results.publish, name="publish"),
    path("rounds/<int:pk>/awards/", awards.award_add, name="award-add"),
    path("criteria/<int:pk>/", rounds.criterion_edit, name="criterion-edit"),
    path("criteria/<int:pk>/delete/", rounds.criterion_delete, name="criterion-delete"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/files/", applications.attachment_add, name="attachment-add"),
    path("applications/<int:pk>/judge/", judging.judge_application, name="judge"),
    path("files/<str:token>/", applications.attachment_file, name="attachment"),
    path("files/<str:token>/thumb/", applications.attachment_file, {"variant": "thumb"}, name="attachment-thumb"),
    path("awards/", awards.award_list, name="awards"),
    path("districts/<str:code>/", awards.district_history, name="district"),
]
