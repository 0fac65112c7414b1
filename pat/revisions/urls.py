from django.urls import path

from pat.revisions import views

app_name = "revisions"

urlpatterns = [
    path("new/<str:code>/", views.request_new, name="new"),
    path("<int:pk>/", views.revision_page, name="revision"),
    path("<int:pk>/draft/", views.draft_save, name="draft"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
