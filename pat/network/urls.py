from django.urls import path

from pat.network import views

app_name = "network"

urlpatterns = [
    path("", views.home, name="home"),
    path("focal-points/new/", views.focal_point_edit, name="focal-point-new"),
    path("focal-points/<int:pk>/", views.focal_point_edit, name="focal-point-edit"),
    path("offices/<str:code>/", views.office, name="office"),
    path("wggi/", views.wggi, name="wggi"),
    path("wggi/members/new/", views.member_edit, name="member-new"),
    path("wggi/members/<int:pk>/", views.member_edit, name="member-edit"),
    path("wggi/meetings/new/", views.meeting_edit, name="meeting-new"),
    path("wggi/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("wggi/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_new, name="plan-new"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/summary/", views.plan_summary, name="plan-summary"),
    path("plans/<int:pk>/objectives/", views.plan_objective, name="plan-objective"),
    path("plans/<int:pk>/actions/", views.plan_action, name="plan-action"),
    path("plans/<int:pk>/actions/<int:action_id>/", views.plan_progress, name="plan-progress"),
    path("plans/<int:pk>/indicators/", views.plan_indicator, name="plan-indicator"),
    path("plans/<int:pk>/indicators/<int:indicator_id>/", views.plan_measure, name="plan-measure"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan-submit"),
    path("plans/<int:pk>/decision/", views.plan_decide, name="plan-decide"),
    path("plans/<int:pk>/export.<str:fmt>", views.plan_export, name="plan-export"),
    path("assessments/", views.assessments, name="assessments"),
    path("assessments/new/", views.campaign_new, name="campaign-new"),
    path("assessments/<int:pk>/", views.campaign, name="campaign"),
    path("assessments/<int:pk>/analysis/", views.analysis, name="analysis"),
    path("assessments/<int:pk>/analysis.<str:fmt>", views.analysis_export, name="analysis-export"),
    path("questionnaires/new/", views.questionnaire_new, name="questionnaire-new"),
    path("questionnaires/<int:pk>/", views.questionnaire, name="questionnaire"),
    path("responses/<int:pk>/", views.response, name="response"),
    path("responses/<int:pk>/review/", views.response_review, name="response-review"),
    path("responses/<int:pk>/evidence/", views.evidence_upload, name="evidence-add"),
    path(
        "responses/<int:pk>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence",
    ),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:year>/", views.report, name="report"),
    path("reports/<int:year>/export.<str:fmt>", views.report_export, name="report-export"),
]
