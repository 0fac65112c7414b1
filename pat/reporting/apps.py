from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "pat.reporting"
    label = "reporting"
    verbose_name = _("Progress reports")

    def ready(self) -> None:
        # A report's reviews are the reviews app's tasks; it tells this app each decision
        # (the report's history) and the outcome (returned, or endorsed and frozen).
        from pat.reporting import services
        from pat.reviews.signals import review_concluded, review_decided

        review_decided.connect(services.on_review_decided, dispatch_uid="reporting-decided")
        review_concluded.connect(services.on_review_concluded, dispatch_uid="reporting")
