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
    normal = normalise(key)
    return ALIASES.get(normal, normal)


def guide_url(key: str) -> str:
    """The guide page for a key (the index when the key is empty)."""
    target = _key(key or "")
    return reverse("guide:page", args=[target]) if target else reverse("guide:index")


def guidance_url(key: str) -> str:
    target = _key(key or "") or "index"
    return reverse("guide:guidance", args=[target])
