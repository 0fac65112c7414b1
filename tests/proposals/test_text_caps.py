"""Bounded text: every narrative field has a cap (a generous multiple of its word limit), and
a text past it is refused with a message, saving nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from pat.projects.models import NARRATIVE_MAX_CHARS, Project
from pat.proposals import services
from pat.proposals.models import ProposalSection
from pat.proposals.sections import SECTIONS, max_chars


@pytest.mark.parametrize(
    ("key", "cap"),
    [("summary", 350 * 80), ("rationale", 600 * 80), ("cc-gender", 150 * 80)],
)
def test_a_section_s_cap_is_ten_times_its_word_limit_at_eight_characters_a_word(key, cap):
    assert max_chars(key) == cap


def test_every_section_has_a_cap_above_its_word_limit_and_within_the_column():
    for key, section in SECTIONS.items():
        assert (section.limit or 0) * 8 < max_chars(key) <= NARRATIVE_MAX_CHARS


@pytest.mark.django_db
def test_a_section_past_its_cap_is_refused_and_nothing_is_saved(developer: Any, project: Any):
    too_long = "word " * (max_chars("evaluation") // 5 + 1)
    with pytest.raises(ValidationError, match="at most"):
        services.section_save(
            project=project, key="evaluation", text=too_long, expected_version=1, actor=developer
        )
    assert not ProposalSection.objects.filter(project=project, key="evaluation").exists()


@pytest.mark.django_db
def test_a_six_megabyte_summary_is_refused_by_the_builder(developer: Any, project: Any):
    client = Client()
    client.force_login(developer)
    response = client.post(
        f"/proposals/{project.code}/sections/summary/",
        {"text": "x" * 6_000_000, "version": 1, "base": ""},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "at most" in str(response.json()["errors"])
    assert Project.objects.get(pk=project.pk).summary == project.summary


@pytest.mark.parametrize("field", ["summary", "rationale", "objective"])
def test_the_project_form_holds_narratives_to_the_cap(field: str):
    form_field = Project._meta.get_field(field).formfield()
    assert form_field.max_length == NARRATIVE_MAX_CHARS
    with pytest.raises(ValidationError):
        form_field.clean("x" * (NARRATIVE_MAX_CHARS + 1))
