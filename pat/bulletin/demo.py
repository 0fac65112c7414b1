"""Demo bulletin: the year's issues in English with French and Spanish translations, one in
review with the coordinator, test subscribers, and the latest published issue sent to them
through the task worker (once each).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pat.bulletin import services
from pat.bulletin.models import Issue, Subscriber, SubscriberState
from pat.core.models import User

ISSUES = {
    1: {
        "en": (
            "Women on the move",
            "News from the field on **gender and migration**.",
            [
                (
                    "Shelters for survivors of trafficking",
                    "Three country offices opened shelters with partners this quarter.\n\n"
                    "- counselling in four languages\n- legal aid\n- safe return when chosen",
                ),
                (
                    "The pilot fund's first projects",
                    "Eight gender-focused projects are funded from *Discretionary Income*.",
                ),
            ],
        ),
        "fr": (
            "Les femmes en mouvement",
            "Nouvelles du terrain sur **le genre et la migration**.",
            [
                (
                    "Des foyers pour les victimes de la traite",
                    "Trois bureaux de pays ont ouvert des foyers avec leurs partenaires ce "
                    "trimestre.",
                ),
                (
                    "Les premiers projets du fonds pilote",
                    "Huit projets axés sur le genre sont financés sur le *revenu discrétionnaire*.",
                ),
            ],
        ),
        "es": (
            "Mujeres en movimiento",
            "Noticias del terreno sobre **género y migración**.",
            [
                (
                    "Albergues para sobrevivientes de la trata",
                    "Tres oficinas de país abrieron albergues con sus socios este trimestre.",
                )
            ],
        ),
    },
    2: {
        "en": (
            "Counting everyone",
            "Why sex-disaggregated data matter in every project.",
            [
                (
                    "Over 300 project developers trained",
                    "The training on project development with gender reached its target.",
                ),
                (
                    "Informal consultations with Member States",
                    "Seventeen governments were invited and eleven took part.",
                ),
            ],
        ),
        "fr": (
            "Compter tout le monde",
            "Pourquoi les données ventilées par sexe comptent dans chaque projet.",
            [
                (
                    "Plus de 300 personnes formées à l'élaboration de projets",
                    "La formation a atteint son objectif.",
                )
            ],
        ),
    },
    3: {
        "en": (
            "Gender focal points in every office",
            "The network grows.",
            [("A focal point in every region", "Every regional office now has one.")],
        ),
    },
}
SUBSCRIBERS = [
    ("reader.en@example.org", "en", SubscriberState.CONFIRMED),
    ("mission.geneva@example.org", "en", SubscriberState.CONFIRMED),
    ("lectrice.fr@example.org", "fr", SubscriberState.CONFIRMED),
    ("mission.dakar@example.org", "fr", SubscriberState.CONFIRMED),
    ("lectora.es@example.org", "es", SubscriberState.CONFIRMED),
    ("mision.lima@example.org", "es", SubscriberState.CONFIRMED),
    ("not.yet@example.org", "en", SubscriberState.PENDING),
    ("left@example.org", "fr", SubscriberState.UNSUBSCRIBED),
]


def build_bulletin(*, year: int | None = None) -> int:
    """Create the demo issues and subscribers once; the number of issues (0 if present)."""
    coordinator = User.objects.filter(username="coordinator").first()
    writer = User.objects.filter(username="gfp").first() or coordinator
    if Issue.objects.exists() or coordinator is None:
        return 0
    year = year or dt.date.today().year
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            Subscriber(
                email=email,
                language=language,
                state=state,
                confirmed_at=now if state != SubscriberState.PENDING else None,
                unsubscribed_at=now if state == SubscriberState.UNSUBSCRIBED else None,
            )
            for email, language, state in SUBSCRIBERS
        )
        last_published = None
        for quarter, editions in ISSUES.items():
            title = editions["en"][0]
            issue = services.issue_create(year=year, quarter=quarter, title=title, actor=writer)
            for language, (title, summary, articles) in editions.items():
                edition = services.edition_save(
                    issue=issue,
                    language=language,
                    title=title,
                    summary=summary,
                    actor=writer,
                    version=issue.editions.filter(language=language)
                    .values_list("version", flat=True)
                    .first(),
                )
                for position, (heading, body) in enumerate(articles, start=1):
                    services.article_save(
                        edition=edition,
                        article=None,
                        title=heading,
                        body=body,
                        position=position,
                        image=None,
                    )
            issue.refresh_from_db()
            services.issue_submit(issue=issue, actor=writer, version=issue.version)
            if quarter < 3:  # the third waits for the coordinator's review
                services.issue_publish(issue=issue, actor=coordinator, version=issue.version)
                last_published = issue
        if last_published is not None:
            # Queued for the task worker (`pat db_worker`), which mails each subscriber once.
            services.issue_send(issue=last_published, actor=coordinator)
    return len(ISSUES)
