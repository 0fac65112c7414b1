from django.urls import path

from pat.training import views

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("developers.svg", views.developers_chart, name="developers-chart"),
    path("sessions/new/", views.session_edit, name="session-new"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/participants/", views.participant_add, name="participant-add"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("participants/<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("participants/<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate"),
]
