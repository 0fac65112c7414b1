"""Template helpers of the gender network: figures, and focal point links for other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template

from pat.network.models import FocalPoint

register = template.Library()


@register.filter
def pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


@register.filter
def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


@register.filter
def signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key, 0) if mapping else 0


@register.filter
def register_label(name: str) -> str:
    """The verbose name of a register field, in the reader's language."""
    try:
        field = FocalPoint._meta.get_field(name)
    except LookupError:
        return name
    return str(getattr(field, "verbose_name", name))


@register.inclusion_tag("network/_focal_points.html")
def focal_points_of(office: Any) -> dict[str, Any]:
    """The office's current focal points, linked to its network page (used by other apps)."""
    people = (
        list(FocalPoint.objects.current().filter(office=office).select_related("person"))
        if office is not None
        else []
    )
    return {"office": office, "focal_points": people}
