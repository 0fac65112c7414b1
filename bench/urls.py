from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from pat.urls import urlpatterns as pat_urlpatterns

ROWS = [
    {
        "code": f"CT.{i:04d}",
        "title": f"Protecting migrant women and men, phase {i}",
        "office": "Country Office Nigeria",
        "status": "Active",
        "start": "2026-01-01",
        "budget": "1,000,000 USD",
    }
    for i in range(50)
]


@login_not_required
def baseline(request: HttpRequest) -> HttpResponse:
    """The ceiling: a bare Django view that renders a 50-row template, no database."""
    return render(request, "baseline.html", {"rows": ROWS})


urlpatterns = [path("bench/baseline", baseline), *pat_urlpatterns]
