"""The ceiling for any PAT page on this machine: a bare Django app rendering a 50-row table.

The same app as ../shared/bench/ceiling.py (pages.sh); bench/serving.py runs it under
gunicorn with one worker per core beside PAT, in the same run. By hand:
  .venv/bin/gunicorn -w "$(nproc)" -b 127.0.0.1:8765 --chdir bench ceiling:application
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["*"],
    SECRET_KEY="ceiling-only",  # noqa: S106 - a throwaway app that keeps no state
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "page.html": "<html><body><table>{% for r in rows %}"
                            "<tr><td>{{ r.0 }}</td><td>{{ r.1 }}</td></tr>"
                            "{% endfor %}</table></body></html>"
                        },
                    )
                ]
            },
        }
    ],
)
import django  # noqa: E402

django.setup()
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

rows = [(i, f"Project {i}") for i in range(50)]


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "page.html", {"rows": rows})


urlpatterns = [path("page", page)]
application = get_wsgi_application()
