"""The public board, its pages, feeds and API: no sign-in, only published notices.

Feeds are read back with real parsers (Atom and RSS as XML, JSON Feed as JSON) and the
notice page's JSON-LD is parsed and checked for the properties a JobPosting requires.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from defusedxml import ElementTree
from django.test import Client
from lxml import html

from pat.recruitment import services
from pat.recruitment.models import ChannelVisit
from tests.recruitment.conftest import MASCULINE, draft, published

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def board(country_office: Any, other_office: Any, hr_officer: Any) -> dict[str, Any]:
    """One notice in each state; three of them published, in three languages."""
    from pat.staffing.models import Level

    live = published(country_office, hr_officer)
    french = published(
        other_office,
        hr_officer,
        reference="VN 2026/042",
        title="Chargée de programme",
        language="fr",
        duty_station="Lima",
        grade=Level.objects.get(code="NO-B"),
        text="Coordonner les formations avec les partenaires <script>alert(1)</script>.",
    )
    masculine = published(
        country_office, hr_officer, reference="VN 2026/043", title="Head of Unit", text=MASCULINE
    )
    closed = published(country_office, hr_officer, reference="VN 2026/044", title="Closed one")
    services.vacancy_move(vacancy=closed, by=hr_officer, to="closed", expected_version=2)
    drafted = draft(country_office, hr_officer, reference="VN 2026/045", title="Draft one")
    cancelled = draft(country_office, hr_officer, reference="VN 2026/046", title="Cancelled one")
    services.vacancy_move(vacancy=cancelled, by=hr_officer, to="cancelled", expected_version=1)
    return {
        "live": live,
        "french": french,
        "masculine": masculine,
        "hidden": [closed, drafted, cancelled],
    }


def test_the_board_lists_only_published_notices_to_anonymous_visitors(
    client: Client, board: dict[str, Any]
) -> None:
    response = client.get("/vacancies/")
    assert response.status_code == 200
    body = response.content.decode()
    for vacancy in (board["live"], board["french"], board["masculine"]):
        assert vacancy.title in body
    for vacancy in board["hidden"]:
        assert vacancy.title not in body
        assert client.get(f"/vacancies/{vacancy.slug}/").status_code == 404
    assert "htmx" not in body  # a light page: no script at all


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("office=co-pe", {"VN 2026/042"}),
        ("office=co-ng", {"VN 2026/041", "VN 2026/043"}),
        ("grade=NO-B", {"VN 2026/042"}),
        ("category=P", {"VN 2026/041", "VN 2026/043"}),
        ("category=NO", {"VN 2026/042"}),
        ("duty_station=lim", {"VN 2026/042"}),
        ("language=fr", {"VN 2026/042"}),
        ("language=en&office=co-ng", {"VN 2026/041", "VN 2026/043"}),
        ("office=nowhere", {"VN 2026/041", "VN 2026/042", "VN 2026/043"}),
        ("language=xx", {"VN 2026/041", "VN 2026/042", "VN 2026/043"}),
    ],
)
def test_the_board_filters(
    client: Client, board: dict[str, Any], query: str, shown: set[str]
) -> None:
    page = html.fromstring(client.get(f"/vacancies/?{query}").content)
    listed = {
        " ".join(s.text_content().split()).split(" · ")[0]
        for s in page.xpath("//ul[@class='board-list']/li/span[@class='muted']")
    }
    assert listed == shown


def test_a_notice_page_carries_job_posting_json_ld(client: Client, board: dict[str, Any]) -> None:
    vacancy = board["live"]
    response = client.get(f"/vacancies/{vacancy.slug}/")
    assert response.status_code == 200
    page = html.fromstring(response.content)
    (block,) = page.xpath('//script[@type="application/ld+json"]')
    data = json.loads(block.text)
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    for required in ("title", "description", "datePosted", "hiringOrganization", "jobLocation"):
        assert data[required], required
    assert data["title"] == "Programme Officer"
    assert data["validThrough"].startswith("2026-12-31")
    assert data["identifier"]["value"] == "VN 2026/041"
    assert data["jobLocation"]["address"]["addressCountry"] == "NG"
    assert data["jobLocation"]["address"]["addressLocality"] == "Abuja"
    assert data["hiringOrganization"]["name"]
    # the only script on the page is the data block, which the CSP does not have to allow
    assert page.xpath("//script[not(@type='application/ld+json')]") == []
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert (
        page.xpath("//section[contains(@class,'how-to-apply')]//a[@class='apply']")[0].get("href")
        == vacancy.apply_url
    )


def test_json_ld_cannot_be_closed_by_the_notice_text(client: Client, board: dict[str, Any]) -> None:
    body = client.get(f"/vacancies/{board['french'].slug}/").content.decode()
    assert "<script>alert(1)" not in body  # neither in the JSON-LD nor in the rendered text
    page = html.fromstring(body)
    (block,) = page.xpath('//script[@type="application/ld+json"]')
    assert json.loads(block.text)["inLanguage"] == "fr"


def test_the_atom_feed_parses_and_holds_the_published_notices(
    client: Client, board: dict[str, Any]
) -> None:
    response = client.get("/vacancies/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    assert len(entries) == 3
    assert any("VN 2026/041 Programme Officer" in t for t in titles)
    assert not any("Closed one" in t or "Draft one" in t for t in titles)
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/vacancies/vn-2026-")


def test_the_rss_feed_parses_and_holds_the_published_notices(
    client: Client, board: dict[str, Any]
) -> None:
    response = client.get("/vacancies/feed.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss"
    items = root.findall("channel/item")
    assert len(items) == 3
    assert {i.findtext("guid") for i in items} == {
        f"http://testserver/vacancies/{board[k].slug}/" for k in ("live", "french", "masculine")
    }


def test_the_json_feed_is_json_feed_1_1(client: Client, board: dict[str, Any]) -> None:
    response = client.get("/vacancies/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"].endswith("/vacancies/")
    assert len(feed["items"]) == 3
    for item in feed["items"]:
        assert item["id"] and item["url"] and item["content_html"] and item["date_published"]
    french = next(i for i in feed["items"] if "VN 2026/042" in i["title"])
    assert french["language"] == "fr"
    assert "<script>" not in french["content_html"]


def test_feeds_and_board_speak_the_visitors_language(client: Client, board: dict[str, Any]) -> None:
    client.cookies["django_language"] = "fr"
    page = html.fromstring(client.get("/vacancies/").content)
    assert page.get("lang") == "fr"
    assert page.xpath("//h1")[0].text_content() == "Offres d'emploi"
    feed = json.loads(client.get("/vacancies/feed.json").content)
    assert feed["language"] == "fr"
    client.cookies["django_language"] = "es"
    page = html.fromstring(client.get(f"/vacancies/{board['live'].slug}/").content)
    assert (
        page.xpath("//section[contains(@class,'how-to-apply')]/h2")[0].text_content()
        == "Cómo postular"
    )


def test_a_tracked_link_counts_the_visit_and_lands_on_the_notice(
    client: Client, board: dict[str, Any], channel: Any
) -> None:
    vacancy = board["live"]
    response = client.get(f"/vacancies/{vacancy.slug}/?via=women-network")
    assert response.status_code == 302
    assert response["Location"] == f"/vacancies/{vacancy.slug}/"
    client.get(f"/vacancies/{vacancy.slug}/?via=women-network")
    client.get(f"/vacancies/{vacancy.slug}/?via=unknown")  # still lands, counts nothing
    client.get(f"/vacancies/{vacancy.slug}/")
    assert ChannelVisit.objects.get(vacancy=vacancy, channel=channel).count == 2
    assert ChannelVisit.objects.count() == 1
    closed = board["hidden"][0]
    assert client.get(f"/vacancies/{closed.slug}/?via=women-network").status_code == 404


def test_the_staff_page_shows_each_channels_tracked_link_and_count(
    client: Client, board: dict[str, Any], channel: Any, hr_officer: Any
) -> None:
    vacancy = board["live"]
    client.get(f"/vacancies/{vacancy.slug}/?via=women-network")
    client.force_login(hr_officer)
    page = html.fromstring(client.get(f"/recruitment/{vacancy.pk}/").content)
    row = next(r for r in page.xpath("//table//tr") if "Women in Migration" in r.text_content())
    assert row.xpath(".//code")[0].text == (
        f"http://testserver/vacancies/{vacancy.slug}/?via=women-network"
    )
    assert row.xpath("./td[@class='num']")[0].text == "1"


def test_the_api_lists_published_notices_without_sign_in(
    client: Client, board: dict[str, Any]
) -> None:
    response = client.get("/api/v1/vacancies")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert [i["reference"] for i in data["items"]] == ["VN 2026/041", "VN 2026/042", "VN 2026/043"]
    first = data["items"][0]
    assert (first["grade"], first["office"], first["category"]) == ("P-3", "co-ng", "P")
    assert first["url"] == "http://testserver/vacancies/vn-2026-041/"
    assert client.get("/api/v1/vacancies?language=fr").json()["count"] == 1
    assert client.get("/api/v1/vacancies?office=co-pe&limit=1").json()["items"][0]["title"] == (
        "Chargée de programme"
    )
    assert client.get("/api/v1/vacancies?limit=0").status_code == 422
    assert client.get("/api/v1/vacancies?category=XX").status_code == 422


def test_the_api_schema_lists_the_public_vacancies(client: Client, administrator: Any) -> None:
    client.force_login(administrator)
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/vacancies"]["get"]
    assert "security" not in operation or operation["security"] == [{}] or not operation["security"]
    assert "200" in operation["responses"]


def test_a_long_board_comes_in_pages_that_keep_the_filters(
    client: Client, country_office: Any, hr_officer: Any
) -> None:
    for n in range(53):
        published(country_office, hr_officer, reference=f"VN 2026/{n:03d}", title=f"Post {n}")
    page = html.fromstring(client.get("/vacancies/?language=en").content)
    assert "53 open vacancies" in page.xpath("//p[@class='count']")[0].text_content()
    assert len(page.xpath("//ul[@class='board-list']/li")) == 50
    (following,) = page.xpath("//nav[@class='pager']/a[@rel='next']")
    assert following.get("href") == "?language=en&page=2"
    second = html.fromstring(client.get("/vacancies/?language=en&page=2").content)
    assert len(second.xpath("//ul[@class='board-list']/li")) == 3


def test_the_cached_board_and_feeds_change_with_the_next_write(
    client: Client, country_office: Any, hr_officer: Any
) -> None:
    vacancy = published(country_office, hr_officer)
    assert "Programme Officer" in client.get("/vacancies/").content.decode()
    assert len(json.loads(client.get("/vacancies/feed.json").content)["items"]) == 1
    services.vacancy_move(vacancy=vacancy, by=hr_officer, to="closed", expected_version=2)
    assert "Programme Officer" not in client.get("/vacancies/").content.decode()
    assert json.loads(client.get("/vacancies/feed.json").content)["items"] == []
