"""Country lists read by name in the reader's language, and the region filter narrows them."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.test import Client

from pat.core.models import name_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Zimbabwe", "Égypte", "Espagne"], ["Égypte", "Espagne", "Zimbabwe"]),
        (["Perú", "Panamá", "Omán"], ["Omán", "Panamá", "Perú"]),
        (["Bélgica", "austria", "Alemania"], ["Alemania", "austria", "Bélgica"]),
    ],
)
def test_names_sort_without_regard_to_accents_or_case(
    names: list[str], expected: list[str]
) -> None:
    assert sorted(names, key=name_key) == expected


def options(html: str, name: str) -> list[str]:
    select = lxml.html.fromstring(html).xpath(f"//select[@name='{name}']")[0]
    return [o.text_content() for o in select.iter("option") if o.get("value")]


def client_in(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("url", ["/projects/{code}/edit/", "/proposals/{code}/cover/"])
def test_the_countries_of_a_project_read_by_french_name(
    developer: Any, project: Any, url: str
) -> None:
    page = client_in(developer, "fr").get(url.format(code=project.code)).content.decode()
    names = options(page, "countries")
    assert names == sorted(names, key=name_key)
    # Égypte (EG) among the E, not after Zimbabwe; Allemagne (DE) among the A.
    assert names.index("Égypte") < names.index("Estonie") < names.index("Zimbabwe")
    assert names.index("Allemagne") < names.index("Belgique")


def test_the_list_filter_narrows_countries_to_the_region(developer: Any) -> None:
    client = client_in(developer, "es")
    everywhere = options(client.get("/projects/").content.decode(), "country")
    assert "Perú" in everywhere and "Nigeria" in everywhere
    assert everywhere == sorted(everywhere, key=name_key)
    south_america = options(client.get("/projects/?region=SA").content.decode(), "country")
    assert "Perú" in south_america and "Nigeria" not in south_america
    assert len(south_america) < len(everywhere) / 5
