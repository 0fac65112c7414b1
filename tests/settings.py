"""Settings for the test suite: production settings with a throwaway secret.

DEBUG stays off, as in production (Django's test runner forces it off anyway).
"""

import os

os.environ.setdefault("PAT_SECRET_KEY", "test-only-secret-not-for-any-real-deployment")
os.environ.setdefault("PAT_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("PAT_SSL_REDIRECT", "0")

from pat.settings import *  # noqa: F403

# Fast hashing: the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once in tests, so their emails land in the outbox.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Whitenoise looks for collected files at start-up; the tests serve from the finders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The single sign-on tests run a real OpenID Connect provider (django-oauth-toolkit)
# on the live test server; its tables exist only in the test database.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405
# The shared cache is emptied before every test: it never needs culling here, and a page's
# query count must not depend on how many writes came before it (pat/core/cache.py).
if CACHES["default"]["BACKEND"] == "pat.core.cache.DatabaseCache":  # noqa: F405
    CACHES["default"]["OPTIONS"] = {**CACHES["default"]["OPTIONS"], "CULL_EVERY": 0}  # noqa: F405
