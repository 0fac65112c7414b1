"""`{% load guide %}` then `{% guide_url "rationale" %}` or `{{ key|guide_url }}`.

For other apps: link any proposal section key or terminology rule's `guide` key to its
guidance. Unknown keys still give a working link; the guide resolves them (alias, nearest
page, or the index with a notice).
"""

from __future__ import annotations

from django import template

from pat.guide.links import guidance_url as _guidance_url
from pat.guide.links import guide_url as _guide_url

register = template.Library()


@register.simple_tag(name="guide_url")
def guide_url_tag(key: str) -> str:
    return _guide_url(key)


@register.simple_tag(name="guidance_url")
def guidance_url_tag(key: str) -> str:
    return _guidance_url(key)


register.filter("guide_url", _guide_url)
