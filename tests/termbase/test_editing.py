"""Editing entries: history, optimistic locking, disable/enable, restore, translations."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from pat.termbase import services
from pat.termbase.models import TermChange, TermEntry
from tests.termbase.conftest import client_for
from tests.termbase.helpers import entry_form_data

pytestmark = pytest.mark.django_db


def test_a_focal_point_adds_an_entry_and_it_gets_an_id_and_a_history(focal_point: Any) -> None:
    client = client_for(focal_point)
    response = client.post(reverse("termbase:create"), entry_form_data())
    entry = TermEntry.objects.get(rule_id="en.firemanship")
    assert response["Location"] == entry.get_absolute_url()
    assert entry.suggestions == ["firefighting"]
    change = entry.changes.get()
    assert change.action == TermChange.Action.CREATED
    assert change.actor == focal_point


def test_bad_input_gets_a_field_message_and_changes_nothing(focal_point: Any) -> None:
    client = client_for(focal_point)
    before = TermEntry.objects.count()
    # French entries must list the forms to match.
    response = client.post(
        reverse("termbase:create"),
        entry_form_data(lang="fr", lemma="chef de la brigade", rule_id=""),
    )
    assert response.status_code == 400
    assert "forms_sg" in response.context["form"].errors
    taken = client.post(reverse("termbase:create"), entry_form_data(rule_id="en.chairman"))
    assert "rule_id" in taken.context["form"].errors
    assert TermEntry.objects.count() == before


def test_two_editors_on_the_same_version_get_a_conflict_not_a_lost_edit(
    focal_point: Any, administrator: Any
) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    first = client_for(focal_point).post(
        reverse("termbase:edit", args=[entry.pk]),
        entry_form_data(entry, explanation="First reason."),
    )
    assert first.status_code == 302
    second = client_for(administrator).post(
        reverse("termbase:edit", args=[entry.pk]),
        entry_form_data(entry, explanation="Second reason."),
    )
    assert second.status_code == 409
    assert "changed by someone else" in second.content.decode()
    entry.refresh_from_db()
    assert entry.explanation == "First reason."
    assert entry.version == 2


def test_the_entry_page_shows_who_changed_what_from_old_to_new(focal_point: Any) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_update(
        entry=entry, actor=focal_point, expected_version=1, fields={"severity": "high"}
    )
    page = client_for(focal_point).get(reverse("termbase:detail", args=[entry.pk]))
    html = page.content.decode()
    assert "gfp" in html
    assert "<del>medium</del> → <ins>high</ins>" in html


def test_restoring_brings_back_an_earlier_state_as_a_new_change(focal_point: Any) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    original = entry.explanation
    entry = services.entry_update(
        entry=entry, actor=focal_point, expected_version=1, fields={"explanation": "Changed."}
    )
    first = entry.changes.get(version=1)
    client = client_for(focal_point)
    response = client.post(
        reverse("termbase:restore", args=[entry.pk, first.pk]), {"version": entry.version}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.explanation == original
    assert entry.version == 3
    latest = entry.changes.first()
    assert latest is not None
    assert latest.action == TermChange.Action.RESTORED
    assert latest.changes["explanation"] == ["Changed.", original]


def test_disabling_and_enabling_are_recorded(focal_point: Any) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    client = client_for(focal_point)
    client.post(reverse("termbase:toggle", args=[entry.pk]), {"version": 1})
    entry.refresh_from_db()
    assert not entry.enabled
    stale = client.post(reverse("termbase:toggle", args=[entry.pk]), {"version": 1})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.content.decode()
    entry.refresh_from_db()
    assert not entry.enabled  # the stale click changed nothing
    client.post(reverse("termbase:toggle", args=[entry.pk]), {"version": entry.version})
    entry.refresh_from_db()
    assert entry.enabled
    actions = list(entry.changes.values_list("action", flat=True))
    assert actions[:2] == ["enabled", "disabled"]


def test_a_translation_is_linked_to_its_counterpart(focal_point: Any) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    client = client_for(focal_point)
    form = client.get(reverse("termbase:create"), {"from": entry.pk, "lang": "fr"})
    assert form.context["form"].initial["lang"] == "fr"
    response = client.post(
        reverse("termbase:create"),
        entry_form_data(
            lang="fr",
            lemma="homme de barre",
            forms_sg="homme de barre",
            suggestions="personne à la barre",
            translation_of=entry.pk,
        ),
    )
    assert response.status_code == 302
    french = TermEntry.objects.get(rule_id="fr.homme-de-barre")
    assert list(entry.counterparts.all()) == [french]
    assert list(french.counterparts.all()) == [entry]
    detail = client.get(reverse("termbase:detail", args=[entry.pk])).content.decode()
    assert "fr.homme-de-barre" in detail


def test_an_existing_entry_can_be_linked_and_unlinked(focal_point: Any) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    spanish = TermEntry.objects.filter(lang="es").first()
    assert spanish is not None
    client = client_for(focal_point)
    client.post(reverse("termbase:link", args=[entry.pk]), {"rule_id": spanish.rule_id})
    assert list(entry.counterparts.all()) == [spanish]
    same_lang = client.post(reverse("termbase:link", args=[entry.pk]), {"rule_id": "en.manpower"})
    assert same_lang.status_code == 302
    assert entry.counterparts.count() == 1
    client.post(reverse("termbase:unlink", args=[entry.pk, spanish.pk]))
    assert entry.counterparts.count() == 0


def test_the_list_filters_by_language_category_and_text(developer: Any) -> None:
    client = client_for(developer)
    page = client.get(reverse("termbase:list"), {"lang": "en", "category": "man-compound"})
    names = [t.rule_id for t in page.context["page"].object_list]
    assert "en.manpower" in names
    assert all(t.lang == "en" and t.category == "man-compound" for t in page.context["page"])
    found = client.get(reverse("termbase:list"), {"q": "workforce"})
    assert "en.manpower" in [t.rule_id for t in found.context["page"].object_list]
    partial = client.get(reverse("termbase:list"), {"q": "chair"}, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content
    assert b"chairman" in partial.content
