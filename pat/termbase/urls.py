from django.urls import path

from pat.termbase import views

app_name = "termbase"

urlpatterns = [
    path("", views.term_list, name="list"),
    path("new/", views.term_create, name="create"),
    path("import/", views.term_import, name="import"),
    path("import/<int:pk>/", views.term_import_status, name="import-status"),
    path("export.<str:fmt>", views.term_export, name="export"),
    path("check/", views.check_page, name="check"),
    path("check/annotated/", views.check_annotated, name="annotated"),
    path("<int:pk>/", views.term_detail, name="detail"),
    path("<int:pk>/edit/", views.term_edit, name="edit"),
    path("<int:pk>/toggle/", views.term_toggle, name="toggle"),
    path("<int:pk>/link/", views.term_link, name="link"),
    path("<int:pk>/unlink/<int:other_pk>/", views.term_unlink, name="unlink"),
    path("<int:pk>/restore/<int:change_id>/", views.term_restore, name="restore"),
]
