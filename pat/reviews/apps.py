from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "pat.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from pat.core.models import Revision
        from pat.reviews.models import ReviewTask

        # The inbox is cached under this revision: every task opened, taken, assigned or
        # decided moves it (saves, and the tasks' own lock claims).
        Revision.follow(REVIEWS_REVISION, ReviewTask)


REVIEWS_REVISION = "reviews"
