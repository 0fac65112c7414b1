"""Throwaway: the test settings plus the reviews app, until the lead registers it for real."""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks_db", "pat.reviews"]  # noqa: F405
ROOT_URLCONF = "tests.reviews.urls"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
