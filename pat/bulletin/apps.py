from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinConfig(AppConfig):
    name = "pat.bulletin"
    label = "bulletin"
    verbose_name = _("Gender and Migration News Bulletin")
