from django.urls import path

from pat.iati import views

app_name = "iati"

urlpatterns = [
    path("activities.xml", views.activities_xml, name="activities"),
    path("import/", views.import_page, name="import"),
]
