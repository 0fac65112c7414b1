"""Links into the guide, for other apps: `guide_url(key)` and `guidance_url(key)`.

    from pat.guide.links import guide_url
    guide_url("rationale")                  # "/guide/rationale/"
    guide_url("gender-sensitive-language")  # where terminology findings point

`guidance_url` is the body-only fragment for an htmx panel beside a proposal section:
    <div hx-get="{% guidance_url 'rationale' %}" hx-trigger="revealed"></div>
"""

from __future__ import annotations

from django.urls import reverse

from pat.guide.keys import ALIASES, normalise


def _key(key: str) -> str:
    normal = normalise(key) or "index"
    return ALIASES.get(normal, normal)


def guide_url(key: str) -> str:
    if not key:
        return reverse("guide:index")
    return reverse("guide:page", args=[_key(key)])


def guidance_url(key: str) -> str:
    return reverse("guide:guidance", args=[_key(key)])
