from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarkersConfig(AppConfig):
    name = "pat.markers"
    label = "markers"
    verbose_name = _("Gender markers")
