"""Writing notices: the wording check on every save, the publish-with-reason rule, the
state moves, optimistic locking, history, and the per-channel visit counter."""

from __future__ import annotations

from typing import Any

import pytest

from pat.core.locking import EditConflict
from pat.recruitment import services
from pat.recruitment.models import ChannelVisit, State, Vacancy, VacancyEvent
from tests.recruitment.conftest import MASCULINE, NEUTRAL, draft, notice_fields, published

pytestmark = pytest.mark.django_db


def test_a_new_draft_stores_its_wording_check_and_category_from_the_grade(
    country_office: Any, developer: Any
) -> None:
    vacancy = draft(country_office, developer, text=MASCULINE)
    assert vacancy.state == State.DRAFT
    assert vacancy.category == "P"
    assert vacancy.slug == "vn-2026-041"
    assert vacancy.wording_masculine == 5
    assert vacancy.wording_score == -5
    assert vacancy.wording_verdict == "strongly masculine-coded"
    event = vacancy.events.get()
    assert (event.action, event.to_state, event.by) == ("created", "draft", developer)


def test_every_save_checks_the_wording_again(country_office: Any, developer: Any) -> None:
    vacancy = draft(country_office, developer, text=MASCULINE)
    services.vacancy_update(
        vacancy=vacancy,
        by=developer,
        expected_version=vacancy.version,
        fields=notice_fields(country_office, text=NEUTRAL),
    )
    vacancy.refresh_from_db()
    assert vacancy.wording_masculine == 0
    assert vacancy.wording_verdict in ("neutral", "feminine-coded")
    assert vacancy.version == 2
    edited = vacancy.events.filter(action="edited").get()
    assert edited.fields == ["text"]


def test_publishing_with_masculine_coded_words_needs_a_reason(
    country_office: Any, hr_officer: Any
) -> None:
    vacancy = draft(country_office, hr_officer, text=MASCULINE)
    with pytest.raises(services.Refused, match="masculine-coded"):
        services.vacancy_move(
            vacancy=vacancy, by=hr_officer, to="published", expected_version=1, reason="  "
        )
    vacancy.refresh_from_db()
    assert (vacancy.state, vacancy.version, vacancy.published_at) == ("draft", 1, None)

    services.vacancy_move(
        vacancy=vacancy,
        by=hr_officer,
        to="published",
        expected_version=1,
        reason="The unit's approved job description.",
    )
    vacancy.refresh_from_db()
    assert vacancy.state == "published"
    assert vacancy.published_at is not None
    assert vacancy.publish_reason == "The unit's approved job description."
    moved = vacancy.events.get(action="moved")
    assert (moved.from_state, moved.to_state, moved.note, moved.wording_masculine) == (
        "draft",
        "published",
        "The unit's approved job description.",
        5,
    )


def test_a_notice_without_masculine_coded_words_publishes_without_a_reason(
    country_office: Any, hr_officer: Any
) -> None:
    vacancy = published(country_office, hr_officer)
    assert vacancy.state == "published"
    assert vacancy.publish_reason == ""


