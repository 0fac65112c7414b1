from django.urls import path

from pat.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("projects/<str:code>/", views.project, name="project"),
    path("projects/<str:code>/new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/recommendations/", views.recommend, name="recommend"),
    path("<int:pk>/recommendations/<int:rec>/", views.respond, name="respond"),
    path("<int:pk>/report/", views.report, name="report"),
]
