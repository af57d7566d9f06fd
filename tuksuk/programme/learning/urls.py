from django.urls import path

from .views import knowledge, questionnaires, sessions

app_name = "learning"
urlpatterns = [
    path("", knowledge.index, name="index"),
    path("knowledge/", knowledge.ItemListView.as_view(), name="kb-list"),
    path("knowledge/new/", knowledge.item_new, name="kb-new"),
    path("knowledge/<int:pk>/", knowledge.item_detail, name="kb-detail"),
    path("knowledge/<int:pk>/edit/", knowledge.item_edit, name="kb-edit"),
    path("knowledge/<int:pk>/status/", knowledge.item_status, name="kb-status"),
    path("knowledge/<int:pk>/file/", knowledge.item_file, name="kb-file"),
    path("knowledge/from-project/<int:pk>/", knowledge.project_brief, name="kb-from-project"),
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaire-list"),
    path("questionnaires/new/", questionnaires.questionnaire_new, name="questionnaire-new"),
    path("questionnaires/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire-detail"),
    path("questionnaires/<int:pk>/edit/", questionnaires.questionnaire_edit, name="questionnaire-edit"),
    path("questionnaires/<int:pk>/parts/", questionnaires.part_add, name="part-add"),
    path("questionnaires/<int:pk>/questions/", questionnaires.question_add, name="question-add"),
    path("questions/<int:pk>/", questionnaires.question_edit, name="question-edit"),
    path("questionnaires/<int:pk>/summary/", sessions.summary_page, name="summary"),
    path("questionnaires/<int:pk>/summary/pdf/", sessions.summary_pdf, name="summary-pdf"),
    path("sessions/", sessions.SessionListView.as_view(), name="session-list"),
    path("sessions/new/", sessions.session_new, name="session-new"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session-detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session-edit"),
    path("sessions/<int:pk>/participants/", sessions.session_participants, name="session-participants"),
    path("sessions/<int:pk>/answers/", sessions.session_answers, name="session-answers"),
    path("sessions/<int:pk>/publish/", sessions.session_publish, name="session-publish"),
]
