from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "pat.revisions"
    label = "revisions"
    verbose_name = _("Revisions and extensions")

    def ready(self) -> None:
        # The review workflow says when a revision's reviews end; this app applies it.
        from pat.reviews.signals import review_concluded
        from pat.revisions import services

        review_concluded.connect(services.on_review_concluded, dispatch_uid="revisions")
