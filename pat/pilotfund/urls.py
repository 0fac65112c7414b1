from django.urls import path

from pat.pilotfund import views

app_name = "pilotfund"

urlpatterns = [
    path("", views.home, name="home"),
    path("funds/<slug:code>/", views.fund, name="fund"),
    path("funds/<slug:code>/allocations/", views.allocation, name="allocation"),
    path("funds/<slug:code>/calls/new/", views.call_new, name="call-new"),
    path("funds/<slug:code>/final-report.<str:fmt>", views.final_report, name="report"),
    path("calls/<int:pk>/", views.call, name="call"),
    path("calls/<int:pk>/move/", views.call_move, name="call-move"),
    path("calls/<int:pk>/enter/", views.enter, name="enter"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/submit/", views.proposal_submit, name="proposal-submit"),
    path("proposals/<int:pk>/scores/", views.proposal_scores, name="proposal-scores"),
    path("proposals/<int:pk>/decision/", views.proposal_decide, name="proposal-decide"),
    path("proposals/<int:pk>/grant/", views.grant_award, name="grant-award"),
    path("grants/<int:pk>/", views.grant, name="grant"),
    path("grants/<int:pk>/disburse/", views.disburse, name="disburse"),
    path("grants/<int:pk>/move/", views.grant_move, name="grant-move"),
]
