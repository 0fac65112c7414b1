from django.urls import path

from pat.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("projects/<str:code>/", views.project_reviews, name="project"),
    path("projects/<str:code>/submit/", views.submit, name="submit"),
    path("projects/<str:code>/status/", views.transition, name="transition"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/take/", views.task_claim, name="claim"),
    path("tasks/<int:pk>/assign/", views.task_assign, name="assign"),
    path("tasks/<int:pk>/decision/", views.task_decide, name="decide"),
    path("tasks/<int:pk>/comments/", views.comment, name="comment"),
    path("tasks/<int:pk>/checklist/", views.checklist_answer, name="checklist"),
]
