from django.urls import path

from pat.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("vacancies/<int:pk>/", views.vacancy, name="vacancy"),
    path("vacancies/<int:pk>/import/", views.candidate_import, name="import"),
    path("vacancies/<int:pk>/case/", views.case_open, name="case-open"),
    path("candidates/<int:pk>/", views.candidate, name="candidate"),
    path("shortlists/", views.shortlists, name="shortlists"),
    path("board/", views.board, name="board"),
    path("board/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("board/meetings/<int:pk>/minutes.<str:fmt>", views.minutes, name="minutes"),
    path("board/cases/<int:pk>/", views.case, name="case"),
    path("board/report/", views.report, name="report"),
]
