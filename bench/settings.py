"""Production settings for the benches that build their data in-process (plain HTTP, static
files from the app folders). The ceiling every bench compares with is bench/ceiling.py."""

import os

os.environ.setdefault("PAT_SECRET_KEY", "bench-only-secret-not-for-any-real-deployment")
os.environ.setdefault("PAT_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("PAT_SSL_REDIRECT", "0")

from pat.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Static files come from the app folders (no collectstatic for a benchmark).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
