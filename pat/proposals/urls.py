from django.urls import path

from pat.proposals import views

app_name = "proposals"

urlpatterns = [
    path("<str:code>/", views.builder, name="builder"),
    path("<str:code>/readiness/", views.readiness_panel, name="readiness"),
    path("<str:code>/stage/", views.stage_set, name="stage"),
    path("<str:code>/versions/", views.versions, name="versions"),
    path("<str:code>/versions/compare/", views.compare, name="compare"),
    path("<str:code>/export.<str:fmt>", views.export_file, name="export"),
    path("<str:code>/sections/<slug:key>/", views.section_save, name="section"),
    path("<str:code>/<slug:step>/", views.step, name="step"),
]
