from django.urls import path

from pat.events import views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="new"),
    path("<int:pk>/", views.event, name="event"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/document/", views.document, name="document"),
]
