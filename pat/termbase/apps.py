from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermbaseConfig(AppConfig):
    name = "pat.termbase"
    label = "termbase"
    verbose_name = _("Gender-sensitive terminology")