def test_editing_a_published_notice_back_into_masculine_wording_needs_the_reason(
    country_office: Any, hr_officer: Any
) -> None:
    vacancy = published(country_office, hr_officer)
    with pytest.raises(services.Refused):
        services.vacancy_update(
            vacancy=vacancy,
            by=hr_officer,
            expected_version=vacancy.version,
            fields=notice_fields(country_office, text=MASCULINE),
        )
    vacancy.refresh_from_db()
    assert vacancy.text == NEUTRAL
    services.vacancy_update(
        vacancy=vacancy,
        by=hr_officer,
        expected_version=vacancy.version,
        fields=notice_fields(country_office, text=MASCULINE),
        reason="Quoted from the donor's terms.",
    )
    vacancy.refresh_from_db()
    assert vacancy.wording_masculine == 5
    assert vacancy.publish_reason == "Quoted from the donor's terms."


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["closed"], "closed"),
        (["published", "filled"], "filled"),
        (["cancelled", "published"], "published"),
        (["published", "closed", "filled", "cancelled"], "cancelled"),
    ],
)
def test_moves_off_the_table_are_refused_and_write_nothing(
    country_office: Any, hr_officer: Any, path: list[str], refused: str
) -> None:
    vacancy = draft(country_office, hr_officer)
    *allowed, last = path
    for step in allowed:
        services.vacancy_move(
            vacancy=vacancy, by=hr_officer, to=step, expected_version=vacancy.version
        )
    before = (vacancy.state, vacancy.version, vacancy.events.count())
    with pytest.raises(services.Refused):
        services.vacancy_move(
            vacancy=vacancy, by=hr_officer, to=last, expected_version=vacancy.version
        )
    vacancy.refresh_from_db()
    assert (vacancy.state, vacancy.version, vacancy.events.count()) == before
    assert refused == last


def test_a_stale_edit_or_move_writes_nothing(country_office: Any, hr_officer: Any) -> None:
    vacancy = draft(country_office, hr_officer)
    services.vacancy_update(
        vacancy=vacancy,
        by=hr_officer,
        expected_version=1,
        fields=notice_fields(country_office, title="Programme Officer (M&E)"),
    )
    stale = Vacancy.objects.get(pk=vacancy.pk)
    with pytest.raises(EditConflict):
        services.vacancy_update(
            vacancy=stale,
            by=hr_officer,
            expected_version=1,
            fields=notice_fields(country_office, title="Someone else's title"),
        )
    with pytest.raises(EditConflict):
        services.vacancy_move(vacancy=stale, by=hr_officer, to="published", expected_version=1)
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.state, vacancy.version) == (
        "Programme Officer (M&E)",
        "draft",
        2,
    )
    assert VacancyEvent.objects.filter(vacancy=vacancy).count() == 2


def test_a_new_reference_moves_the_public_address(country_office: Any, hr_officer: Any) -> None:
    vacancy = draft(country_office, hr_officer)
    services.vacancy_update(
        vacancy=vacancy,
        by=hr_officer,
        expected_version=1,
        fields=notice_fields(country_office, reference="VN 2026/099"),
    )
    assert Vacancy.objects.get(pk=vacancy.pk).slug == "vn-2026-099"


def test_filled_and_cancelled_notices_cannot_be_edited(
    country_office: Any, hr_officer: Any
) -> None:
    vacancy = draft(country_office, hr_officer)
    services.vacancy_move(vacancy=vacancy, by=hr_officer, to="cancelled", expected_version=1)
    with pytest.raises(services.Refused):
        services.vacancy_update(
            vacancy=vacancy,
            by=hr_officer,
            expected_version=vacancy.version,
            fields=notice_fields(country_office, title="Changed"),
        )


def test_visits_through_a_channel_are_one_counter_per_notice_and_channel(
    country_office: Any, hr_officer: Any, channel: Any
) -> None:
    vacancy = published(country_office, hr_officer)
    for _ in range(3):
        assert services.record_visit(vacancy=vacancy, channel_slug="women-network")
    assert not services.record_visit(vacancy=vacancy, channel_slug="no-such-channel")
    row = ChannelVisit.objects.get()
    assert (row.vacancy, row.channel, row.count) == (vacancy, channel, 3)
    assert row.last_at is not None


def test_drafts_and_inactive_channels_count_no_visits(
    country_office: Any, hr_officer: Any, channel: Any
) -> None:
    vacancy = draft(country_office, hr_officer)
    assert not services.record_visit(vacancy=vacancy, channel_slug="women-network")
    live = published(country_office, hr_officer, reference="VN 2026/050")
    channel.active = False
    channel.save()
    assert not services.record_visit(vacancy=live, channel_slug="women-network")
    assert ChannelVisit.objects.count() == 0
