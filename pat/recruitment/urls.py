from django.urls import path

from pat.recruitment import views

app_name = "recruitment"

urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("new/", views.vacancy_create, name="create"),
    path("wording/", views.wording, name="wording"),
    path("<int:pk>/", views.vacancy_detail, name="detail"),
    path("<int:pk>/edit/", views.vacancy_edit, name="edit"),
    path("<int:pk>/move/", views.vacancy_move, name="move"),
]
