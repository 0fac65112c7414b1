from django.contrib.auth import views as auth_views
from django.urls import path

from pat.accounts.views import SignInView
from pat.core import views

urlpatterns = [
    path("health", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
