"""What PAT keeps of an IATI activity beyond the project it became."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.projects.models import Project


class Activity(models.Model):
    """The IATI identity of a project, and what an import could not place in it.

    `kept` holds what the project has no field for, as it was published, so the next
    export carries it again: policy markers (the DAC marker, the publisher's own
    vocabulary-99 codes), sectors of unknown codes or vocabularies, narratives in other
    languages; and, for the record only, elements with no place in a project.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="iati")
    identifier = models.CharField(_("IATI identifier"), max_length=200, unique=True)
    kept = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("IATI activity")
        verbose_name_plural = _("IATI activities")

    def __str__(self) -> str:
        return self.identifier
